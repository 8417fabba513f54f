"""Reads of the ideas app. Every list starts from permissions.visible_ideas, pages by keyset
(no OFFSET, no full counts) and costs the same number of queries whatever the size."""

from __future__ import annotations

import base64
import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import F, Func, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from innovera.ideas import permissions
from innovera.ideas.models import Challenge, Comment, Idea, StageMove
from innovera.organisations.permissions import AnyUser

PAGE_SIZE = 20
FIRST_COMMENTS = 20
SORTS = {
    "newest": ("created_at", "-created_at"),
    "supported": ("support_count", "-support_count"),
    "score": ("score_key", "-score_key"),
}
# The Swedish full-text expression; it matches the index of migration 0003 exactly.
SEARCH_SQL = (
    "to_tsvector('swedish', coalesce(ideas_idea.title, '') || ' ' || "
    "coalesce(ideas_idea.description, '')) @@ websearch_to_tsquery('swedish', %s)"
)


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


def search(queryset: QuerySet[Idea], text: str) -> QuerySet[Idea]:
    """Swedish full-text search on PostgreSQL; word-by-word matching on SQLite."""
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.extra(where=[SEARCH_SQL], params=[text])  # noqa: S610 - a parameter, not SQL
    for word in re.findall(r"\w+", text)[:8]:
        queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return queryset


def idea_list(
    *,
    user: AnyUser,
    filters: dict[str, Any],
    sort: str = "newest",
    cursor: str = "",
    limit: int = PAGE_SIZE,
) -> IdeaPage:
    ideas = permissions.visible_ideas(user).select_related("stage", "owner_unit", "challenge")
    if filters.get("q"):
        ideas = search(ideas, filters["q"])
    for field in ("unit", "stage", "challenge"):
        if filters.get(field):
            ideas = ideas.filter(**{("owner_unit" if field == "unit" else field): filters[field]})
    if filters.get("unit_type"):
        ideas = ideas.filter(
            Q(owner_unit__unit_type=filters["unit_type"])
            | Q(owner_unit__parent__unit_type=filters["unit_type"])
        )
    for field in ("innovation_type", "submitter_role"):
        if filters.get(field):
            ideas = ideas.filter(**{field: filters[field]})
    if filters.get("since"):
        ideas = ideas.filter(created_at__date__gte=filters["since"])
    field, order = SORTS.get(sort, SORTS["newest"])
    if sort == "score":
        ideas = ideas.annotate(score_key=Coalesce("score", Value(Decimal("-1"))))
    ideas = ideas.order_by(order, "-id")
    position = _decode(cursor) if cursor else None
    if position is not None:
        key, last_id = position
        if field == "created_at":
            key = datetime.datetime.fromisoformat(key)
        elif field == "score_key":
            key = Decimal(key)
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
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4][:6]
    if not words:
        return []
    match = Q()
    for word in words:
        match |= Q(title__icontains=word)
    candidates = list(visible.filter(match).order_by("-id")[:200])
    candidates.sort(key=lambda idea: -sum(word in idea.title.lower() for word in words))
    return candidates[:limit]


SIMILARITY_FLOOR = 0.3
CANDIDATES = 1000


def _similar_on_postgresql(visible: QuerySet[Idea], text: str, limit: int) -> list[Idea]:
    """Candidates from the Swedish title index (every word of the text, else any two), then
    ranked by trigram similarity. Scanning the trigram index itself was slow: common Swedish
    trigrams occur in most titles (see benchmarks/RESULTS.md)."""
    from django.contrib.postgres.search import SearchQuery, SearchVectorField, TrigramSimilarity

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
    title_vector = Func(
        F("title"),
        template="to_tsvector('swedish', %(expressions)s)",
        output_field=SearchVectorField(),
    )
    for query in queries:
        candidates = visible.annotate(title_vector=title_vector).filter(title_vector=query)
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
    comments = Comment.objects.select_related("author__unit").order_by("created_at", "id")
    return (
        permissions.visible_ideas(user)
        .select_related(
            "stage", "owner_unit__parent__parent", "challenge", "submitter", "merged_into"
        )
        .prefetch_related(
            Prefetch(
                "moves",
                queryset=StageMove.objects.select_related("from_stage", "to_stage", "actor"),
            ),
            # A sliced prefetch: the first comments only, fetched with a window function.
            Prefetch("comments", queryset=comments[:FIRST_COMMENTS], to_attr="first_comments"),
            "pilots",
            "effects",
            "lessons",
            "topics",
            "attachments",
        )
        .filter(pk=pk)
        .first()
    )


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
