"""A dashboard as plain data: for each indicator a chart (server-side SVG on core's chart
primitives) and the table of its numbers, the period beside the previous one.

Pure: facts, groups and labels in, sections out. The same tables feed the page, the CSV and
XLSX exports and the open data, so they always say the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from innovera.core import formatting
from innovera.followup.indicators import (
    INDICATORS,
    Group,
    Indicator,
    PeriodFacts,
    available,
    compute,
)
from innovera.surveys.charts import horizontal_bar_chart, trend_chart

NO_VALUE = "\N{EN DASH}"


def format_value(value: float | None, unit: str) -> str:
    """Swedish style: 1 234 ideas, 81 %, 3,75 per 1,000 employees, 12 or 12,5 days."""
    if value is None:
        return NO_VALUE
    if unit == "share":
        return formatting.percent(value)
    if unit == "count" or (unit == "days" and float(value).is_integer()):
        return formatting.integer(round(value))
    if unit == "days":
        return formatting.decimal(value, decimals=1)
    return formatting.decimal(value)


def format_change(current: float | None, previous: float | None, unit: str) -> str:
    """The change from the previous period; shares in percentage points."""
    if current is None or previous is None:
        return NO_VALUE
    difference = current - previous
    if unit == "share":
        text = f"{difference * 100:+.0f}".replace("-", "\N{MINUS SIGN}")
        return _("%(points)s percentage points") % {"points": text}
    sign = "+" if difference > 0 else "\N{MINUS SIGN}" if difference < 0 else "±"
    return sign + format_value(abs(difference), unit)


@dataclass
class Row:
    label: str
    current: float | None
    previous: float | None
    url: str | None = None
    unit: str = "count"

    @property
    def current_text(self) -> str:
        return format_value(self.current, self.unit)

    @property
    def previous_text(self) -> str:
        return format_value(self.previous, self.unit)

    @property
    def change_text(self) -> str:
        return format_change(self.current, self.previous, self.unit)


@dataclass
class Section:
    indicator: Indicator
    row_header: str
    rows: list[Row]
    chart: str = ""
    available: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.indicator.code


@dataclass(frozen=True)
class GroupLink:
    group: Group
    url: str | None = None


def _axis_max(values: Sequence[float | None], unit: str) -> float:
    if unit == "share":
        return 1.0
    largest = max((v for v in values if v is not None), default=0.0)
    if largest <= 0:
        return 1.0
    # A round number a little above the largest bar, so its value label fits.
    magnitude = 10 ** math.floor(math.log10(largest))
    return math.ceil(largest * 1.05 / magnitude) * magnitude


def _chart(indicator: Indicator, rows: list[Row], chart_id: str, period_label: str) -> str:
    values = [row.current for row in rows]
    # The survey reports' bar chart, from zero: one bar per group, an en dash where a value is
    # missing or suppressed.
    return horizontal_bar_chart(
        [(row.label, row.current) for row in rows],
        title=str(indicator.name),
        description=_("%(period)s. The table beside the chart gives the numbers.")
        % {"period": period_label},
        minimum=0,
        maximum=_axis_max(values, indicator.unit),
        number_format=lambda value: format_value(value, indicator.unit),
        chart_id=chart_id,
    )


@dataclass(frozen=True)
class Comparison:
    """What every section of one dashboard shows: the groups (the scope first, then what it
    drills down to) in this period and the one before, as the public or an employee sees them."""

    current: PeriodFacts
    previous: PeriodFacts
    groups: Sequence[GroupLink]
    public: bool
    row_header: str
    period_label: str


def indicator_section(indicator: Indicator, comparison: Comparison) -> Section:
    """Rows are the groups; an indicator that splits its total shows the scope's categories
    instead."""
    current, previous, groups = comparison.current, comparison.previous, comparison.groups
    public, row_header = comparison.public, comparison.row_header
    if not available(indicator, current):
        return Section(
            indicator,
            row_header,
            [],
            available=False,
            notes=[_("Not computed: the records it counts do not exist in this installation yet.")],
        )
    notes: list[str] = []
    if indicator.categories:
        scope = groups[0].group
        now = compute(indicator, current, scope, public=public)
        before = compute(indicator, previous, scope, public=public)
        before_by = {category: figure for category, figure, _n in before.breakdown}
        labels = dict(indicator.categories)
        rows = [
            Row(str(labels[category]), figure, before_by.get(category), unit=indicator.unit)
            for category, figure, _n in now.breakdown
        ]
        rows.append(Row(_("Total"), now.number, before.number, unit=indicator.unit))
        header = _("Category")
        chart_rows = rows[:-1]
    else:
        rows = []
        for link in groups:
            now = compute(indicator, current, link.group, public=public)
            before = compute(indicator, previous, link.group, public=public)
            rows.append(
                Row(link.group.label, now.number, before.number, url=link.url, unit=indicator.unit)
            )
        header = row_header
        chart_rows = rows
    if public and indicator.personal:
        notes.append(
            _("Figures resting on fewer than %(n)s people are not shown (–), to protect them.")
            % {"n": 5}
        )
    section = Section(indicator, header, rows, notes=notes)
    section.chart = _chart(
        indicator, chart_rows, f"chart-{indicator.code}", comparison.period_label
    )
    return section


def dashboard_sections(
    comparison: Comparison, indicators: Sequence[Indicator] = INDICATORS
) -> list[Section]:
    return [indicator_section(indicator, comparison) for indicator in indicators]


def section_table(
    section: Section, current_label: str, previous_label: str
) -> tuple[list[str], list[list[object]]]:
    """The section's table for CSV and XLSX: plain numbers, empty where none is shown."""
    headers = [section.row_header, current_label, previous_label]
    rows: list[list[object]] = [
        [
            row.label,
            row.current if row.current is not None else "",
            row.previous if row.previous is not None else "",
        ]
        for row in section.rows
    ]
    return headers, rows


