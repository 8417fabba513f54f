"""Every page of the foundation, signed out and signed in, passes axe; keyboard and no-JS work."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.organisations.demo import DEMO_PASSWORD, demo_city_load
from innovera.organisations.tests.factories import make_user
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.browser

SIGNED_OUT_PAGES = [
    "/",
    "/enheter/",
    "/enheter/?q=bromma&typ=district",
    "/enheter/bromma/",
    "/enheter/sodermalm/",
    "/konto/logga-in/",
    "/konto/skapa/",
    "/konto/skapa/klart/",
    "/konto/losenord/",
    "/konto/losenord/skickat/",
    "/konto/losenord/MQ/ogiltig-lank/",
    "/konto/losenord/klart/",
    "/konto/verifiera/ogiltig/",
    "/tillganglighet/",
    "/personuppgifter/",
    "/sidan-finns-inte/",
]
SIGNED_IN_PAGES = ["/", "/konto/", "/enheter/", "/enheter/bromma/", "/tillganglighet/"]


def sign_in(page: Any, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    # Everyone starts on "Mitt arbete" after signing in.
    page.wait_for_url("**/mitt-arbete/")


def test_every_signed_out_page_passes_axe(page: Any) -> None:
    demo_city_load()
    for path in SIGNED_OUT_PAGES:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


@pytest.mark.parametrize(
    "email",
    ["invanare@demo.example.org", "samordnare@demo.example.org", "admin@demo.example.org"],
)
def test_every_signed_in_page_passes_axe(page: Any, email: str) -> None:
    demo_city_load()
    sign_in(page, email)
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/konto/logga-ut/")
    assert page.get_by_role("heading", name="Du är utloggad").is_visible()
    assert_accessible(page)


def test_form_errors_are_summarised_at_the_top_and_focused(page: Any) -> None:
    page.goto("/konto/skapa/")
    page.get_by_label("Namn", exact=True).fill("Ida Invånare")
    page.get_by_label("E-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Skapa konto").click()

    # The click sends the form; expect waits for the answer (a plain assert would read the
    # page the form was sent from).
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Fel:"))
    assert page.get_by_label("Namn", exact=True).input_value() == "Ida Invånare"
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert_accessible(page)


def test_the_unverified_residents_account_page_passes_axe(page: Any) -> None:
    make_user(email="ny@example.org", verified=False, password="ett-långt-lösenord-1")
    sign_in(page, "ny@example.org", "ett-långt-lösenord-1")
    page.goto("/konto/")

    assert page.get_by_role("heading", name="Bekräfta din e-postadress").is_visible()
    assert_accessible(page)


def test_english_pages_pass_axe(page: Any) -> None:
    demo_city_load()
    page.goto("/")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    page.wait_for_selector("html[lang=en]")
    for path in ["/", "/enheter/", "/tillganglighet/", "/personuppgifter/", "/konto/logga-in/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en"
        assert_accessible(page)


def test_a_keyboard_user_skips_to_the_content_and_signs_in(page: Any) -> None:
    demo_city_load()
    page.goto("/konto/logga-in/")

    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent.trim()") == "Hoppa till huvudinnehållet"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_username":
            break
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("medarbetare@demo.example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/mitt-arbete/")
    assert page.get_by_role("heading", name="Mitt arbete").is_visible()


def test_signing_in_works_without_javascript(
    browser: Any, live_server: Any, transactional_db: None
) -> None:
    demo_city_load()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "samordnare@demo.example.org")
        page.goto("/konto/")
        assert page.get_by_role("cell", name="Idéansvarig").is_visible()
    finally:
        context.close()


def test_the_directory_filters_as_you_type_with_htmx(page: Any) -> None:
    demo_city_load()
    page.goto("/enheter/")

    page.get_by_label("Sök på namn").fill("bost")

    expect(page.get_by_role("link", name="AB Svenska Bostäder")).to_be_visible()
    expect(page.get_by_role("link", name="Bromma stadsdelsförvaltning")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=bost"))
