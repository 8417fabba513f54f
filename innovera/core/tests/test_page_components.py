"""The shared page parts: the page frame, the breadcrumb trail and the card list."""

from __future__ import annotations

from django.template import Context, Template, engines
from django.test import RequestFactory


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_a_page_whose_heading_is_its_title_says_it_in_both_places() -> None:
    page = render(
        '{% extends "core/page.html" %}{% block title %}Mina idéer{% endblock title %}'
        "{% block page %}<p>Innehåll</p>{% endblock page %}",
        request=RequestFactory().get("/"),
    )

    assert "<title>Mina idéer – Innovera</title>" in page
    assert '<h1 class="ds-heading" data-size="lg">Mina idéer</h1>' in page
    assert page.count("<h1") == 1


def test_a_page_with_its_own_heading_keeps_the_title_apart() -> None:
    page = render(
        '{% extends "core/page.html" %}{% block title %}Mål{% endblock title %}'
        "{% block heading %}Mål för mina enheter{% endblock heading %}",
        request=RequestFactory().get("/"),
    )

    assert "<title>Mål – Innovera</title>" in page
    assert '<h1 class="ds-heading" data-size="lg">Mål för mina enheter</h1>' in page


def test_a_crumb_without_a_label_is_left_out_and_the_last_one_is_the_page() -> None:
    nav = Template(
        "{% load breadcrumbs %}{% breadcrumbs 'Grupper' '/grupper/' 'Cykel' '/grupper/cykel/' here '/x/' %}"
    ).render(Context({"here": ""}))

    assert "/x/" not in nav
    assert nav.count("<li>") == 2
    assert '<a class="ds-link" href="/grupper/cykel/" aria-current="page">Cykel</a>' in nav
    assert nav.count("aria-current") == 1


def test_a_card_list_draws_each_item_or_says_it_is_empty() -> None:
    source = '{% include "core/_card_list.html" with empty="Inga grupper här." %}'
    card = engines["django"].from_string(
        '<a class="ds-link" href="{{ item.url }}">{{ item.name }}</a>'
    )

    assert '<p class="ds-paragraph">Inga grupper här.</p>' in render(source, items=[], card=card)
    full = render(source, items=[{"name": "Cykelgruppen", "url": "/g/"}], card=card)
    assert full.count('<li class="ds-card idea-card">') == 1
    assert '<a class="ds-link" href="/g/">Cykelgruppen</a>' in full
    assert "Inga grupper här." not in full