# --- goals -------------------------------------------------------------------------------------

GOAL_STATUSES = ("exceeded", "met", "missed", "not_due", "no_outcome")


@dataclass
class GoalSummaryRow:
    label: str
    counts: dict[str, int]
    url: str | None = None

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in GOAL_STATUSES]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def goal_summary(
    statuses: Sequence[tuple[frozenset[int | None] | None, str]],
    groups: Sequence[GroupLink],
) -> list[GoalSummaryRow]:
    """How many goals were exceeded, met, missed, not yet due (or lack an outcome), per group.
    `statuses` holds each goal's unit (as a one-unit set) and status."""
    rows = []
    for link in groups:
        counts: dict[str, int] = {}
        for units, status in statuses:
            if units is not None and units <= link.group.members:
                counts[status] = counts.get(status, 0) + 1
        rows.append(GoalSummaryRow(link.group.label, counts, link.url))
    return rows


# --- survey results over rounds ----------------------------------------------------------------


@dataclass
class SurveyBlock:
    chart: str
    headers: list[str]
    rows: list[list[str]]
    gap_headers: list[str]
    gap_rows: list[list[str]]
    note: str = ""


def survey_block(trend: Any, *, org_type: str | None, small: int = 5) -> SurveyBlock | None:
    """The seven self-assessment means per round (for the city or one organisation type; a
    mean from fewer than `small` respondents is not shown) and, for the city, the factor gaps
    (importance minus today) per round. The chart is the surveys app's trend chart."""
    if not trend.rounds:
        return None
    headers = [_("Question"), *(entry.label for entry in trend.rounds)]
    series: dict[str, list[tuple[str, float | None]]] = {}
    rows: list[list[str]] = []
    for code, text in trend.items:
        values: list[float | None] = []
        for entry in trend.rounds:
            source = entry.means if org_type is None else entry.by_type.get(org_type, {})
            n, mean = source.get(code, (0, None))
            values.append(mean if n >= small else None)
        series[text] = [(entry.label, v) for entry, v in zip(trend.rounds, values, strict=True)]
        rows.append([text, *(formatting.decimal(v) for v in values)])
    chart = trend_chart(
        series,
        title=_("Self-assessment over the rounds"),
        description=_("Means on the scale 1–4 per round; the table below gives the numbers."),
        chart_id="chart-survey-trend",
        minimum=1,
        maximum=4,
    )
    gap_rows: list[list[str]] = []
    gap_headers: list[str] = []
    if org_type is None:
        gap_headers = [_("Factor"), *(entry.label for entry in trend.rounds)]
        for key, text in trend.factors:
            gaps = [entry.gaps.get(key) for entry in trend.rounds]
            gap_rows.append([text, *(formatting.signed(g) for g in gaps)])
    note = _("Means from fewer than %(n)s respondents are not shown.") % {"n": small}
    return SurveyBlock(chart, headers, rows, gap_headers, gap_rows, note)
