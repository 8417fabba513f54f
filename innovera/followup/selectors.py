"""Reads of the followup app; each a constant number of queries.

The counts come from the other apps' selectors (never their models): `ideas.selectors`,
`surveys.selectors` and, where it is installed, `spreading.selectors`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.followup.indicators import Counts, Period, PeriodFacts
from innovera.followup.models import Goal, PeriodSnapshot, RecountJob
from innovera.followup.tree import Tree, UnitInfo
from innovera.organisations.models import Unit
from innovera.surveys import selectors as survey_selectors


def unit_tree() -> Tree:
    rows = Unit.objects.values_list(
        "id", "parent_id", "unit_type", "employee_count", "name", "slug"
    )
    return Tree(UnitInfo(*row) for row in rows)


def counts_from_json(stored: dict[str, list[list[Any]]]) -> dict[str, Counts]:
    measures: dict[str, dict[int | None, dict[str, int]]] = {}
    for measure, rows in stored.items():
        by_unit = measures.setdefault(measure, {})
        for unit, category, n in rows:
            by_unit.setdefault(unit, {})[category] = n
    return dict(measures)


def counts_to_json(measures: dict[str, Counts]) -> dict[str, list[list[Any]]]:
    return {
        measure: [
            [unit, category, n] for unit, row in by_unit.items() for category, n in row.items()
        ]
        for measure, by_unit in measures.items()
    }


# Parsed counts per period, in this process: a stored period is only replaced, never edited,
# so its computed_at identifies it. Reading and parsing the JSON of two periods was most of
# a dashboard's time (benchmarks/RESULTS.md, follow-up).
_PARSED: dict[Period, tuple[datetime.datetime, PeriodFacts]] = {}
_PARSED_LIMIT = 64


def remember(period: Period, computed_at: datetime.datetime, facts: PeriodFacts) -> None:
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[period] = (computed_at, facts)


def snapshot_fresh(
    period: Period, *, today: datetime.date | None = None
) -> tuple[PeriodFacts, datetime.datetime] | None:
    """The period's counts if they were made today (local time); otherwise None. One query
    when this process has parsed them already, two when not."""
    today = today or timezone.localdate()
    row = (
        PeriodSnapshot.objects.filter(period_start=period.start, period_end=period.end)
        .values_list("pk", "computed_at")
        .first()
    )
    if row is None or timezone.localtime(row[1]).date() < today:
        return None
    pk, computed_at = row
    cached = _PARSED.get(period)
    if cached is not None and cached[0] == computed_at:
        return cached[1], computed_at
    counts = PeriodSnapshot.objects.filter(pk=pk).values_list("counts", flat=True).first()
    if counts is None:
        return None
    facts = PeriodFacts(period, counts_from_json(counts))
    remember(period, computed_at, facts)
    return facts, computed_at


# How far back a dashboard looks for the figures of a rolling period when today's are not
# counted yet (the daily job has not run, or failed): a few missed days, not a stale year.
LATEST_LOOKBACK_DAYS = 31


def snapshot_latest(period: Period) -> tuple[PeriodFacts, datetime.datetime, Period] | None:
    """The latest counted figures for the period, never counting: its own stored counts, or
    else those of the same period as counted on an earlier day (the last twelve months or
    this year up to then). With the counted period, which pages show. None when nothing of
    the kind has been counted. Two queries, one when this process has parsed them already."""
    rows = PeriodSnapshot.objects.filter(
        period_end__lte=period.end,
        period_end__gte=period.end - datetime.timedelta(days=LATEST_LOOKBACK_DAYS),
    ).values_list("pk", "period_start", "period_end", "computed_at")
    same_kind = [
        (pk, Period(start, end), computed_at)
        for pk, start, end, computed_at in rows
        if (start, end) == (period.start, period.end)
        or start == period.start
        or (end - start) == (period.end - period.start)
    ]
    if not same_kind:
        return None
    pk, counted, computed_at = max(same_kind, key=lambda row: (row[1].end, row[2]))
    cached = _PARSED.get(counted)
    if cached is not None and cached[0] == computed_at:
        return cached[1], computed_at, counted
    counts = PeriodSnapshot.objects.filter(pk=pk).values_list("counts", flat=True).first()
    if counts is None:
        return None
    facts = PeriodFacts(counted, counts_from_json(counts))
    remember(counted, computed_at, facts)
    return facts, computed_at, counted


def facts_of(snapshot: PeriodSnapshot) -> PeriodFacts:
    return PeriodFacts(
        Period(snapshot.period_start, snapshot.period_end), counts_from_json(snapshot.counts)
    )


def goals_of(unit_ids: frozenset[int | None] | None = None) -> QuerySet[Goal]:
    goals = Goal.objects.select_related("unit")
    if unit_ids is not None:
        goals = goals.filter(unit_id__in=[pk for pk in unit_ids if pk is not None])
    return goals.order_by("-period_end", "title", "pk")


def goal_get(pk: int) -> Goal | None:
    return Goal.objects.select_related("unit__parent__parent").filter(pk=pk).first()


def goal_periods_ended(today: datetime.date) -> list[Period]:
    """The periods of goals measured by an indicator that are over: the daily job counts them
    so the goals show their outcomes without a page counting."""
    rows = (
        Goal.objects.exclude(indicator="")
        .filter(period_end__lt=today)
        .values_list("period_start", "period_end")
        .distinct()
    )
    return [Period(start, end) for start, end in rows]


def goal_counts_due(unit_ids: set[int]) -> int:
    """Free-text goals of these units whose period is over and whose outcome is missing."""
    return Goal.objects.filter(
        unit_id__in=unit_ids,
        indicator="",
        manual_outcome__isnull=True,
        period_end__lt=timezone.localdate(),
    ).count()


# --- survey results over rounds --------------------------------------------------------------


@dataclass
class SurveyRound:
    name: str
    label: str
    # question code → (respondents, mean) for the city and per organisation type
    means: dict[str, tuple[int, float | None]] = field(default_factory=dict)
    by_type: dict[str, dict[str, tuple[int, float | None]]] = field(default_factory=dict)
    gaps: dict[str, float | None] = field(default_factory=dict)


@dataclass
class SurveyTrend:
    rounds: list[SurveyRound]
    items: list[tuple[str, str]]  # (question code, text) of the self-assessment items
    factors: list[tuple[str, str]]  # (factor key, text)


def survey_trend(*, until: datetime.date, lang: str, org_label: str) -> SurveyTrend:
    """The self-assessment means and factor gaps of every round up to `until`, read from the
    surveys app's stored analyses (each is kept on its round until its answers change)."""
    rounds = survey_selectors.rounds_with_answers(until=until)
    if not rounds:
        return SurveyTrend([], [], [])
    template = survey_selectors.round_template(rounds[-1])
    items = [
        (question.code, question.text(lang))
        for question in template.questions
        if question.type.value == "scale"
    ]
    factors = [(factor.key, factor.text(org_label, lang)) for factor in template.factors]
    result: list[SurveyRound] = []
    for survey_round in rounds:
        # As every channel: a confidential round's figures from fewer than five are null here.
        analysis = survey_selectors.round_analysis_shown(survey_round)
        entry = SurveyRound(survey_round.name, str(survey_round))
        for code, _text in items:
            item: Any = analysis["items"].get(code)
            if not item or item.get("type") != "scale":
                continue
            entry.means[code] = (item["n"] or 0, item["mean"])
            for org_type, group in item["by_org_type"].items():
                entry.by_type.setdefault(org_type, {})[code] = (group["n"] or 0, group["mean"])
        for key, _text in factors:
            factor = analysis["factors"].get(key)
            entry.gaps[key] = factor["gap"] if factor else None
        result.append(entry)
    return SurveyTrend(result, items, factors)


