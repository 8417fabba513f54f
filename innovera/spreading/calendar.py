"""iCalendar files for sessions, made with the `icalendar` library (RFC 5545).

One VEVENT per session with a UID that never changes, so a calendar that imported the file
once replaces its copy when the session changes: SEQUENCE is the session's own counter plus the
person's booking counter, both only ever raised. Times carry TZID Europe/Stockholm and the file
its VTIMEZONE, so a calendar in another zone still shows the right hour.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from innovera.spreading.models import Booking, BookingStatus, KnowledgeSession

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PRODID = "-//Innovera//Kunskapsdelning//SV"


def session_uid(session: KnowledgeSession) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "innovera"
    return f"session-{session.pk}@{host}"


def session_event(session: KnowledgeSession, booking: Booking | None = None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", session.ends_at.astimezone(STOCKHOLM))
    event.add("summary", session.title)
    location = session.place or session.online_url
    if location:
        event.add("location", location)
    event.add("url", settings.SITE_URL + session.get_absolute_url())
    description = session.learn
    if session.online_url:
        description = f"{description}\n\n{session.online_url}"
    event.add("description", description)
    event.add("sequence", session.sequence + (booking.sequence if booking else 0))
    cancelled = session.is_cancelled or (
        booking is not None and booking.status == BookingStatus.CANCELLED
    )
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if session.updated_at:
        event.add("last-modified", session.updated_at)
    return event


def _calendar(events: Iterable[icalendar.Event], name: str | None = None) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    years = [timezone.localdate().year]
    for event in events:
        calendar.add_component(event)
        years.append(event.DTSTART.year)
    # A VTIMEZONE for every TZID the events use (Europe/Stockholm), with the rules of the
    # years the events fall in rather than of 1970–2038.
    calendar.add_missing_timezones(
        first_date=datetime.date(min(years) - 1, 1, 1),
        last_date=datetime.date(max(years) + 2, 1, 1),
    )
    data: bytes = calendar.to_ical()
    return data


def session_calendar(session: KnowledgeSession, booking: Booking | None = None) -> bytes:
    """The .ics of one session, as this person's booking sees it."""
    return _calendar([session_event(session, booking)])


def bookings_calendar(bookings: Iterable[Booking], name: str) -> bytes:
    """A person's feed: every session they booked or wait for, cancelled ones marked so."""
    return _calendar((session_event(booking.session, booking) for booking in bookings), name)
