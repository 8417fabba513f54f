"""Server-rendered SVG charts for survey results and reports.

Pure functions: plain data in, an SVG string out, no Django, no JavaScript. Each chart is one
``<svg role="img">`` element whose ``aria-labelledby`` names its ``<title>`` and ``<desc>``, so a
screen reader announces the chart's title and summary; the figures themselves belong in the data
table that the page prints beside every chart.

Made to work in three places with the same markup:

* the web pages, under a strict Content-Security-Policy: no ``style=""`` attributes and no
  ``<style>`` or ``<script>`` elements, only SVG presentation attributes (``fill="…"``) and
  classes (``class="chart …"``, which the page's CSS may use, e.g. for ``max-width: 100%``);
* the self-contained HTML report and the WeasyPrint PDF: colours are explicit hex values rather
  than Designsystemet's CSS custom properties, chosen for contrast against white (graphical
  objects at least 3:1, text at least 4.5:1, WCAG 1.4.11 and 1.4.3);
* any language: every label is passed in and XML-escaped here; the Swedish defaults (axis
  titles, quadrant names, answer categories) are keyword arguments an English report replaces.

Text widths are estimated from character counts (there is no font metrics library on the server),
with a generous average character width, so wrapped labels stay clear of the plot.

The returned strings are safe markup (all caller text is escaped), so a view may pass them to a
template with ``mark_safe``. ``chart_id`` becomes the ``id`` of the ``<svg>`` and the prefix of
every other ``id`` inside it; it must be unique on the page.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "QUADRANT_LABELS_SV",
    "SCALE_CATEGORIES_SV",
    "NumberFormat",
    "cross_diagram",
    "distribution_chart",
    "horizontal_bar_chart",
    "swedish_number",
    "swedish_percent",
    "trend_chart",
]

NumberFormat = Callable[[float], str]

# --- colours (contrast against white in comments) -------------------------------------------

TEXT_COLOUR: Final = "#1e2b3c"  # 14.3:1
MUTED_COLOUR: Final = "#5b6675"  # 5.8:1, axis lines, leader lines, secondary text
BAR_COLOUR: Final = "#0062ba"  # 6.1:1
GRID_COLOUR: Final = "#d5dae0"  # decoration only: the tick labels carry the values
SHADE_COLOUR: Final = "#dbe9f6"  # the shaded quadrant; markers on it keep 4.9:1
WHITE: Final = "#ffffff"

DISTRIBUTION_COLOURS: Final = ("#a4262c", "#b34700", "#3a76c2", "#0b3d73", "#5c6670")
"""Answer 1 … 4 and "vet ej": 7.3, 5.5, 4.6, 10.9 and 5.9:1, so white counts inside read too."""

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

# --- text metrics ----------------------------------------------------------------------------

FONT_FAMILY: Final = "Inter, Arial, Helvetica, sans-serif"
FONT_SIZE: Final = 13
SMALL_FONT_SIZE: Final = 12
LINE_HEIGHT: Final = 16
CHAR_WIDTH: Final = 0.54
"""Average character width in em: Arial averages about 0.45 on Swedish text, Inter about 0.5,
so estimates err wide and wrapped labels keep clear of the plot."""
BASELINE_SHIFT: Final = 0.35
"""From a line's vertical centre to its baseline, in em (``dominant-baseline`` is unreliable)."""

NO_VALUE: Final = "\N{EN DASH}"
ELLIPSIS: Final = "\N{HORIZONTAL ELLIPSIS}"

SCALE_CATEGORIES_SV: Final[tuple[tuple[str, str], ...]] = (
    ("1", "1 Mycket bristfällig"),
    ("2", "2 Bristfällig"),
    ("3", "3 God"),
    ("4", "4 Mycket god"),
    ("dk", "Vet ej"),
)
"""Scale A's answers as ``(key, legend label)``; keys match the analysis' ``distribution``."""

QUADRANT_LABELS_SV: Final[Mapping[str, str]] = {
    "concentrate_here": "Koncentrera här",
    "keep_up": "Fortsätt så",
    "low_priority": "Låg prioritet",
    "possible_overkill": "Möjlig överkapacitet",
}

_ID_PATTERN: Final = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_XML_INVALID: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DECIMAL: Final = re.compile(r"(?P<head>.*\d)(?P<sep>[.,])(?P<frac>\d+)(?P<tail>\D*)")


# --- number formats --------------------------------------------------------------------------


def swedish_number(value: float) -> str:
    """Two decimals with a decimal comma: ``3.75`` → ``"3,75"``, ``-0.7`` → ``"-0,70"``."""
    text = f"{value:.2f}"
    if text == "-0.00":
        text = "0.00"
    return text.replace(".", ",")


