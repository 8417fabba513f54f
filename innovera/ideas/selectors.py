"""Reads of the ideas app. Every list starts from permissions.visible_ideas, pages by keyset
(no OFFSET, no full counts) and costs the same number of queries whatever the size."""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, TrigramSimilarity
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from innovera.core import fulltext
from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import can
from innovera.core.registry import SearchHit
from innovera.core.search_index import text_search
from innovera.ideas import permissions
from innovera.ideas.filters import IdeaFilter
from innovera.ideas.models import (
    IDEA_TITLE,
    Attachment,
    Challenge,
    Comment,
    Criterion,
    Idea,
    Notification,
    NotificationSetting,
    Pilot,
    RouteChange,
    Score,
    Stage,
    StageMove,
)
from innovera.organisations.models import Membership, Role, Unit
from innovera.organisations.permissions import AnyUser

PAGE_SIZE = 20
FIRST_COMMENTS = 20
SORTS = {
    "newest": ("created_at", "-created_at"),
    "supported": ("support_count", "-support_count"),
    "score": ("score_key", "-score_key"),
}
SUMMARY_CHARACTERS = 200


@dataclass
class IdeaPage:
    ideas: list[Idea]
    next_cursor: str | None


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[Any] | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        return None
    return values if isinstance(values, list) and len(values) == 2 else None


def _position(cursor: str, field: str) -> tuple[Any, int]:
    """The place a page link points at, typed for the sort field. A link that was not made
    here (edited, forged, from another sort) is refused: it must not reach the query."""
    values = _decode(cursor)
    try:
        if values is None:
            raise ValueError(cursor)
        key, last_id = values
        if not isinstance(key, str) or not isinstance(last_id, int) or isinstance(last_id, bool):
            raise ValueError(cursor)
        if field == "created_at":
            typed: Any = datetime.datetime.fromisoformat(key)
            if typed.tzinfo is None:
                raise ValueError(cursor)
        elif field == "score_key":
            typed = Decimal(key)
            if not typed.is_finite():
                raise ValueError(cursor)
        else:
            typed = int(key)
    except (ValueError, ArithmeticError):
        raise ApplicationError(
            gettext_lazy("The page link is not valid."), field="cursor"
        ) from None
    return typed, last_id


def search(queryset: QuerySet[Idea], text: str, *, ranked: bool = False) -> QuerySet[Idea]:
    """The ideas matching the search box's text (websearch syntax: "phrase", or, -word):
    PostgreSQL's Swedish full text on the stored `search_text` column and its index, SQLite's
    FTS5 table. With `ranked`, the alias `search_rank` orders them best first (higher is
    better)."""
    return text_search(queryset, text, columns=("title", "description"), ranked=ranked)


