"""Every write of the spreading app. Keyword-only, atomic, and the only place rules are enforced.

Refusals are `ApplicationError`s with the field they belong to; permission is asked by action
through `core.permissions`, the same question the page and the API ask. Bookings and adoption
counters change under row locks (`select_for_update`), so concurrent bookers of the last
places end in arrival order and counters never drift.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from innovera.core import formatting
from innovera.core.exceptions import ApplicationError
from innovera.core.language import in_site_language
from innovera.core.permissions import can, require
from innovera.core.slugs import unique_slug
from innovera.core.tasks import enqueue, send_email
from innovera.core.uploads import stored_file, upload_type
from innovera.ideas import services as idea_services
from innovera.ideas.models import Idea, Stage, Topic
from innovera.organisations.models import Membership, Role, Unit, User
from innovera.spreading.models import (
    Adoption,
    AdoptionEvent,
    AdoptionStatus,
    Booking,
    BookingStatus,
    CalendarToken,
    CampaignWeek,
    ExampleAttachment,
    ExampleFigure,
    ExampleImage,
    ExampleUnitType,
    GoodExample,
    KnowledgeSession,
    Notice,
    Publication,
)
from innovera.spreading.models.examples import EXAMPLE_WRITTEN_FIELDS
from innovera.spreading.models.sessions import new_calendar_token

EXAMPLE_FIELDS = (*EXAMPLE_WRITTEN_FIELDS, "contact")
# What a session is about, when and where (written in the form, sent by the API).
SESSION_PLAN_FIELDS = (
    "title",
    "learn",
    "for_whom",
    "level",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "capacity",
)
SESSION_FIELDS = (
    *SESSION_PLAN_FIELDS,
    "booking_deadline",
    "example",
    "campaign",
    "open_to_residents",
)


# --- Notices -------------------------------------------------------------------------------


def notice_send(
    *, user: User, text: str, url: str, email: bool = True, group: Any = None
) -> Notice:
    """An in-app notice and, unless told otherwise, an e-mail after commit. The caller has
    already asked whether `user` may see what the notice is about (`group`: the discussion
    group it is about, for the weekly digest), and composed `text` in the site's language
    (`in_site_language`): it is for someone else than the person acting."""
    return notices_send(
        people=[user], text=text, url=url, mailed=[user] if email else [], group=group
    )[0]


def notices_send(
    *, people: Iterable[User], text: str, url: str, mailed: Iterable[User] = (), group: Any = None
) -> list[Notice]:
    """`notice_send` for many people in one insert, however many they are: an e-mail after
    commit to those of `mailed` who have an address and an open account (one body, rendered
    once), whose notice records when it was mailed."""
    to_mail = {person.pk: person for person in mailed if person.email and person.is_active}
    now = timezone.now()
    notices = Notice.objects.bulk_create(
        Notice(
            user=person,
            text=text[:300],
            url=url,
            group=group,
            emailed_at=now if person.pk in to_mail else None,
        )
        for person in people
    )
    if to_mail:
        with in_site_language():
            body = render_to_string(
                "spreading/email/notice.txt", {"text": text, "link": settings.SITE_URL + url}
            )
        for person in to_mail.values():
            transaction.on_commit(
                partial(enqueue, send_email, subject=text[:150], body=body, to=[person.email])
            )
    return notices


@transaction.atomic
def notices_mark_read(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def _unit_contacts(unit: Unit) -> list[User]:
    """Who hears about an example's adoptions: the originating unit's coordinators."""
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(unit=unit, role=Role.COORDINATOR).values("user_id"),
        )
    )


def _notify_originating_unit(*, example: GoodExample, text: str, url: str, actor: User) -> int:
    recipients = {person.pk: person for person in _unit_contacts(example.unit)}
    if example.author is not None and example.author.is_active:
        recipients.setdefault(example.author.pk, example.author)
    sent = 0
    for person in recipients.values():
        # A notice never tells of an example its reader may not see.
        if person.pk == actor.pk or not can(person, "example.view", example):
            continue
        notice_send(user=person, text=text, url=url)
        sent += 1
    return sent


# --- Good examples -------------------------------------------------------------------------


def _set_lists(
    example: GoodExample, topics: Iterable[Topic] | None, unit_types: Iterable[str] | None
) -> None:
    if topics is not None:
        example.topics.set(list(topics))
    if unit_types is not None:
        wanted = set(unit_types)
        example.unit_types.exclude(unit_type__in=wanted).delete()
        have = set(example.unit_types.values_list("unit_type", flat=True))
        ExampleUnitType.objects.bulk_create(
            [ExampleUnitType(example=example, unit_type=code) for code in sorted(wanted - have)]
        )


@transaction.atomic
def example_create(
    *,
    user: User,
    unit: Unit,
    fields: dict[str, Any],
    topics: Iterable[Topic] = (),
    unit_types: Iterable[str] = (),
    idea: Idea | None = None,
) -> GoodExample:
    """A draft example, private to its author and the office until it is published."""
    if not can(user, "example.create", unit):
        raise ApplicationError(
            _("You may write good examples only for the units you coordinate."), field="unit"
        )
    if idea is not None:
        if not can(user, "example.from_idea", idea):
            raise PermissionDenied("example.from_idea")
        if GoodExample.objects.filter(idea=idea).exists():
            raise ApplicationError(_("This idea has already been made a good example."))
    data = {key: value for key, value in fields.items() if key in EXAMPLE_FIELDS}
    example = GoodExample.objects.create(
        slug=unique_slug(GoodExample, slugify(data["title"]) or "exempel"),
        unit=unit,
        author=user,
        idea=idea,
        **data,
    )
    _set_lists(example, topics, unit_types)
    return example


@transaction.atomic
def example_update(
    *,
    user: User,
    example: GoodExample,
    fields: dict[str, Any],
    topics: Iterable[Topic] | None = None,
    unit_types: Iterable[str] | None = None,
) -> GoodExample:
    require(user, "example.edit", example)
    changed = []
    for key, value in fields.items():
        if key in EXAMPLE_FIELDS:
            setattr(example, key, value)
            changed.append(key)
    example.updated_at = timezone.now()
    example.save(update_fields=[*changed, "updated_at"])
    _set_lists(example, topics, unit_types)
    return example


@transaction.atomic
def example_publish(*, user: User, example: GoodExample) -> GoodExample:
    if not can(user, "example.publish", example):
        raise ApplicationError(
            _("Only the unit's coordinators and the innovation office may publish this example.")
        )
    if example.is_published:
        return example
    example.publication = Publication.PUBLISHED
    example.published_at = example.updated_at = timezone.now()
    example.save(update_fields=["publication", "published_at", "updated_at"])
    return example


@transaction.atomic
def example_image_add(
    *, user: User, example: GoodExample, upload: Any, alt_text: str, caption: str = ""
) -> ExampleImage:
    require(user, "example.edit", example)
    if not alt_text.strip():
        raise ApplicationError(
            _("Describe the image in an alternative text, for those who cannot see it."),
            field="alt_text",
        )
    return ExampleImage.objects.create(
        example=example,
        file=upload,
        content_type=upload_type(upload),
        alt_text=alt_text.strip(),
        caption=caption.strip(),
    )


@transaction.atomic
def example_attachment_add(*, user: User, example: GoodExample, upload: Any) -> ExampleAttachment:
    """Stored under a random name; served only through a view that asks example.attachment."""
    require(user, "example.edit", example)
    return ExampleAttachment.objects.create(example=example, **stored_file(upload))


@transaction.atomic
def example_figure_add(
    *, user: User, example: GoodExample, label: str, number: Decimal, unit_of_measure: str = ""
) -> ExampleFigure:
    require(user, "example.edit", example)
    if not label.strip():
        raise ApplicationError(_("Say what was measured."), field="label")
    return ExampleFigure.objects.create(
        example=example, label=label.strip(), number=number, unit_of_measure=unit_of_measure
    )


# --- Adoptions -----------------------------------------------------------------------------


def _recount(example_id: int) -> None:
    """The example's counters from its adoptions; called with the example's row locked."""
    adoptions = Adoption.objects.filter(example_id=example_id)
    GoodExample.objects.filter(pk=example_id).update(
        adoption_count=adoptions.exclude(status=AdoptionStatus.DROPPED).count(),
        in_use_count=adoptions.filter(status=AdoptionStatus.IN_USE).count(),
    )


@transaction.atomic
def adoption_create(
    *, user: User, example_id: int, unit: Unit, contact: User | None = None
) -> tuple[Adoption, bool]:
    """ "Vi vill också": one adoption per unit and example; a second says so and returns the
    first. The originating unit is told."""
    example = (
        GoodExample.objects.select_for_update(of=("self",))
        .select_related("unit", "author")
        .get(pk=example_id)
    )
    if not can(user, "adoption.create", example):
        raise PermissionDenied("adoption.create")
    if not can(user, "example.create", unit):
        raise ApplicationError(
            _("You may adopt examples only for the units you coordinate."), field="unit"
        )
    if unit.pk == example.unit_id:
        raise ApplicationError(
            _("The example comes from this unit; choose the unit that wants to adopt it."),
            field="unit",
        )
    adoption = Adoption.objects.filter(example=example, unit=unit).first()
    if adoption is not None:
        return adoption, False
    adoption = Adoption.objects.create(
        example=example, unit=unit, contact=contact or user, created_by=user
    )
    AdoptionEvent.objects.create(
        adoption=adoption, from_status="", to_status=AdoptionStatus.INTERESTED, actor=user
    )
    _recount(example.pk)
    with in_site_language():
        _notify_originating_unit(
            example=example,
            text=_("%(unit)s wants to adopt “%(title)s”.")
            % {"unit": unit.name, "title": example.title},
            url=adoption.get_absolute_url(),
            actor=user,
        )
    return adoption, True


@transaction.atomic
def adoption_update(
    *,
    user: User,
    adoption_id: int,
    status: str,
    changes: str = "",
    outcome: str = "",
    lessons: str = "",
    drop_reason: str = "",
) -> Adoption:
    adoption = (
        Adoption.objects.select_for_update(of=("self",))
        .select_related("example__unit", "example__author", "example__idea__stage", "unit")
        .get(pk=adoption_id)
    )
    require(user, "adoption.edit", adoption)
    if status not in AdoptionStatus.values:
        raise ApplicationError(_("Choose a status from the list."), field="status")
    if status == AdoptionStatus.DROPPED and not drop_reason.strip():
        raise ApplicationError(
            _("Say why the adoption was dropped: others learn from it."), field="drop_reason"
        )
    # Lock the example too: its counters follow the adoptions.
    GoodExample.objects.select_for_update().filter(pk=adoption.example_id).first()
    previous = adoption.status
    today = timezone.localdate()
    adoption.changes, adoption.outcome, adoption.lessons = (
        changes.strip(),
        outcome.strip(),
        lessons.strip(),
    )
    adoption.drop_reason = drop_reason.strip() if status == AdoptionStatus.DROPPED else ""
    adoption.status = status
    if status != previous:
        date_field = {
            AdoptionStatus.PLANNING: "planning_on",
            AdoptionStatus.IN_USE: "in_use_on",
            AdoptionStatus.DROPPED: "dropped_on",
        }.get(AdoptionStatus(status))
        if date_field:
            setattr(adoption, date_field, today)
        AdoptionEvent.objects.create(
            adoption=adoption,
            from_status=previous,
            to_status=status,
            actor=user,
            note=adoption.drop_reason,
        )
    adoption.updated_at = timezone.now()
    adoption.save()
    _recount(adoption.example_id)
    if status != previous:
        example = adoption.example
        with in_site_language():
            text = _("“%(title)s” in %(unit)s: %(status)s.") % {
                "title": example.title,
                "unit": adoption.unit.name,
                "status": AdoptionStatus(status).label,
            }
            _notify_originating_unit(
                example=example, text=text, url=adoption.get_absolute_url(), actor=user
            )
    return adoption


@transaction.atomic
def adoption_mark_idea_spread(*, user: User, adoption_id: int) -> Idea:
    """Move the example's idea to "spread", with this adoption as the reason on record."""
    adoption = Adoption.objects.select_related("example__idea__stage", "unit").get(pk=adoption_id)
    require(user, "adoption.mark_idea_spread", adoption)
    idea = adoption.example.idea
    if idea is None:  # the permission asks for an idea; this keeps the type checker sure too
        raise ApplicationError(_("The example does not come from an idea."))
    if adoption.status != AdoptionStatus.IN_USE:
        raise ApplicationError(_("Only an adoption that is in use spreads the idea."))
    spread = Stage.objects.filter(key="spread").first()
    if spread is None:
        raise ApplicationError(_("The process has no stage “spread”."))
    # The reason stays in the idea's history, read by everyone: the site's language.
    with in_site_language():
        reason = _(
            "In use in %(unit)s since %(date)s (adoption of the good example “%(title)s”)."
        ) % {
            "unit": adoption.unit.name,
            "date": formatting.date_long(
                adoption.in_use_on or timezone.localdate(),
                lang=formatting.language_of(translation.get_language()),
            ),
            "title": adoption.example.title,
        }
    try:
        return idea_services.idea_move(user=user, idea_id=idea.pk, to_stage=spread, reason=reason)
    except ApplicationError as error:
        raise ApplicationError(str(error)) from None


