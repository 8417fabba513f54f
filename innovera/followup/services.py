"""Every write of the followup app: the counted periods and the goals."""

from __future__ import annotations

import datetime
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module
from typing import Any, Final

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import can, require
from innovera.core.tasks import run_in_background
from innovera.followup import dashboards, selectors
from innovera.followup.indicators import (
    BY_CODE,
    Counts,
    GoalStatus,
    Period,
    PeriodFacts,
    compute,
    goal_status,
)
from innovera.followup.models import Comparison, Goal, PeriodSnapshot, RecountJob
from innovera.followup.tree import ADMINISTRATION_TYPES, Tree
from innovera.ideas import selectors as idea_selectors
from innovera.organisations.models import Unit, UnitType, User

logger = logging.getLogger(__name__)


def _spreading_counts(period: Period) -> dict[str, Counts]:
    """The spreading app's counts, when it is installed and offers them."""
    if not apps.is_installed("innovera.spreading"):
        return {}
    try:
        module = import_module("innovera.spreading.selectors_followup")
    except ImportError:
        return {}
    counter = getattr(module, "followup_counts", None)
    if counter is None:
        return {}
    result: dict[str, Counts] = counter(
        start=period.start, end=period.end, window_start=period.introduced_window().start
    )
    return result


def count_period(period: Period) -> dict[str, Counts]:
    """Ask each app's selectors for the period's counts (seconds on a big city: see the
    benchmark), without storing them."""
    measures: dict[str, Counts] = dict(
        idea_selectors.followup_counts(
            start=period.start, end=period.end, window_start=period.introduced_window().start
        )
    )
    measures.update(_spreading_counts(period))
    return measures


@transaction.atomic
def snapshot_refresh(*, period: Period) -> PeriodFacts:
    """Count the period again and keep the counts; the dashboards read them until tomorrow."""
    measures = count_period(period)
    stored = selectors.counts_to_json(measures)
    snapshot, _created = PeriodSnapshot.objects.select_for_update().get_or_create(
        period_start=period.start,
        period_end=period.end,
        defaults={"counts": stored},
    )
    snapshot.counts = stored
    snapshot.computed_at = timezone.now()
    snapshot.save(update_fields=["counts", "computed_at"])
    facts = PeriodFacts(period, selectors.counts_from_json(stored))
    # Kept for this process at once: should the transaction roll back, no stored row carries
    # this computed_at, so the parsed copy is never used.
    selectors.remember(period, snapshot.computed_at, facts)
    return facts


def period_facts(period: Period) -> tuple[PeriodFacts, datetime.datetime]:
    """The period's counts made today, counting them now when there are none."""
    fresh = selectors.snapshot_fresh(period)
    if fresh is not None:
        return fresh
    try:
        facts = snapshot_refresh(period=period)
    except IntegrityError:
        # Another request counted the same period at the same moment: use its counts.
        snapshot = PeriodSnapshot.objects.get(period_start=period.start, period_end=period.end)
        return selectors.facts_of(snapshot), snapshot.computed_at
    return facts, timezone.now()


Progress = Callable[[int, int, Period, float], None]
"""Told after each period: how many are counted, of how many, which one, in how many seconds."""


def _count_periods(periods: list[Period], progress: Progress | None) -> None:
    for number, period in enumerate(periods, start=1):
        started = time.perf_counter()
        snapshot_refresh(period=period)
        if progress is not None:
            progress(number, len(periods), period, time.perf_counter() - started)


def _recounts_end_stale(now: datetime.datetime) -> int:
    """End the running recount whose process died, so the office may start another: as of
    when it died, which is when the dashboard has shown it ended (`selectors.recount_get`)."""
    return RecountJob.objects.filter(running=True).end_silent(
        now, running=None, error=str(selectors.RECOUNT_INTERRUPTED)
    )


RECOUNTS_KEPT: Final = datetime.timedelta(days=30)
"""An ended recount is only a trace of a click (its figures are in the snapshots): kept a month."""


