"""The indicators of follow-up (issue 12, SPEC §4.5): definitions in code and their arithmetic.

Pure: plain data in, numbers out, no Django models and no queries. The selectors of the other
apps count their records per raw unit (the unit that owns an idea, a person's home unit) and
category; `PeriodFacts` holds those counts for one period. An indicator is computed for a
`Group` — the city, a unit type, one unit — by summing the counts of the group's units and
applying its formula, so the same definition answers at every level.

Codes are stable: the open data, the API and recorded goals refer to them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Label = str | Promise
UnitId = int | None
Counts = Mapping[UnitId, Mapping[str, int]]
"""raw unit id → category → count. None as unit: a resident, or a record without a unit."""

# Fewer than this many people behind a figure and it is not shown publicly (issue 12 §1).
SMALL_COUNT: Final = 5
# The barometers ask about the last two years.
INTRODUCED_WINDOW_DAYS: Final = 730

DECISION_STAGES: Final = ("prioritised", "declined", "parked", "merged")
"""Stage keys that are a decision on an idea (the first of them ends the wait)."""

UnitOfMeasure = Literal["count", "share", "days", "per_1000", "mean"]


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Period:
    """Both days included."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def introduced_window(self) -> Period:
        """The two years up to the period's end, over which innovations introduced count."""
        return Period(self.end - datetime.timedelta(days=INTRODUCED_WINDOW_DAYS - 1), self.end)


