"""The report's "korsdiagram": importance-performance analysis of the favourable factors."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from innovera.core import formatting
from innovera.core.charts import svg
from innovera.core.charts.svg import (
    BAR_COLOUR,
    BASELINE_SHIFT,
    CHAR_WIDTH,
    FONT_SIZE,
    GRID_COLOUR,
    LINE_HEIGHT,
    MUTED_COLOUR,
    SHADE_COLOUR,
    SMALL_FONT_SIZE,
    TEXT_COLOUR,
    WHITE,
    NumberFormat,
)
from innovera.surveys.charts.labels import Box, layout_labels
from innovera.surveys.charts.labels_sv import QUADRANT_LABELS_SV


def _zoom(axis_min: float, axis_max: float, values: Iterable[float]) -> tuple[float, float]:
    """The axis range widened, in steps of 0.5, to hold every value (no point is ever cut)."""
    low, high = axis_min, axis_max
    for value in values:
        if value < low:
            low = math.floor(value * 2) / 2
        if value > high:
            high = math.ceil(value * 2) / 2
    return low, high


def cross_diagram(
    points: Sequence[tuple[str, float, float]],
    *,
    importance_threshold: float,
    current_threshold: float,
    title: str,
    description: str,
    chart_id: str,
    axis_min: float = 1.0,
    axis_max: float = 4.0,
    shaded: str = "concentrate_here",
    width: int = 640,
    height: int | None = None,
    number_format: NumberFormat = formatting.decimal,
    x_title: str = "Värdering generellt",
    y_title: str = "Bedömning i dag",
    quadrant_labels: Mapping[str, str] = QUADRANT_LABELS_SV,
    numbered: bool | None = None,
) -> str:
    """The report's "korsdiagram": importance-performance analysis of the favourable factors.

    Each point is ``(label, importance mean, today mean)``. The x axis is importance ("Värdering
    generellt"), the y axis today ("Bedömning i dag"), both from ``axis_min`` to ``axis_max``
    (e.g. 2.5-4 to zoom as the report does; the range is widened in steps of 0.5 if a point or a
    threshold falls outside, so no point is ever cut). Lines at the thresholds divide the plot
    into the quadrants of ``analysis.classify_quadrant``: lower right ``concentrate_here``
    (important, not in place), upper right ``keep_up``, lower left ``low_priority``, upper left
    ``possible_overkill``; ``shaded`` names the one to shade (``""`` for none), and each
    quadrant's name from ``quadrant_labels`` is printed in its outer corner.

    Labels wrap on up to three lines and are placed beside, above or below their marker, nudged
    apart, with a leader line when moved. When they cannot all be placed without a label
    overlapping or a leader line crossing a label (a dense cluster, typically on the full 1-4
    scale), or when ``numbered`` is true, the markers get
    numbers 1, 2, … in the order of ``points`` instead and a key below the plot lists them; pass
    the points in the order of the table beside the chart. ``numbered=False`` forces labels.
    ``height`` is the plot's part (default 0.8 x ``width``); the key adds to it.
    """
    svg.check_id(chart_id)
    quadrants = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")
    if shaded and shaded not in quadrants:
        raise ValueError(f"shaded must be one of {quadrants} or empty, got {shaded!r}")
    finite = [(label, x, y) for label, x, y in points if math.isfinite(x) and math.isfinite(y)]
    low, high = _zoom(
        axis_min,
        axis_max,
        [importance_threshold, current_threshold] + [v for _, x, y in finite for v in (x, y)],
    )
    svg.check_range(low, high)
    plot_height = height or round(width * 0.8)
    left, right = 62.0, width - 12.0
    top, bottom = 10.0, plot_height - 52.0
    sx = svg.scale(low, high, left, right)
    sy = svg.scale(low, high, bottom, top)
    tx, ty = sx(importance_threshold), sy(current_threshold)

    # Quadrant names in the plot's outer corners; they are obstacles for the point labels.
    fixed: list[Box] = []
    names: list[str] = []
    corners = {
        "concentrate_here": (right - 8, bottom - 8, "end"),
        "keep_up": (right - 8, top + 18, "end"),
        "low_priority": (left + 8, bottom - 8, "start"),
        "possible_overkill": (left + 8, top + 18, "start"),
    }
    for key, (x, baseline, anchor) in corners.items():
        name = quadrant_labels.get(key, "")
        if name:
            name_left = x - svg.text_width(name) if anchor == "end" else x
            fixed.append(
                Box(name_left, baseline - FONT_SIZE, name_left + svg.text_width(name), baseline + 4)
            )
            names.append(
                svg.text(
                    x,
                    baseline,
                    name,
                    anchor=anchor,
                    weight="600",
                    class_=f"quadrant quadrant-{key}",
                )
            )

    # Point labels: the texts if they fit cleanly, else numbers and a key.
    markers = [(sx(x), sy(y)) for _, x, y in finite]
    bounds = Box(left + 2, top + 2, width - 2.0, bottom - 2)

    def label_sizes(texts: Sequence[Sequence[str]]) -> list[tuple[float, float]]:
        return [
            (
                max(svg.text_width(line, SMALL_FONT_SIZE) for line in lines) + 4,
                len(lines) * (LINE_HEIGHT - 1) + 2,
            )
            for lines in texts
        ]

    texts = [svg.wrap(label, 24, 3) for label, _, _ in finite]
    layout = [] if numbered else layout_labels(markers, label_sizes(texts), fixed, bounds, (tx, ty))
    if numbered or (numbered is None and any(spot.tier >= 2 for spot in layout)):
        numbered = True
        texts = [[str(number)] for number in range(1, len(finite) + 1)]
        layout = layout_labels(markers, label_sizes(texts), fixed, bounds, (tx, ty))

    key_parts: list[str] = []
    total_height = float(plot_height)
    if numbered:
        columns = 2 if width >= 480 else 1
        column_width = (width - 20) / columns
        chars = int((column_width - 30) / (SMALL_FONT_SIZE * CHAR_WIDTH))
        entries = [svg.wrap(label, chars, 2) for label, _, _ in finite]
        per_column = math.ceil(len(entries) / columns)
        key_top = plot_height + 4.0
        column_heights = []
        for column in range(columns):
            y = key_top
            for number in range(column * per_column, min((column + 1) * per_column, len(entries))):
                lines = entries[number]
                x = 10 + column * column_width
                block = len(lines) * (LINE_HEIGHT - 1)
                key_parts.append(
                    '<g class="key-item">'
                    + svg.text(
                        x + 22,
                        y + 11,
                        str(number + 1),
                        anchor="end",
                        size=SMALL_FONT_SIZE,
                        weight="600",
                    )
                    + svg.lines(x + 30, y + block / 2, lines, size=SMALL_FONT_SIZE)
                    + "</g>"
                )
                y += block + 4
            column_heights.append(y)
        total_height = max(column_heights, default=key_top) + 8

    parts = [svg.open_svg(chart_id, "cross", width, total_height, title, description)]
    parts.append(
        svg.rect(
            left,
            top,
            right - left,
            bottom - top,
            fill=WHITE,
            stroke=MUTED_COLOUR,
            class_="plot-area",
        )
    )
    areas = {
        "concentrate_here": (tx, ty, right, bottom),
        "keep_up": (tx, top, right, ty),
        "low_priority": (left, ty, tx, bottom),
        "possible_overkill": (left, top, tx, ty),
    }
    if shaded:
        x0, y0, x1, y1 = areas[shaded]
        parts.append(svg.rect(x0, y0, x1 - x0, y1 - y0, fill=SHADE_COLOUR, class_="shaded"))
    for tick in svg.ticks(low, high):
        x, y = sx(tick), sy(tick)
        label = svg.trim_zeros(number_format(tick))
        parts.append(svg.line(x, top, x, bottom, stroke=GRID_COLOUR, class_="grid"))
        parts.append(svg.line(left, y, right, y, stroke=GRID_COLOUR, class_="grid"))
        parts.append(
            svg.text(
                x,
                bottom + svg.TICK_LABEL_GAP,
                label,
                anchor="middle",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
        parts.append(
            svg.text(
                left - 6,
                y + BASELINE_SHIFT * SMALL_FONT_SIZE,
                label,
                anchor="end",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
    parts.append(
        svg.line(
            tx,
            top,
            tx,
            bottom,
            stroke=TEXT_COLOUR,
            stroke_width=1.5,
            class_="threshold threshold-importance",
        )
    )
    parts.append(
        svg.line(
            left,
            ty,
            right,
            ty,
            stroke=TEXT_COLOUR,
            stroke_width=1.5,
            class_="threshold threshold-current",
        )
    )
    parts.append(
        svg.text(
            (left + right) / 2,
            plot_height - 10,
            x_title,
            anchor="middle",
            weight="600",
            class_="axis-title",
        )
    )
    y_centre = (top + bottom) / 2
    parts.append(
        svg.text(
            18,
            y_centre,
            y_title,
            anchor="middle",
            weight="600",
            class_="axis-title",
            transform=f"rotate(-90 18 {svg.coord(y_centre)})",
        )
    )
    parts += names
    parts += [
        svg.line(*spot.leader, stroke=MUTED_COLOUR, stroke_width=0.75, class_="leader")
        for spot in layout
        if spot.leader is not None
    ]
    parts += [
        f'<g class="point-group"><title>{svg.escape(label)} ({svg.escape(x_title)} {svg.escape(number_format(imp))},'
        f" {svg.escape(y_title)} {svg.escape(number_format(cur))})</title>"
        f'<circle cx="{svg.coord(x)}" cy="{svg.coord(y)}" r="5" fill="{BAR_COLOUR}" stroke="{WHITE}"'
        ' stroke-width="1.5" class="point"/></g>'
        for (label, imp, cur), (x, y) in zip(finite, markers, strict=True)
    ]
    parts += [
        svg.lines(
            spot.text_x,
            spot.centre,
            lines,
            anchor=spot.anchor,
            size=SMALL_FONT_SIZE,
            class_="point-label",
        )
        for spot, lines in zip(layout, texts, strict=True)
    ]
    if key_parts:
        parts.append(f'<g class="key">{"".join(key_parts)}</g>')
    parts.append("</svg>")
    return "".join(parts)
