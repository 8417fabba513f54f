"""Spreading in the browser, with axe on every page state (issue 10, "done when").

Bromma's coordinator makes the implemented idea "Nyckelfri hemtjänst" a good example and
publishes it; Farsta's coordinator says "Vi vill också" and takes the adoption to "in use";
Bromma sees the adoption, is told, and marks the idea spread. An employee books a full session,
waits, gets the place when the organiser cancels someone, and downloads the calendar file.
Every spreading page fits 390 px without sideways scrolling.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innovera.ideas.demo import demo_ideas_load
from innovera.ideas.models import Idea
from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import User
from innovera.spreading import services
from innovera.spreading.demo import demo_spreading_load
from innovera.spreading.models import GoodExample
from tests.e2e.conftest import assert_accessible, follow
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser


def sign_out(page: Any) -> None:
    # On a narrow screen the button is behind the header's "Meny" disclosure.
    menu = page.locator("summary", has_text="Meny")
    if menu.is_visible():
        menu.click()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/konto/logga-ut/")


def test_an_idea_becomes_a_good_example_that_another_unit_adopts_and_puts_in_use(
    page: Any,
) -> None:
    demo_city_load()
    demo_ideas_load()
    demo_spreading_load()
    idea = Idea.objects.get(title="Nyckelfri hemtjänst")

    # Bromma's coordinator makes the implemented idea a good example.
    sign_in(page, "samordnare@demo.example.org")
    page.goto(idea.get_absolute_url())
    follow(page, page.get_by_role("link", name="Gör idén till ett gott exempel"))
    assert_accessible(page)
    expect(page.get_by_label("Titel")).to_have_value("Nyckelfri hemtjänst")
    page.get_by_label("Så inför ni det").fill("Börja med en grupp och ett lås per brukare.")
    page.get_by_label("Exemplets enhet").select_option(label="Bromma stadsdelsförvaltning")
    page.get_by_role("button", name="Spara exemplet").click()
    expect(page.get_by_text("Exemplet är sparat som utkast.")).to_be_visible()
    expect(page.locator(".ds-tag", has_text="Utkast")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_text("Exemplet är publicerat.")).to_be_visible()
    assert_accessible(page)
    example = GoodExample.objects.get(idea=idea)
    sign_out(page)

    # Farsta's coordinator wants it too, and takes it to "in use".
    sign_in(page, "samordnare.farsta@demo.example.org")
    page.goto("/goda-exempel/")
    assert_accessible(page)
    page.get_by_role("link", name="Nyckelfri hemtjänst").click()
    page.get_by_label("Vår enhet").select_option(label="Farsta stadsdelsförvaltning")
    page.get_by_role("button", name="Vi vill också").click()
    expect(page.get_by_role("heading", name="Farsta stadsdelsförvaltning inför")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Status").select_option(label="Avbrutet")
    page.get_by_role("button", name="Spara införandet").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("Berätta varför införandet avbröts")
    assert_accessible(page)  # the error state
    page.get_by_label("Status").select_option(label="Planerar")
    page.get_by_role("button", name="Spara införandet").click()
    expect(page.get_by_text("Införandet är sparat.")).to_be_visible()
    page.get_by_label("Status").select_option(label="I bruk")
    page.get_by_label("Vad ni ändrade från originalet").fill("Låsen kopplade till vår planering.")
    page.get_by_role("button", name="Spara införandet").click()
    expect(page.locator(".ds-tag", has_text="I bruk")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Bromma is told, sees the adoption and marks the idea spread.
    sign_in(page, "samordnare@demo.example.org")
    page.goto("/spridning/notiser/")
    expect(page.get_by_text("Farsta stadsdelsförvaltning vill också införa")).to_be_visible()
    assert_accessible(page)
    page.goto(example.get_absolute_url())
    section = page.locator("#spridning ~ ul").first
    expect(section).to_contain_text("Farsta stadsdelsförvaltning: I bruk")
    assert_accessible(page)
    page.get_by_role("link", name="Farsta stadsdelsförvaltning").click()
    page.get_by_role("button", name="Markera idén som spridd").click()
    expect(page.get_by_text("Idén är markerad som spridd.")).to_be_visible()
    expect(page.locator(".ds-tag").first).to_have_text("Spridd")
    expect(
        page.get_by_role("link", name="Spridd som gott exempel: Nyckelfri hemtjänst")
    ).to_be_visible()
    assert_accessible(page)


def test_an_employee_waits_for_a_full_session_gets_the_place_and_downloads_the_calendar_file(
    page: Any, tmp_path: Path
) -> None:
    demo_city_load()
    organiser = User.objects.get(email="samordnare@demo.example.org")
    booked = User.objects.filter(unit__isnull=False).exclude(email__contains="samordnare")[5]
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=10)
    session = services.session_create(
        user=organiser,
        fields={
            "title": "Nyckelfri hemtjänst i praktiken",
            "learn": "Hur låsen och planeringen hänger ihop.",
            "for_whom": "Hemtjänstens personal",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=1),
            "place": "Bromma, Gustavslundsvägen",
            "capacity": 1,
            "booking_deadline": starts - datetime.timedelta(days=1),
        },
    )
    services.booking_create(user=booked, session_id=session.pk)

    sign_in(page, "medarbetare@demo.example.org")
    page.goto("/kunskapsdelning/")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Nyckelfri hemtjänst i praktiken"))
    assert_accessible(page)
    page.get_by_role("button", name="Ställ dig på väntelistan").click()
    expect(page.get_by_text("Passet är fullbokat: du står på väntelistan")).to_be_visible()
    expect(page.locator("#booking-status")).to_contain_text("nummer 1 på väntelistan")
    assert_accessible(page)
    sign_out(page)

    # The organiser cancels the booked person; the first waiting gets the place.
    sign_in(page, "samordnare@demo.example.org")
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Deltagarlista och närvaro").click()
    expect(page.locator("#waiting-list")).to_contain_text("Mats Medarbetare")
    assert_accessible(page)
    page.get_by_role("button", name=f"Avboka {booked.full_name}").click()
    expect(page.locator("#booked-list")).to_contain_text("Mats Medarbetare")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "medarbetare@demo.example.org")
    page.goto("/spridning/notiser/")
    expect(
        page.get_by_text("Du har fått en plats på ”Nyckelfri hemtjänst i praktiken”")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Du har fått en plats").click()
    expect(page.locator("#booking-status")).to_contain_text("Du har en plats.")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Lägg till i kalendern (.ics)").click()
    target = tmp_path / "pass.ics"
    download.value.save_as(target)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Nyckelfri hemtjänst i praktiken"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert calendar.walk("VTIMEZONE")
    page.goto("/kunskapsdelning/mina-bokningar/")
    assert_accessible(page)


def test_every_spreading_page_fits_390_px(page: Any) -> None:
    demo_city_load()
    demo_ideas_load()
    demo_spreading_load()
    example = GoodExample.objects.filter(publication="published").order_by("pk").first()
    assert example is not None
    adoption = example.adoptions.first()
    session = example.sessions.first()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "innovationskontoret@demo.example.org")
    paths = [
        "/goda-exempel/",
        "/goda-exempel/nytt/",
        example.get_absolute_url(),
        f"/goda-exempel/{example.slug}/andra/",
        "/kunskapsdelning/",
        "/kunskapsdelning/ny/",
        "/kunskapsdelning/mina-bokningar/",
        "/spridning/notiser/",
    ]
    if adoption is not None:
        paths.append(adoption.get_absolute_url())
    if session is not None:
        paths += [
            session.get_absolute_url(),
            f"/kunskapsdelning/{session.pk}/deltagare/",
            session.campaign.get_absolute_url() if session.campaign else "/kunskapsdelning/",
        ]
    for path in paths:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