def swedish_percent(share: float) -> str:
    """A share 0-1 as whole per cent with a space, as Swedish style wants: ``0.811`` → ``"81 %"``."""
    text = f"{share * 100:.0f}"
    return f"{'0' if text == '-0' else text} %"


def _trim_zeros(text: str) -> str:
    """A tick label without trailing decimal zeros: ``"1,00"`` → ``"1"``, ``"2,50"`` → ``"2,5"``."""
    match = _DECIMAL.fullmatch(text)
    if match is None:
        return text
    fraction = match["frac"].rstrip("0")
    return match["head"] + (match["sep"] + fraction if fraction else "") + match["tail"]


# --- markup helpers --------------------------------------------------------------------------


def _e(text: object) -> str:
    """XML-escaped text (quotes too, for attributes), without characters XML forbids."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def _n(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _check_id(chart_id: str) -> None:
    if not _ID_PATTERN.match(chart_id):
        raise ValueError(
            f"chart_id must start with a letter and hold only letters, digits, - and _: {chart_id!r}"
        )


def _check_range(minimum: float, maximum: float) -> None:
    if not (math.isfinite(minimum) and math.isfinite(maximum)) or maximum <= minimum:
        raise ValueError(f"the axis needs minimum < maximum, got {minimum!r} and {maximum!r}")


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def _wrap(text: str, max_chars: int, max_lines: int) -> list[str]:
    """Lines of at most ``max_chars`` characters, filled greedily by character count.

    Lines break at spaces, or after a ``/`` or ``-`` inside a long word ("förvaltnings-/" |
    "bolagsledningen"); a word still too long is cut. Beyond ``max_lines`` the last line ends
    with an ellipsis.
    """
    max_chars = max(max_chars, 4)
    lines: list[str] = []
    current = ""
    for word in text.split():
        pieces = [word]
        if len(word) > max_chars:
            pieces = [piece for piece in re.split(r"(?<=[/-])", word) if piece]
        for index, piece in enumerate(pieces):
            joined = current + piece if index else f"{current} {piece}" if current else piece
            if len(joined) <= max_chars:
                current = joined
                continue
            if current:
                lines.append(current)
            while len(piece) > max_chars:
                lines.append(piece[:max_chars])
                piece = piece[max_chars:]
            current = piece
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max_chars - 1].rstrip() + ELLIPSIS
    return lines


def _attrs(**attributes: object) -> str:
    """``name="value"`` pairs, skipping ``None``; ``_`` in a name becomes ``-``."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{_e(value)}"'
        for name, value in attributes.items()
        if value is not None
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str | None = None,
    size: int | None = None,
    weight: str | None = None,
    fill: str | None = None,
    class_: str | None = None,
    transform: str | None = None,
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}"'
        + _attrs(
            text_anchor=anchor,
            font_size=size,
            font_weight=weight,
            fill=fill,
            class_=class_,
            transform=transform,
        )
        + f">{_e(text)}</text>"
    )


def _lines(
    x: float,
    centre_y: float,
    lines: Sequence[str],
    *,
    anchor: str = "start",
    size: int = FONT_SIZE,
    class_: str | None = None,
) -> str:
    """One ``<text>`` whose ``<tspan>`` lines are centred vertically on ``centre_y``."""
    line_height = LINE_HEIGHT if size >= FONT_SIZE else LINE_HEIGHT - 1
    first = centre_y - (len(lines) - 1) * line_height / 2 + BASELINE_SHIFT * size
    tspans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(first + i * line_height)}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{_n(x)}" y="{_n(first)}"'
        + _attrs(text_anchor=None if anchor == "start" else anchor, font_size=size, class_=class_)
        + f">{tspans}</text>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, **attributes: object) -> str:
    return f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"{_attrs(**attributes)}/>'


def _rect(x: float, y: float, width: float, height: float, **attributes: object) -> str:
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}"'
        f"{_attrs(**attributes)}/>"
    )


