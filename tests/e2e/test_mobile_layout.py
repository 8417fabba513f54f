"""Mobile and layout (issue 9, §6): the header folds into a "Meny" button that works with the
keyboard and without JavaScript, and the survey's factor grid is a table of radio buttons on a
wide screen and groups on a narrow one. Every page state is also checked at 390 px by
``assert_accessible`` itself."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.organisations.demo import demo_city_load
from innovera.surveys.forms import survey_pages
from innovera.surveys.instrument import STOCKHOLM_2014
from innovera.surveys.tests.factories import make_invitation, make_round
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser


def test_at_390_px_the_menu_opens_from_the_keyboard_behind_one_button(page: Any) -> None:
    demo_city_load()
    sign_in(page, "samordnare@demo.example.org")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    menu_button = page.locator("summary", has_text="Meny")
    ideas_link = page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Idéer")

    expect(menu_button).to_be_visible()
    expect(ideas_link).to_be_hidden()
    assert_accessible(page)  # the closed menu

    menu_button.focus()
    page.keyboard.press("Enter")
    expect(ideas_link).to_be_visible()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)  # the open menu

    # The first entry after the button is the person's starting point, Mitt arbete.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()").startswith("Mitt arbete")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mitt-arbete/")


def test_on_a_wide_screen_the_menu_is_a_plain_list_without_the_button(page: Any) -> None:
    demo_city_load()
    page.goto("/")

    expect(page.locator("summary", has_text="Meny")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Huvudmeny")
    expect(nav).to_have_count(1)
    expect(nav.get_by_role("link", name="Idéer")).to_be_visible()


def test_the_menu_opens_without_javascript(browser: Any, live_server: Any) -> None:
    demo_city_load()
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    page.goto("/")
    page.locator("summary", has_text="Meny").click()
    expect(page.get_by_role("link", name="Logga in").first).to_be_visible()
    context.close()


def test_the_factor_grid_is_a_table_on_a_wide_screen_and_groups_on_a_narrow_one(
    page: Any,
) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)
    grid_page = next(
        n
        for n, questions in enumerate(survey_pages(STOCKHOLM_2014), start=1)
        if questions[0].code == "factors"
    )
    page.goto(f"/enkat/{token}/sida/{grid_page}/")
    expect(page.get_by_role("group", name="Nyfikenhet", exact=False).first).to_be_visible()

    def positions() -> tuple[float, float]:
        first = page.locator('input[name="factor_curiosity_importance"]').first.bounding_box()
        second = page.locator('input[name="factor_curiosity_importance"]').nth(1).bounding_box()
        return second["x"] - first["x"], second["y"] - first["y"]

    page.set_viewport_size({"width": 1280, "height": 900})
    across, down = positions()
    assert across > 20 and abs(down) < 5  # side by side, as a table row
    expect(page.locator(".factor-grid__head")).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    across, down = positions()
    assert down > 20 and abs(across) < 5  # one below the other
    expect(page.locator(".factor-grid__head")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Each radio button still has its own name for a screen reader.
    expect(page.get_by_role("radio", name="4 – Mycket viktig").first).to_be_attached()
