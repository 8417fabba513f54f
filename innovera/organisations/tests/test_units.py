"""The unit directory, unit pages, roles and the demo city."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovera.core.permissions import can
from innovera.organisations.demo import DEMO_ACCOUNTS, demo_city_load
from innovera.organisations.models import Membership, Role, Unit, UnitType, User
from innovera.organisations.permissions import PERMISSIONS
from innovera.organisations.services import membership_grant, membership_revoke
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_city_mirrors_the_report_with_14_15_and_16_administrations() -> None:
    assert demo_city_load() is True

    counts = {t: Unit.objects.filter(unit_type=t).count() for t in UnitType}
    assert counts[UnitType.CITY] == 1
    assert counts[UnitType.DISTRICT] == 14
    assert counts[UnitType.DEPARTMENT] == 15
    assert counts[UnitType.COMPANY] == 16
    assert Unit.objects.get(slug="rinkeby-kista").parent.unit_type == UnitType.CITY  # type: ignore[union-attr]
    assert User.objects.filter(unit__isnull=False).count() > 45


def test_loading_the_demo_city_twice_changes_nothing() -> None:
    demo_city_load()
    units, people = Unit.objects.count(), User.objects.count()

    assert demo_city_load() is False
    assert (Unit.objects.count(), User.objects.count()) == (units, people)


def test_there_is_one_demo_account_per_role_and_one_resident() -> None:
    demo_city_load()

    roles = set(
        Membership.objects.filter(user__email__in=[a.email for a in DEMO_ACCOUNTS])
        .exclude(role=Role.EMPLOYEE)
        .values_list("role", flat=True)
    )
    assert roles == {Role.COORDINATOR, Role.INNOVATION_OFFICE, Role.JURY, Role.ADMINISTRATOR}
    resident = User.objects.get(email="invanare@demo.example.org")
    assert resident.is_resident and resident.email_verified


def test_the_directory_lists_administrations_grouped_by_type(client: Client) -> None:
    demo_city_load()

    page = client.get(reverse("organisations:unit_directory")).content.decode()

    assert "Stadsdelsförvaltningar (14)" in page or "Stadsdelsförvaltning (14)" in page
    assert "Bromma stadsdelsförvaltning" in page
    assert "45 förvaltningar och bolag" in page


def test_the_directory_filters_by_name_and_type(client: Client) -> None:
    demo_city_load()

    page = client.get(reverse("organisations:unit_directory"), {"q": "bostäder", "typ": "company"})

    text = page.content.decode()
    assert "Svenska Bostäder" in text
    assert "Bromma" not in text.split("<main", 1)[1]


def test_htmx_gets_only_the_result_list(client: Client) -> None:
    demo_city_load()

    response = client.get(
        reverse("organisations:unit_directory"), {"q": "bromma"}, HTTP_HX_REQUEST="true"
    )

    text = response.content.decode()
    assert "<html" not in text
    assert "Bromma" in text


def test_the_directory_costs_the_same_queries_for_few_and_many_units(client: Client) -> None:
    make_unit()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organisations:unit_directory"))
    for _ in range(30):
        make_unit(unit_type=UnitType.COMPANY)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("organisations:unit_directory"))

    assert len(many) == len(few)


def test_a_unit_page_shows_colleagues_to_employees_but_not_to_the_public(client: Client) -> None:
    unit = make_unit(name="Bromma stadsdelsförvaltning")
    coordinator = make_user(unit=unit, full_name="Sanna Samordnare")
    membership_grant(user=coordinator, unit=unit, role=Role.COORDINATOR)

    public = client.get(unit.get_absolute_url()).content.decode()
    client.force_login(make_user(unit=unit))
    colleague = client.get(unit.get_absolute_url()).content.decode()

    assert "Sanna Samordnare" not in public
    assert "Sanna Samordnare" in colleague


def test_an_unknown_unit_is_a_404_page_in_swedish(client: Client) -> None:
    response = client.get(reverse("organisations:unit_detail", args=["finns-inte"]))

    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_granting_and_revoking_the_administrator_role_opens_and_closes_the_admin() -> None:
    unit = make_unit()
    person = make_user(unit=unit)

    membership_grant(user=person, unit=unit, role=Role.ADMINISTRATOR)
    assert can(person, "admin.use")

    membership_revoke(user=person, unit=unit, role=Role.ADMINISTRATOR)
    person.refresh_from_db()
    assert not can(person, "admin.use")


def test_an_action_missing_from_the_permission_table_is_an_error() -> None:
    with pytest.raises(KeyError):
        can(make_user(), "unit.delete_everything")
    assert "unit.view" in PERMISSIONS
