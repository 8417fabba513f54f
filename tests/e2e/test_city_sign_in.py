"""Sign-in with the city's account in a real browser, through the OpenID provider the tests
start, and the data-rights and audit pages it leads to, each checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.organisations.models import Role, UnitType, User
from innovera.organisations.services import membership_grant
from innovera.organisations.tests.factories import PASSWORD, make_unit, make_user
from tests.e2e.conftest import assert_accessible
from tests.oidc_provider.fixture import ProviderUnderTest, city_sign_in, oidc_provider

pytestmark = pytest.mark.browser

__all__ = ["city_sign_in", "oidc_provider"]


def test_an_employee_signs_in_with_the_city_account_and_out_again(
    page: Any, live_server: Any, city_sign_in: ProviderUnderTest
) -> None:
    unit = make_unit(name="Kulturförvaltningen", code="KUL-1", unit_type=UnitType.DEPARTMENT)
    city_sign_in.allow(
        live_server.url + "/konto/stadens-konto/svar/", live_server.url + "/konto/utloggad/"
    )
    city_sign_in.person(
        "alva",
        password="provider-password",
        email="alva@stad.example",
        first_name="Alva",
        last_name="Berg",
        unit="KUL-1",
    )
    page.goto("/konto/logga-in/")
    assert_accessible(page)
    city_link = page.get_by_role("link", name="Logga in med stadens konto")
    email_field = page.get_by_label("E-postadress")
    assert city_link.bounding_box()["y"] < email_field.bounding_box()["y"], (
        "the city account comes first"
    )
    city_link.click()

    page.wait_for_url(city_sign_in.issuer + "/login/**")
    page.get_by_label("Användarnamn").fill("alva")
    page.get_by_label("Lösenord").fill("provider-password")
    page.get_by_role("button", name="Logga in").click()

    page.wait_for_url(live_server.url + "/mitt-arbete/")
    assert_accessible(page)
    page.goto("/konto/")
    expect(page.locator("main")).to_contain_text("Alva Berg")
    expect(page.locator("main")).to_contain_text("Kulturförvaltningen")
    assert_accessible(page)
    alva = User.objects.get(email="alva@stad.example")
    assert alva.unit == unit and alva.memberships.filter(role=Role.EMPLOYEE, unit=unit).exists()

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(live_server.url + "/konto/utloggad/")
    expect(page.locator("h1")).to_have_text("Du är utloggad")
    # The provider's session ended too: signing in again asks for the password.
    page.goto("/konto/stadens-konto/")
    page.wait_for_url(city_sign_in.issuer + "/login/**")


def test_the_data_rights_and_audit_pages_pass_axe(page: Any, live_server: Any) -> None:
    city = make_unit(name="Staden", unit_type=UnitType.CITY)
    admin = make_user(unit=city, email="admin@stad.example", full_name="Ada Admin")
    membership_grant(user=admin, unit=city, role=Role.ADMINISTRATOR)
    membership_grant(user=admin, unit=city, role=Role.INNOVATION_OFFICE)
    page.goto("/konto/logga-in/")
    page.get_by_label("E-postadress").fill("admin@stad.example")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-arbete/")
    for path in [
        "/konto/mina-uppgifter/",
        "/konto/radera/",
        "/konton/att-placera/",
        "/granskningslogg/",
        "/granskningslogg/?action=role.grant",
        "/granskningslogg/?date_from=2026-02-01&date_to=2026-01-01",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Slutdatumet ligger före startdatumet.")
    page.goto("/konto/radera/")
    page.get_by_label("Ditt lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Radera mitt konto för gott").click()
    expect(page.locator("main")).to_contain_text("Lösenordet är fel.")
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/granskningslogg/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
