"""SVG primitives for server-rendered charts: markup, text, scales, ticks and the legend.

Pure functions, plain data in and strings out, no Django and no JavaScript. What every chart of
the project shares (the survey charts in :mod:`innovera.surveys.charts`, the followup
dashboards to come):

* one ``<svg role="img">`` whose ``aria-labelledby`` names its ``<title>`` and ``<desc>``
  (:func:`open_svg`), so a screen reader announces the chart; its figures belong in the data
  table printed beside it (see :mod:`innovera.core.charts.figure`);
* no ``style=""`` and no ``<style>``/``<script>`` (the pages' Content-Security-Policy), only
  presentation attributes and classes; colours are hex values chosen for contrast on white
  (graphics at least 3:1, text 4.5:1, WCAG 1.4.11 and 1.4.3), so the same markup works in the
  self-contained HTML report and the PDF;
* every text passed in is XML-escaped here (:func:`escape`), so the result is safe markup.

Text widths are estimated from character counts (there is no font metrics library on the
server), with a generous average character width, so wrapped labels stay clear of the plot.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from typing import Final

NumberFormat = Callable[[float], str]
"""How a chart prints a number, e.g. :func:`innovera.core.formatting.decimal`."""

# --- colours (contrast against white in comments) -------------------------------------------

TEXT_COLOUR: Final = "#1e2b3c"  # 14.3:1
MUTED_COLOUR: Final = "#5b6675"  # 5.8:1, axis lines, leader lines, secondary text
BAR_COLOUR: Final = "#0062ba"  # 6.1:1
GRID_COLOUR: Final = "#d5dae0"  # decoration only: the tick labels carry the values
SHADE_COLOUR: Final = "#dbe9f6"  # the shaded quadrant; markers on it keep 4.9:1
WHITE: Final = "#ffffff"

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
_ID_PATTERN: Final = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_XML_INVALID: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DECIMAL: Final = re.compile(r"(?P<head>.*\d)(?P<sep>[.,])(?P<frac>\d+)(?P<tail>\D*)")


def trim_zeros(text: str) -> str:
    """A tick label without trailing decimal zeros: ``"1,00"`` → ``"1"``, ``"2,50"`` → ``"2,5"``."""
    match = _DECIMAL.fullmatch(text)
    if match is None:
        return text
    fraction = match["frac"].rstrip("0")
    return match["head"] + (match["sep"] + fraction if fraction else "") + match["tail"]


# --- markup helpers --------------------------------------------------------------------------


def escape(text: object) -> str:
    """XML-escaped text (quotes too, for attributes), without characters XML forbids."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def coord(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def check_id(chart_id: str) -> None:
    if not _ID_PATTERN.match(chart_id):
        raise ValueError(
            f"chart_id must start with a letter and hold only letters, digits, - and _: {chart_id!r}"
        )


def check_range(minimum: float, maximum: float) -> None:
    if not (math.isfinite(minimum) and math.isfinite(maximum)) or maximum <= minimum:
        raise ValueError(f"the axis needs minimum < maximum, got {minimum!r} and {maximum!r}")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def wrap(text: str, max_chars: int, max_lines: int) -> list[str]:
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


def attrs(**attributes: object) -> str:
    """``name="value"`` pairs, skipping ``None``; ``_`` in a name becomes ``-``."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attributes.items()
        if value is not None
    )


def text(
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
        f'<text x="{coord(x)}" y="{coord(y)}"'
        + attrs(
            text_anchor=anchor,
            font_size=size,
            font_weight=weight,
            fill=fill,
            class_=class_,
            transform=transform,
        )
        + f">{escape(text)}</text>"
    )


def lines(
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
        f'<tspan x="{coord(x)}" y="{coord(first + i * line_height)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{coord(x)}" y="{coord(first)}"'
        + attrs(text_anchor=None if anchor == "start" else anchor, font_size=size, class_=class_)
        + f">{tspans}</text>"
    )


def line(x1: float, y1: float, x2: float, y2: float, **attributes: object) -> str:
    return f'<line x1="{coord(x1)}" y1="{coord(y1)}" x2="{coord(x2)}" y2="{coord(y2)}"{attrs(**attributes)}/>'


def rect(x: float, y: float, width: float, height: float, **attributes: object) -> str:
    return (
        f'<rect x="{coord(x)}" y="{coord(y)}" width="{coord(width)}" height="{coord(height)}"'
        f"{attrs(**attributes)}/>"
    )


def open_svg(
    chart_id: str, kind: str, width: float, height: float, title: str, description: str
) -> str:
    """The opening ``<svg>`` with its accessible name (title) and description."""
    check_id(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart chart-{kind}"'
        f' role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc"'
        f' width="{coord(width)}" height="{coord(height)}" viewBox="0 0 {coord(width)} {coord(height)}"'
        f' font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
    )


def ticks(minimum: float, maximum: float, max_ticks: int = 6) -> list[float]:
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


def scale(minimum: float, maximum: float, start: float, end: float) -> Callable[[float], float]:
    """Maps a value in ``minimum..maximum`` linearly to a coordinate in ``start..end``."""

    def position(value: float) -> float:
        return start + (value - minimum) / (maximum - minimum) * (end - start)

    return position


def clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


TOP: Final = 8
TICK_LABEL_GAP: Final = 16


def legend(
    entries: Sequence[tuple[Callable[[float, float], str], float, str]], width: float
) -> tuple[str, float]:
    """A legend flowing left to right in rows, and the y where it ends.

    Each entry is ``(draw swatch at (x, middle y), swatch width, label)``; a label too long for
    the width wraps on two lines (then ends with …), and its row grows to fit.
    """
    parts = []
    x, row_top, row_lines = 0.0, float(TOP), 1
    for swatch, swatch_width, label in entries:
        chars = int((width - swatch_width - 8) / (FONT_SIZE * CHAR_WIDTH))
        label_lines = wrap(label, chars, 2)
        label_width = max(text_width(one) for one in label_lines)
        if x > 0 and x + swatch_width + 6 + label_width > width:
            x, row_top, row_lines = 0.0, row_top + row_lines * LINE_HEIGHT + 6, 1
        row_lines = max(row_lines, len(label_lines))
        middle = row_top + 7
        parts.append(
            '<g class="legend-item">'
            + swatch(x, middle)
            + lines(
                x + swatch_width + 6, middle + (len(label_lines) - 1) * LINE_HEIGHT / 2, label_lines
            )
            + "</g>"
        )
        x += swatch_width + 6 + label_width + 18
    return f'<g class="legend">{"".join(parts)}</g>', row_top + row_lines * LINE_HEIGHT