def _svg(
    chart_id: str, kind: str, width: float, height: float, title: str, description: str
) -> str:
    """The opening ``<svg>`` with its accessible name (title) and description."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_e(chart_id)}" class="chart chart-{kind}"'
        f' role="img" aria-labelledby="{_e(chart_id)}-title {_e(chart_id)}-desc"'
        f' width="{_n(width)}" height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>'
        f'<desc id="{_e(chart_id)}-desc">{_e(description)}</desc>'
    )


def _ticks(minimum: float, maximum: float, max_ticks: int = 6) -> list[float]:
    """Round tick values from ``minimum`` to ``maximum``: 1-4 → 1, 2, 3, 4; 0-1 → steps of 0.2."""
    span = maximum - minimum
    step = span
    found = False
    for exponent in range(-3, 10):
        for mantissa in (1.0, 2.0, 2.5, 5.0):
            step = mantissa * 10.0**exponent
            if math.floor(span / step + 1e-9) + 1 <= max_ticks:
                found = True
                break
        if found:
            break
    first = math.ceil(minimum / step - 1e-9)
    last = math.floor(maximum / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def _scale(minimum: float, maximum: float, start: float, end: float) -> Callable[[float], float]:
    """Maps a value in ``minimum..maximum`` linearly to a coordinate in ``start..end``."""

    def position(value: float) -> float:
        return start + (value - minimum) / (maximum - minimum) * (end - start)

    return position


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


_TOP: Final = 8
_TICK_LABEL_GAP: Final = 16
_ROW_MIN_HEIGHT: Final = 30
_BAR_HEIGHT: Final = 18


def _legend(
    entries: Sequence[tuple[Callable[[float, float], str], float, str]], width: float
) -> tuple[str, float]:
    """A legend flowing left to right in rows, and the y where it ends.

    Each entry is ``(draw swatch at (x, middle y), swatch width, label)``; a label too long for
    the width wraps on two lines (then ends with …), and its row grows to fit.
    """
    parts = []
    x, row_top, row_lines = 0.0, float(_TOP), 1
    for swatch, swatch_width, label in entries:
        chars = int((width - swatch_width - 8) / (FONT_SIZE * CHAR_WIDTH))
        lines = _wrap(label, chars, 2)
        text_width = max(_text_width(line) for line in lines)
        if x > 0 and x + swatch_width + 6 + text_width > width:
            x, row_top, row_lines = 0.0, row_top + row_lines * LINE_HEIGHT + 6, 1
        row_lines = max(row_lines, len(lines))
        middle = row_top + 7
        parts.append(
            '<g class="legend-item">'
            + swatch(x, middle)
            + _lines(x + swatch_width + 6, middle + (len(lines) - 1) * LINE_HEIGHT / 2, lines)
            + "</g>"
        )
        x += swatch_width + 6 + text_width + 18
    return f'<g class="legend">{"".join(parts)}</g>', row_top + row_lines * LINE_HEIGHT


# --- horizontal bars -------------------------------------------------------------------------


def _label_column(width: int) -> tuple[float, int]:
    """The width of the label column and how many characters fit on one of its lines."""
    column = round(width * 0.4)
    return column, int((column - 14) / (FONT_SIZE * CHAR_WIDTH))


def _row_height(line_count: int) -> float:
    return max(_ROW_MIN_HEIGHT, line_count * LINE_HEIGHT + 12)


def _x_axis(
    ticks: Iterable[float],
    position: Callable[[float], float],
    top: float,
    bottom: float,
    tick_label: NumberFormat,
    extent: tuple[float, float],
) -> list[str]:
    """Vertical grid lines at the ticks with their labels below ``bottom``."""
    parts = []
    for tick in ticks:
        x = position(tick)
        parts.append(_line(x, top, x, bottom, stroke=GRID_COLOUR, class_="grid"))
        parts.append(
            _text(
                x,
                bottom + _TICK_LABEL_GAP,
                _trim_zeros(tick_label(tick)),
                anchor="middle",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
    parts.append(_line(extent[0], bottom, extent[1], bottom, stroke=MUTED_COLOUR))
    return parts


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
    number_format: NumberFormat = swedish_number,
    axis_title: str = "",
) -> str:
    """One horizontal bar per ``(label, value)`` row, drawn from ``minimum`` on the axis.

    Labels wrap on up to three lines to the left of the bars; each value is printed at the end
    of its bar with ``value_label`` (e.g. :func:`swedish_percent` for shares with
    ``minimum=0, maximum=1``) or else ``number_format`` (default two decimals with a comma).
    A ``None`` value gets no bar and an en dash. Tick labels use the same format without trailing
    zeros (1, 2, 3, 4 or 0 %, 20 % …). Values outside the axis are printed as they are but their
    bars stop at the axis ends.
    """
    _check_id(chart_id)
    _check_range(minimum, maximum)
    fmt = value_label or number_format
    column, chars = _label_column(width)
    values = [None if value is None or not math.isfinite(value) else value for _, value in rows]
    printed = [NO_VALUE if value is None else fmt(value) for value in values]
    value_room = max([_text_width(text) for text in printed] + [_text_width("100 %")]) + 14
    left, right = column, width - value_room
    position = _scale(minimum, maximum, left, right)
    wrapped = [_wrap(label, chars, 3) for label, _ in rows]
    plot_bottom = _TOP + sum(_row_height(len(lines)) for lines in wrapped)
    height = plot_bottom + _TICK_LABEL_GAP + 10 + (LINE_HEIGHT + 6 if axis_title else 0)

    parts = [_svg(chart_id, "bars", width, height, title, description)]
    ticks = _ticks(minimum, maximum)
    parts += _x_axis(ticks, position, _TOP, plot_bottom, fmt, (left, right))
    parts.append(_line(left, _TOP, left, plot_bottom, stroke=MUTED_COLOUR))
    y = float(_TOP)
    for (label, _), value, lines, text in zip(rows, values, wrapped, printed, strict=True):
        row_height = _row_height(len(lines))
        centre = y + row_height / 2
        parts.append(f'<g class="row"><title>{_e(label)}: {_e(text)}</title>')
        parts.append(_lines(left - 8, centre, lines, anchor="end", class_="label"))
        if value is None:
            parts.append(
                _text(left + 6, centre + BASELINE_SHIFT * FONT_SIZE, NO_VALUE, class_="value")
            )
        else:
            end = position(_clamp(value, minimum, maximum))
            parts.append(
                _rect(
                    left,
                    centre - _BAR_HEIGHT / 2,
                    end - left,
                    _BAR_HEIGHT,
                    fill=BAR_COLOUR,
                    class_="bar",
                )
            )
            parts.append(_text(end + 6, centre + BASELINE_SHIFT * FONT_SIZE, text, class_="value"))
        parts.append("</g>")
        y += row_height
    if axis_title:
        parts.append(
            _text((left + right) / 2, height - 8, axis_title, anchor="middle", class_="axis-title")
        )
    parts.append("</svg>")
    return "".join(parts)


# --- stacked distributions -------------------------------------------------------------------

_SWATCH: Final = 14


def _pattern(pattern_id: str, index: int, colour: str) -> str | None:
    """A fill pattern for category ``index``: the colour plus white hatching, dots or nothing.

    The patterns make the categories distinguishable without colour (WCAG 1.4.1); the fourth
    category is plain and the fifth ("vet ej") horizontally lined.
    """
    kind = index % 5
    if kind == 3:
        return None
    size = {0: 6, 1: 8, 2: 6, 4: 5}[kind]
    if kind == 2:
        mark = f'<circle cx="3" cy="3" r="1.3" fill="{WHITE}"/>'
        transform = None
    else:
        mark = _line(0, 0, 0, size, stroke=WHITE, stroke_width=1.6)
        transform = {0: "rotate(45)", 1: "rotate(-45)", 4: "rotate(90)"}[kind]
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse"'
        f' width="{size}" height="{size}"'
        + (f' patternTransform="{transform}"' if transform else "")
        + f">{_rect(0, 0, size, size, fill=colour)}{mark}</pattern>"
    )


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
    percent_format: NumberFormat = swedish_percent,
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
    _check_id(chart_id)
    if not categories:
        raise ValueError("distribution_chart needs at least one category")
    cats = []
    defs = []
    for index, (key, label) in enumerate(categories):
        colour = DISTRIBUTION_COLOURS[index % len(DISTRIBUTION_COLOURS)]
        pattern_id = f"{chart_id}-pattern-{index}"
        pattern = _pattern(pattern_id, index, colour)
        if pattern is not None:
            defs.append(pattern)
        cats.append(
            _Category(key, label, colour, colour if pattern is None else f"url(#{pattern_id})")
        )

    def swatch(fill: str) -> Callable[[float, float], str]:
        return lambda x, middle: _rect(
            x,
            middle - _SWATCH / 2,
            _SWATCH,
            _SWATCH,
            fill=fill,
            stroke=MUTED_COLOUR,
            stroke_width=0.5,
        )

    legend, legend_bottom = _legend([(swatch(cat.fill), _SWATCH, cat.label) for cat in cats], width)
    plot_top = legend_bottom + 12

    totals = [sum(max(counts.get(cat.key, 0), 0) for cat in cats) for _, counts in rows]
    column, chars = _label_column(width)
    total_texts = [total_label(total) for total in totals]
    total_room = max([_text_width(t) for t in total_texts] + [_text_width("100 %") / 2]) + 14
    left, right = column, width - total_room
    position = _scale(0.0, 1.0, left, right)
    wrapped = [_wrap(label, chars, 3) for label, _ in rows]
    plot_bottom = plot_top + sum(_row_height(len(lines)) for lines in wrapped)
    height = plot_bottom + _TICK_LABEL_GAP + 10

    parts = [_svg(chart_id, "distribution", width, height, title, description)]
    if defs:
        parts.append(f"<defs>{''.join(defs)}</defs>")
    parts.append(legend)
    parts += _x_axis(
        _ticks(0.0, 1.0), position, plot_top, plot_bottom, percent_format, (left, right)
    )
    y = plot_top
    for (label, counts), lines, total, total_text in zip(
        rows, wrapped, totals, total_texts, strict=True
    ):
        row_height = _row_height(len(lines))
        centre = y + row_height / 2
        baseline = centre + BASELINE_SHIFT * FONT_SIZE
        parts.append(f'<g class="row"><title>{_e(label)}</title>')
        parts.append(_lines(left - 8, centre, lines, anchor="end", class_="label"))
        if total == 0:
            parts.append(_text(left + 6, baseline, NO_VALUE, class_="value"))
        start = 0
        for cat in cats:
            count = max(counts.get(cat.key, 0), 0)
            if total == 0 or count == 0:
                continue
            x0, x1 = position(start / total), position((start + count) / total)
            share = percent_format(count / total)
            parts.append(
                f'<g class="segment"><title>{_e(cat.label)}: {count} ({_e(share)})</title>'
                + _rect(
                    x0,
                    centre - _BAR_HEIGHT / 2 - 2,
                    x1 - x0,
                    _BAR_HEIGHT + 4,
                    fill=cat.fill,
                    stroke=WHITE,
                    stroke_width=1,
                    class_="segment-bar",
                )
            )
            text = str(count)
            text_width = _text_width(text, SMALL_FONT_SIZE)
            if x1 - x0 >= text_width + 10:
                middle = (x0 + x1) / 2
                parts.append(
                    _rect(
                        middle - text_width / 2 - 3, centre - 8, text_width + 6, 16, fill=cat.colour
                    )
                    + _text(
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
        parts.append(_text(right + 8, baseline, total_text, class_="total"))
        parts.append("</g>")
        y += row_height
    parts.append("</svg>")
    return "".join(parts)


# --- the cross diagram (importance-performance analysis) -------------------------------------


@dataclass(frozen=True)
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: _Box, gap: float = 1.0) -> bool:
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.top < other.bottom + gap
            and other.top < self.bottom + gap
        )


def _zoom(axis_min: float, axis_max: float, values: Iterable[float]) -> tuple[float, float]:
    """The axis range widened, in steps of 0.5, to hold every value (no point is ever cut)."""
    low, high = axis_min, axis_max
    for value in values:
        if value < low:
            low = math.floor(value * 2) / 2
        if value > high:
            high = math.ceil(value * 2) / 2
    return low, high


Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class _Placement:
    anchor: str
    text_x: float
    centre: float
    box: _Box
    leader: Segment | None
    tier: int
    """0: clear of everything; 1: close to another marker; 2: crossing leaders; 3: overlapping."""


def _segment_hits_box(segment: Segment, box: _Box) -> bool:
    """Whether a line segment passes through a box (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x1 - box.left),
        (dx, box.right - x1),
        (-dy, y1 - box.top),
        (dy, box.bottom - y1),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _label_candidates(
    x: float,
    y: float,
    size: tuple[float, float],
    bounds: _Box,
    dividers: tuple[float, float] | None = None,
) -> list[tuple[float, str, _Box]]:
    """Label boxes around a marker with their cost (how far they moved), cheapest first.

    Right of the marker, left of it (both nudged up or down in 2 px steps), above and below it
    (moving away from it); on equal cost right comes before left before above and below. With
    ``dividers`` (the quadrant lines' x and y), a label whose centre lies on the other side of
    a line than its marker costs 30 more, so labels stay in their point's quadrant if they can.
    """
    width, height = size
    candidates: list[tuple[float, int, str, _Box]] = []
    for order, (side, penalty) in enumerate(
        (("start", 0.0), ("end", 2.0), ("above", 4.0), ("below", 4.0))
    ):
        if side == "start":
            left = x + 9
        elif side == "end":
            left = x - 9 - width
        else:
            left = _clamp(x - width / 2, bounds.left, bounds.right - width)
        if left < bounds.left or left + width > bounds.right:
            continue
        for step in range(0, int(bounds.bottom - bounds.top), 2):
            if side == "above":
                centres: tuple[float, ...] = (y - 8 - height / 2 - step,)
            elif side == "below":
                centres = (y + 8 + height / 2 + step,)
            else:
                centres = (y + step, y - step) if step else (y,)
            for centre in centres:
                box = _Box(left, centre - height / 2, left + width, centre + height / 2)
                if bounds.top <= box.top and box.bottom <= bounds.bottom:
                    cost = step + penalty
                    if dividers is not None:
                        mid_x, mid_y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
                        line_x, line_y = dividers
                        if (mid_x < line_x) != (x < line_x) or (mid_y < line_y) != (y < line_y):
                            cost += 30
                    candidates.append((cost, order, side, box))
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
    return [(cost, side, box) for cost, _, side, box in candidates]