# --- Sessions ------------------------------------------------------------------------------


def _check_session_fields(data: dict[str, Any]) -> None:
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts and ends and ends <= starts:
        raise ApplicationError(_("The session must end after it starts."), field="ends_at")
    capacity = data.get("capacity")
    if capacity is not None and capacity < 0:
        raise ApplicationError(_("The number of places cannot be below zero."), field="capacity")
    deadline = data.get("booking_deadline")
    if deadline and starts and deadline > starts:
        raise ApplicationError(
            _("Bookings must close before the session starts."), field="booking_deadline"
        )
    if not (data.get("place") or "").strip() and not (data.get("online_url") or "").strip():
        raise ApplicationError(_("Give a place or an online link."), field="place")


@transaction.atomic
def session_create(*, user: User, fields: dict[str, Any]) -> KnowledgeSession:
    require(user, "session.create")
    data = {key: value for key, value in fields.items() if key in SESSION_FIELDS}
    _check_session_fields(data)
    return KnowledgeSession.objects.create(organiser=user, unit=user.unit, **data)


@transaction.atomic
def session_update(
    *, user: User, session_id: int, fields: dict[str, Any]
) -> tuple[KnowledgeSession, list[Booking]]:
    """Save the changes and raise the calendar SEQUENCE. A lower capacity drops nobody: the
    booked people above the new limit are returned (and the organiser told), so the organiser
    decides; a higher one gives the new places to the waiting list."""
    session = KnowledgeSession.objects.select_for_update().get(pk=session_id)
    require(user, "session.edit", session)
    data = {key: value for key, value in fields.items() if key in SESSION_FIELDS}
    merged = {key: getattr(session, key) for key in SESSION_FIELDS} | data
    _check_session_fields(merged)
    for key, value in data.items():
        setattr(session, key, value)
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save()
    booked = list(
        session.bookings.filter(status=BookingStatus.BOOKED)
        .select_related("person")
        .order_by("booked_at", "id")
    )
    above = booked[session.capacity :]
    if above:
        names = ", ".join(booking.person.full_name for booking in above)
        with in_site_language():
            notice_send(
                user=session.organiser,
                text=_("“%(title)s” now has %(n)s places; booked above the limit: %(names)s.")
                % {"title": session.title, "n": session.capacity, "names": names},
                url=session.get_absolute_url(),
            )
    else:
        _promote_waiting(session)
    return session, above


