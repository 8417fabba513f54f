"""Template helpers for the documents pages: sort links, and rates in core's one formatter."""

from __future__ import annotations

from django import template
from django.http import QueryDict

from innovera.core import formatting

register = template.Library()

DESCENDING = "fallande"


@register.simple_tag
def sort_query(query: QueryDict, key: str) -> str:
    """The query string that sorts the table by `key`, flipping the order on a second click."""
    params = query.copy()
    same = params.get("sortera") == key
    params["sortera"] = key
    if same and params.get("ordning") != DESCENDING:
        params["ordning"] = DESCENDING
    else:
        params.pop("ordning", None)
    return "?" + params.urlencode()


@register.simple_tag
def sort_state(query: QueryDict, key: str) -> str:
    """The aria-sort value of a column header."""
    if query.get("sortera") != key:
        return "none"
    return "descending" if query.get("ordning") == DESCENDING else "ascending"


@register.filter
def rate(value: float | None) -> str:
    """Per 10,000 words with one decimal: "63,4" in Swedish."""
    return formatting.decimal(value, decimals=1, lang=formatting.page_language())


@register.filter
def signed_rate(value: float | None) -> str:
    """A change per 10,000 words with its sign: "+3,2", "-1,0"."""
    return formatting.signed(value, decimals=1, lang=formatting.page_language())


@register.filter
def whole(value: int | None) -> str:
    """A count with thousands grouped: "12 345" in Swedish."""
    return formatting.integer(value, lang=formatting.page_language())


@register.filter
def year(value: int | None) -> str:
    """A year never gets a thousands separator ("2014", not "2 014")."""
    return formatting.NO_VALUE if value is None else str(value)