def _leader(x: float, y: float, side: str, box: _Box) -> Segment | None:
    """The line from a marker to its label, or ``None`` when the label sits right beside it."""
    centre = (box.top + box.bottom) / 2
    if side in {"start", "end"}:
        if abs(centre - y) <= 5:
            return None
        return (
            x,
            y,
            box.left if side == "start" else box.right,
            _clamp(y, box.top + 3, box.bottom - 3),
        )
    gap = box.top - y if side == "below" else y - box.bottom
    if gap <= 9:
        return None
    return (
        x,
        y,
        _clamp(x, box.left + 3, box.right - 3),
        box.top if side == "below" else box.bottom,
    )


def _greedy_layout(
    order: Sequence[int],
    markers: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    candidates: Sequence[Sequence[tuple[float, str, _Box]]],
    fixed: Sequence[_Box],
) -> tuple[float, list[_Placement]]:
    """Labels placed one by one in ``order``; returns the total cost and the placements.

    Each label takes its cheapest candidate that overlaps no ``fixed`` box, no label placed
    before it, no leader line, and keeps 9 px from other markers (so it is not read as theirs);
    its own leader line, if any, may not cross another label or marker. Where nothing meets all
    that (a dense cluster), first the 9 px rule is dropped (cost +200), then the leader-line
    rules (+400); where even that fails, the label goes right of its marker, overlapping
    (cost +1000).
    """
    placements: dict[int, _Placement] = {}
    boxes: list[_Box] = []
    leaders: list[Segment] = []
    total = 0.0
    for index in order:
        x, y = markers[index]
        near = [
            _Box(mx - 9, my - 9, mx + 9, my + 9) for j, (mx, my) in enumerate(markers) if j != index
        ]
        others = [
            _Box(mx - 5, my - 5, mx + 5, my + 5) for j, (mx, my) in enumerate(markers) if j != index
        ]
        # A leader starts on its marker: markers touching that one cannot be avoided by it.
        apart = [box for box in others if not box.overlaps(_Box(x - 5, y - 5, x + 5, y + 5), 0)]
        chosen: tuple[float, str, _Box, Segment | None] | None = None
        chosen_tier = 3
        for tier, markers_kept_clear, leaders_clear in (
            (0, True, True),
            (1, False, True),
            (2, False, False),
        ):
            for cost, side, box in candidates[index]:
                if any(
                    box.overlaps(other)
                    for other in (*fixed, *boxes, *(near if markers_kept_clear else others))
                ):
                    continue
                leader = _leader(x, y, side, box)
                if leaders_clear and (
                    any(_segment_hits_box(segment, box) for segment in leaders)
                    or (
                        leader is not None
                        and any(
                            _segment_hits_box(leader, other) for other in (*fixed, *boxes, *apart)
                        )
                    )
                ):
                    continue
                chosen = (cost + 200 * tier, side, box, leader)
                chosen_tier = tier
                break
            if chosen is not None:
                break
        if chosen is None:
            width, height = sizes[index]
            chosen = (
                1000.0,
                "start",
                _Box(x + 9, y - height / 2, x + 9 + width, y + height / 2),
                None,
            )
        cost, side, box, leader = chosen
        total += cost
        boxes.append(box)
        if leader is not None:
            leaders.append(leader)
        anchor, text_x = {
            "start": ("start", box.left + 2),
            "end": ("end", box.right - 2),
        }.get(side, ("middle", (box.left + box.right) / 2))
        placements[index] = _Placement(
            anchor, text_x, (box.top + box.bottom) / 2, box, leader, chosen_tier
        )
    return total, [placements[index] for index in range(len(markers))]


