"""Reads of the spreading app: each page's data in a fixed number of queries.

Every list starts from `permissions.visible_examples` / `visible_sessions`, so a draft or a
session for employees never reaches someone who may not see it, whatever the channel.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innovera.core.permissions import can
from innovera.core.registry import RelatedLink, WorkItem
from innovera.core.search_index import text_search
from innovera.ideas import selectors as idea_selectors
from innovera.ideas.models import Idea
from innovera.organisations.models import Unit, UnitType, User
from innovera.organisations.permissions import AnyUser
from innovera.spreading import permissions
from innovera.spreading.models import (
    Adoption,
    AdoptionEvent,
    AdoptionStatus,
    Booking,
    BookingStatus,
    CalendarToken,
    CampaignWeek,
    ExampleAttachment,
    ExampleImage,
    GoodExample,
    KnowledgeSession,
    Notice,
)
from innovera.spreading.models.examples import EXAMPLE_SEARCH_COLUMNS, EXAMPLE_TEXT

PAGE_SIZE = 20
SORTS = {
    "newest": ("-published_at", "-id"),
    "most_adopted": ("-in_use_count", "-adoption_count", "-id"),
}


# --- Good examples -------------------------------------------------------------------------


def search_examples(
    queryset: QuerySet[GoodExample], text: str, *, ranked: bool = False
) -> QuerySet[GoodExample]:
    """The examples matching the search box's text (websearch syntax), on PostgreSQL's Swedish
    full text over the `example_text_sv` index, on SQLite's FTS5 table; with `ranked`, the
    alias `search_rank` orders them best first."""
    return text_search(
        queryset, text, columns=EXAMPLE_SEARCH_COLUMNS, ranked=ranked, document=EXAMPLE_TEXT
    )


def example_list(
    *, user: AnyUser, filters: dict[str, Any], sort: str = "newest", page: int = 1
) -> Page[GoodExample]:
    """One page of examples: a count and a page query, whatever the filters."""
    ordering = SORTS.get(sort, SORTS["newest"])
    paginator = Paginator(_filtered_examples(user, filters).order_by(*ordering), PAGE_SIZE)
    return paginator.get_page(page)


# The API's cursor pages (core.api.pagination) take their position from the first field, which
# must not be null: a draft has no publication time yet, so it counts from its creation.
API_SORTS = {
    "newest": ("-listed_at", "-id"),
    "most_adopted": SORTS["most_adopted"],
}


def example_feed(
    *, user: AnyUser, filters: dict[str, Any], sort: str = "newest"
) -> tuple[QuerySet[GoodExample], tuple[str, ...]]:
    """The examples for the API's cursor pages, and the ordering to page them by."""
    examples = _filtered_examples(user, filters).annotate(
        listed_at=Coalesce("published_at", "created_at")
    )
    return examples, API_SORTS.get(sort, API_SORTS["newest"])


def _filtered_examples(user: AnyUser, filters: dict[str, Any]) -> QuerySet[GoodExample]:
    examples = permissions.visible_examples(user).select_related("unit")
    if filters.get("q"):
        examples = search_examples(examples, filters["q"])
    if filters.get("topic"):
        examples = examples.filter(topics=filters["topic"])
    if filters.get("unit_type"):
        examples = examples.filter(unit_types__unit_type=filters["unit_type"])
    if filters.get("unit"):
        examples = examples.filter(unit=filters["unit"])
    if filters.get("status"):
        examples = examples.filter(status=filters["status"])
    if filters.get("adopted"):
        examples = examples.filter(in_use_count__gt=0)
    return examples


@dataclass
class UnitTypeAdoptions:
    unit_type: str
    label: str
    adoptions: list[Adoption] = field(default_factory=list)


@dataclass
class ExampleView:
    example: GoodExample
    idea: Idea | None
    adoptions_by_type: list[UnitTypeAdoptions]
    in_use_units: list[Unit]