def idea_list(
    *,
    user: AnyUser,
    filters: dict[str, Any],
    sort: str = "newest",
    cursor: str = "",
    limit: int = PAGE_SIZE,
) -> IdeaPage:
    ideas = permissions.visible_ideas(user).select_related("stage", "owner_unit", "challenge")
    # The filters of the page and the API, declared once (ideas.filters).
    ideas = IdeaFilter.narrow(ideas, filters)
    field, order = SORTS.get(sort, SORTS["newest"])
    if sort == "score":
        ideas = ideas.annotate(score_key=Coalesce("score", Value(Decimal("-1"))))
    ideas = ideas.order_by(order, "-id")
    if cursor:
        key, last_id = _position(cursor, field)
        ideas = ideas.filter(Q(**{f"{field}__lt": key}) | Q(**{field: key, "id__lt": last_id}))
    rows = list(ideas[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        value = getattr(last, field)
        next_cursor = _encode([value.isoformat() if field == "created_at" else str(value), last.pk])
    return IdeaPage(rows, next_cursor)


def similar_ideas(
    *, user: AnyUser, text: str, exclude: int | None = None, limit: int = 5
) -> list[Idea]:
    """Ideas whose titles resemble `text`, among those this person may see."""
    text = text.strip()[:200]
    if len(text) < 4:
        return []
    visible = permissions.visible_ideas(user).select_related("stage")
    if exclude:
        visible = visible.exclude(pk=exclude)
    if connection.vendor == "postgresql":
        return _similar_on_postgresql(visible, text, limit)
    return _similar_on_sqlite(visible, text, limit)


# pg_trgm's default threshold for "similar"; fulltext.similarity computes the same measure.
SIMILARITY_FLOOR = 0.3
CANDIDATES = 1000
SQLITE_CANDIDATES = 300


def _similar_on_sqlite(visible: QuerySet[Idea], text: str, limit: int) -> list[Idea]:
    """Candidates from the FTS5 title column — every stem of the text, else any of them, best
    bm25 first — ranked by the trigram similarity pg_trgm computes on PostgreSQL. Ranking
    every title that has any one stem costs the most (bm25 for thousands of rows), so the
    narrower pass goes first."""
    for expression in fulltext.stem_expressions(text, column="title"):
        candidates = (
            visible.filter(search_row__match=expression)
            .order_by("search_row__rank")
            .values_list("pk", "title")[:SQLITE_CANDIDATES]
        )
        scored = sorted(
            (-score, -pk)
            for pk, title in candidates
            if (score := fulltext.similarity(text, title)) >= SIMILARITY_FLOOR
        )[:limit]
        if scored:
            order = [-negative_pk for _score, negative_pk in scored]
            found = visible.in_bulk(order)
            return [found[pk] for pk in order if pk in found]
    return []


def _similar_on_postgresql(visible: QuerySet[Idea], text: str, limit: int) -> list[Idea]:
    """Candidates from the Swedish title index — every word of the text, else any two, else
    any one — then ranked by trigram similarity. Scanning the trigram index itself was slow:
    common Swedish trigrams occur in most titles (see benchmarks/RESULTS.md)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT token FROM ts_debug('swedish', %s) WHERE array_length(lexemes, 1) > 0",
            [text],
        )
        words = list(dict.fromkeys(row[0] for row in cursor.fetchall()))[:8]
    if not words:
        return []
    terms = [SearchQuery(word, config="swedish", search_type="plain") for word in words]
    every = terms[0]
    for term in terms[1:]:
        every &= term
    queries = [every]
    if len(terms) > 2:
        pairs = [a & b for i, a in enumerate(terms) for b in terms[i + 1 :]]
        any_two = pairs[0]
        for pair in pairs[1:]:
            any_two |= pair
        queries.append(any_two)
    if len(terms) > 1:
        # "Nyckelfri hemtjänst" shares one word with "Digitala nycklar i hemtjänsten".
        any_one = terms[0]
        for term in terms[1:]:
            any_one |= term
        queries.append(any_one)
    for query in queries:
        candidates = visible.alias(title_vector=IDEA_TITLE).filter(title_vector=query)
        found: list[Idea] = list(
            visible.filter(pk__in=candidates.values("pk")[:CANDIDATES])
            .annotate(similarity=TrigramSimilarity("title", text))
            .filter(similarity__gte=SIMILARITY_FLOOR)
            .order_by("-similarity", "-id")[:limit]
        )
        if found:
            return found
    return []


def idea_detail(*, user: AnyUser, pk: int) -> Idea | None:
    """The idea with its trail, first comments, pilots, effects and lessons: a fixed number of
    queries, however long the idea's history."""
    idea = (
        permissions.visible_ideas(user)
        .select_related(
            "stage", "owner_unit__parent__parent", "challenge", "submitter", "merged_into"
        )
        .prefetch_related(
            Prefetch(
                "moves",
                queryset=StageMove.objects.select_related("from_stage", "to_stage", "actor__unit"),
            ),
            # Routings are decisions too: the history names them with the moves.
            Prefetch(
                "route_changes",
                queryset=RouteChange.objects.select_related(
                    "from_unit", "to_unit", "actor__unit"
                ).order_by("created_at", "id"),
            ),
            "pilots",
            "effects",
            "lessons",
            "topics",
            "attachments",
        )
        .filter(pk=pk)
        .first()
    )
    if idea is not None:
        idea.first_comments = first_comments(idea_id=idea.pk)
    return idea


def first_comments(*, idea_id: int, limit: int = FIRST_COMMENTS) -> list[Comment]:
    """The idea's first comments with their authors, oldest first: one plain sliced query
    (ORDER BY created_at, id LIMIT n) that walks the index comment_idea_order. A sliced
    prefetch would number every comment of the idea with a window function, and PostgreSQL
    then hash-joins the whole user table to it (9.5 ms against 0.27 ms at 100,000 ideas)."""
    return list(
        Comment.objects.filter(idea_id=idea_id)
        .select_related("author__unit")
        .order_by("created_at", "id")[:limit]
    )


def search_challenges(
    queryset: QuerySet[Challenge], text: str, *, ranked: bool = False
) -> QuerySet[Challenge]:
    """Challenges matching the search box's text; see `search`."""
    return text_search(queryset, text, columns=("title", "need"), ranked=ranked)


def search_hits(*, user: AnyUser, text: str, limit: int) -> list[SearchHit]:
    """The ideas app's part of the cross-app search: the ideas and challenges this person may
    see that match, best first. Two queries, whatever the number of hits."""
    if not text.strip():
        return []
    ideas = (
        search(permissions.visible_ideas(user), text, ranked=True)
        .annotate(found_rank=F("search_rank"))
        .only("pk", "title", "description")
        .order_by("-found_rank", "-id")[:limit]
    )
    challenges = (
        search_challenges(permissions.visible_challenges(user), text, ranked=True)
        .annotate(found_rank=F("search_rank"))
        .only("pk", "slug", "title", "need")
        .order_by("-found_rank", "-id")[:limit]
    )
    return [
        *_hits(gettext_lazy("Idea"), ideas, "description"),
        *_hits(gettext_lazy("Challenge"), challenges, "need"),
    ]


def _hits(kind: Promise, found: Iterable[Any], summary: str) -> list[SearchHit]:
    """A hit per ranked row: its title, its page and the start of its ``summary`` field."""
    return [
        SearchHit(
            kind=kind,
            title=row.title,
            url=row.get_absolute_url(),
            summary=Truncator(getattr(row, summary)).chars(SUMMARY_CHARACTERS),
            rank=float(row.found_rank),
        )
        for row in found
    ]


def challenge_list(*, user: AnyUser) -> QuerySet[Challenge]:
    return permissions.visible_challenges(user).select_related("owner_unit").order_by("-created_at")


def ranked_ideas(
    *, user: AnyUser, unit: Any = None, challenge: Any = None, limit: int = 100
) -> list[Idea]:
    ideas = (
        permissions.visible_ideas(user)
        .filter(score__isnull=False)
        .select_related("stage", "owner_unit")
    )
    if unit:
        ideas = ideas.filter(owner_unit=unit)
    if challenge:
        ideas = ideas.filter(challenge=challenge)
    return list(ideas.order_by("-score", "-support_count", "-id")[:limit])


# --- counts for follow-up (the followup app's indicators read these) --------------------------

FOLLOWUP_DECISION_STAGES = ("prioritised", "declined", "parked", "merged")


def _day_start(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def followup_counts(
    *, start: datetime.date, end: datetime.date, window_start: datetime.date
) -> dict[str, dict[int | None, dict[str, int]]]:
    """Counts per raw unit and category for the period start..end (both days included), each
    measure grouped in the database; innovations introduced count over window_start..end.

    Seven queries whatever the number of ideas. Measures: submitted (by submitter role),
    decided (of the ideas submitted: decided / tested / implemented / spread), decision_days
    (days from submission to the first decision, for first decisions in the period),
    implemented_2y (by innovation type), pilots (go / no_go), challenges_active,
    challenge_ideas, active_users (by home unit).
    """
    from django.db.models import Count, Exists, Min, OuterRef

    from innovera.ideas.models import ChallengeStatus, Pilot, PilotDecision

    low, high = _day_start(start), _day_start(end + datetime.timedelta(days=1))
    counts: dict[str, dict[int | None, dict[str, int]]] = {
        name: {}
        for name in (
            "submitted",
            "decided",
            "decision_days",
            "implemented_2y",
            "pilots",
            "challenges_active",
            "challenge_ideas",
            "active_users",
        )
    }

    def add(measure: str, unit: int | None, category: str, n: int) -> None:
        row = counts[measure].setdefault(unit, {})
        row[category] = row.get(category, 0) + n

    in_period = Idea.objects.filter(created_at__gte=low, created_at__lt=high)
    for row in in_period.values("owner_unit_id", "submitter_role").annotate(n=Count("id")):
        add("submitted", row["owner_unit_id"], row["submitter_role"], row["n"])

    moves = StageMove.objects.filter(idea=OuterRef("pk"))
    outcomes = (
        in_period.annotate(
            is_decided=Exists(moves.filter(to_stage__key__in=FOLLOWUP_DECISION_STAGES)),
            is_tested=Exists(moves.filter(to_stage__key="testing")),
            is_implemented=Exists(moves.filter(to_stage__key="implemented")),
            is_spread=Exists(moves.filter(to_stage__key="spread")),
        )
        .filter(is_decided=True)
        .values("owner_unit_id")
        .annotate(
            decided=Count("id"),
            tested=Count("id", filter=Q(is_tested=True)),
            implemented=Count("id", filter=Q(is_implemented=True)),
            spread=Count("id", filter=Q(is_spread=True)),
        )
    )
    for row in outcomes:
        for category in ("decided", "tested", "implemented", "spread"):
            add("decided", row["owner_unit_id"], category, row[category])

    first_decisions = (
        StageMove.objects.filter(to_stage__key__in=FOLLOWUP_DECISION_STAGES)
        .values("idea_id", "idea__owner_unit_id", "idea__created_at")
        .annotate(first=Min("created_at"))
        .filter(first__gte=low, first__lt=high)
        .values_list("idea__owner_unit_id", "idea__created_at", "first")
    )
    for unit, submitted, first in first_decisions.iterator(chunk_size=5000):
        add("decision_days", unit, str(max((first - submitted).days, 0)), 1)

    implemented = (
        StageMove.objects.filter(to_stage__key="implemented")
        .values("idea_id", "idea__owner_unit_id", "idea__innovation_type")
        .annotate(first=Min("created_at"))
        .filter(first__gte=_day_start(window_start), first__lt=high)
        .values_list("idea__owner_unit_id", "idea__innovation_type")
    )
    for unit, kind in implemented.iterator(chunk_size=5000):
        add("implemented_2y", unit, kind or "unspecified", 1)

    pilots = (
        Pilot.objects.filter(decided_at__gte=low, decided_at__lt=high)
        .exclude(decision=PilotDecision.PENDING)
        .values("idea__owner_unit_id", "decision")
        .annotate(n=Count("id"))
    )
    for row in pilots:
        add("pilots", row["idea__owner_unit_id"], row["decision"], row["n"])

    active = Challenge.objects.exclude(status=ChallengeStatus.DRAFT).filter(
        Q(opens_on__isnull=True) | Q(opens_on__lte=end),
        Q(closes_on__isnull=True) | Q(closes_on__gte=start),
        created_at__lt=high,
    )
    for row in active.values("owner_unit_id").annotate(
        n=Count("id", distinct=True),
        idea_count=Count("ideas", filter=Q(ideas__created_at__gte=low, ideas__created_at__lt=high)),
    ):
        add("challenges_active", row["owner_unit_id"], "", row["n"])
        add("challenge_ideas", row["owner_unit_id"], "", row["idea_count"])

    # One UNION of the three kinds of activity: an OR of three IN-subqueries took a minute on
    # a million comments and supports (benchmarks/RESULTS.md, follow-up).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.unit_id, COUNT(*) FROM organisations_user u WHERE u.id IN ("
            " SELECT submitter_id FROM ideas_idea WHERE created_at >= %s AND created_at < %s"
            " UNION SELECT author_id FROM ideas_comment WHERE created_at >= %s AND created_at < %s"
            " UNION SELECT user_id FROM ideas_support WHERE created_at >= %s AND created_at < %s"
            ") GROUP BY u.unit_id",
            [low, high] * 3,
        )
        for unit, n in cursor.fetchall():
            add("active_users", unit, "", n)
    return counts


def public_ideas_open_data() -> Any:
    """Public ideas as plain rows for the open data: no submitter, no comment text, nothing
    about a person; streamed from the database in id order."""
    from django.db.models.functions import TruncDate

    return (
        permissions.visible_ideas(AnonymousUser())
        .order_by("id")
        # Days in the database's time zone conversion: per-row localtime() halved the speed.
        .annotate(submitted_on=TruncDate("created_at"), changed_on=TruncDate("stage_changed_at"))
        .values_list(
            "id",
            "title",
            "description",
            "value",
            "for_whom",
            "stage__key",
            "owner_unit__slug",
            "owner_unit__unit_type",
            "challenge__slug",
            "challenge__audience",
            "challenge__status",
            "submitter_role",
            "innovation_type",
            "degree",
            "support_count",
            "comment_count",
            "submitted_on",
            "changed_on",
        )
        .iterator(chunk_size=5000)
    )


def public_challenges_open_data() -> Any:
    from django.db.models.functions import TruncDate

    return (
        permissions.visible_challenges(AnonymousUser())
        .order_by("id")
        .annotate(created_on=TruncDate("created_at"))
        .values_list(
            "slug",
            "title",
            "need",
            "for_whom",
            "owner_unit__slug",
            "audience",
            "status",
            "opens_on",
            "closes_on",
            "created_on",
        )
        .iterator(chunk_size=2000)
    )


def coordinated_units(*, user: AnyUser) -> QuerySet[Unit]:
    """The units this person coordinates (the ranking page's choice of unit)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(
        pk__in=Membership.objects.filter(user_id=user.pk, role=Role.COORDINATOR).values("unit_id")
    )


def challenge_owner_units(*, user: AnyUser) -> QuerySet[Unit]:
    """The units this person may publish challenges for: any for the office, else those they
    coordinate."""
    if can(user, "challenge.create_for_any_unit"):
        return Unit.objects.order_by("name")
    return coordinated_units(user=user).order_by("name")


def active_criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(active=True))


def scores_by(*, idea: Idea, user: AnyUser) -> dict[int, int]:
    """criterion id → this person's score of the idea."""
    scores = Score.objects.filter(idea=idea, scorer_id=user.pk or 0)
    return dict(scores.values_list("criterion_id", "value"))


def stages_by_pk(pks: list[int]) -> QuerySet[Stage]:
    return Stage.objects.filter(pk__in=pks)


def person_marks(*, idea: Idea, user: AnyUser) -> dict[str, bool]:
    """Whether this person supports and follows the idea (two small reads)."""
    if not user.is_authenticated:
        return {}
    return {
        "supported": idea.supports.filter(user_id=user.pk or 0).exists(),
        "following": idea.follows.filter(user_id=user.pk or 0).exists(),
    }


def notification_setting(*, user: AnyUser) -> NotificationSetting | None:
    return NotificationSetting.objects.filter(user_id=user.pk or 0).first()


def notices_of(*, user: AnyUser, limit: int = 50) -> list[Notification]:
    return list(
        Notification.objects.filter(user_id=user.pk or 0)
        .select_related("idea")
        .order_by("-created_at")[:limit]
    )


# --- the API's lists of one idea (paged by cursor, core.api.pagination) ----------------------


def idea_comments(*, idea: Idea) -> QuerySet[Comment]:
    """Every comment on an idea the caller may see, oldest first."""
    return Comment.objects.filter(idea=idea).select_related("author__unit").order_by("created_at")


def idea_moves(*, idea: Idea) -> QuerySet[StageMove]:
    """The idea's trail, oldest first."""
    return StageMove.objects.filter(idea=idea).select_related("from_stage", "to_stage")


def idea_pilot_or_404(*, idea: Idea, pk: int) -> Pilot:
    """A pilot of this idea (the idea already shown to the person): another idea's is a 404."""
    return get_object_or_404(Pilot, pk=pk, idea=idea)


def idea_attachment_or_404(*, idea: Idea, pk: int) -> Attachment:
    """An attachment of this idea (the idea already shown to the person): another's is a 404."""
    return get_object_or_404(Attachment, pk=pk, idea=idea)
