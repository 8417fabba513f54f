"""The dashboards' charts, on core's generic SVG primitives (core.charts). The survey trend
over rounds is the surveys app's own chart (`innovera.surveys.charts.trend_chart`)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from innovera.core.charts import axes, svg
from innovera.core.charts.svg import (
    BASELINE_SHIFT,
    FONT_SIZE,
    MUTED_COLOUR,
    NO_VALUE,
    NumberFormat,
)


def bar_chart(
    rows: Sequence[tuple[str, float | None]],
    *,
    title: str,
    description: str,
    maximum: float,
    number_format: NumberFormat,
    chart_id: str,
    width: int = 640,
) -> str:
    """One horizontal bar per group from zero; a missing or suppressed value gets an en dash
    and no bar. Labels wrap on up to three lines to the left."""
    svg.check_id(chart_id)
    svg.check_range(0, maximum)
    column, chars = axes.label_column(width)
    values = [None if value is None or not math.isfinite(value) else value for _, value in rows]
    printed = [NO_VALUE if value is None else number_format(value) for value in values]
    value_room = max([svg.text_width(text) for text in printed] + [svg.text_width("100 %")]) + 14
    left, right = column, width - value_room
    position = svg.scale(0, maximum, left, right)
    wrapped = [svg.wrap(label, chars, 3) for label, _ in rows]
    plot_bottom = svg.TOP + sum(axes.row_height(len(lines)) for lines in wrapped)
    height = plot_bottom + svg.TICK_LABEL_GAP + 10
    parts = [svg.open_svg(chart_id, "bars", width, height, title, description)]
    parts += axes.x_axis(
        svg.ticks(0, maximum), position, svg.TOP, plot_bottom, number_format, (left, right)
    )
    parts.append(svg.line(left, svg.TOP, left, plot_bottom, stroke=MUTED_COLOUR))
    y = float(svg.TOP)
    for (label, _), value, lines, text in zip(rows, values, wrapped, printed, strict=True):
        row_height = axes.row_height(len(lines))
        centre = y + row_height / 2
        parts.append(f'<g class="row"><title>{svg.escape(label)}: {svg.escape(text)}</title>')
        parts.append(svg.lines(left - 8, centre, lines, anchor="end", class_="label"))
        end = left if value is None else position(svg.clamp(value, 0, maximum))
        if value is not None:
            parts.append(axes.bar(left, end, centre))
        parts.append(
            svg.text(
                (left if value is None else end) + 6,
                centre + BASELINE_SHIFT * FONT_SIZE,
                text,
                class_="value",
            )
        )
        parts.append("</g>")
        y += row_height
    parts.append("</svg>")
    return "".join(parts)
