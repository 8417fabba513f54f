"""Follow-up in the browser, with axe on every page state: the city dashboard, a unit
dashboard with one goal exceeded and one missed, the open-data page, and no sideways scroll
at 390 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.followup.demo import demo_goals_load
from innovera.ideas.demo import demo_ideas_load
from innovera.organisations.demo import demo_city_load
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser


def no_sideways_scroll(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px at 390 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_dashboards_and_the_open_data_page_pass_axe(page: Any) -> None:
    demo_city_load()
    demo_ideas_load()
    demo_goals_load()

    page.goto("/uppfoljning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning: Staden")
    expect(page.get_by_role("heading", name="Inskickade idéer")).to_be_visible()
    expect(page.locator("#chart-ideas_submitted")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)

    # A period of one's own, then drill down from the city to the districts to Bromma.
    page.get_by_role("combobox", name="Period").select_option(label="Förra året")
    page.get_by_role("button", name="Visa perioden").click()
    assert_accessible(page)
    page.locator("#ideas_submitted").locator("xpath=..").get_by_role(
        "link", name="Stadsdelsförvaltning"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning: Stadsdelsförvaltning")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto("/uppfoljning/enhet/bromma/")
    goals = page.locator(".goal")
    expect(goals.filter(has_text="Inskickade idéer")).to_contain_text("Överträffat")
    expect(goals.filter(has_text="Andel beslutade idéer som införts")).to_contain_text("Inte nått")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto("/oppna-data/")
    expect(page.get_by_role("heading", name="Offentliga idéer")).to_be_visible()
    expect(page.get_by_role("link", name="Offentliga idéer som CSV")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)


def test_a_coordinator_records_a_goal_for_their_unit(page: Any) -> None:
    demo_city_load()
    sign_in(page, "samordnare@demo.example.org")
    page.goto("/uppfoljning/mal/nytt/")
    assert_accessible(page)
    page.get_by_role("button", name="Spara målet").click()
    expect(page.locator(".ds-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Enhet").select_option(label="Bromma stadsdelsförvaltning")
    page.get_by_label("Mäts med").select_option(label="Inskickade idéer")
    page.get_by_label("Målvärde").fill("12")
    page.get_by_label("Period från").fill("2026-01-01")
    page.get_by_label("Period till och med").fill("2026-12-31")
    page.get_by_role("button", name="Spara målet").click()
    expect(page.get_by_text("Målet sparades.")).to_be_visible()
    expect(page.locator(".goal").first).to_contain_text("Inte förfallet")
    assert_accessible(page)


def test_the_offices_recount_shows_its_progress_until_the_figures_are_new(page: Any) -> None:
    import datetime

    from django.utils import timezone

    from innovera.followup.models import RecountJob

    demo_city_load()
    job = RecountJob.objects.create(
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        total=2,
        done=1,
        heartbeat_at=timezone.now(),
    )
    sign_in(page, "innovationskontoret@demo.example.org")
    page.goto("/uppfoljning/")
    status = page.locator("#recount-status[role=status]")
    expect(status).to_contain_text("Räknar om: 1 av 2 perioder klara")
    assert_accessible(page)
    # The region polls: once the worker has finished, it says so without a reload.
    RecountJob.objects.filter(pk=job.pk).update(done=2, finished_at=timezone.now(), running=None)
    expect(status).to_contain_text("Talen är omräknade.", timeout=10_000)
    assert_accessible(page)
    page.get_by_role("link", name="Visa de nya talen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning: Staden")
