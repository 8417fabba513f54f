"""Counts of the spreading app for the followup app's indicators (issue 12).

Kept in a module of its own so it could land while `selectors.py` was being written; the
followup app reads it through `followup.services`. Every measure is counted per raw unit and
category, grouped in the database: the number of queries does not grow with the data.
Discussion groups give the Wien.Team measures (groups active, posts and replies, people
writing); award nominations give the report's "never nominated" (§6.8).
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, Value, When
from django.utils import timezone

from innovera.spreading.models import (
    Adoption,
    Booking,
    BookingStatus,
    KnowledgeSession,
    Nomination,
    NominationStatus,
    Post,
    PostStatus,
)

Counts = dict[int | None, dict[str, int]]


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def followup_counts(
    *, start: datetime.date, end: datetime.date, window_start: datetime.date
) -> dict[str, Counts]:
    """adoptions (started in the period, by adopting unit and status now), examples_adopted
    (examples with an adoption started in the period, by the example's unit), adopted_2y
    (adoptions in use from a day in window_start..end, by adopting unit and the OECD type of
    the example's idea), sessions (held in the period, by the organiser's unit), bookings and
    participants (booked places and distinct booked people of those sessions, by home unit),
    nominations (entered in the period, by the nominating unit) and nominations_ever (entered
    up to the period's end, by the nominating unit: the report's "never nominated", §6.8);
    the Wien.Team measures: groups (discussion groups with a post or reply written in the
    period, by the unit of the group's creator), posts (posts and replies written, by the
    author's home unit, category "post" or "reply"), group_writers (distinct people who wrote
    one, by home unit). Posts a moderator removed are not counted; hidden ones are (they
    were written). Only counts leave this function: no text, no name."""
    counts: dict[str, Counts] = {
        name: {}
        for name in (
            "adoptions",
            "examples_adopted",
            "adopted_2y",
            "sessions",
            "bookings",
            "participants",
            "nominations",
            "nominations_ever",
            "groups",
            "posts",
            "group_writers",
        )
    }

    def add(measure: str, unit: int | None, category: str, n: int) -> None:
        row = counts[measure].setdefault(unit, {})
        row[category] = row.get(category, 0) + n

    started = Adoption.objects.filter(started_on__gte=start, started_on__lte=end)
    for row in started.values("unit_id", "status").annotate(n=Count("id")):
        add("adoptions", row["unit_id"], row["status"], row["n"])
    for row in started.values("example__unit_id").annotate(n=Count("example_id", distinct=True)):
        add("examples_adopted", row["example__unit_id"], "", row["n"])
    in_use = Adoption.objects.filter(in_use_on__gte=window_start, in_use_on__lte=end)
    for row in in_use.values("unit_id", "example__idea__innovation_type").annotate(n=Count("id")):
        add(
            "adopted_2y",
            row["unit_id"],
            row["example__idea__innovation_type"] or "unspecified",
            row["n"],
        )

    low, high = _day_start(start), _day_start(end + datetime.timedelta(days=1))
    held = KnowledgeSession.objects.filter(
        starts_at__gte=low, starts_at__lt=high, cancelled_at__isnull=True
    )
    for row in held.values("unit_id").annotate(n=Count("id")):
        add("sessions", row["unit_id"], "", row["n"])
    booked = Booking.objects.filter(session__in=held, status=BookingStatus.BOOKED)
    for row in booked.values("person__unit_id").annotate(n=Count("id")):
        add("bookings", row["person__unit_id"], "", row["n"])
    # Only attended counts as a participant (issue 10): the organiser marks attendance.
    came = booked.filter(attended=True)
    for row in came.values("person__unit_id").annotate(n=Count("person_id", distinct=True)):
        add("participants", row["person__unit_id"], "", row["n"])

    # An entry counts from the day it was made (an external one: once confirmed, but those
    # have no nominating unit); withdrawn and unconfirmed ones never count.
    entered = Nomination.objects.filter(status=NominationStatus.ENTERED, created_at__lt=high)
    for row in (
        entered.filter(created_at__gte=low).values("nominating_unit_id").annotate(n=Count("id"))
    ):
        add("nominations", row["nominating_unit_id"], "", row["n"])
    for row in entered.values("nominating_unit_id").annotate(n=Count("id")):
        add("nominations_ever", row["nominating_unit_id"], "", row["n"])
    written = Post.objects.filter(created_at__gte=low, created_at__lt=high).exclude(
        status=PostStatus.REMOVED
    )
    for row in written.values("group__unit_id").annotate(n=Count("group_id", distinct=True)):
        add("groups", row["group__unit_id"], "", row["n"])
    kinds = written.annotate(
        kind=Case(When(parent__isnull=True, then=Value("post")), default=Value("reply"))
    )
    for row in kinds.values("author__unit_id", "kind").annotate(n=Count("id")):
        add("posts", row["author__unit_id"], row["kind"], row["n"])
    for row in written.values("author__unit_id").annotate(n=Count("author_id", distinct=True)):
        add("group_writers", row["author__unit_id"], "", row["n"])
    return counts
