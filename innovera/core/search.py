"""The cross-app search (/sok/ and /api/v1/search/): core asks every installed app's search
provider (`InnoveraAppConfig.search`) and puts the answers together. Core imports no app: each
provider applies its own app's visibility rules and answers in a fixed number of queries, so the
whole search costs the same number of queries whatever it finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innovera.core.forms import FilterFormMixin
from innovera.core.registry import SearchHit, innovera_apps
from innovera.core.search_index import MAX_QUERY
from innovera.core.validators import CleanTextMixin

# Hits asked of each provider: one page of the search shows them all, grouped.
PER_PROVIDER = 20


class SearchForm(FilterFormMixin, CleanTextMixin, forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        max_length=MAX_QUERY,
        error_messages={
            "required": _("Write what you are looking for."),
            "max_length": _(
                "The search words may be at most %(limit_value)d characters long "
                "(you wrote %(show_value)d)."
            ),
        },
        help_text=_(
            'Several words find what has all of them. "Quotes" find a phrase, '
            "or finds either word, and -word leaves out what has the word."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())


@dataclass(frozen=True)
class SearchGroup:
    """The hits of one kind ("Idé", "Utmaning") from one app, best first."""

    app: str  # the app's label: a name for machines, where `kind` is one for people
    kind: str
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class SearchResults:
    query: str
    groups: tuple[SearchGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)

    def ranked(self) -> list[tuple[str, SearchHit]]:
        """Every hit with its app, in one list, best first across the apps."""
        return sorted(
            ((group.app, hit) for group in self.groups for hit in group.hits),
            key=lambda pair: -pair[1].rank,
        )


def site_search(*, user: Any, query: str, limit: int = PER_PROVIDER) -> SearchResults:
    """Ask every provider; group the hits by kind, the group with the best hit first."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return SearchResults(query, ())
    by_kind: dict[tuple[str, str], list[SearchHit]] = {}
    for config in innovera_apps():
        for hit in config.search(user, query, limit):
            by_kind.setdefault((config.label, str(hit.kind)), []).append(hit)
    groups = [
        SearchGroup(app, kind, tuple(sorted(hits, key=lambda hit: -hit.rank)[:limit]))
        for (app, kind), hits in by_kind.items()
    ]
    groups.sort(key=lambda group: -group.hits[0].rank)
    return SearchResults(query, tuple(groups))
