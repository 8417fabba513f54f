"""The shared page parts: the page frame, the breadcrumb trail and the card list."""

from __future__ import annotations

from django.template import Context, Template, engines
from django.test import RequestFactory


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def page(blocks: str) -> str:
    """A page on the shared frame with these blocks filled in."""
    return render('{% extends "core/page.html" %}' + blocks, request=RequestFactory().get("/"))


def test_a_page_whose_heading_is_its_title_says_it_in_both_places() -> None:
    shown = page(
        "{% block title %}Mina idéer{% endblock title %}"
        "{% block page %}<p>Innehåll</p>{% endblock page %}"
    )

    assert "<title>Mina idéer – Innovera</title>" in shown
    assert '<h1 class="ds-heading" data-size="lg">Mina idéer</h1>' in shown
    assert shown.count("<h1") == 1


def test_a_page_with_its_own_heading_keeps_the_title_apart() -> None:
    shown = page(
        "{% block title %}Mål{% endblock title %}"
        "{% block heading %}Mål för mina enheter{% endblock heading %}"
    )

    assert "<title>Mål – Innovera</title>" in shown
    assert '<h1 class="ds-heading" data-size="lg">Mål för mina enheter</h1>' in shown


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


def test_a_table_names_its_region_by_its_caption_and_counts_a_hidden_column_when_empty() -> None:
    row = engines["django"].from_string("<td>{{ item }}</td><td>ändra</td>")
    source = (
        '{% load layout %}{% list_of "Namn" "Vikt" as heads %}'
        '{% include "core/_table.html" with rows=rows row=row heads=heads hidden_head="Ändra"'
        ' caption="Kriterier" caption_class="ds-sr-only" empty_row="Inga kriterier än." %}'
    )

    empty = render(source, rows=[], row=row)
    assert 'aria-label="Kriterier"' in empty
    assert '<th scope="col">Namn</th><th scope="col">Vikt</th>' in empty
    assert '<th scope="col"><span class="ds-sr-only">Ändra</span></th>' in empty
    assert '<td colspan="3">Inga kriterier än.</td>' in empty
    full = render(source, rows=["Nytta"], row=row)
    assert "<td>Nytta</td>" in full
    assert "Inga kriterier än." not in full


def test_a_table_without_an_empty_row_gives_way_to_a_sentence() -> None:
    source = (
        '{% include "core/_table.html" with rows=rows heads=heads caption="Mål"'
        ' caption_id="goal-caption" empty="Inga mål." %}'
    )

    assert render(source, rows=[], heads=[]).strip() == '<p class="ds-paragraph">Inga mål.</p>'
    row = engines["django"].from_string("<td>{{ item }}</td>")
    full = render(source, rows=["Ett"], row=row, heads=["Mål"])
    assert 'aria-labelledby="goal-caption"' in full
    assert '<caption id="goal-caption">Mål</caption>' in full


def test_a_form_panel_opens_when_its_form_was_the_one_sent() -> None:
    source = (
        '{% include "core/_form_panel.html" with panel="image" summary="Lägg till en bild"'
        ' action="/x/" submit="Lägg till bilden" %}'
    )

    shut = render(source, open_panel="figure")
    assert '<details class="ds-details handler-panel">' in shut
    assert "<summary>Lägg till en bild</summary>" in shut
    assert 'data-variant="secondary">Lägg till bilden</button>' in shut
    assert '<details class="ds-details handler-panel" open>' in render(source, open_panel="image")
