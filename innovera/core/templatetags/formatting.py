"""Template filters over :mod:`innovera.core.formatting`, in the page's language.

``{% load formatting %}`` then ``{{ mean|decimal }}``, ``{{ share|percent }}``,
``{{ diff|signed }}``, ``{{ count|integer }}``, ``{{ day|date_long }}``, ``{{ start|date_range:end }}``, ``{{ moment|datetime_long }}``.
A ``datetime`` is shown in local time.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import template
from django.utils import timezone

from innovera.core import formatting

register = template.Library()


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, datetime.date) else None


def _number_filter(function: Callable[..., str]) -> Callable[[Any], str]:
    def apply(value: Any) -> str:
        if value is None or value == "":
            return formatting.NO_VALUE
        return function(value, lang=formatting.page_language())

    apply.__name__ = function.__name__
    return apply


for _function in (
    formatting.decimal,
    formatting.signed,
    formatting.percent,
    formatting.integer,
    formatting.number,
):
    register.filter(_function.__name__, _number_filter(_function))


@register.filter
def date_long(value: Any) -> str:
    return formatting.date_long(_day(value), lang=formatting.page_language())


@register.filter
def date_short(value: Any) -> str:
    return formatting.date_short(_day(value), lang=formatting.page_language())


@register.filter
def date_range(start: Any, end: Any) -> str:
    """``{{ campaign.starts_on|date_range:campaign.ends_on }}`` → "1–7 december 2026"."""
    return formatting.date_range(_day(start), _day(end), lang=formatting.page_language())


@register.filter
def datetime_long(value: Any) -> str:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not isinstance(value, datetime.datetime):
        return formatting.NO_VALUE
    return formatting.datetime_long(value, lang=formatting.page_language())
