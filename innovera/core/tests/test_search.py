"""The cross-app search in core: it asks every registered provider and groups what they say."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from innovera.core import search
from innovera.core.permissions import url_actions
from innovera.core.registry import SearchHit


class Provider:
    def __init__(self, label: str, hits: list[SearchHit]) -> None:
        self.label = label
        self.hits = hits
        self.asked: list[tuple[Any, str, int]] = []

    def search(self, user: Any, query: str, limit: int) -> list[SearchHit]:
        self.asked.append((user, query, limit))
        return self.hits[:limit]


def hit(kind: str, title: str, rank: float) -> SearchHit:
    return SearchHit(kind=kind, title=title, url=f"/{title}/", rank=rank)


@pytest.fixture
def providers(monkeypatch: pytest.MonkeyPatch) -> list[Provider]:
    found = [
        Provider("ideas", [hit("Idé", "a", 0.2), hit("Utmaning", "b", 0.9), hit("Idé", "c", 0.5)]),
        Provider("spreading", [hit("Gott exempel", "d", 0.7)]),
        Provider("quiet", []),
    ]
    monkeypatch.setattr(search, "innovera_apps", lambda: found)
    return found


def test_every_provider_is_asked_with_the_person_the_words_and_the_limit(
    providers: list[Provider],
) -> None:
    search.site_search(user="someone", query="  cykel   bana ", limit=7)

    assert [provider.asked for provider in providers] == [[("someone", "cykel bana", 7)]] * 3


def test_hits_are_grouped_by_kind_the_group_with_the_best_hit_first(
    providers: list[Provider],
) -> None:
    results = search.site_search(user=None, query="x")

    assert [(group.app, group.kind) for group in results.groups] == [
        ("ideas", "Utmaning"),
        ("spreading", "Gott exempel"),
        ("ideas", "Idé"),
    ]
    assert [h.title for h in results.groups[2].hits] == ["c", "a"]
    assert results.count == 4
    assert [h.title for _app, h in results.ranked()] == ["b", "d", "c", "a"]


def test_an_empty_search_asks_no_provider(providers: list[Provider]) -> None:
    results = search.site_search(user=None, query="   ")

    assert results.groups == ()
    assert all(not provider.asked for provider in providers)


def test_the_search_page_and_the_api_declare_their_action() -> None:
    actions = url_actions()

    assert actions["core:search"] == "search.query"
    assert actions["api:search"] == "search.query"


@pytest.mark.django_db
def test_the_openapi_description_documents_the_search_answer(client: Client) -> None:
    description = client.get(reverse("api:openapi")).json()

    operation = description["paths"]["/api/v1/search/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "limit"}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = description["components"]["schemas"][answer.rsplit("/", 1)[1]]
    assert set(schema["properties"]) == {"query", "count", "results"}
