"""An idea's whole journey in the browser, with axe on every page state (issue: ideas).

A resident submits an idea to a public challenge; the owner unit's coordinator reviews,
scores and prioritises it, records a pilot with a go decision, implements it with effects and
lessons and marks it spread; the public idea page shows the whole trail. A resident cannot
move it, and an internal idea never shows to a resident in the list, search or suggestions.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.ideas.models import Idea
from innovera.ideas.tests.factories import make_idea
from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import Unit
from tests.e2e.conftest import assert_accessible, follow
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/konto/logga-ut/")


def open_panel(page: Any, summary: str) -> Any:
    panel = page.locator("details", has=page.locator("summary", has_text=summary))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    return panel


def move(page: Any, stage: str, reason: str = "") -> None:
    panel = open_panel(page, "Flytta till ett annat steg")
    panel.get_by_label("Flytta till").select_option(label=stage)
    if reason:
        panel.get_by_label("Skäl").fill(reason)
    panel.get_by_role("button", name="Flytta").click()
    expect(page.locator(".ds-tag").first).to_have_text(stage)
    assert_accessible(page)


def test_an_idea_goes_from_a_resident_to_spread_with_a_public_trail(page: Any) -> None:
    demo_city_load()

    # The unit coordinator publishes a public challenge for Bromma.
    sign_in(page, "samordnare@demo.example.org")
    page.goto("/utmaningar/ny/")
    assert_accessible(page)
    page.get_by_label("Titel").fill("Tryggare hemtjänst")
    page.get_by_label("Behovet").fill("Hur blir hemtjänsten tryggare?")
    page.get_by_label("För vem").fill("Äldre med hemtjänst")
    page.get_by_label("Ägande enhet").select_option(label="Bromma stadsdelsförvaltning")
    page.get_by_label("Status").select_option(label="Öppen")
    page.get_by_role("button", name="Spara utmaningen").click()
    expect(page.get_by_role("heading", name="Tryggare hemtjänst")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # A resident submits an idea to it.
    sign_in(page, "invanare@demo.example.org")
    page.goto("/utmaningar/")
    assert_accessible(page)
    page.get_by_role("link", name="Tryggare hemtjänst").click()
    follow(page, page.get_by_role("link", name="Skicka in en idé till utmaningen"))
    assert_accessible(page)
    page.get_by_label("Ge idén en kort rubrik").fill("Nyckelfri hemtjänst")
    page.get_by_label("Vad är idén").fill("Digitala lås så att personalen slipper nycklar.")
    page.get_by_label("Vilket värde den skapar").fill("Tryggare för brukarna.")
    page.get_by_label("För vem").fill("Brukare och personal")
    page.get_by_label("Den som skickar in är").select_option(label="Invånare")
    page.get_by_role("button", name="Skicka in idén").click()
    expect(page.get_by_text("Tack! Din idé har skickats in.")).to_be_visible()
    assert_accessible(page)
    idea = Idea.objects.get(title="Nyckelfri hemtjänst")
    assert idea.owner_unit == Unit.objects.get(slug="bromma")
    assert page.locator("text=Hantera idén").count() == 0  # a resident cannot move it
    sign_out(page)

    # The coordinator of the owner unit handles it all the way.
    sign_in(page, "samordnare@demo.example.org")
    page.goto(idea.get_absolute_url())
    assert_accessible(page)
    move(page, "Under bedömning")
    panel = open_panel(page, "Poäng")
    for criterion in [
        "Värde för invånarna",
        "Genomförbarhet",
        "Kostnad (vikt 1,0)",
        "Nyhetsgrad",
        "Strategisk passform",
    ]:
        panel.get_by_role("group", name=criterion).get_by_label("4").check()
    panel.get_by_role("button", name="Spara poängen").click()
    expect(page.get_by_text("Dina poäng sparades.")).to_be_visible()
    assert_accessible(page)
    move(page, "Prioriterad", "Hög poäng på alla kriterier (4,00).")
    panel = open_panel(page, "Registrera en pilot")
    panel.get_by_label("Fas").select_option(label="Litet test")
    panel.get_by_label("Plan").fill("Tre månader i en hemtjänstgrupp.")
    panel.get_by_label("Testbädd eller testplats").fill("Hemtjänsten Bromma")
    panel.get_by_label("Antal testpersoner").fill("25")
    panel.get_by_role("button", name="Registrera piloten").click()
    assert_accessible(page)
    page.get_by_label("Gå vidare", exact=True).check()
    page.get_by_label("Resultat").fill("Nöjdare brukare, inga borttappade nycklar.")
    page.get_by_label("Skäl för beslutet").fill("Testet visade tydlig nytta.")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.get_by_text("Beslutet ”Gå vidare” har registrerats för piloten.")).to_be_visible()
    assert_accessible(page)
    # A go decision offers the next step.
    page.get_by_role("button", name="Flytta idén till ”Testas”").click()
    expect(page.locator(".ds-tag").first).to_have_text("Testas")
    move(page, "Införd")
    panel = open_panel(page, "Registrera en effekt")
    panel.get_by_label("Typ av effekt").select_option(label="Tid")
    panel.get_by_label("Beskrivning").fill("Kortare tid per besök")
    panel.get_by_label("Tal").fill("4,5")
    panel.get_by_label("Enhet").select_option(label="minuter")
    panel.get_by_role("button", name="Spara effekten").click()
    expect(page.get_by_text("Effekten har sparats.")).to_be_visible()
    expect(page.get_by_role("cell", name="4,5 minuter")).to_be_visible()
    panel = open_panel(page, "Registrera en lärdom")
    panel.get_by_label("Lärdom", exact=True).fill("Låsen behövde reservbatterier.")
    panel.get_by_label("Den handlar om något som inte fungerade").check()
    panel.get_by_role("button", name="Spara lärdomen").click()
    assert_accessible(page)
    move(page, "Spridd")
    sign_out(page)

    # Anyone sees the whole trail on the public page.
    page.goto(idea.get_absolute_url())
    trail = page.locator("ol.trail").inner_text()
    for stage in ["Inskickad", "Under bedömning", "Prioriterad", "Testas", "Införd", "Spridd"]:
        assert stage in trail
    assert "Hög poäng på alla kriterier" in trail
    expect(page.get_by_text("Låsen behövde reservbatterier.")).to_be_visible()
    assert_accessible(page)


def test_an_internal_idea_never_shows_to_a_resident(page: Any) -> None:
    demo_city_load()
    bromma = Unit.objects.get(slug="bromma")
    make_idea(unit=bromma, title="Hemlig schemaläggning", visibility="unit")
    make_idea(unit=bromma, title="Öppen schemaläggning", visibility="public")

    sign_in(page, "invanare@demo.example.org")
    for path in ["/ideer/", "/ideer/?q=schemaläggning", "/ideer/liknande/?title=schemaläggning"]:
        page.goto(path)
        assert "Hemlig schemaläggning" not in page.content(), path
    page.goto("/ideer/?q=schemaläggning")
    expect(page.get_by_role("link", name="Öppen schemaläggning")).to_be_visible()
    assert_accessible(page)
    response = page.request.get("/api/v1/ideas/?q=schemaläggning")
    assert "Hemlig" not in response.text()