@transaction.atomic
def session_cancel(*, user: User, session_id: int) -> KnowledgeSession:
    session = KnowledgeSession.objects.select_for_update().get(pk=session_id)
    require(user, "session.edit", session)
    if session.is_cancelled:
        return session
    session.cancelled_at = session.updated_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "updated_at", "sequence"])
    affected = session.bookings.exclude(status=BookingStatus.CANCELLED).select_related("person")
    for booking in affected:
        if booking.person_id != user.pk:
            _tell_booked(
                booking.person, session, gettext_noop("“%(title)s” on %(date)s is cancelled.")
            )
    return session


def _tell_booked(person: User, session: KnowledgeSession, message: str) -> None:
    """A notice to a person on the session's lists about its `message` (a msgid with the
    session's title and date), in the site's language; none to one who may no longer see it."""
    if not can(person, "session.view", session):
        return
    with in_site_language():
        notice_send(
            user=person,
            text=_(message) % {"title": session.title, "date": _local_date(session.starts_at)},
            url=session.get_absolute_url(),
        )


def _local_date(moment: datetime.datetime) -> str:
    return formatting.datetime_long(
        timezone.localtime(moment), lang=formatting.language_of(translation.get_language())
    )


def _promote_waiting(session: KnowledgeSession) -> list[Booking]:
    """Fill free places from the waiting list in arrival order. The caller holds the
    session's row lock, so two cancellations never give one place twice."""
    booked = session.bookings.filter(status=BookingStatus.BOOKED).count()
    free = session.capacity - booked
    if free <= 0 or session.is_cancelled:
        return []
    promoted = list(
        session.bookings.select_for_update()
        .filter(status=BookingStatus.WAITING)
        .select_related("person")
        .order_by("queued_at", "id")[:free]
    )
    now = timezone.now()
    for booking in promoted:
        booking.status = BookingStatus.BOOKED
        booking.booked_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "booked_at", "sequence"])
        _tell_booked(
            booking.person, session, gettext_noop("You got a place on “%(title)s”, %(date)s.")
        )
    return promoted


