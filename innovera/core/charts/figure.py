"""The chart-with-data-table pattern: every chart is printed with the table of its numbers.

A chart alone fails readers who cannot see it and anyone who wants the exact figure (WCAG
1.1.1), so a page never shows a chart without its table. A :class:`Figure` holds both; the
template ``core/charts/_figure.html`` renders it as a ``<figure>`` with the SVG followed by a
``<table>`` whose caption names the chart, the first cell of each row a row header::

    {% include "core/charts/_figure.html" with figure=section.figure %}

Cells may be anything with a ``format(lang)`` method (e.g. a number kept as a number for a
workbook and formatted for the page) or plain values, shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["DataTable", "Figure", "Formattable", "cell_text"]


@runtime_checkable
class Formattable(Protocol):
    def format(self, lang: str) -> str: ...


@dataclass
class DataTable:
    """A table of numbers: a ``<table>`` on the page, a sheet in a workbook."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Figure:
    """A chart (safe SVG markup, may be empty) and the table that carries its numbers."""

    table: DataTable
    chart: str = ""


def cell_text(value: Any, lang: str) -> Any:
    """A table cell as the reader sees it: formattable values in the page's language."""
    return value.format(lang) if isinstance(value, Formattable) else value