def goal_units(user: Any) -> QuerySet[Unit]:
    """The units a person may record goals for: everything for the office, else the units
    they coordinate and those below them."""
    from innovera.organisations.permissions import coordinator_units, is_innovation_office

    units = Unit.objects.order_by("name")
    if is_innovation_office(user):
        return units
    coordinated = coordinator_units(user)
    if not coordinated:
        return units.none()
    tree = unit_tree()
    allowed: set[int | None] = set()
    for unit_id in coordinated:
        if unit_id in tree.units:
            allowed |= tree.subtree(unit_id)
    return units.filter(pk__in=[pk for pk in allowed if pk is not None])


def survey_state() -> str:
    """The rounds with answers and their analyses' state, as one short string."""
    rounds = survey_selectors.rounds_with_answers()
    return ",".join(f"{r.pk}.{r.answer_count}" for r in rounds)  # type: ignore[attr-defined]


# --- the office's recount ----------------------------------------------------------------------

RECOUNT_INTERRUPTED = _("The recount was interrupted (the server stopped). Count again.")

RECENT_FAILURE: datetime.timedelta = datetime.timedelta(minutes=10)
"""A recount that failed this recently still says so on the dashboard."""


def _as_seen(job: RecountJob | None, now: datetime.datetime) -> RecountJob | None:
    """A running job whose process died shows as interrupted (so its page stops polling),
    ended when it was known to have died, so the dashboard says so for a while; the next
    "count again" or housekeeping stores the same (`services._recounts_end_stale`)."""
    if job is not None and job.running and job.is_silent(now):
        job.running = None
        job.finished_at = job.died_at
        job.error = str(RECOUNT_INTERRUPTED)
    return job


def recount_get(pk: int, *, now: datetime.datetime | None = None) -> RecountJob | None:
    return _as_seen(RecountJob.objects.filter(pk=pk).first(), now or timezone.now())


def recount_shown(*, now: datetime.datetime | None = None) -> RecountJob | None:
    """The recount the dashboard tells the office about: the one running, else one that
    failed a moment ago (a finished one needs no word: its figures are on the page)."""
    now = now or timezone.now()
    job = _as_seen(RecountJob.objects.order_by("-created_at", "-pk").first(), now)
    if job is None or job.running:
        return job
    if job.failed and job.finished_at is not None and job.finished_at > now - RECENT_FAILURE:
        return job
    return None