@transaction.atomic
def booking_create(*, user: User, session_id: int, now: datetime.datetime | None = None) -> Booking:
    """Book one place, or join the waiting list when the session is full. A second booking by
    the same person returns the first. The session's row is locked for the count and the
    insert, so concurrent bookers are served one at a time, in the order they arrived."""
    session = KnowledgeSession.objects.select_for_update().get(pk=session_id)
    # The time is taken under the lock, so the queue's order is the order of being served.
    now = now or timezone.now()
    if not can(user, "session.book", session):
        raise PermissionDenied("session.book")
    if session.is_cancelled:
        raise ApplicationError(_("The session is cancelled; it cannot be booked."))
    existing = Booking.objects.filter(session=session, person=user).first()
    if existing is not None and existing.status != BookingStatus.CANCELLED:
        return existing
    if now > session.booking_deadline:
        raise ApplicationError(
            _("Bookings closed on %(date)s.") % {"date": _local_date(session.booking_deadline)}
        )
    booked = session.bookings.filter(status=BookingStatus.BOOKED).count()
    waiting = session.bookings.filter(status=BookingStatus.WAITING).exists()
    status = BookingStatus.BOOKED if booked < session.capacity and not waiting else "waiting"
    booking = existing or Booking(session=session, person=user)
    booking.status = status
    booking.queued_at = now
    booking.booked_at = now if status == BookingStatus.BOOKED else None
    booking.cancelled_at = None
    booking.attended = None
    if existing is not None:
        booking.sequence += 1
    booking.save()
    return booking


