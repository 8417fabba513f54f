"""Booking a knowledge-sharing session: places, the waiting list, deadlines, attendance."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from innovera.core.exceptions import ApplicationError
from innovera.spreading import selectors, services
from innovera.spreading.models import Booking, BookingStatus, Notice
from innovera.spreading.tests.factories import make_office, make_session, make_unit, make_user

pytestmark = pytest.mark.django_db


def employees(n: int) -> list:
    unit = make_unit()
    return [make_user(unit=unit) for _ in range(n)]


def test_a_full_session_puts_the_next_booker_on_the_waiting_list_in_order() -> None:
    session = make_session(capacity=2)
    people = employees(4)
    statuses = [services.booking_create(user=p, session_id=session.pk).status for p in people]

    assert statuses == ["booked", "booked", "waiting", "waiting"]
    view = selectors.session_detail(user=people[3], pk=session.pk)
    assert view is not None and view.waiting_position == 2


def test_booking_twice_gives_one_booking() -> None:
    session = make_session()
    person = employees(1)[0]

    first = services.booking_create(user=person, session_id=session.pk)
    second = services.booking_create(user=person, session_id=session.pk)

    assert first.pk == second.pk
    assert Booking.objects.filter(session=session, person=person).count() == 1


def test_booking_after_the_deadline_is_refused_with_the_reason() -> None:
    session = make_session(starts_in=datetime.timedelta(minutes=30))
    with pytest.raises(ApplicationError, match="Bokningen stängde"):
        services.booking_create(user=employees(1)[0], session_id=session.pk)


def test_a_cancelled_session_cannot_be_booked() -> None:
    session = make_session()
    services.session_cancel(user=session.organiser, session_id=session.pk)
    with pytest.raises(ApplicationError, match="inställt"):
        services.booking_create(user=employees(1)[0], session_id=session.pk)


@pytest.mark.parametrize("who", ["themselves", "organiser", "office"])
def test_when_a_booked_person_is_cancelled_the_first_waiting_gets_the_place_and_is_told(
    who: str, django_capture_on_commit_callbacks
) -> None:
    session = make_session(capacity=1)
    booked, first_waiting, second_waiting = employees(3)
    booking = services.booking_create(user=booked, session_id=session.pk)
    services.booking_create(user=first_waiting, session_id=session.pk)
    services.booking_create(user=second_waiting, session_id=session.pk)
    mail.outbox.clear()

    actor = {"themselves": booked, "organiser": session.organiser, "office": make_office()}[who]
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(user=actor, booking_id=booking.pk)

    status = dict(Booking.objects.filter(session=session).values_list("person_id", "status"))
    assert status == {
        booked.pk: BookingStatus.CANCELLED,
        first_waiting.pk: BookingStatus.BOOKED,
        second_waiting.pk: BookingStatus.WAITING,
    }
    assert Notice.objects.filter(user=first_waiting, text__contains=session.title).exists()
    assert any(first_waiting.email in m.to for m in mail.outbox)
    if who != "themselves":
        assert Notice.objects.filter(user=booked).exists()


def test_a_stranger_cannot_cancel_someone_elses_booking() -> None:
    session = make_session()
    owner, stranger = employees(2)
    booking = services.booking_create(user=owner, session_id=session.pk)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.booking_cancel(user=stranger, booking_id=booking.pk)


def test_lowering_the_capacity_drops_nobody_and_tells_the_organiser_who_is_above() -> None:
    session = make_session(capacity=3)
    people = employees(3)
    for person in people:
        services.booking_create(user=person, session_id=session.pk)

    _session, above = services.session_update(
        user=session.organiser, session_id=session.pk, fields={"capacity": 1}
    )

    assert [b.person for b in above] == people[1:]
    assert Booking.objects.filter(session=session, status="booked").count() == 3
    notice = Notice.objects.get(user=session.organiser)
    assert people[1].full_name in notice.text and people[2].full_name in notice.text


def test_raising_the_capacity_gives_the_new_places_to_the_waiting_list() -> None:
    session = make_session(capacity=1)
    people = employees(3)
    for person in people:
        services.booking_create(user=person, session_id=session.pk)

    services.session_update(user=session.organiser, session_id=session.pk, fields={"capacity": 2})

    assert Booking.objects.get(person=people[1]).status == "booked"
    assert Booking.objects.get(person=people[2]).status == "waiting"


def test_an_end_before_the_start_and_a_capacity_below_zero_are_field_errors() -> None:
    session = make_session()
    with pytest.raises(ApplicationError) as ends:
        services.session_update(
            user=session.organiser,
            session_id=session.pk,
            fields={"ends_at": session.starts_at - datetime.timedelta(hours=1)},
        )
    assert ends.value.field == "ends_at"
    with pytest.raises(ApplicationError) as capacity:
        services.session_update(
            user=session.organiser, session_id=session.pk, fields={"capacity": -1}
        )
    assert capacity.value.field == "capacity"


def test_only_attended_bookings_count_as_participants() -> None:
    session = make_session(capacity=3, starts_in=datetime.timedelta(days=2))
    people = employees(3)
    bookings = [services.booking_create(user=p, session_id=session.pk) for p in people]
    session.starts_at = timezone.now() - datetime.timedelta(hours=2)
    session.ends_at = timezone.now() - datetime.timedelta(hours=1)
    session.save()

    services.attendance_mark(
        user=session.organiser,
        session_id=session.pk,
        attended={bookings[0].pk: True, bookings[1].pk: False, bookings[2].pk: True},
    )

    assert Booking.objects.filter(session=session, attended=True).count() == 2


def test_attendance_cannot_be_marked_before_the_session_starts() -> None:
    session = make_session()
    booking = services.booking_create(user=employees(1)[0], session_id=session.pk)
    with pytest.raises(ApplicationError):
        services.attendance_mark(
            user=session.organiser, session_id=session.pk, attended={booking.pk: True}
        )


def test_the_day_before_each_booked_person_is_reminded_once(
    django_capture_on_commit_callbacks,
) -> None:
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    starts = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    session = make_session(capacity=1, starts_in=starts - timezone.now())
    booked, waiting = employees(2)
    services.booking_create(user=booked, session_id=session.pk)
    services.booking_create(user=waiting, session_id=session.pk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 1
        assert services.reminders_send() == 0
    assert [m.to for m in mail.outbox] == [[booked.email]]
    assert Notice.objects.filter(user=waiting).count() == 0


def test_the_reminder_command_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    call_command("spreading_reminders")
    assert "0" in capsys.readouterr().out
