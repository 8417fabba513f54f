"""Stacked 100 % bars: how a scale item's answers split over 1–4 and "vet ej"."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from innovera.core import formatting
from innovera.core.charts import axes, patterns, svg
from innovera.core.charts.svg import (
    BASELINE_SHIFT,
    FONT_SIZE,
    NO_VALUE,
    SMALL_FONT_SIZE,
    WHITE,
    NumberFormat,
)
from innovera.surveys.charts.labels_sv import SCALE_CATEGORIES_SV


@dataclass(frozen=True)
class _Category:
    key: str
    label: str
    colour: str
    fill: str


def distribution_chart(
    rows: Sequence[tuple[str, Mapping[str, int]]],
    *,
    title: str,
    description: str,
    chart_id: str,
    categories: Sequence[tuple[str, str]] = SCALE_CATEGORIES_SV,
    width: int = 640,
    percent_format: NumberFormat = formatting.percent,
    total_label: Callable[[int], str] = "n = {}".format,
) -> str:
    """Stacked 100 % bars: each row's answers split by category, with a legend above.

    ``rows`` are ``(label, counts)`` with counts keyed by category key; for an analysed scale
    item that is ``{**item["distribution"], "dk": item["dont_know"]}`` (missing keys count 0).
    Shares are of the row's total over ``categories``, which is printed after the bar with
    ``total_label``. Segments differ by colour *and* pattern (five distinct looks; a sixth
    category would repeat the first), keep the legend's order, and show their count inside when
    there is room; a row without answers shows an en dash.
    """
    svg.check_id(chart_id)
    if not categories:
        raise ValueError("distribution_chart needs at least one category")
    defs, looks = patterns.fills(chart_id, len(categories))
    cats = [
        _Category(key, label, colour, fill)
        for (key, label), (colour, fill) in zip(categories, looks, strict=True)
    ]
    legend, legend_bottom = svg.legend(
        [(patterns.swatch(cat.fill), patterns.SWATCH, cat.label) for cat in cats], width
    )
    plot_top = legend_bottom + 12

    totals = [sum(max(counts.get(cat.key, 0), 0) for cat in cats) for _, counts in rows]
    column, chars = axes.label_column(width)
    total_texts = [total_label(total) for total in totals]
    total_room = max([svg.text_width(t) for t in total_texts] + [svg.text_width("100 %") / 2]) + 14
    left, right = column, width - total_room
    position = svg.scale(0.0, 1.0, left, right)
    wrapped = [svg.wrap(label, chars, 3) for label, _ in rows]
    plot_bottom = plot_top + sum(axes.row_height(len(lines)) for lines in wrapped)
    height = plot_bottom + svg.TICK_LABEL_GAP + 10

    parts = [svg.open_svg(chart_id, "distribution", width, height, title, description)]
    if defs:
        parts.append(f"<defs>{''.join(defs)}</defs>")
    parts.append(legend)
    parts += axes.x_axis(
        svg.ticks(0.0, 1.0), position, plot_top, plot_bottom, percent_format, (left, right)
    )
    y = plot_top
    for (label, counts), lines, total, total_text in zip(
        rows, wrapped, totals, total_texts, strict=True
    ):
        row_height = axes.row_height(len(lines))
        centre = y + row_height / 2
        baseline = centre + BASELINE_SHIFT * FONT_SIZE
        parts.append(f'<g class="row"><title>{svg.escape(label)}</title>')
        parts.append(svg.lines(left - 8, centre, lines, anchor="end", class_="label"))
        if total == 0:
            parts.append(svg.text(left + 6, baseline, NO_VALUE, class_="value"))
        start = 0
        for cat in cats:
            count = max(counts.get(cat.key, 0), 0)
            if total == 0 or count == 0:
                continue
            x0, x1 = position(start / total), position((start + count) / total)
            share = percent_format(count / total)
            parts.append(
                f'<g class="segment"><title>{svg.escape(cat.label)}: {count} ({svg.escape(share)})</title>'
                + svg.rect(
                    x0,
                    centre - axes.BAR_HEIGHT / 2 - 2,
                    x1 - x0,
                    axes.BAR_HEIGHT + 4,
                    fill=cat.fill,
                    stroke=WHITE,
                    stroke_width=1,
                    class_="segment-bar",
                )
            )
            text = str(count)
            text_width = svg.text_width(text, SMALL_FONT_SIZE)
            if x1 - x0 >= text_width + 10:
                middle = (x0 + x1) / 2
                parts.append(
                    svg.rect(
                        middle - text_width / 2 - 3, centre - 8, text_width + 6, 16, fill=cat.colour
                    )
                    + svg.text(
                        middle,
                        centre + BASELINE_SHIFT * SMALL_FONT_SIZE,
                        text,
                        anchor="middle",
                        size=SMALL_FONT_SIZE,
                        fill=WHITE,
                        class_="count",
                    )
                )
            parts.append("</g>")
            start += count
        parts.append(svg.text(right + 8, baseline, total_text, class_="total"))
        parts.append("</g>")
        y += row_height
    parts.append("</svg>")
    return "".join(parts)