@transaction.atomic
def booking_cancel(*, user: User, booking_id: int) -> Booking:
    """Cancelled by the person, the organiser or the office; a freed place goes to the first
    on the waiting list under the session's row lock."""
    session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
    session = KnowledgeSession.objects.select_for_update().get(pk=session_id)
    booking = Booking.objects.select_for_update().select_related("person").get(pk=booking_id)
    booking.session = session
    require(user, "booking.cancel", booking)
    if booking.status == BookingStatus.CANCELLED:
        return booking
    was_booked = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "sequence"])
    if booking.person_id != user.pk:
        with in_site_language():
            notice_send(
                user=booking.person,
                text=_("Your booking of “%(title)s” was cancelled by the organiser.")
                % {"title": session.title},
                url=session.get_absolute_url(),
            )
    if was_booked:
        _promote_waiting(session)
    return booking


@transaction.atomic
def attendance_mark(*, user: User, session_id: int, attended: dict[int, bool]) -> int:
    """Marked after the session has started; only booked people can have attended."""
    session = KnowledgeSession.objects.select_for_update().get(pk=session_id)
    require(user, "session.attendees", session)
    if timezone.now() < session.starts_at:
        raise ApplicationError(_("Attendance is marked once the session has started."))
    marked = 0
    for booking in session.bookings.filter(status=BookingStatus.BOOKED, pk__in=list(attended)):
        booking.attended = attended[booking.pk]
        booking.save(update_fields=["attended"])
        marked += 1
    return marked


@transaction.atomic
def campaign_create(
    *, user: User, title: str, starts_on: datetime.date, ends_on: datetime.date, description: str
) -> CampaignWeek:
    require(user, "campaign.manage")
    if ends_on < starts_on:
        raise ApplicationError(_("The last day cannot be before the first."), field="ends_on")
    return CampaignWeek.objects.create(
        title=title,
        slug=unique_slug(CampaignWeek, slugify(title) or "kampanj"),
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
    )


# --- Calendar feed and reminders -----------------------------------------------------------


@transaction.atomic
def calendar_token_get(*, user: User) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(person=user)
    return token


@transaction.atomic
def calendar_token_renew(*, user: User) -> CalendarToken:
    """A new secret address; the old one stops answering at once."""
    token, created = CalendarToken.objects.get_or_create(person=user)
    if not created:
        token.token = new_calendar_token()
        token.created_at = timezone.now()
        token.save(update_fields=["token", "created_at"])
    return token


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone booked on a session that starts tomorrow (Stockholm time), once.
    Run daily (`innovera spreading_reminders`)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(days=1)
    sent = 0
    due = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        reminded_at__isnull=True,
        session__cancelled_at__isnull=True,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).select_related("session", "person")
    for booking in due:
        with transaction.atomic():
            updated = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not updated or not can(booking.person, "session.view", booking.session):
                continue
            session = booking.session
            with in_site_language():
                notice_send(
                    user=booking.person,
                    text=_("Reminder: “%(title)s” is tomorrow, %(date)s, %(place)s.")
                    % {
                        "title": session.title,
                        "date": _local_date(session.starts_at),
                        "place": session.place or session.online_url,
                    },
                    url=session.get_absolute_url(),
                )
            sent += 1
    return sent
