"""Drafts and sessions for employees never reach those who may not see them, on any channel:
page, search, API, calendar file and feed, notices. And every URL declares its action."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innovera.core.permissions import url_actions
from innovera.core.registry import permission_tables
from innovera.spreading import services
from innovera.spreading.apps import SpreadingConfig
from innovera.spreading.models import Notice
from innovera.spreading.tests.factories import (
    make_example,
    make_office,
    make_session,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


def spreading_app() -> SpreadingConfig:
    config = apps.get_app_config("spreading")
    assert isinstance(config, SpreadingConfig)
    return config


VIEWERS = ["anonymous", "resident", "employee", "coordinator_elsewhere"]


def viewer(who: str):
    if who == "anonymous":
        return None
    if who == "resident":
        return make_user()
    from innovera.ideas.tests.factories import make_coordinator

    unit = make_unit()
    return make_user(unit=unit) if who == "employee" else make_coordinator(unit)


def client_for(person) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize("who", VIEWERS)
def test_a_draft_never_shows_on_a_page_in_search_or_in_the_api(who: str) -> None:
    draft = make_example(title="Hemligt utkast om tavlor", published=False)
    make_example(title="Publicerat om tavlor")
    person = viewer(who)
    client = client_for(person)

    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = client.get(reverse("spreading:example_list"), {"q": "tavlor"}).content.decode()
    assert "Publicerat om tavlor" in listing and "Hemligt utkast" not in listing
    hits = spreading_app().search(person or _anonymous(), "tavlor", 10)
    assert [hit.title for hit in hits] == ["Publicerat om tavlor"]
    api = client.get("/api/v1/examples/", {"q": "tavlor"}).json()
    assert [row["title"] for row in api["results"]] == ["Publicerat om tavlor"]
    assert client.get(f"/api/v1/examples/{draft.slug}/").status_code == 404


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_a_session_for_employees_never_shows_to_residents_or_the_public(who: str) -> None:
    closed = make_session(title="Internt pass om tavlor")
    make_session(title="Öppet pass om tavlor", open_to_residents=True)
    person = viewer(who)
    client = client_for(person)

    assert client.get(closed.get_absolute_url()).status_code == 404
    ics = reverse("spreading:session_ics", kwargs={"pk": closed.pk})
    assert client.get(ics).status_code == 404
    listing = client.get(reverse("spreading:session_list")).content.decode()
    assert "Öppet pass" in listing and "Internt pass" not in listing
    hits = spreading_app().search(person or _anonymous(), "tavlor", 10)
    assert [hit.title for hit in hits] == ["Öppet pass om tavlor"]
    api = client.get("/api/v1/sessions/").json()
    assert [row["title"] for row in api["results"]] == ["Öppet pass om tavlor"]
    assert client.get(f"/api/v1/sessions/{closed.pk}/").status_code == 404
    if person is not None:
        assert client.post(f"/api/v1/sessions/{closed.pk}/booking/").status_code == 404


def test_an_employee_sees_the_session_for_employees() -> None:
    closed = make_session(title="Internt pass")
    client = client_for(make_user(unit=make_unit()))
    assert client.get(closed.get_absolute_url()).status_code == 200
    assert client.get(f"/api/v1/sessions/{closed.pk}/").status_code == 200


def test_a_session_closed_to_residents_leaves_their_feed_and_sends_them_no_notice() -> None:
    session = make_session(title="Passet som stängdes", open_to_residents=True, capacity=5)
    resident = make_user()
    services.booking_create(user=resident, session_id=session.pk)
    token = services.calendar_token_get(user=resident).token

    services.session_update(
        user=session.organiser, session_id=session.pk, fields={"open_to_residents": False}
    )
    feed = Client().get(reverse("spreading:calendar_feed", kwargs={"token": token}))
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert events == []
    Notice.objects.all().delete()
    services.session_cancel(user=session.organiser, session_id=session.pk)
    assert not Notice.objects.filter(user=resident).exists()
    client = client_for(resident)
    assert client.get(reverse("spreading:notices")).status_code == 200
    assert "Passet som stängdes" not in client.get(reverse("spreading:notices")).content.decode()


def test_no_reminder_about_a_session_the_person_may_no_longer_see() -> None:
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=10, minute=0)
    session = make_session(open_to_residents=True, starts_in=tomorrow - timezone.now())
    resident = make_user()
    services.booking_create(user=resident, session_id=session.pk)
    services.session_update(
        user=session.organiser, session_id=session.pk, fields={"open_to_residents": False}
    )
    assert services.reminders_send() == 0
    assert not Notice.objects.filter(user=resident).exists()


def test_the_attendee_list_is_only_for_the_organiser_and_the_office() -> None:
    session = make_session()
    attendee = make_user(unit=make_unit(), full_name="Bodil Bokad")
    services.booking_create(user=attendee, session_id=session.pk)
    url = reverse("spreading:session_attendees", kwargs={"pk": session.pk})

    assert client_for(attendee).get(url).status_code == 403
    assert client_for(make_user(unit=make_unit())).get(url).status_code == 403
    assert "Bodil Bokad" in client_for(session.organiser).get(url).content.decode()
    assert "Bodil Bokad" in client_for(make_office()).get(url).content.decode()
    assert (
        "Bodil Bokad" not in client_for(attendee).get(session.get_absolute_url()).content.decode()
    )


def test_every_url_of_the_spreading_app_and_its_api_declares_an_action_of_a_table() -> None:
    actions = {
        name: action
        for name, action in url_actions().items()
        if name.startswith(("spreading:", "api:spreading:"))
    }
    assert len(actions) >= 35
    missing = [name for name, action in actions.items() if action is None]
    assert missing == []
    assert set(actions.values()) <= permission_tables().keys()