def recounts_recover(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """At start-up and by `innovera housekeeping`: end the recounts whose process died, and
    delete the ended ones older than :data:`RECOUNTS_KEPT` (one row is left per click).
    Returns (ended, deleted)."""
    now = now or timezone.now()
    ended = _recounts_end_stale(now)
    deleted, _per_model = RecountJob.objects.filter(
        running__isnull=True, finished_at__lt=now - RECOUNTS_KEPT
    ).delete()
    return ended, deleted


def snapshots_refresh_later(*, period: Period) -> tuple[RecountJob, bool]:
    """The office's "count again now": the period and the one before it, off the request
    (counting takes seconds), with progress on a job the dashboard polls. While one runs a
    second click starts nothing: returns that job and False."""
    now = timezone.now()
    _recounts_end_stale(now)
    try:
        with transaction.atomic():
            job = RecountJob.objects.create(
                period_start=period.start, period_end=period.end, total=2, created_at=now
            )
    except IntegrityError:
        running = RecountJob.objects.filter(running=True).first()
        if running is not None:
            return running, False
        raise
    # Committed before it is queued, so a worker in another process finds the row. Not
    # on_commit: this runs outside any transaction (no ATOMIC_REQUESTS).
    try:
        run_in_background(_refresh_with_previous, job.pk)
    except Exception as exc:
        # The queue is down: the job never runs, so it must not block the next click.
        logger.exception("followup recount %s could not be queued", job.pk)
        RecountJob.objects.filter(pk=job.pk).end(running=None, error=str(RECOUNT_NOT_STARTED))
        raise ApplicationError(RECOUNT_NOT_STARTED, status=503) from exc
    return job, True


RECOUNT_NOT_STARTED = gettext_lazy("The recount could not be started. Try again in a moment.")


def _refresh_with_previous(job_id: int) -> None:
    """Count the job's period and the one before it, reporting each on the job. Whatever
    happens the job ends, done or failed (logged, with a plain message on the dashboard)."""
    job = RecountJob.objects.filter(pk=job_id).first()
    if job is None or not job.running:
        # Ended before it started (it waited so long in the queue that it was taken for
        # dead, and perhaps another recount has started since): counting now would count twice.
        return
    period = Period(job.period_start, job.period_end)
    jobs = RecountJob.objects.filter(pk=job_id)
    jobs.beat()

    def progress(done: int, total: int, _period: Period, _seconds: float) -> None:
        jobs.beat(done=done, total=total)

    try:
        _count_periods([period, period.previous()], progress)
    except Exception:
        logger.exception("followup recount %s failed", job_id)
        jobs.end(
            running=None, error=_("The recount stopped because of an error in Innovera. Try again.")
        )
    else:
        jobs.end(running=None)


def standard_periods(today: datetime.date) -> list[Period]:
    """The periods the dashboards offer, and the open data's calendar years."""
    this_year = Period(datetime.date(today.year, 1, 1), today)
    last_twelve = Period(today - datetime.timedelta(days=364), today)
    periods = [last_twelve, last_twelve.previous(), this_year, this_year.previous()]
    periods += [
        Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        for year in range(today.year - 3, today.year)
    ]
    return list(dict.fromkeys(periods))


def snapshots_refresh_daily(
    *, today: datetime.date | None = None, progress: Progress | None = None
) -> int:
    """The daily job: count the standard periods again, and each ended period of a goal measured
    by an indicator until it has counts made after it ended (all a goal's outcome needs:
    `goals_evaluate`; counting them every day would grow with every goal, seconds each), and
    drop other periods (the office counts a custom period on demand). ``progress`` is told of
    each period as it is counted (the command prints a line); returns how many were counted."""
    today = today or timezone.localdate()
    periods = standard_periods(today)
    ended = [period for period in selectors.goal_periods_ended(today) if period not in periods]
    counted = periods + [
        period
        for period in ended
        if selectors.snapshot_fresh(period, today=period.end + datetime.timedelta(days=1)) is None
    ]
    _count_periods(counted, progress)
    keep = {(p.start, p.end) for p in periods + ended}
    stale = [
        snapshot.pk
        for snapshot in PeriodSnapshot.objects.only("pk", "period_start", "period_end")
        if (snapshot.period_start, snapshot.period_end) not in keep
    ]
    PeriodSnapshot.objects.filter(pk__in=stale).delete()
    return len(counted)


# --- goals -------------------------------------------------------------------------------------


@dataclass
class EvaluatedGoal:
    goal: Goal
    outcome: float | None
    status: GoalStatus

    @property
    def indicator(self) -> Any:
        return BY_CODE.get(self.goal.indicator)


def goals_evaluate(
    goals: list[Goal], tree: Tree, *, today: datetime.date | None = None
) -> list[EvaluatedGoal]:
    """Each goal with its outcome (from its indicator over its period and unit, or entered by
    hand) and its status. Outcomes are internal figures: goals are a unit's own."""
    today = today or timezone.localdate()
    facts_by_period: dict[Period, PeriodFacts | None] = {}
    evaluated = []
    for goal in goals:
        outcome: float | None
        period = Period(goal.period_start, goal.period_end)
        indicator = BY_CODE.get(goal.indicator)
        if indicator is None:
            outcome = float(goal.manual_outcome) if goal.manual_outcome is not None else None
        elif today <= goal.period_end:
            outcome = None
        else:
            if period not in facts_by_period:
                # Counted after the period ended (the daily job counts ended goals' periods);
                # never here, so a page listing goals does not count.
                stored = selectors.snapshot_fresh(
                    period, today=goal.period_end + datetime.timedelta(days=1)
                )
                facts_by_period[period] = stored[0] if stored else None
            facts = facts_by_period[period]
            if facts is None:
                outcome = None
            else:
                group = (
                    tree.city_group("")
                    if goal.unit_id in tree.units and tree.units[goal.unit_id].parent_id is None
                    else tree.unit_group(goal.unit_id)
                )
                outcome = compute(indicator, facts, group, public=False).number
        status = goal_status(
            target=float(goal.target),
            at_least=goal.comparison == Comparison.AT_LEAST,
            outcome=outcome,
            period_end=goal.period_end,
            today=today,
        )
        evaluated.append(EvaluatedGoal(goal, outcome, status))
    return evaluated


def _check_goal(
    *,
    indicator: str,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    manual_outcome: Decimal | None,
) -> None:
    if indicator and indicator not in BY_CODE:
        raise ApplicationError(_("Choose one of the indicators in the list."), field="indicator")
    if not indicator and not title.strip():
        raise ApplicationError(
            _("Describe the goal, or choose an indicator it is measured by."), field="title"
        )
    if period_end < period_start:
        raise ApplicationError(_("The period cannot end before it starts."), field="period_end")
    if indicator and manual_outcome is not None:
        raise ApplicationError(
            _("A goal measured by an indicator takes its outcome from the indicator."),
            field="manual_outcome",
        )


@transaction.atomic
def goal_create(
    *,
    user: User,
    unit: Unit,
    indicator: str,
    title: str,
    target: Decimal,
    comparison: str,
    period_start: datetime.date,
    period_end: datetime.date,
    manual_outcome: Decimal | None = None,
) -> Goal:
    require(user, "goal.create", unit)
    _check_goal(
        indicator=indicator,
        title=title,
        period_start=period_start,
        period_end=period_end,
        manual_outcome=manual_outcome,
    )
    return Goal.objects.create(
        unit=unit,
        indicator=indicator,
        title=title.strip() or str(BY_CODE[indicator].name),
        target=target,
        comparison=comparison,
        period_start=period_start,
        period_end=period_end,
        manual_outcome=manual_outcome,
        created_by=user,
    )


@transaction.atomic
def goal_update(*, user: User, goal: Goal, fields: dict[str, Any]) -> Goal:
    require(user, "goal.edit", goal)
    if "unit" in fields:
        require(user, "goal.create", fields["unit"])
    merged = {
        name: fields.get(name, getattr(goal, name))
        for name in ("indicator", "title", "period_start", "period_end", "manual_outcome")
    }
    _check_goal(**merged)
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.title = goal.title.strip() or str(BY_CODE[goal.indicator].name)
    goal.save(update_fields=list({*fields, "title"}))
    return goal


@transaction.atomic
def goal_delete(*, user: User, goal: Goal) -> None:
    require(user, "goal.delete", goal)
    goal.delete()


# --- dashboards --------------------------------------------------------------------------------


@dataclass
class Dashboard:
    scope: str  # city, unit_type, unit
    title: str
    key: str
    period: Period
    previous: Period
    computed_at: datetime.datetime | None  # None: nothing of the period counted yet
    goal_rows: list[dashboards.GoalSummaryRow]
    goals: list[EvaluatedGoal]
    breadcrumbs: list[tuple[str, str]]
    public: bool
    # Built only when asked for: the page keeps their rendering in the cache while the
    # counts they come from are the same (`cache_key`), and does not build them then.
    build_sections: Callable[[], list[dashboards.Section]]
    build_survey: Callable[[], dashboards.SurveyBlock | None]
    cache_key: str
    unit_id: int | None = None

    @functools.cached_property
    def sections(self) -> list[dashboards.Section]:
        return self.build_sections()

    @functools.cached_property
    def survey(self) -> dashboards.SurveyBlock | None:
        return self.build_survey()


def period_label(period: Period) -> str:
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


def dashboard_get(
    *, user: Any, scope: str, key: str, period: Period, lang: str
) -> Dashboard | None:
    """The dashboard of the city, a unit type or a unit (None when there is no such unit or
    type). Counts of the two periods come from the latest daily counts, never made here."""
    from django.urls import reverse

    tree = selectors.unit_tree()
    public = not can(user, "followup.view_small_counts")
    city_label = _("The city")
    type_labels = dict(UnitType.choices)
    crumbs: list[tuple[str, str]] = []
    unit_id: int | None = None
    if scope == "city":
        title = city_label
        groups = [dashboards.GroupLink(tree.city_group(str(city_label)))] + [
            dashboards.GroupLink(
                tree.type_group(kind, str(type_labels[kind])),
                reverse("followup:unit_type", kwargs={"kind": kind}),
            )
            for kind in ADMINISTRATION_TYPES
        ]
        row_header = _("Unit type")
        org_type: str | None = None
    elif scope == "unit_type":
        if key not in ADMINISTRATION_TYPES:
            return None
        title = str(type_labels[key])
        crumbs = [(str(city_label), reverse("followup:city"))]
        groups = [dashboards.GroupLink(tree.type_group(key, title))] + [
            dashboards.GroupLink(
                tree.unit_group(unit.id), reverse("followup:unit", kwargs={"slug": unit.slug})
            )
            for unit in tree.administrations(key)
        ]
        row_header = _("Administration or company")
        org_type = key
    else:
        unit = tree.by_slug(key)
        if unit is None:
            return None
        unit_id = unit.id
        title = unit.name
        kind = tree.kind_of(unit.id)
        crumbs = [(str(city_label), reverse("followup:city"))]
        if kind is not None:
            crumbs.append(
                (str(type_labels[kind]), reverse("followup:unit_type", kwargs={"kind": kind}))
            )
        crumbs += [
            (ancestor.name, reverse("followup:unit", kwargs={"slug": ancestor.slug}))
            for ancestor in tree.ancestors(unit.id)
            if ancestor.unit_type != UnitType.CITY
        ]
        groups = [dashboards.GroupLink(tree.unit_group(unit.id))] + [
            dashboards.GroupLink(
                tree.unit_group(child.id), reverse("followup:unit", kwargs={"slug": child.slug})
            )
            for child in tree.children.get(unit.id, [])
        ]
        row_header = _("Unit")
        org_type = None
    # Never counted here (seconds on a big city, paid by the first visitor of the day): the
    # daily job counts; the page shows the latest figures it made, and the period they cover.
    latest = selectors.snapshot_latest(period)
    computed_at: datetime.datetime | None = None
    if latest is not None:
        current_facts, computed_at, period = latest
    previous = period.previous()
    previous_latest = selectors.snapshot_latest(previous) if latest is not None else None
    previous_facts = previous_latest[0] if previous_latest else PeriodFacts(previous, {})
    previous_at = previous_latest[1] if previous_latest else None

    def build_sections() -> list[dashboards.Section]:
        if latest is None:
            return []
        return dashboards.dashboard_sections(
            dashboards.Comparison(
                current=current_facts,
                previous=previous_facts,
                groups=groups,
                public=public,
                row_header=row_header,
                period_label=period_label(period),
            )
        )

    goals_scope = groups[0].group.members if scope != "city" else None
    goal_list = list(selectors.goals_of(goals_scope))
    evaluated = goals_evaluate(goal_list, tree)
    statuses = [(frozenset([item.goal.unit_id]), item.status) for item in evaluated]
    goal_rows = dashboards.goal_summary(statuses, groups)

    def build_survey() -> dashboards.SurveyBlock | None:
        if scope == "unit":
            return None
        trend = selectors.survey_trend(
            until=period.end, lang=lang, org_label=str(_("the organisation"))
        )
        return dashboards.survey_block(trend, org_type=org_type)

    cache_key = ":".join(
        str(part)
        for part in (
            scope,
            key,
            period.start,
            period.end,
            computed_at.timestamp() if computed_at else "",
            previous_at.timestamp() if previous_at else "",
            public,
            lang,
            survey_selectors_state(),
        )
    )
    return Dashboard(
        scope=scope,
        title=title,
        key=key,
        period=period,
        previous=previous,
        computed_at=computed_at,
        goal_rows=goal_rows,
        goals=evaluated if scope == "unit" else [],
        breadcrumbs=crumbs,
        public=public,
        build_sections=build_sections,
        build_survey=build_survey,
        cache_key=cache_key,
        unit_id=unit_id,
    )


def survey_selectors_state() -> str:
    """Changes when a survey round gets answers: the survey block is cached with it."""
    return selectors.survey_state()