def _layout_labels(
    markers: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    fixed: Sequence[_Box],
    bounds: _Box,
    dividers: tuple[float, float] | None = None,
) -> list[_Placement]:
    """One label per marker, greedily (see :func:`_greedy_layout`), deterministic.

    The greedy result depends on which label chooses first, so a few orders are tried (top
    first, bottom first, left first, right first, most crowded first), each repaired up to
    twice by moving the labels that ended up crossing or overlapping to the front, and the
    cheapest layout wins; the first tried wins ties.
    """
    indices = range(len(markers))
    candidates = [
        _label_candidates(x, y, sizes[i], bounds, dividers) for i, (x, y) in enumerate(markers)
    ]

    def crowding(i: int) -> int:
        x, y = markers[i]
        return sum(1 for mx, my in markers if abs(mx - x) < 80 and abs(my - y) < 40)

    orders = [
        sorted(indices, key=lambda i: (markers[i][1], markers[i][0])),
        sorted(indices, key=lambda i: (-markers[i][1], markers[i][0])),
        sorted(indices, key=lambda i: (markers[i][0], markers[i][1])),
        sorted(indices, key=lambda i: (-markers[i][0], markers[i][1])),
        sorted(indices, key=lambda i: (-crowding(i), markers[i][1], markers[i][0])),
    ]
    layouts = []
    for order in orders:
        for _ in range(3):
            cost, placements = _greedy_layout(order, markers, sizes, candidates, fixed)
            layouts.append((cost, placements))
            troubled = [i for i in order if placements[i].tier >= 2]
            if not troubled:
                break
            order = troubled + [i for i in order if i not in troubled]
    return min(layouts, key=lambda layout: layout[0])[1]


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
    number_format: NumberFormat = swedish_number,
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
    _check_id(chart_id)
    quadrants = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")
    if shaded and shaded not in quadrants:
        raise ValueError(f"shaded must be one of {quadrants} or empty, got {shaded!r}")
    finite = [(label, x, y) for label, x, y in points if math.isfinite(x) and math.isfinite(y)]
    low, high = _zoom(
        axis_min,
        axis_max,
        [importance_threshold, current_threshold] + [v for _, x, y in finite for v in (x, y)],
    )
    _check_range(low, high)
    plot_height = height or round(width * 0.8)
    left, right = 62.0, width - 12.0
    top, bottom = 10.0, plot_height - 52.0
    sx = _scale(low, high, left, right)
    sy = _scale(low, high, bottom, top)
    tx, ty = sx(importance_threshold), sy(current_threshold)

    # Quadrant names in the plot's outer corners; they are obstacles for the point labels.
    fixed: list[_Box] = []
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
            name_left = x - _text_width(name) if anchor == "end" else x
            fixed.append(
                _Box(name_left, baseline - FONT_SIZE, name_left + _text_width(name), baseline + 4)
            )
            names.append(
                _text(
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
    bounds = _Box(left + 2, top + 2, width - 2.0, bottom - 2)

    def label_sizes(texts: Sequence[Sequence[str]]) -> list[tuple[float, float]]:
        return [
            (
                max(_text_width(line, SMALL_FONT_SIZE) for line in lines) + 4,
                len(lines) * (LINE_HEIGHT - 1) + 2,
            )
            for lines in texts
        ]

    texts = [_wrap(label, 24, 3) for label, _, _ in finite]
    layout = (
        [] if numbered else _layout_labels(markers, label_sizes(texts), fixed, bounds, (tx, ty))
    )
    if numbered or (numbered is None and any(spot.tier >= 2 for spot in layout)):
        numbered = True
        texts = [[str(number)] for number in range(1, len(finite) + 1)]
        layout = _layout_labels(markers, label_sizes(texts), fixed, bounds, (tx, ty))

    key_parts: list[str] = []
    total_height = float(plot_height)
    if numbered:
        columns = 2 if width >= 480 else 1
        column_width = (width - 20) / columns
        chars = int((column_width - 30) / (SMALL_FONT_SIZE * CHAR_WIDTH))
        entries = [_wrap(label, chars, 2) for label, _, _ in finite]
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
                    + _text(
                        x + 22,
                        y + 11,
                        str(number + 1),
                        anchor="end",
                        size=SMALL_FONT_SIZE,
                        weight="600",
                    )
                    + _lines(x + 30, y + block / 2, lines, size=SMALL_FONT_SIZE)
                    + "</g>"
                )
                y += block + 4
            column_heights.append(y)
        total_height = max(column_heights, default=key_top) + 8

    parts = [_svg(chart_id, "cross", width, total_height, title, description)]
    parts.append(
        _rect(
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
        parts.append(_rect(x0, y0, x1 - x0, y1 - y0, fill=SHADE_COLOUR, class_="shaded"))
    for tick in _ticks(low, high):
        x, y = sx(tick), sy(tick)
        label = _trim_zeros(number_format(tick))
        parts.append(_line(x, top, x, bottom, stroke=GRID_COLOUR, class_="grid"))
        parts.append(_line(left, y, right, y, stroke=GRID_COLOUR, class_="grid"))
        parts.append(
            _text(
                x,
                bottom + _TICK_LABEL_GAP,
                label,
                anchor="middle",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
        parts.append(
            _text(
                left - 6,
                y + BASELINE_SHIFT * SMALL_FONT_SIZE,
                label,
                anchor="end",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
    parts.append(
        _line(
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
        _line(
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
        _text(
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
        _text(
            18,
            y_centre,
            y_title,
            anchor="middle",
            weight="600",
            class_="axis-title",
            transform=f"rotate(-90 18 {_n(y_centre)})",
        )
    )
    parts += names
    parts += [
        _line(*spot.leader, stroke=MUTED_COLOUR, stroke_width=0.75, class_="leader")
        for spot in layout
        if spot.leader is not None
    ]
    parts += [
        f'<g class="point-group"><title>{_e(label)} ({_e(x_title)} {_e(number_format(imp))},'
        f" {_e(y_title)} {_e(number_format(cur))})</title>"
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5" fill="{BAR_COLOUR}" stroke="{WHITE}"'
        ' stroke-width="1.5" class="point"/></g>'
        for (label, imp, cur), (x, y) in zip(finite, markers, strict=True)
    ]
    parts += [
        _lines(
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


# --- trends over rounds ----------------------------------------------------------------------


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """A 10-11 px marker; the shapes tell series apart without colour."""
    common = f' fill="{colour}" stroke="{WHITE}" stroke-width="1" class="marker marker-{shape}"'
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5"{common}/>'
    if shape == "square":
        return f'<rect x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9"{common}/>'
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
    points = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in offsets)
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
    number_format: NumberFormat = swedish_number,
    y_title: str = "",
) -> str:
    """Lines over survey rounds: one ``<path>`` per series, markers of a different shape (and
    colour and dash) per series, and a legend above.

    ``series`` maps a name to ``(round name, value)`` pairs in round order; the x axis holds the
    rounds in order of first appearance. A ``None`` value (item not asked, no answers) leaves a
    gap in the line. Values outside ``minimum..maximum`` are drawn at the axis end. ``height``
    holds one legend row; further rows (many or long series names) add to it.
    """
    _check_id(chart_id)
    _check_range(minimum, maximum)
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
            _line(x, middle, x + 26, middle, stroke=colour, stroke_width=2, stroke_dasharray=dash)
            + _marker(shape, x + 13, middle, colour)
        )

    legend, legend_bottom = _legend(
        [(sample(index), 28, name) for index, name in enumerate(series)], width
    )
    top = legend_bottom + 12
    total_height = height + (legend_bottom - _TOP - LINE_HEIGHT)  # more legend rows, more height
    left = 52.0 if not y_title else 74.0
    right = width - 16.0
    slot = (right - left) / max(len(rounds), 1)
    round_lines = [
        _wrap(name, int((slot - 6) / (SMALL_FONT_SIZE * CHAR_WIDTH)), 2) for name in rounds
    ]
    label_height = max((len(lines) for lines in round_lines), default=1) * (LINE_HEIGHT - 1)
    bottom = total_height - 14 - label_height
    sy = _scale(minimum, maximum, bottom, top)

    def sx(index: int) -> float:
        return left + (index + 0.5) * slot

    parts = [_svg(chart_id, "trend", width, total_height, title, description)]
    parts.append(legend)
    for tick in _ticks(minimum, maximum):
        ty = sy(tick)
        parts.append(_line(left, ty, right, ty, stroke=GRID_COLOUR, class_="grid"))
        parts.append(
            _text(
                left - 6,
                ty + BASELINE_SHIFT * SMALL_FONT_SIZE,
                _trim_zeros(number_format(tick)),
                anchor="end",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
    parts.append(_line(left, bottom, right, bottom, stroke=MUTED_COLOUR))
    for index, lines in enumerate(round_lines):
        parts.append(
            _lines(
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
            _text(
                16,
                centre,
                y_title,
                anchor="middle",
                class_="axis-title",
                transform=f"rotate(-90 16 {_n(centre)})",
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
            px, py = sx(rounds.index(round_name)), sy(_clamp(value, minimum, maximum))
            commands.append(f"{'M' if previous_missing else 'L'}{_n(px)} {_n(py)}")
            previous_missing = False
            markers.append(
                f"<g><title>{_e(name)}, {_e(round_name)}: {_e(number_format(value))}</title>"
                + _marker(shape, px, py, colour)
                + "</g>"
            )
        parts.append(f'<g class="series-group"><title>{_e(name)}</title>')
        parts.append(
            f'<path d="{" ".join(commands)}" fill="none" stroke="{colour}" stroke-width="2"'
            + _attrs(stroke_dasharray=dash, stroke_linejoin="round")
            + ' class="series"/>'
        )
        parts += markers
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
