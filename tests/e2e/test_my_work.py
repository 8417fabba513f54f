"""Mitt arbete in the browser, with axe on every page state (issue 9, §1–§2).

Each demo role signs in and lands on Mitt arbete with its own items; the coordinator handles a
new idea from there to implemented by clicking only; an idea without challenge or topic appears
in the innovation office's "Att fördela" list and is routed from there.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.ideas import services
from innovera.ideas.models import Idea
from innovera.ideas.tests.factories import make_idea
from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import Unit, User
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_foundation_pages import sign_in
from tests.e2e.test_idea_flow import move, open_panel, sign_out

pytestmark = pytest.mark.browser


def employee_idea_without_owner(title: str) -> Idea:
    employee = User.objects.get(email="medarbetare@demo.example.org")
    idea, _created = services.idea_submit(
        user=employee,
        submission_key=uuid.uuid4(),
        fields={
            "title": title,
            "description": "Samla alla blanketter på ett ställe.",
            "value": "Mindre letande",
            "for_whom": "Medarbetare",
            "situation": "",
            "submitter_role": "employee",
        },
    )
    assert idea.owner_unit is None
    return idea


def my_work_group(page: Any, heading: str) -> Any:
    return page.locator("section.my-work-group", has=page.get_by_role("heading", name=heading))


def test_each_demo_role_lands_on_my_work_with_its_items(page: Any) -> None:
    demo_city_load()
    bromma = Unit.objects.get(slug="bromma")
    resident = User.objects.get(email="invanare@demo.example.org")
    make_idea(submitter=resident, unit=bromma, title="Fler bänkar i parken")
    employee_idea_without_owner("En blankettportal")

    expected = {
        "invanare@demo.example.org": ("Dina idéer", "Fler bänkar i parken"),
        "medarbetare@demo.example.org": ("Dina idéer", "En blankettportal"),
        "samordnare@demo.example.org": ("Nya idéer till dina enheter", "Fler bänkar i parken"),
        "innovationskontoret@demo.example.org": ("Att fördela", "Idéer som ingen hanterar ännu"),
    }
    for email, (heading, line) in expected.items():
        sign_in(page, email)
        expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")
        expect(my_work_group(page, heading).get_by_role("link", name=line)).to_be_visible()
        assert_accessible(page)
        sign_out(page)
    # Roles with nothing waiting land there too, and are told so.
    for email in ("jury@demo.example.org", "admin@demo.example.org"):
        sign_in(page, email)
        expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")
        assert_accessible(page)
        sign_out(page)


def test_the_coordinator_handles_a_new_idea_from_my_work_by_clicking_only(page: Any) -> None:
    demo_city_load()
    bromma = Unit.objects.get(slug="bromma")
    make_idea(unit=bromma, title="Nyckelfri hemtjänst")

    sign_in(page, "samordnare@demo.example.org")
    # The menu says how much waits.
    expect(page.locator(".site-nav--wide .menu-count")).to_have_text("1 väntar")
    my_work_group(page, "Nya idéer till dina enheter").get_by_role(
        "link", name="Nyckelfri hemtjänst"
    ).click()
    expect(page.get_by_role("heading", name="Hantera idén")).to_be_visible()
    assert_accessible(page)
    # A just-submitted idea offers no pilot or effect forms.
    expect(page.get_by_text("Registrera en pilot")).to_have_count(0)

    # A move that needs a reason says so, and keeps the choice when the reason is missing.
    panel = open_panel(page, "Flytta till ett annat steg")
    panel.get_by_label("Flytta till").select_option(label="Avslagen")
    expect(panel.locator(".reason-required")).to_be_visible()
    panel.get_by_role("button", name="Flytta").click()
    expect(page.get_by_text("Ange ett skäl för flytten till ”Avslagen”.")).to_be_visible()
    expect(page.get_by_label("Flytta till")).to_have_value(
        page.locator("#id_move-to_stage option", has_text="Avslagen").get_attribute("value")
    )
    assert_accessible(page)

    move(page, "Under bedömning")
    expect(page.get_by_text("Idén har flyttats till ”Under bedömning”.")).to_be_visible()
    # Back to Mitt arbete through the menu: the idea now waits for a score.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mitt arbete").click()
    my_work_group(page, "Under bedömning utan din poäng").get_by_role(
        "link", name="Nyckelfri hemtjänst"
    ).click()
    panel = open_panel(page, "Poäng")
    expect(panel.get_by_text("1 = hög kostnad, 5 = låg kostnad")).to_be_visible()
    for group in panel.get_by_role("group").all():
        group.get_by_label("4").check()
    panel.get_by_role("button", name="Spara poängen").click()
    expect(page.get_by_text("Idéns viktade resultat är 4,00 av 5.")).to_be_visible()
    assert_accessible(page)

    move(page, "Prioriterad", "Hög poäng på alla kriterier.")
    panel = open_panel(page, "Registrera en pilot")
    panel.get_by_label("Fas").select_option(label="Litet test")
    panel.get_by_label("Plan").fill("Tre månader i en hemtjänstgrupp.")
    panel.get_by_label("Testbädd eller testplats").fill("Hemtjänsten Bromma")
    panel.get_by_label("Antal testpersoner").fill("25")
    panel.get_by_role("button", name="Registrera piloten").click()
    expect(page.get_by_text("har registrerats. Registrera beslutet")).to_be_visible()
    page.get_by_label("Gå vidare", exact=True).check()
    page.get_by_label("Resultat").fill("Nöjdare brukare.")
    page.get_by_label("Skäl för beslutet").fill("Tydlig nytta.")
    page.get_by_role("button", name="Registrera beslutet").click()
    page.get_by_role("button", name="Flytta idén till ”Testas”").click()
    expect(page.locator(".ds-tag").first).to_have_text("Testas")
    move(page, "Införd")
    panel = open_panel(page, "Registrera en effekt")
    panel.get_by_label("Typ av effekt").select_option(label="Tid")
    panel.get_by_label("Beskrivning").fill("Kortare tid per besök")
    panel.get_by_label("Tal").fill("12,5")
    panel.get_by_label("Enhet").select_option(label="minuter")
    panel.get_by_role("button", name="Spara effekten").click()
    expect(page.get_by_role("cell", name="12,5 minuter")).to_be_visible()
    assert_accessible(page)

    # The history names who decided.
    trail = page.locator("ol.trail").inner_text()
    assert "beslut av Sanna" in trail and "Bromma stadsdelsförvaltning" in trail


def test_an_idea_without_challenge_or_topic_is_routed_from_the_offices_list(page: Any) -> None:
    demo_city_load()
    idea = employee_idea_without_owner("En blankettportal")

    sign_in(page, "innovationskontoret@demo.example.org")
    my_work_group(page, "Att fördela").get_by_role(
        "link", name="Idéer som ingen hanterar ännu"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Att fördela")
    assert_accessible(page)
    page.get_by_role("link", name="En blankettportal").click()
    panel = open_panel(page, "Skicka till en annan enhet")
    panel.get_by_label("Skicka till enhet").select_option(label="Bromma stadsdelsförvaltning")
    panel.get_by_label("Skäl").fill("Gäller Brommas medarbetare.")
    panel.get_by_role("button", name="Skicka till enheten").click()
    expect(page.get_by_text("Idén har skickats till Bromma stadsdelsförvaltning")).to_be_visible()
    expect(page.locator("ol.trail")).to_contain_text("Skickad till Bromma stadsdelsförvaltning")
    assert_accessible(page)
    idea.refresh_from_db()
    assert idea.owner_unit == Unit.objects.get(slug="bromma")

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Att fördela").click()
    expect(page.get_by_text("Alla idéer har en enhet som hanterar dem.")).to_be_visible()
    sign_out(page)

    # The coordinator of the unit now finds it in Mitt arbete.
    sign_in(page, "samordnare@demo.example.org")
    expect(
        my_work_group(page, "Nya idéer till dina enheter").get_by_role(
            "link", name="En blankettportal"
        )
    ).to_be_visible()
