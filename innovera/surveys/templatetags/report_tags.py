from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from innovera.surveys.reports import Num

register = template.Library()


@register.filter
def cell(value: Any, lang: str) -> Any:
    """A table cell as the reader sees it: numbers in the report's language (3,75 or 3.75)."""
    return value.format(lang) if isinstance(value, Num) else value


@register.filter
def svg(markup: str) -> SafeString:
    """Charts are built by innovera.core.charts, which escapes every text it draws."""
    return mark_safe(markup)  # noqa: S308
