"""Axes and bars: the value axis with its grid and tick labels, and rows of horizontal bars.

A chart of rows (one bar, or one stacked bar, per labelled row) puts its labels in a column of
:func:`label_column` width on the left, gives each row :func:`row_height` for its wrapped label
and draws each value with :func:`bar`; :func:`x_axis` draws the grid behind them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from innovera.core.charts.svg import (
    BAR_COLOUR,
    CHAR_WIDTH,
    FONT_SIZE,
    GRID_COLOUR,
    LINE_HEIGHT,
    MUTED_COLOUR,
    SMALL_FONT_SIZE,
    TICK_LABEL_GAP,
    NumberFormat,
    line,
    rect,
    text,
    trim_zeros,
)

ROW_MIN_HEIGHT: Final = 30
BAR_HEIGHT: Final = 18


def label_column(width: int) -> tuple[float, int]:
    """The width of the label column and how many characters fit on one of its lines."""
    column = round(width * 0.4)
    return column, int((column - 14) / (FONT_SIZE * CHAR_WIDTH))


def row_height(line_count: int) -> float:
    return max(ROW_MIN_HEIGHT, line_count * LINE_HEIGHT + 12)


def x_axis(
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
        parts.append(line(x, top, x, bottom, stroke=GRID_COLOUR, class_="grid"))
        parts.append(
            text(
                x,
                bottom + TICK_LABEL_GAP,
                trim_zeros(tick_label(tick)),
                anchor="middle",
                size=SMALL_FONT_SIZE,
                class_="tick",
            )
        )
    parts.append(line(extent[0], bottom, extent[1], bottom, stroke=MUTED_COLOUR))
    return parts


def bar(start: float, end: float, centre: float, *, fill: str = BAR_COLOUR) -> str:
    """One horizontal bar from x ``start`` to x ``end``, ``BAR_HEIGHT`` tall, centred on ``centre``."""
    return rect(start, centre - BAR_HEIGHT / 2, end - start, BAR_HEIGHT, fill=fill, class_="bar")
