"""Filters for the idea list's rows, which a page writes twenty times.

``{% blocktranslate count %}`` costs a parse of its own plural each time it renders; the same
translation (the same message ids, so the catalogue is unchanged) through `ngettext` costs a
fraction of it.
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def supports(count: int) -> str:
    """``3`` → ``"3 stöd"``: the support count as the rows say it, in the page's language."""
    return ngettext("%(counter)s support", "%(counter)s supports", count) % {
        "counter": localize(count)
    }