# --- the data an indicator reads ---------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFacts:
    """Counts per measure for one period; a measure missing means its source app is absent."""

    period: Period
    measures: Mapping[str, Counts]
    # Sums per (measure, group), kept with the facts: several indicators and every request of
    # a worker read the same ones, and the facts never change once counted.
    _sums: dict[tuple[str, frozenset[UnitId]], dict[str, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def by_category(self, measure: str, members: frozenset[UnitId]) -> dict[str, int]:
        key = (measure, members)
        found = self._sums.get(key)
        if found is None:
            found = _by_category(self.measures.get(measure), members)
            self._sums[key] = found
        return found

    def total(self, measure: str, members: frozenset[UnitId], category: str | None = None) -> int:
        sums = self.by_category(measure, members)
        return sum(sums.values()) if category is None else sums.get(category, 0)


@dataclass(frozen=True)
class Group:
    """Whom a figure is about: `members` are the raw unit ids counted for it (None included
    for the city, where residents' activity belongs); `units` are the group's units that a
    unit-share indicator counts, each with its own raw ids."""

    key: str
    label: str
    members: frozenset[UnitId]
    employees: int
    units: tuple[frozenset[UnitId], ...] = ()


@dataclass(frozen=True)
class Value:
    """A figure and the counts of people or records it rests on (for suppression)."""

    number: float | None
    counts: tuple[int, ...] = ()
    breakdown: tuple[tuple[str, float | None, int], ...] = ()  # (category, value, count)


def _rows(counts: Counts | None, members: frozenset[UnitId]) -> Iterator[Mapping[str, int]]:
    """The count rows of the group's units, walking whichever of the two is smaller."""
    if not counts:
        return
    if len(counts) < len(members):
        for unit, row in counts.items():
            if unit in members:
                yield row
    else:
        for unit in members:
            found = counts.get(unit)
            if found:
                yield found


def _by_category(counts: Counts | None, members: frozenset[UnitId]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in _rows(counts, members):
        for category, n in row.items():
            totals[category] = totals.get(category, 0) + n
    return totals


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def median_of_histogram(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as value → how often; the mean of the two middle ones when
    the count is even."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted(histogram.items())

    def nth(index: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return value
        raise IndexError(index)  # pragma: no cover - index < total by construction

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def suppress(value: Value, *, personal: bool) -> Value:
    """Hide figures resting on 1–4 people: a share or median of three residents' ideas could
    point at a person. Zero is shown: it points at nobody."""
    if not personal:
        return value

    def small(count: int) -> bool:
        return 0 < count < SMALL_COUNT

    number = None if any(small(c) for c in value.counts) else value.number
    breakdown = tuple(
        (category, None if small(count) else figure, count)
        for category, figure, count in value.breakdown
    )
    return Value(number, value.counts, breakdown)


# --- formulas ----------------------------------------------------------------------------------

Formula = Callable[[PeriodFacts, Group], Value]


def _count(measure: str, category: str | None = None) -> Formula:
    def formula(facts: PeriodFacts, group: Group) -> Value:
        if measure not in facts.measures:
            return Value(None)
        n = facts.total(measure, group.members, category)
        return Value(float(n), (n,))

    return formula


def _breakdown(measure: str, categories: Iterable[str]) -> Formula:
    keys = tuple(categories)

    def formula(facts: PeriodFacts, group: Group) -> Value:
        if measure not in facts.measures:
            return Value(None)
        totals = facts.by_category(measure, group.members)
        total = sum(totals.values())
        return Value(
            float(total),
            (total,),
            tuple((key, float(totals.get(key, 0)), totals.get(key, 0)) for key in keys),
        )

    return formula


def ideas_per_1000(facts: PeriodFacts, group: Group) -> Value:
    n = facts.total("submitted", group.members)
    if not group.employees:
        return Value(None, (n,))
    return Value(n / group.employees * 1000, (n,))


def share_residents_companies(facts: PeriodFacts, group: Group) -> Value:
    by_role = facts.by_category("submitted", group.members)
    outside = by_role.get("resident", 0) + by_role.get("company", 0)
    total = sum(by_role.values())
    return Value(share(outside, total), (outside, total))


def median_days_to_decision(facts: PeriodFacts, group: Group) -> Value:
    histogram = {
        int(days): n for days, n in facts.by_category("decision_days", group.members).items()
    }
    return Value(median_of_histogram(histogram), (sum(histogram.values()),))


def _share_of_decided(category: str) -> Formula:
    def formula(facts: PeriodFacts, group: Group) -> Value:
        outcomes = facts.by_category("decided", group.members)
        decided = outcomes.get("decided", 0)
        return Value(share(outcomes.get(category, 0), decided), (decided,))

    return formula


INNOVATION_TYPES: Final = ("product", "process", "organisation", "marketing", "unspecified")
NOVELTY: Final = ("own", "adopted")


def innovations_introduced(facts: PeriodFacts, group: Group) -> Value:
    """Implemented own ideas plus adopted good examples over the last two years, by OECD type
    and novelty; breakdown categories are "own:product", "adopted:process", …"""
    own = facts.by_category("implemented_2y", group.members)
    adopted = facts.by_category("adopted_2y", group.members)
    breakdown = []
    for novelty, counts in (("own", own), ("adopted", adopted)):
        for kind in INNOVATION_TYPES:
            n = counts.get(kind, 0)
            breakdown.append((f"{novelty}:{kind}", float(n), n))
    total = sum(own.values()) + sum(adopted.values())
    return Value(float(total), (total,), tuple(breakdown))


def share_units_introducing(facts: PeriodFacts, group: Group) -> Value:
    """Of the group's units, the share that introduced at least one innovation (the
    barometers' headline figure)."""
    if not group.units:
        return Value(None)
    introduced = sum(
        1
        for members in group.units
        if facts.total("implemented_2y", members) + facts.total("adopted_2y", members) > 0
    )
    return Value(share(introduced, len(group.units)), (len(group.units),))


def share_units_adopting(facts: PeriodFacts, group: Group) -> Value:
    if "adoptions" not in facts.measures or not group.units:
        return Value(None)
    adopting = sum(1 for members in group.units if facts.total("adoptions", members) > 0)
    return Value(share(adopting, len(group.units)), (len(group.units),))


def units_ever_nominated(facts: PeriodFacts, group: Group) -> Value:
    if "nominations_ever" not in facts.measures or not group.units:
        return Value(None)
    ever = sum(1 for members in group.units if facts.total("nominations_ever", members) > 0)
    return Value(float(ever), (len(group.units),))


def units_never_nominated(facts: PeriodFacts, group: Group) -> Value:
    if "nominations_ever" not in facts.measures or not group.units:
        return Value(None)
    never = sum(1 for members in group.units if facts.total("nominations_ever", members) == 0)
    return Value(float(never), (len(group.units),))


# --- the registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Label
    definition: Label
    unit: UnitOfMeasure
    formula: Formula
    # Figures from people's own actions: suppressed below five in public views and open data.
    personal: bool = False
    source: str = "ideas"  # the app whose records it counts
    # Category key → label, for indicators that split their total.
    categories: tuple[tuple[str, Label], ...] = field(default=())
    # Higher is better (goals "at least"); False for waiting times.
    higher_is_better: bool = True


SUBMITTER_ROLES: Final[tuple[tuple[str, Label], ...]] = (
    ("employee", _("Employee")),
    ("manager", _("Manager")),
    ("resident", _("Resident")),
    ("company", _("Company")),
    ("academia", _("Academia")),
    ("other_unit", _("Other city unit")),
    ("civil_society", _("Civil society")),
)
TYPE_LABELS: Final[dict[str, Label]] = {
    "product": _("Product or service"),
    "process": _("Process"),
    "organisation": _("Organisation"),
    "marketing": _("Marketing or communication"),
    "unspecified": _("Type not recorded"),
}
NOVELTY_LABELS: Final[dict[str, Label]] = {
    "own": _("own idea"),
    "adopted": _("adopted from another unit"),
}
ADOPTION_STATUSES: Final[tuple[tuple[str, Label], ...]] = (
    ("interested", _("Interested")),
    ("planning", _("Planning")),
    ("in_use", _("In use")),
    ("dropped", _("Dropped")),
)

INDICATORS: Final[tuple[Indicator, ...]] = (
    Indicator(
        "ideas_submitted",
        _("Ideas submitted"),
        _("Ideas submitted in the period, counted for the unit that owns them."),
        "count",
        _count("submitted"),
    ),
    Indicator(
        "ideas_per_1000_employees",
        _("Ideas per 1,000 employees"),
        _(
            "Ideas submitted in the period per 1,000 employees of the unit (its recorded number of employees)."
        ),
        "per_1000",
        ideas_per_1000,
    ),
    Indicator(
        "ideas_by_submitter_role",
        _("Ideas by submitter"),
        _(
            "Ideas submitted in the period, split by the role the submitter gave (employee, resident, company …)."
        ),
        "count",
        _breakdown("submitted", [key for key, _label in SUBMITTER_ROLES]),
        personal=True,
        categories=SUBMITTER_ROLES,
    ),
    Indicator(
        "share_from_residents_companies",
        _("Share of ideas from residents and companies"),
        _(
            "Of the ideas submitted in the period, the share whose submitter is a resident or a company."
        ),
        "share",
        share_residents_companies,
        personal=True,
    ),
    Indicator(
        "median_days_to_decision",
        _("Median days to the first decision"),
        _(
            "For ideas whose first decision (prioritised, declined, parked or merged) fell in the period: the median number of whole days from submission to that decision."
        ),
        "days",
        median_days_to_decision,
        higher_is_better=False,
    ),
    Indicator(
        "share_decided_tested",
        _("Share of decided ideas tested"),
        _(
            "Of the ideas submitted in the period that have had a decision, the share that has been tested (reached the stage Testing)."
        ),
        "share",
        _share_of_decided("tested"),
    ),
    Indicator(
        "share_decided_implemented",
        _("Share of decided ideas implemented"),
        _(
            "Of the ideas submitted in the period that have had a decision, the share that has been implemented."
        ),
        "share",
        _share_of_decided("implemented"),
    ),
    Indicator(
        "share_decided_spread",
        _("Share of decided ideas spread"),
        _(
            "Of the ideas submitted in the period that have had a decision, the share that has been spread."
        ),
        "share",
        _share_of_decided("spread"),
    ),
    Indicator(
        "pilots_decided",
        _("Pilots with go or no-go"),
        _("Pilots decided in the period, split by the decision: go or no go."),
        "count",
        _breakdown("pilots", ["go", "no_go"]),
        categories=(("go", _("Go")), ("no_go", _("No go"))),
    ),
    Indicator(
        "innovations_introduced",
        _("Innovations introduced"),
        _(
            "Over the two years up to the period's end: ideas implemented (own ideas) and good examples taken into use from another unit (adopted), split by the OECD type of innovation and by novelty, as in the innovation barometers."
        ),
        "count",
        innovations_introduced,
        categories=tuple(
            (f"{novelty}:{kind}", f"{TYPE_LABELS[kind]}, {NOVELTY_LABELS[novelty]}")
            for novelty in NOVELTY
            for kind in INNOVATION_TYPES
        ),
    ),
    Indicator(
        "share_units_introducing",
        _("Share of units that introduced an innovation"),
        _(
            "Of the administrations and companies, the share that introduced at least one innovation (own or adopted) in the two years up to the period's end: the barometers' headline figure."
        ),
        "share",
        share_units_introducing,
    ),
    Indicator(
        "active_challenges",
        _("Active challenges"),
        _(
            "Published challenges that were open on at least one day of the period, counted for their owner unit."
        ),
        "count",
        _count("challenges_active"),
    ),
    Indicator(
        "challenge_ideas",
        _("Ideas to challenges"),
        _(
            "Ideas submitted in the period in answer to a challenge, counted for the challenge's owner unit."
        ),
        "count",
        _count("challenge_ideas"),
    ),
    Indicator(
        "active_users",
        _("Active users"),
        _(
            "People who submitted, commented on or supported an idea in the period, counted for their home unit (residents for the city only)."
        ),
        "count",
        _count("active_users"),
        personal=True,
    ),
    Indicator(
        "adoptions",
        _("Adoptions"),
        _(
            "Adoptions of good examples recorded in the period, counted for the adopting unit and split by their status now."
        ),
        "count",
        _breakdown("adoptions", [key for key, _label in ADOPTION_STATUSES]),
        source="spreading",
        categories=ADOPTION_STATUSES,
    ),
    Indicator(
        "examples_adopted",
        _("Good examples adopted at least once"),
        _(
            "Good examples with at least one adoption recorded in the period, counted for the unit that owns the example."
        ),
        "count",
        _count("examples_adopted"),
        source="spreading",
    ),
    Indicator(
        "share_units_adopting",
        _("Share of units that adopted a good example"),
        _(
            "Of the administrations and companies, the share that recorded at least one adoption in the period."
        ),
        "share",
        share_units_adopting,
        source="spreading",
    ),
    Indicator(
        "sessions_offered",
        _("Knowledge-sharing sessions offered"),
        _("Sessions held in the period, counted for the unit of the colleague who offers them."),
        "count",
        _count("sessions"),
        personal=True,
        source="spreading",
    ),
    Indicator(
        "session_bookings",
        _("Session bookings"),
        _(
            "Bookings (not waiting-list places) of sessions held in the period, counted for the booker's home unit."
        ),
        "count",
        _count("bookings"),
        personal=True,
        source="spreading",
    ),
    Indicator(
        "session_participants",
        _("Session participants"),
        _(
            "Distinct people with a booking for a session held in the period, counted for their home unit."
        ),
        "count",
        _count("participants"),
        personal=True,
        source="spreading",
    ),
    Indicator(
        "groups_active",
        _("Active discussion groups"),
        _("Discussion groups with at least one post in the period."),
        "count",
        _count("groups"),
        source="spreading",
    ),
    Indicator(
        "group_posts",
        _("Posts and replies"),
        _(
            "Posts and replies written in discussion groups in the period, counted for the author's home unit."
        ),
        "count",
        _breakdown("posts", ["post", "reply"]),
        personal=True,
        source="spreading",
        categories=(("post", _("Posts")), ("reply", _("Replies"))),
    ),
    Indicator(
        "group_active_users",
        _("People writing in groups"),
        _(
            "Distinct people who wrote a post or a reply in a discussion group in the period, counted for their home unit."
        ),
        "count",
        _count("group_writers"),
        personal=True,
        source="spreading",
    ),
    Indicator(
        "nominations",
        _("Award nominations"),
        _("Nominations made in the period to award rounds, counted for the nominating unit."),
        "count",
        _count("nominations"),
        source="spreading",
    ),
    Indicator(
        "units_ever_nominated",
        _("Units that have nominated"),
        _(
            "Administrations and companies that have made at least one nomination to an award round up to the end of the period (report §6.8)."
        ),
        "count",
        units_ever_nominated,
        source="spreading",
    ),
    Indicator(
        "units_never_nominated",
        _("Units that have never nominated"),
        _(
            "Administrations and companies that have never made a nomination to an award round (report §6.8)."
        ),
        "count",
        units_never_nominated,
        source="spreading",
        higher_is_better=False,
    ),
)

BY_CODE: Final[dict[str, Indicator]] = {indicator.code: indicator for indicator in INDICATORS}


def compute(indicator: Indicator, facts: PeriodFacts, group: Group, *, public: bool) -> Value:
    return suppress(indicator.formula(facts, group), personal=public and indicator.personal)


def available(indicator: Indicator, facts: PeriodFacts) -> bool:
    """Whether the records an indicator counts exist in this installation."""
    needed = {
        "adoptions": "adoptions",
        "examples_adopted": "examples_adopted",
        "share_units_adopting": "adoptions",
        "sessions_offered": "sessions",
        "session_bookings": "bookings",
        "session_participants": "participants",
        "groups_active": "groups",
        "group_posts": "posts",
        "group_active_users": "group_writers",
        "nominations": "nominations",
        "units_ever_nominated": "nominations_ever",
        "units_never_nominated": "nominations_ever",
    }.get(indicator.code)
    return needed is None or needed in facts.measures


# --- goals -------------------------------------------------------------------------------------

GoalStatus = Literal["exceeded", "met", "missed", "not_due", "no_outcome"]


def goal_status(
    *,
    target: float,
    at_least: bool,
    outcome: float | None,
    period_end: datetime.date,
    today: datetime.date,
) -> GoalStatus:
    """A goal is due the day after its period ends. Then: beyond the target is exceeded,
    exactly the target is met, short of it is missed ("at most": below is beyond)."""
    if today <= period_end:
        return "not_due"
    if outcome is None:
        return "no_outcome"
    difference = outcome - target if at_least else target - outcome
    if abs(difference) < 1e-9:
        return "met"
    return "exceeded" if difference > 0 else "missed"
