"""Governing documents in the browser: upload with progress, the table, keyword in context, a
family edited and the table recounted; axe on every page state, nothing sideways at 390 px."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.documents.demo import demo_documents_load
from innovera.documents.models import Document, RecountJob
from innovera.documents.services import recount_job_run
from innovera.documents.tests import files
from innovera.organisations.demo import demo_city_load
from tests.e2e.conftest import assert_accessible, follow
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser

OFFICE = "innovationskontoret@demo.example.org"


def assert_no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways at {width[1]} px: {width[0]}"


def test_the_office_uploads_with_progress_and_reads_keywords_in_context(page: Any) -> None:
    demo_city_load()
    demo_documents_load()
    sign_in(page, OFFICE)

    page.goto("/styrdokument/")
    expect(page.get_by_role("heading", name="Begreppen i styrdokumenten")).to_be_visible()
    policy = page.get_by_role("row", name="Upphandlingspolicy (demo)")
    # Kvalitet: 2 in the policy, 6 in its appendix (the hidden words name the cell's row).
    expect(policy.get_by_role("cell").nth(2)).to_contain_text(re.compile(r": 2\s*\(.*\+6\)"))
    assert_accessible(page)

    page.get_by_role("link", name="Ladda upp ett dokument").click()
    page.wait_for_url("**/styrdokument/ladda-upp/")
    assert_accessible(page)

    # Hold the upload at the network so the progress can be seen before the answer comes.
    held: list[Any] = []
    page.route("**/styrdokument/ladda-upp/", lambda route: held.append(route))
    page.get_by_label("Fil").set_input_files(
        files=[{"name": "budget.pdf", "mimeType": "application/pdf", "buffer": files.build_pdf()}]
    )
    page.get_by_label("Titel").fill("Budget 2027")
    page.get_by_label("Kategori").fill("Budget")
    page.get_by_label("År").fill("2027")
    page.get_by_role("button", name="Ladda upp och räkna").click()
    expect(page.locator("#upload-bar")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Skickar filen")
    assert_accessible(page)
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the upload never reached the network"
    held[0].continue_()
    page.unroute("**/styrdokument/ladda-upp/")

    page.wait_for_url("**/styrdokument/*/")
    expect(page.get_by_text("lästes och räknades: 40 ord")).to_be_visible()
    assert_accessible(page)

    page.goto("/styrdokument/?kategori=Budget")
    row = page.get_by_role("row", name="Budget 2027")
    expect(row).to_contain_text("3")
    # The count is a link the keyboard reaches like any other.
    row.locator("a[href$='/begrepp/utveckling/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/begrepp/utveckling/")
    expect(page.locator("mark").first).to_have_text("Verksamhetsutvecklingen")
    expect(page.get_by_text("sidan 2:")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="kvalitetsutveckling").click()
    expect(page.get_by_role("heading", name="1 förekomst av ”kvalitetsutveckling”")).to_be_visible()
    assert_accessible(page)


def test_a_family_edited_recounts_the_table_with_progress(page: Any) -> None:
    demo_city_load()
    demo_documents_load()
    sign_in(page, OFFICE)
    page.goto("/styrdokument/begrepp/")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Redigera Innovation/innovativ"))
    assert_accessible(page)
    page.get_by_label("Ordstammar").fill("innova, förny")
    page.get_by_label("Undantag").fill("innovationsupphandling")
    page.get_by_role("button", name="Spara och räkna om").click()
    page.wait_for_url("**/styrdokument/omrakning/*/")
    expect(page.get_by_text("Alla dokument har räknats med de nya familjerna.")).to_be_visible()
    assert_accessible(page)

    page.goto("/styrdokument/?kategori=Budget")
    # Budget 2014: 20 innovation words, 5 of them now excluded, 9 with "förny" added.
    budget = page.get_by_role("row", name="Budget 2014 (demo)")
    expect(budget.locator("a[href$='/begrepp/innovation/']")).to_have_text("Budget 2014 (demo): 24")

    # A recount under way shows its progress and polls until it is done.
    job = RecountJob.objects.create(reason="Kvalitet ändrad", total=Document.objects.count())
    page.goto(f"/styrdokument/omrakning/{job.pk}/")
    expect(page.locator("#recount-bar")).to_be_visible()
    assert_accessible(page)
    recount_job_run(job.pk)
    expect(page.get_by_text("Alla dokument har räknats med de nya familjerna.")).to_be_visible(
        timeout=5_000
    )


def test_the_documents_pages_pass_axe_and_fit_390_px(page: Any) -> None:
    demo_city_load()
    demo_documents_load()
    policy = Document.objects.get(title="Upphandlingspolicy (demo)")
    before = Document.objects.get(title="Budget 2014 (demo)")
    after = Document.objects.get(title="Budget 2026 (demo)")
    paths = [
        "/styrdokument/",
        "/styrdokument/?per=on&sortera=innovation&ordning=fallande",
        f"/styrdokument/{policy.pk}/",
        f"/styrdokument/{policy.pk}/begrepp/innovation/",
        f"/styrdokument/jamfor/?fore={before.pk}&efter={after.pk}",
        "/styrdokument/jamfor/?kategori=Budget&fore_ar=2014&efter_ar=2026",
        "/styrdokument/begrepp/",
    ]
    page.set_viewport_size({"width": 390, "height": 844})
    for path in paths:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        assert_no_sideways_scroll(page)
    sign_in(page, OFFICE)
    for path in ["/styrdokument/ladda-upp/", "/styrdokument/begrepp/kvalitet/", paths[2]]:
        page.goto(path)
        assert_accessible(page)
        assert_no_sideways_scroll(page)
    # The per-10,000 switch is a checkbox the keyboard reaches.
    page.goto("/styrdokument/")
    page.get_by_label("Per 10 000 ord").check()
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("Förekomster per 10 000 ord; bilagor inom parentes")).to_be_visible()
