"""Lines over survey rounds: one series per item, told apart by colour, dash and marker."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Final

from innovera.core import formatting
from innovera.core.charts import svg
from innovera.core.charts.svg import (
    BASELINE_SHIFT,
    CHAR_WIDTH,
    GRID_COLOUR,
    LINE_HEIGHT,
    MUTED_COLOUR,
    SMALL_FONT_SIZE,
    WHITE,
    NumberFormat,
)

SERIES_COLOURS: Final = (
    "#0062ba",
    "#b3261e",
    "#2e7d32",
    "#6a3d9a",
    "#8a5a00",
    "#1e2b3c",
    "#b3007d",
    "#00727f",
)
"""Trend lines: 6.1, 6.5, 5.1, 7.6, 5.9, 14.3, 6.5 and 5.7:1; eight, so the seven
self-assessment items of ``stockholm-2014`` each get their own colour and marker."""

SERIES_DASHES: Final = ("", "6 3", "2 3", "8 3 2 3")
MARKER_SHAPES: Final = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "triangle-down",
    "cross",
    "plus",
    "hexagon",
)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """A 10-11 px marker; the shapes tell series apart without colour."""
    common = f' fill="{colour}" stroke="{WHITE}" stroke-width="1" class="marker marker-{shape}"'
    if shape == "circle":
        return f'<circle cx="{svg.coord(x)}" cy="{svg.coord(y)}" r="5"{common}/>'
    if shape == "square":
        return f'<rect x="{svg.coord(x - 4.5)}" y="{svg.coord(y - 4.5)}" width="9" height="9"{common}/>'
    offsets = {
        "plus": (
            (-2, -6),
            (2, -6),
            (2, -2),
            (6, -2),
            (6, 2),
            (2, 2),
            (2, 6),
            (-2, 6),
            (-2, 2),
            (-6, 2),
            (-6, -2),
            (-2, -2),
        ),
        "hexagon": ((-3, -5.2), (3, -5.2), (6, 0), (3, 5.2), (-3, 5.2), (-6, 0)),
        "triangle": ((0, -6), (5.5, 4), (-5.5, 4)),
        "triangle-down": ((0, 6), (5.5, -4), (-5.5, -4)),
        "diamond": ((0, -6), (6, 0), (0, 6), (-6, 0)),
        "cross": (
            (-5, -3),
            (-3, -5),
            (0, -2),
            (3, -5),
            (5, -3),
            (2, 0),
            (5, 3),
            (3, 5),
            (0, 2),
            (-3, 5),
            (-5, 3),
            (-2, 0),
        ),
    }[shape]
    points = " ".join(f"{svg.coord(x + dx)},{svg.coord(y + dy)}" for dx, dy in offsets)
    return f'<polygon points="{points}"{common}/>'


def trend_chart(
    series: Mapping[str, Sequence[tuple[str, float | None]]],
    *,
    title: str,
    description: str,
    chart_id: str,
    minimum: float,
    maximum: float,
    width: int = 640,
    height: int = 320,
    number_format: NumberFormat = formatting.decimal,
    y_title: str = "",
) -> str:
    """Lines over survey rounds: one ``<path>`` per series, markers of a different shape (and
    colour and dash) per series, and a legend above.

    ``series`` maps a name to ``(round name, value)`` pairs in round order; the x axis holds the
    rounds in order of first appearance. A ``None`` value (item not asked, no answers) leaves a
    gap in the line. Values outside ``minimum..maximum`` are drawn at the axis end. ``height``
    holds one legend row; further rows (many or long series names) add to it.
    """
    svg.check_id(chart_id)
    svg.check_range(minimum, maximum)
    rounds: list[str] = []
    for values in series.values():
        for name, _ in values:
            if name not in rounds:
                rounds.append(name)

    def sample(index: int) -> Callable[[float, float], str]:
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        dash = SERIES_DASHES[index % len(SERIES_DASHES)] or None
        shape = MARKER_SHAPES[index % len(MARKER_SHAPES)]
        return lambda x, middle: (
            svg.line(
                x, middle, x + 26, middle, stroke=colour, stroke_width=2, stroke_dasharray=dash
            )
            + _marker(shape, x + 13, middle, colour)
        )

    legend, legend_bottom = svg.legend(
        [(sample(index), 28, name) for index, name in enumerate(series)], width
    )
    top = legend_bottom + 12
    total_height = height + (legend_bottom - svg.TOP - LINE_HEIGHT)  # more legend rows, more height
    left = 52.0 if not y_title else 74.0
    right = width - 16.0
    slot = (right - left) / max(len(rounds), 1)
    round_lines = [
        svg.wrap(name, int((slot - 6) / (SMALL_FONT_SIZE * CHAR_WIDTH)), 2) for name in rounds
    ]
    label_height = max((len(lines) for lines in round_lines), default=1) * (LINE_HEIGHT - 1)
    bottom = total_height - 14 - label_height
    sy = svg.scale(minimum, maximum, bottom, top)

    def sx(index: int) -> float:
        return left + (index + 0.5) * slot

    parts = [svg.open_svg(chart_id, "trend", width, total_height, title, description)]
    parts.append(legend)
    for tick in svg.ticks(minimum, maximum):
        ty = sy(tick)
        parts.append(svg.line(left, ty, right, ty, stroke=GRID_COLOUR, class_="grid"))
        parts.append(
            svg.text(
                left - 6,
                ty + BASELINE_SHIFT * SMALL_FONT_SIZE,
                svg.trim_zeros(number_format(tick)),
                anchor="end",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
    parts.append(svg.line(left, bottom, right, bottom, stroke=MUTED_COLOUR))
    for index, lines in enumerate(round_lines):
        parts.append(
            svg.lines(
                sx(index),
                bottom + 8 + len(lines) * (LINE_HEIGHT - 1) / 2,
                lines,
                anchor="middle",
                size=SMALL_FONT_SIZE,
                class_="round",
            )
        )
    if y_title:
        centre = (top + bottom) / 2
        parts.append(
            svg.text(
                16,
                centre,
                y_title,
                anchor="middle",
                class_="axis-title",
                transform=f"rotate(-90 16 {svg.coord(centre)})",
            )
        )

    for index, (name, values) in enumerate(series.items()):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        shape = MARKER_SHAPES[index % len(MARKER_SHAPES)]
        dash = SERIES_DASHES[index % len(SERIES_DASHES)] or None
        commands: list[str] = []
        markers: list[str] = []
        previous_missing = True
        for round_name, value in values:
            if value is None or not math.isfinite(value):
                previous_missing = True
                continue
            px, py = sx(rounds.index(round_name)), sy(svg.clamp(value, minimum, maximum))
            commands.append(f"{'M' if previous_missing else 'L'}{svg.coord(px)} {svg.coord(py)}")
            previous_missing = False
            markers.append(
                f"<g><title>{svg.escape(name)}, {svg.escape(round_name)}: {svg.escape(number_format(value))}</title>"
                + _marker(shape, px, py, colour)
                + "</g>"
            )
        parts.append(f'<g class="series-group"><title>{svg.escape(name)}</title>')
        parts.append(
            f'<path d="{" ".join(commands)}" fill="none" stroke="{colour}" stroke-width="2"'
            + svg.attrs(stroke_dasharray=dash, stroke_linejoin="round")
            + ' class="series"/>'
        )
        parts += markers
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
