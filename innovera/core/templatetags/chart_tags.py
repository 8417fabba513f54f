"""Filters of the chart-with-data-table pattern (``core/charts/_figure.html``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from innovera.core.charts.figure import cell_text

register = template.Library()


@register.filter
def cell(value: Any, lang: str) -> Any:
    """A table cell as the reader sees it: numbers in the page's language (3,75 or 3.75)."""
    return cell_text(value, lang)


@register.filter
def svg(markup: str) -> SafeString:
    """Charts built on innovera.core.charts escape every text they draw."""
    return mark_safe(markup)  # noqa: S308