def example_detail(*, user: AnyUser, slug: str) -> ExampleView | None:
    """The example with its lists, adoptions by unit type and, when the reader may see it, the
    idea it came from with the idea's recorded effects and lessons."""
    example = (
        permissions.visible_examples(user)
        .select_related("unit", "contact", "author", "idea")
        .prefetch_related(
            "topics",
            "unit_types",
            "figures",
            "images",
            "attachments",
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("unit", "contact").order_by(
                    "unit__unit_type", "unit__name"
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if example is None:
        return None
    idea = None
    if example.idea_id is not None:
        idea = idea_selectors.idea_detail(user=user, pk=example.idea_id)
    grouped: dict[str, list[Adoption]] = defaultdict(list)
    for adoption in example.adoptions.all():
        grouped[adoption.unit.unit_type].append(adoption)
    by_type = [
        UnitTypeAdoptions(code, str(label), grouped[code])
        for code, label in UnitType.choices
        if grouped.get(code)
    ]
    in_use = [a.unit for a in example.adoptions.all() if a.status == AdoptionStatus.IN_USE]
    return ExampleView(example, idea, by_type, in_use)


def example_initial_from_idea(*, user: AnyUser, idea_id: int) -> tuple[Idea, dict[str, Any]]:
    """The form's first values from an implemented idea: what it is, its effects and lessons,
    the failures among them under "what did not work"."""
    idea = idea_selectors.idea_detail(user=user, pk=idea_id)
    if idea is None:
        raise Idea.DoesNotExist
    effects = "\n".join(
        f"{effect.get_kind_display()}: {effect.text}"
        + (f" ({effect.number})" if effect.number is not None else "")
        for effect in idea.effects.all()
    )
    lessons = list(idea.lessons.all())
    initial = {
        "title": idea.title,
        "summary": idea.description,
        "problem": idea.situation or idea.value,
        "what_was_done": idea.description,
        "effects": effects,
        "for_whom": idea.for_whom,
        "did_not_work": "\n".join(lesson.text for lesson in lessons if lesson.did_not_work),
        "pitfalls": "\n".join(lesson.text for lesson in lessons if not lesson.did_not_work),
        "unit": idea.owner_unit,
        "topics": list(idea.topics.all()),
    }
    return idea, initial


def example_for_idea(*, user: AnyUser, idea: Any) -> GoodExample | None:
    """The good example an idea became, if the reader may see it."""
    return permissions.visible_examples(user).filter(idea_id=idea.pk).first()


def adoption_detail(*, user: AnyUser, slug: str, pk: int) -> Adoption | None:
    adoption = (
        Adoption.objects.select_related(
            "example__unit", "example__idea__stage", "unit", "contact", "created_by"
        )
        .prefetch_related(
            Prefetch("events", queryset=AdoptionEvent.objects.select_related("actor"))
        )
        .filter(pk=pk, example__slug=slug)
        .first()
    )
    if adoption is None or not permissions.can_view_adoption(user, adoption):
        return None
    return adoption


def adoption_list(*, user: AnyUser, example: str | None = None) -> QuerySet[Adoption]:
    adoptions = Adoption.objects.filter(example__in=permissions.visible_examples(user))
    if example:
        adoptions = adoptions.filter(example__slug=example)
    return adoptions.select_related("example", "unit").order_by("-updated_at", "-id")


def adoption_counts(*, by: str = "unit") -> dict[Any, dict[str, int]]:
    """Adoptions per adopting unit (id) or unit type, by status: what the follow-up
    indicators read. Only published examples count."""
    key = "unit_id" if by == "unit" else "unit__unit_type"
    rows = (
        Adoption.objects.filter(example__publication="published")
        .values(key, "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[Any, dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[row[key]][row["status"]] = row["n"]
    return dict(counts)


def coordinated_units(*, user: AnyUser) -> QuerySet[Unit]:
    """Units the person may write examples and adoptions for (the office: every unit)."""
    if permissions.is_office(user):
        return Unit.objects.order_by("name")
    ids = permissions.coordinated_unit_ids(user)
    return Unit.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).order_by("name")


# --- Sessions ------------------------------------------------------------------------------


def _with_counts(sessions: QuerySet[KnowledgeSession]) -> QuerySet[KnowledgeSession]:
    return sessions.annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


def session_list(
    *, user: AnyUser, when: str = "upcoming", campaign: CampaignWeek | None = None
) -> QuerySet[KnowledgeSession]:
    sessions = permissions.visible_sessions(user).select_related("unit", "campaign")
    now = timezone.now()
    # Pages are cut from these lists, so each has a total order (no row on two pages).
    if campaign is not None:
        sessions = sessions.filter(campaign=campaign).order_by("starts_at", "id")
    elif when == "past":
        sessions = sessions.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    else:
        sessions = sessions.filter(ends_at__gte=now).order_by("starts_at", "id")
    return _with_counts(sessions)


@dataclass
class SessionView:
    session: KnowledgeSession
    booking: Booking | None
    waiting_position: int | None


def session_detail(*, user: AnyUser, pk: int) -> SessionView | None:
    session = (
        _with_counts(permissions.visible_sessions(user))
        .select_related("organiser", "unit", "example", "campaign")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        return None
    booking = None
    position = None
    if isinstance(user, User) and user.is_authenticated:
        booking = Booking.objects.filter(session=session, person=user).first()
        if booking is not None and booking.status == BookingStatus.WAITING:
            position = (
                Booking.objects.filter(session=session, status=BookingStatus.WAITING)
                .filter(
                    Q(queued_at__lt=booking.queued_at)
                    | Q(queued_at=booking.queued_at, id__lt=booking.pk)
                )
                .count()
                + 1
            )
    return SessionView(session, booking, position)


def session_attendees(*, session: KnowledgeSession) -> dict[str, list[Booking]]:
    """Booked and waiting, each in order; only the organiser and the office are shown this."""
    bookings = (
        Booking.objects.filter(session=session)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("person__unit")
        .order_by("queued_at", "id")
    )
    lists: dict[str, list[Booking]] = {"booked": [], "waiting": []}
    for booking in bookings:
        lists["booked" if booking.status == BookingStatus.BOOKED else "waiting"].append(booking)
    lists["booked"].sort(key=lambda b: (b.booked_at or b.queued_at, b.pk))
    return lists


def session_for_calendar(*, user: AnyUser, pk: int) -> tuple[KnowledgeSession, Booking | None]:
    session = permissions.visible_sessions(user).filter(pk=pk).first()
    if session is None:
        raise KnowledgeSession.DoesNotExist
    booking = None
    if isinstance(user, User) and user.is_authenticated:
        booking = Booking.objects.filter(session=session, person=user).first()
    return session, booking


def my_bookings(*, user: User) -> list[Booking]:
    return list(
        Booking.objects.filter(person=user)
        .exclude(status=BookingStatus.CANCELLED, session__ends_at__lt=timezone.now())
        .select_related("session")
        .order_by("session__starts_at")
    )


def feed_bookings(*, token: str) -> tuple[User, list[Booking]] | None:
    """The person behind a calendar-feed address and the bookings the feed shows: only
    sessions the person may still see."""
    found = CalendarToken.objects.select_related("person").filter(token=token).first()
    if found is None or not found.person.is_active:
        return None
    person = found.person
    bookings = list(
        Booking.objects.filter(
            person=person, session__in=permissions.visible_sessions(person)
        ).select_related("session")
    )
    return person, bookings


@dataclass
class CampaignCounters:
    sessions: int
    bookings: int
    participants: int
    units: int


def campaign_detail(*, user: AnyUser, slug: str) -> tuple[CampaignWeek, CampaignCounters] | None:
    campaign = CampaignWeek.objects.filter(slug=slug).first()
    if campaign is None:
        return None
    # Counters are of the whole campaign (aggregates name no one), the list of what one may see.
    sessions = KnowledgeSession.objects.filter(campaign=campaign, cancelled_at__isnull=True)
    bookings = Booking.objects.filter(session__in=sessions, status=BookingStatus.BOOKED)
    organiser_units = set(sessions.exclude(unit=None).values_list("unit_id", flat=True))
    participant_units = set(
        bookings.filter(attended=True)
        .exclude(person__unit=None)
        .values_list("person__unit_id", flat=True)
    )
    counters = CampaignCounters(
        sessions=sessions.count(),
        bookings=bookings.count(),
        participants=bookings.filter(attended=True).count(),
        units=len(organiser_units | participant_units),
    )
    return campaign, counters


def campaign_list() -> QuerySet[CampaignWeek]:
    return CampaignWeek.objects.order_by("-starts_on")


def notices(*, user: User) -> list[Notice]:
    return list(Notice.objects.filter(user=user)[:50])


def idea_is_visible(*, user: AnyUser, idea: Idea) -> bool:
    return can(user, "idea.view", idea)


def search_sessions(queryset: QuerySet[KnowledgeSession], text: str) -> QuerySet[KnowledgeSession]:
    sessions = queryset.filter(cancelled_at__isnull=True)
    for word in re.findall(r"\w+", text)[:8]:
        sessions = sessions.filter(Q(title__icontains=word) | Q(learn__icontains=word))
    return sessions


def idea_links(*, user: AnyUser, idea: Idea) -> list[RelatedLink]:
    """What the idea page shows of spreading: the example it became, or the way to make one."""
    example = example_for_idea(user=user, idea=idea)
    if example is not None:
        return [
            RelatedLink(_("Spread as a good example"), example.get_absolute_url(), example.title)
        ]
    if can(user, "example.from_idea", idea) and not GoodExample.objects.filter(idea=idea).exists():
        url = reverse("spreading:example_from_idea", kwargs={"idea_pk": idea.pk})
        return [RelatedLink(_("Make the idea a good example"), url)]
    return []


def work_items(*, user: User) -> list[WorkItem]:
    """ "Mitt arbete": adoptions of the examples of the units I coordinate, my drafts, my
    bookings, and the booking lists of the sessions I organise. Four queries."""
    group = _("Spreading")
    items: list[WorkItem] = []
    units = permissions.coordinated_unit_ids(user)
    if units:
        adopted = (
            GoodExample.objects.filter(unit_id__in=units, adoption_count__gt=0)
            .order_by("-adoption_count")
            .only("slug", "title", "adoption_count")[:5]
        )
        items += [
            WorkItem(
                group,
                _("Adoptions of “%(title)s”") % {"title": example.title},
                example.get_absolute_url() + "#spridning",
                count=example.adoption_count,
                order=30,
            )
            for example in adopted
        ]
    drafts = GoodExample.objects.filter(author=user, publication="draft").count()
    if drafts:
        items.append(
            WorkItem(group, _("Your draft examples"), reverse("spreading:example_list"), drafts, 31)
        )
    now = timezone.now()
    mine = Booking.objects.filter(
        person=user,
        status__in=(BookingStatus.BOOKED, BookingStatus.WAITING),
        session__ends_at__gte=now,
    ).count()
    if mine:
        items.append(
            WorkItem(group, _("Your bookings"), reverse("spreading:my_bookings"), mine, 32)
        )
    organised = _with_counts(
        KnowledgeSession.objects.filter(
            organiser=user, ends_at__gte=now - datetime.timedelta(days=14)
        )
    ).order_by("starts_at")[:5]
    items += [
        WorkItem(
            group,
            _("Booking list: %(title)s") % {"title": session.title},
            reverse("spreading:session_attendees", kwargs={"pk": session.pk}),
            count=session.booked,  # type: ignore[attr-defined]
            order=33,
        )
        for session in organised
    ]
    return items


# Single rows the views load before asking the permission table (a hidden one is a 404 there).


def example_by_slug(*, slug: str) -> GoodExample | None:
    return GoodExample.objects.select_related("unit", "idea__stage").filter(slug=slug).first()


def session_by_pk(*, pk: int) -> KnowledgeSession | None:
    return KnowledgeSession.objects.select_related("organiser", "example").filter(pk=pk).first()


def example_attachment(*, example: GoodExample, pk: int) -> ExampleAttachment | None:
    return ExampleAttachment.objects.filter(pk=pk, example=example).first()


def example_image(*, example: GoodExample, pk: int) -> ExampleImage | None:
    return ExampleImage.objects.filter(pk=pk, example=example).first()


def booking_in_session(
    *, session: KnowledgeSession, person: User | None = None, pk: int | None = None
) -> Booking | None:
    """A person's booking of the session, or the booking with that id in it."""
    bookings = Booking.objects.filter(session=session)
    if person is not None:
        bookings = bookings.filter(person=person)
    if pk is not None:
        bookings = bookings.filter(pk=pk)
    return bookings.first()
