"""Horizontal bar charts: self-assessment means, yes shares, multiple-choice shares."""

from __future__ import annotations

import math
from collections.abc import Sequence

from innovera.core import formatting
from innovera.core.charts import axes, svg
from innovera.core.charts.svg import (
    BASELINE_SHIFT,
    FONT_SIZE,
    LINE_HEIGHT,
    MUTED_COLOUR,
    NO_VALUE,
    NumberFormat,
)


def horizontal_bar_chart(
    rows: Sequence[tuple[str, float | None]],
    *,
    title: str,
    description: str,
    minimum: float,
    maximum: float,
    value_label: NumberFormat | None = None,
    chart_id: str,
    width: int = 640,
    number_format: NumberFormat = formatting.decimal,
    axis_title: str = "",
) -> str:
    """One horizontal bar per ``(label, value)`` row, drawn from ``minimum`` on the axis.

    Labels wrap on up to three lines to the left of the bars; each value is printed at the end
    of its bar with ``value_label`` (e.g. :func:`innovera.core.formatting.percent` for shares with
    ``minimum=0, maximum=1``) or else ``number_format`` (default two decimals with a comma).
    A ``None`` value gets no bar and an en dash. Tick labels use the same format without trailing
    zeros (1, 2, 3, 4 or 0 %, 20 % …). Values outside the axis are printed as they are but their
    bars stop at the axis ends.
    """
    svg.check_id(chart_id)
    svg.check_range(minimum, maximum)
    fmt = value_label or number_format
    column, chars = axes.label_column(width)
    values = [None if value is None or not math.isfinite(value) else value for _, value in rows]
    printed = [NO_VALUE if value is None else fmt(value) for value in values]
    value_room = max([svg.text_width(text) for text in printed] + [svg.text_width("100 %")]) + 14
    left, right = column, width - value_room
    position = svg.scale(minimum, maximum, left, right)
    wrapped = [svg.wrap(label, chars, 3) for label, _ in rows]
    plot_bottom = svg.TOP + sum(axes.row_height(len(lines)) for lines in wrapped)
    height = plot_bottom + svg.TICK_LABEL_GAP + 10 + (LINE_HEIGHT + 6 if axis_title else 0)

    parts = [svg.open_svg(chart_id, "bars", width, height, title, description)]
    ticks = svg.ticks(minimum, maximum)
    parts += axes.x_axis(ticks, position, svg.TOP, plot_bottom, fmt, (left, right))
    parts.append(svg.line(left, svg.TOP, left, plot_bottom, stroke=MUTED_COLOUR))
    y = float(svg.TOP)
    for (label, _), value, lines, text in zip(rows, values, wrapped, printed, strict=True):
        row_height = axes.row_height(len(lines))
        centre = y + row_height / 2
        parts.append(f'<g class="row"><title>{svg.escape(label)}: {svg.escape(text)}</title>')
        parts.append(svg.lines(left - 8, centre, lines, anchor="end", class_="label"))
        if value is None:
            parts.append(
                svg.text(left + 6, centre + BASELINE_SHIFT * FONT_SIZE, NO_VALUE, class_="value")
            )
        else:
            end = position(svg.clamp(value, minimum, maximum))
            parts.append(axes.bar(left, end, centre))
            parts.append(
                svg.text(end + 6, centre + BASELINE_SHIFT * FONT_SIZE, text, class_="value")
            )
        parts.append("</g>")
        y += row_height
    if axis_title:
        parts.append(
            svg.text(
                (left + right) / 2, height - 8, axis_title, anchor="middle", class_="axis-title"
            )
        )
    parts.append("</svg>")
    return "".join(parts)
