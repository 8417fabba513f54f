"""Fill patterns for colour-blind readers: categories told apart by colour *and* texture.

WCAG 1.4.1 (use of colour): a stacked bar's segments, a legend's swatches and any other
categorical fill differ by a pattern too. :func:`pattern` gives the ``<pattern>`` element for
category ``index`` (to put in ``<defs>``), and :func:`fills` a whole set at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from innovera.core.charts.svg import MUTED_COLOUR, WHITE, line, rect

CATEGORY_COLOURS: Final = ("#a4262c", "#b34700", "#3a76c2", "#0b3d73", "#5c6670")
"""Five categories (e.g. answer 1 … 4 and "vet ej"): 7.3, 5.5, 4.6, 10.9 and 5.9:1 against
white, so white text inside them reads too."""

SWATCH: Final = 14


def pattern(pattern_id: str, index: int, colour: str) -> str | None:
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
        mark = line(0, 0, 0, size, stroke=WHITE, stroke_width=1.6)
        transform = {0: "rotate(45)", 1: "rotate(-45)", 4: "rotate(90)"}[kind]
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse"'
        f' width="{size}" height="{size}"'
        + (f' patternTransform="{transform}"' if transform else "")
        + f">{rect(0, 0, size, size, fill=colour)}{mark}</pattern>"
    )


def fills(chart_id: str, count: int) -> tuple[list[str], list[tuple[str, str]]]:
    """``<pattern>`` definitions and ``(colour, fill)`` for ``count`` categories of a chart.

    The fill is ``url(#…)`` of the category's pattern, or its plain colour for the fourth; ids
    are ``<chart_id>-pattern-<index>``, unique on the page when the chart's id is.
    """
    defs: list[str] = []
    result: list[tuple[str, str]] = []
    for index in range(count):
        colour = CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]
        pattern_id = f"{chart_id}-pattern-{index}"
        definition = pattern(pattern_id, index, colour)
        if definition is not None:
            defs.append(definition)
        result.append((colour, colour if definition is None else f"url(#{pattern_id})"))
    return defs, result


def swatch(fill: str) -> Callable[[float, float], str]:
    """A legend swatch (for :func:`innovera.core.charts.svg.legend`) in ``fill``."""
    return lambda x, middle: rect(
        x, middle - SWATCH / 2, SWATCH, SWATCH, fill=fill, stroke=MUTED_COLOUR, stroke_width=0.5
    )
