"""The cross-app search page in the browser: axe on every state, the keyboard, no JavaScript,
390 px without sideways scrolling, and nothing internal for a resident."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.ideas import services
from innovera.ideas.tests.factories import make_coordinator, make_idea
from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import Unit
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser


def city_with_hemtjanst() -> None:
    demo_city_load()
    bromma = Unit.objects.get(slug="bromma")
    make_idea(unit=bromma, title="Nyckelfri hemtjänst", description="Digitala lås i hemtjänsten.")
    make_idea(unit=bromma, title="Hemlig hemtjänstplanering", visibility="unit")
    services.challenge_publish(
        user=make_coordinator(bromma),
        owner_unit=bromma,
        fields={
            "title": "Tryggare hemtjänst",
            "need": "Hur blir hemtjänsten tryggare för de äldre?",
            "for_whom": "Äldre",
            "status": "open",
        },
    )


def test_every_state_of_the_search_page_passes_axe(page: Any) -> None:
    city_with_hemtjanst()

    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sök").click()
    expect(page.get_by_role("heading", name="Sök", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Sökord").fill("hemtjänsten")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_role("heading", name="2 träffar för ”hemtjänsten”")).to_be_visible()
    expect(page.get_by_role("link", name="Nyckelfri hemtjänst")).to_be_visible()
    expect(page.get_by_role("link", name="Tryggare hemtjänst")).to_be_visible()
    assert "Hemlig hemtjänstplanering" not in page.content()
    assert page.title() == "”hemtjänsten” – Sök – Innovera"
    assert_accessible(page)

    page.get_by_label("Sökord").fill("simhall")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_role("heading", name="0 träffar för ”simhall”")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Sökord").fill("")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_text("Skriv vad du söker efter.")).to_be_visible()
    assert page.title().startswith("Fel:")
    assert_accessible(page)


def test_a_resident_searches_with_the_keyboard_and_sees_nothing_internal(page: Any) -> None:
    city_with_hemtjanst()
    sign_in(page, "invanare@demo.example.org")
    page.goto("/sok/")

    page.get_by_label("Sökord").focus()
    page.keyboard.type("hemtjänst")
    page.keyboard.press("Enter")

    expect(page.get_by_role("link", name="Nyckelfri hemtjänst")).to_be_visible()
    assert "Hemlig hemtjänstplanering" not in page.content()
    assert_accessible(page)
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Nyckelfri hemtjänst":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Nyckelfri hemtjänst")).to_be_visible()
    answer = page.request.get("/api/v1/search/?q=hemtjänst").json()
    assert "Hemlig hemtjänstplanering" not in {hit["title"] for hit in answer["results"]}


def test_the_search_works_without_javascript_and_fits_a_narrow_screen(
    browser: Any, live_server: Any, page: Any
) -> None:
    city_with_hemtjanst()
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        locale="sv-SE",
        viewport={"width": 390, "height": 844},
    )
    narrow = context.new_page()
    try:
        narrow.goto("/sok/")
        narrow.get_by_label("Sökord").fill("nyckelfri")
        narrow.get_by_role("button", name="Sök", exact=True).click()
        expect(narrow.get_by_role("link", name="Nyckelfri hemtjänst")).to_be_visible()
        assert narrow.url.endswith("/sok/?q=nyckelfri")
    finally:
        context.close()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/sok/?q=hemtjänst")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
