"""The innovation office's process settings in the browser, with axe on every page state.

The office renames a stage, tries to take the start mark off the only first stage, tries to
add a stage with a key in use and to delete a stage an idea is in, lets coordinators make a new
move, gives a criterion a new weight (with a decimal comma) and routes a new topic to a unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.ideas.models import Criterion, RoutingRule, Stage, Topic, Transition
from innovera.ideas.tests.factories import make_idea
from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import Unit
from tests.e2e.conftest import assert_accessible, follow
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser


def expect_error_summary(page: Any) -> None:
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_visible()
    assert page.title().startswith("Fel:")
    assert_accessible(page)


def test_the_office_configures_the_process_with_axe_on_every_page(page: Any) -> None:
    demo_city_load()
    make_idea(stage=Stage.objects.get(key="in_review"))
    sign_in(page, "innovationskontoret@demo.example.org")

    page.goto("/ideer/process/")
    expect(page.get_by_role("heading", name="Processinställningar", level=1)).to_be_visible()
    for section in ["Steg", "Tillåtna flyttar", "Prioriteringskriterier", "Styrning efter ämne"]:
        expect(page.get_by_role("heading", name=section, level=2)).to_be_visible()
    assert_accessible(page)

    # Rename a stage.
    follow(page, page.get_by_role("link", name="Redigera Prioriterad"))
    assert_accessible(page)
    page.get_by_label("Namn på svenska").fill("Vald för test")
    page.get_by_label("Namn på engelska").fill("Chosen for a test")
    page.get_by_role("button", name="Spara steget").click()
    expect(page.get_by_text("Steget ”Vald för test” sparades.")).to_be_visible()
    expect(page.get_by_role("cell", name="Chosen for a test", exact=True)).to_be_visible()
    assert_accessible(page)

    # The only first stage keeps its mark.
    page.get_by_role("link", name="Redigera Inskickad").click()
    page.get_by_label("Nya idéer börjar här").uncheck()
    page.get_by_role("button", name="Spara steget").click()
    expect_error_summary(page)
    expect(page.locator(".ds-error-summary")).to_contain_text("Nya idéer måste börja i ett steg")
    assert Stage.objects.get(key="submitted").is_initial

    # A new stage needs a key of its own.
    page.goto("/ideer/process/steg/ny/")
    assert_accessible(page)
    page.get_by_label("Nyckel").fill("parked")
    page.get_by_label("Namn på svenska").fill("Utreds")
    page.get_by_label("Namn på engelska").fill("Being studied")
    page.get_by_role("button", name="Spara steget").click()
    expect_error_summary(page)
    page.get_by_label("Nyckel").fill("studied")
    page.get_by_role("button", name="Spara steget").click()
    expect(page.get_by_role("cell", name="Utreds", exact=True)).to_be_visible()

    # A stage an idea is in cannot be deleted, and the page says why.
    in_review = Stage.objects.get(key="in_review")
    page.goto(f"/ideer/process/steg/{in_review.pk}/ta-bort/")
    expect(page.get_by_role("alert")).to_contain_text("1 idé är i det här steget")
    expect(page.get_by_role("button", name="Ta bort steget")).to_have_count(0)
    assert_accessible(page)
    # The new stage has no ideas: it can go.
    page.goto(f"/ideer/process/steg/{Stage.objects.get(key='studied').pk}/ta-bort/")
    assert_accessible(page)
    page.get_by_role("button", name="Ta bort steget").click()
    expect(page.get_by_text("Steget ”Utreds” togs bort.")).to_be_visible()
    assert not Stage.objects.filter(key="studied").exists()

    # Coordinators may now send a submitted idea straight to a test.
    follow(page, page.get_by_role("link", name="Ändra de tillåtna flyttarna"))
    assert_accessible(page)
    move = page.get_by_role("group", name="Inskickad → Testas")
    move.get_by_label("Idéansvarig").check()
    page.get_by_role("button", name="Spara de tillåtna flyttarna").click()
    expect(page.get_by_text("1 flytt ändrades")).to_be_visible()
    added = Transition.objects.get(from_stage__key="submitted", to_stage__key="testing")
    assert added.role_list == ["coordinator"]

    # A criterion gets a new weight; a weight above 10 is refused.
    follow(page, page.get_by_role("link", name="Redigera Nyhetsgrad"))
    assert_accessible(page)
    page.get_by_label("Vikt").fill("12")
    page.get_by_role("button", name="Spara kriteriet").click()
    expect_error_summary(page)
    page.get_by_label("Vikt").fill("2,5")
    page.get_by_role("button", name="Spara kriteriet").click()
    expect(page.get_by_text("Kriteriet ”Nyhetsgrad” sparades.")).to_be_visible()
    assert Criterion.objects.get(key="novelty").weight == Decimal("2.5")
    follow(page, page.get_by_role("link", name="Lägg till ett kriterium"))
    assert_accessible(page)

    # Ideas on a new topic go to Bromma; a rule without a topic is refused.
    page.goto("/ideer/process/")
    follow(page, page.get_by_role("link", name="Ändra styrningsreglerna"))
    assert_accessible(page)
    page.get_by_role("button", name="Spara regeln").click()
    expect_error_summary(page)
    page.get_by_label("Eller ett nytt ämne").fill("Parker och grönytor")
    page.get_by_label("Skicka idéerna till").select_option(label="Bromma stadsdelsförvaltning")
    page.get_by_role("button", name="Spara regeln").click()
    expect(page.get_by_role("cell", name="Parker och grönytor", exact=True)).to_be_visible()
    assert_accessible(page)
    rule = RoutingRule.objects.get(topic=Topic.objects.get(name="Parker och grönytor"))
    assert rule.unit == Unit.objects.get(slug="bromma")
    page.get_by_role("button", name="Ta bort regeln för ”Parker och grönytor”").click()
    expect(page.get_by_text("Regeln för ”Parker och grönytor” togs bort.")).to_be_visible()
    assert not RoutingRule.objects.exists()
    assert_accessible(page)


def test_a_coordinator_is_refused_the_process_pages(page: Any) -> None:
    demo_city_load()
    sign_in(page, "samordnare@demo.example.org")

    response = page.goto("/ideer/process/")

    assert response is not None and response.status == 403
    assert_accessible(page)
