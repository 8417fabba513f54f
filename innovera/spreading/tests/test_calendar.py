"""The .ics files: parsed back with the icalendar library, as a calendar program would."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from innovera.spreading import services
from innovera.spreading.tests.factories import make_session, make_unit, make_user

pytestmark = pytest.mark.django_db


def parse(body: bytes) -> tuple[icalendar.Calendar, list[icalendar.Component]]:
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, list(calendar.walk("VEVENT"))


def session_file(client: Client, session) -> tuple[icalendar.Calendar, icalendar.Component]:
    response = client.get(reverse("spreading:session_ics", kwargs={"pk": session.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar, events = parse(response.content)
    assert len(events) == 1
    return calendar, events[0]


def test_a_booking_s_calendar_file_has_the_session_in_stockholm_time_with_its_vtimezone(
    client: Client,
) -> None:
    session = make_session(online_url="https://moten.example.org/abc")
    person = make_user(unit=make_unit())
    services.booking_create(user=person, session_id=session.pk)
    client.force_login(person)

    calendar, event = session_file(client, session)

    zones = list(calendar.walk("VTIMEZONE"))
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Stockholm"]
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTEND"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTEND") == session.ends_at
    assert str(event["SUMMARY"]) == session.title
    assert str(event["LOCATION"]) == "Stadshuset, sal 3"
    assert str(event["URL"]).endswith(f"/kunskapsdelning/{session.pk}/")
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_uid_stays_and_the_sequence_rises_on_every_change_and_cancel(client: Client) -> None:
    session = make_session()
    person = make_user(unit=make_unit())
    booking = services.booking_create(user=person, session_id=session.pk)
    client.force_login(person)
    _cal, first = session_file(client, session)

    services.session_update(
        user=session.organiser,
        session_id=session.pk,
        fields={"starts_at": session.starts_at + datetime.timedelta(minutes=30)},
    )
    _cal, moved = session_file(client, session)
    services.booking_cancel(user=person, booking_id=booking.pk)
    _cal, cancelled = session_file(client, session)

    assert str(first["UID"]) == str(moved["UID"]) == str(cancelled["UID"])
    sequences = [int(event.decoded("SEQUENCE")) for event in (first, moved, cancelled)]
    assert sequences[0] < sequences[1] < sequences[2]
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_a_cancelled_session_is_cancelled_in_the_file(client: Client) -> None:
    session = make_session()
    client.force_login(make_user(unit=make_unit()))
    services.session_cancel(user=session.organiser, session_id=session.pk)

    _cal, event = session_file(client, session)

    assert str(event["STATUS"]) == "CANCELLED"


def test_the_personal_feed_lists_my_bookings_at_a_secret_address_that_can_be_renewed(
    client: Client,
) -> None:
    person = make_user(unit=make_unit())
    sessions = [make_session(), make_session(title="Testbädd i praktiken")]
    for session in sessions:
        services.booking_create(user=person, session_id=session.pk)
    make_session(title="Inte bokad")
    old = services.calendar_token_get(user=person).token

    response = Client().get(reverse("spreading:calendar_feed", kwargs={"token": old}))
    calendar, events = parse(response.content)
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(s.title for s in sessions)
    assert calendar.walk("VTIMEZONE")

    new = services.calendar_token_renew(user=person).token
    assert new != old
    assert (
        Client().get(reverse("spreading:calendar_feed", kwargs={"token": old})).status_code == 404
    )
    assert (
        Client().get(reverse("spreading:calendar_feed", kwargs={"token": new})).status_code == 200
    )
