"""The survey charts of the results page and the reports, as server-rendered SVG.

Pure functions: plain data in, a safe SVG string out (every caller text is escaped), no Django
and no JavaScript. Built on the generic primitives of :mod:`innovera.core.charts`; each chart
needs a ``chart_id`` unique on the page, and its data table beside it.

* :func:`horizontal_bar_chart` (``bars.py``) — self-assessment means, yes shares, multi shares;
* :func:`distribution_chart` (``distribution.py``) — stacked 100 % bars of a scale's answers;
* :func:`cross_diagram` (``cross.py``, label layout in ``labels.py``) — the report's
  importance-performance "korsdiagram";
* :func:`trend_chart` (``trend.py``) — means over rounds.

Swedish default labels are in ``labels_sv.py``; an English report passes its own.
"""

from __future__ import annotations

from innovera.core.charts.svg import CHAR_WIDTH, SMALL_FONT_SIZE, NumberFormat, wrap
from innovera.surveys.charts.bars import horizontal_bar_chart
from innovera.surveys.charts.cross import cross_diagram
from innovera.surveys.charts.distribution import distribution_chart
from innovera.surveys.charts.labels_sv import QUADRANT_LABELS_SV, SCALE_CATEGORIES_SV
from innovera.surveys.charts.trend import trend_chart

__all__ = [
    "CHAR_WIDTH",
    "QUADRANT_LABELS_SV",
    "SCALE_CATEGORIES_SV",
    "SMALL_FONT_SIZE",
    "NumberFormat",
    "cross_diagram",
    "distribution_chart",
    "horizontal_bar_chart",
    "trend_chart",
    "wrap",
]
