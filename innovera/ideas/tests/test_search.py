"""The ideas app's search: its provider in the cross-app search (/sok/ and the API), the idea
list's search box and the similar-idea suggestions, on PostgreSQL and on SQLite alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovera.ideas import selectors, services
from innovera.ideas.models import Challenge, Idea, Stage
from innovera.ideas.permissions import visible_challenges, visible_ideas
from innovera.ideas.tests.factories import make_challenge, make_coordinator, make_idea
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def publish(unit, *, title: str, need: str = "Ett behov", **fields) -> Challenge:
    return make_challenge(unit, title=title, need=need, for_whom="Brukare", **fields)


@pytest.fixture
def hidden_and_shown():
    """A public idea and challenge, and the internal ones that must never reach the public."""
    unit = make_unit(name="Skarpnäcks stadsdelsförvaltning")
    return {
        "shown": [
            make_idea(unit=unit, title="Offentlig idé om cykelparkering"),
            publish(unit, title="Offentlig utmaning om cykelparkering"),
        ],
        "hidden": [
            make_idea(unit=unit, title="Stadsintern idé om cykelparkering", visibility="city"),
            make_idea(unit=unit, title="Enhetsintern idé om cykelparkering", visibility="unit"),
            publish(unit, title="Intern utmaning om cykelparkering", audience="internal"),
            publish(unit, title="Utkast till utmaning om cykelparkering", status="draft"),
        ],
        "unit": unit,
    }


def _sign_in(client: Client, who: str) -> None:
    if who == "resident":
        client.force_login(make_user())


def _page_titles(client: Client, text: str) -> str:
    response = client.get(reverse("core:search"), {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def _api_titles(client: Client, text: str) -> list[str]:
    response = client.get(reverse("api:search"), {"q": text})
    assert response.status_code == 200
    return [hit["title"] for hit in response.json()["results"]]


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_internal_ideas_and_challenges_never_reach_the_public_through_the_search_page(
    client: Client, hidden_and_shown, who: str
) -> None:
    _sign_in(client, who)

    page = _page_titles(client, "cykelparkering")

    for item in hidden_and_shown["shown"]:
        assert item.title in page
    for item in hidden_and_shown["hidden"]:
        assert item.title not in page


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_internal_ideas_and_challenges_never_reach_the_public_through_the_search_api(
    client: Client, hidden_and_shown, who: str
) -> None:
    _sign_in(client, who)

    titles = _api_titles(client, "cykelparkering")

    assert sorted(titles) == sorted(item.title for item in hidden_and_shown["shown"])


def test_a_colleague_finds_the_units_internal_ideas_and_challenges(
    client: Client, hidden_and_shown
) -> None:
    client.force_login(make_user(unit=hidden_and_shown["unit"]))

    titles = _api_titles(client, "cykelparkering")

    assert "Stadsintern idé om cykelparkering" in titles
    assert "Enhetsintern idé om cykelparkering" in titles
    assert "Intern utmaning om cykelparkering" in titles
    # A draft is its unit's coordinators' business, not every colleague's.
    assert "Utkast till utmaning om cykelparkering" not in titles


def test_the_search_page_groups_ideas_and_challenges_and_links_each_hit(client: Client) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit, title="Nyckelfri hemtjänst")
    challenge = publish(unit, title="Tryggare hemtjänst i Bromma")

    page = _page_titles(client, "hemtjänst")

    assert "2 träffar för ”hemtjänst”" in page
    assert "Idé: 1 träff" in page
    assert "Utmaning: 1 träff" in page
    assert f'href="{idea.get_absolute_url()}"' in page
    assert f'href="{challenge.get_absolute_url()}"' in page


def test_the_search_finds_other_forms_of_a_word(client: Client) -> None:
    make_idea(title="Nyckelfri hemtjänst", description="Lås som öppnas med mobilen.")

    assert _api_titles(client, "hemtjänsten") == ["Nyckelfri hemtjänst"]
    assert _api_titles(client, "mobil") == ["Nyckelfri hemtjänst"]


def test_the_search_reads_phrases_alternatives_and_exclusions(client: Client) -> None:
    make_idea(title="Cykelparkering vid skolor", description="Tak över cyklarna.")
    make_idea(title="Bilparkering vid sjukhus", description="Fler platser.")
    make_idea(title="Skolor och sjukhus", description="Gemensam parkering.")
    make_idea(title="Grön skolgård i Farsta", description="Träd och buskar.")
    make_idea(title="Skolgård med grön vägg", description="Murgröna.")

    assert sorted(_api_titles(client, "cykelparkering or bilparkering")) == [
        "Bilparkering vid sjukhus",
        "Cykelparkering vid skolor",
    ]
    assert _api_titles(client, '"grön skolgård"') == ["Grön skolgård i Farsta"]
    assert sorted(_api_titles(client, "sjukhus -bilparkering")) == ["Skolor och sjukhus"]


def test_a_match_in_the_title_ranks_above_one_in_the_text(client: Client) -> None:
    make_idea(title="Bättre skolmat", description="Mer grönsaker och en kortare kö till matsalen.")
    make_idea(title="Kortare kö till matsalen", description="Två kassor i stället för en.")

    assert _api_titles(client, "matsalen") == ["Kortare kö till matsalen", "Bättre skolmat"]


def test_the_api_answer_carries_app_kind_absolute_link_and_rank(client: Client) -> None:
    idea = make_idea(title="Nyckelfri hemtjänst")

    answer = client.get(reverse("api:search"), {"q": "hemtjänst"}).json()

    assert answer["query"] == "hemtjänst"
    assert answer["count"] == 1
    (hit,) = answer["results"]
    assert hit["app"] == "ideas"
    assert hit["kind"] == "Idé"
    assert hit["url"] == "http://testserver" + idea.get_absolute_url()
    assert hit["rank"] > 0


def test_the_api_refuses_a_missing_or_too_long_query_by_field(client: Client) -> None:
    missing = client.get(reverse("api:search"))
    too_long = client.get(reverse("api:search"), {"q": "a" * 201})

    assert missing.status_code == 400
    assert "q" in missing.json()
    assert too_long.status_code == 400
    assert "q" in too_long.json()


def test_a_too_long_query_is_refused_at_the_field_and_kept(client: Client) -> None:
    text = "hemtjänst " * 25

    response = client.get(reverse("core:search"), {"q": text})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Sökorden får vara högst 200 tecken långa (du skrev 249)." in page
    assert text.strip() in page


def test_an_empty_search_asks_for_words_and_no_search_is_made(client: Client) -> None:
    make_idea(title="Nyckelfri hemtjänst")

    response = client.get(reverse("core:search"), {"q": "   "})

    assert "Skriv vad du söker efter." in response.content.decode()
    assert "Nyckelfri hemtjänst" not in response.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"""',
        "-",
        "- -",
        "or",
        "OR or",
        "*",
        "NEAR(a b)",
        "a'b",
        "(",
        "{title}:",
        "\x00",
        "ö" * 3,
    ],
)
def test_odd_search_text_is_answered_on_both_channels_never_with_an_error_page(
    client: Client, text: str
) -> None:
    make_idea(title="Nyckelfri hemtjänst")

    page = client.get(reverse("core:search"), {"q": text})
    api = client.get(reverse("api:search"), {"q": text})

    assert page.status_code == 200
    assert api.status_code in {200, 400}
    if text == "\x00":
        assert "q" in api.json()


def test_the_ideas_provider_costs_two_queries_for_an_anonymous_visitor(
    django_assert_num_queries: Any,
) -> None:
    for n in range(5):
        make_idea(title=f"Cykelbanor {n}")
        publish(make_unit(), title=f"Cykelbanor, utmaning {n}")

    with django_assert_num_queries(2):
        hits = selectors.search_hits(user=AnonymousUser(), text="cykelbanor", limit=20)

    assert len(hits) == 10


def test_a_search_without_hits_says_so_and_suggests_what_to_try(client: Client) -> None:
    make_idea(title="Nyckelfri hemtjänst")

    page = _page_titles(client, "simhall")

    assert "0 träffar för ”simhall”" in page
    assert "Försök med färre ord" in page


@pytest.mark.parametrize("who", ["anonymous", "employee"])
def test_the_search_page_costs_the_same_queries_for_one_hit_and_for_many(
    client: Client, who: str
) -> None:
    unit = make_unit()
    if who == "employee":
        client.force_login(make_user(unit=unit))
    make_idea(unit=unit, title="Cykelbanor i Farsta")
    publish(unit, title="Säkra cykelbanor")
    client.get(reverse("core:search"), {"q": "cykelbanor"})  # sessions and caches warmed
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:search"), {"q": "cykelbanor"})

    for n in range(15):
        make_idea(unit=unit, title=f"Cykelbanor nummer {n}", visibility="city")
        publish(unit, title=f"Cykelbanor, utmaning {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("core:search"), {"q": "cykelbanor"}).content.decode()

    assert "Cykelbanor nummer 14" in page if who == "employee" else "nummer 14" not in page
    assert len(many) == len(few)


def test_the_idea_lists_search_box_uses_the_same_search(client: Client) -> None:
    make_idea(title="Nyckelfri hemtjänst")
    make_idea(title="Parkering vid skolan", description="Fler platser för cyklar.")

    page = client.get(reverse("ideas:idea_list"), {"q": "hemtjänsten"}).content.decode()

    assert "Nyckelfri hemtjänst" in page
    assert "Parkering vid skolan" not in page


def test_nyckelfri_hemtjanst_is_suggested_for_digitala_nycklar_i_hemtjansten() -> None:
    make_idea(title="Nyckelfri hemtjänst")
    make_idea(title="Parkering vid skolan")

    suggested = selectors.similar_ideas(user=make_user(), text="Digitala nycklar i hemtjänsten")

    assert [idea.title for idea in suggested] == ["Nyckelfri hemtjänst"]


def test_suggestions_put_the_most_alike_title_first() -> None:
    make_idea(title="Hemtjänst på kvällar")
    make_idea(title="Nyckelfri hemtjänst")
    make_idea(title="Nyckelfri hemtjänst i Bromma")

    suggested = selectors.similar_ideas(user=make_user(), text="Nyckelfri hemtjänst")

    assert [idea.title for idea in suggested][:2] == [
        "Nyckelfri hemtjänst",
        "Nyckelfri hemtjänst i Bromma",
    ]


def test_an_edited_title_is_found_by_its_new_words_and_not_by_its_old() -> None:
    idea = make_idea(title="Nyckelfri hemtjänst")
    # Any write keeps the index in step: here a plain update, as the admin would make.
    Idea.objects.filter(pk=idea.pk).update(title="Trygghetslarm", description="Larm för äldre.")

    assert _titles("trygghetslarm") == ["Trygghetslarm"]
    assert _titles("nyckelfri") == []


def test_a_deleted_idea_is_no_longer_found() -> None:
    idea = make_idea(title="Nyckelfri hemtjänst")
    idea.delete()

    assert _titles("hemtjänst") == []


def test_a_merged_idea_is_still_found_and_so_is_the_one_it_went_into() -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    kept = make_idea(unit=unit, title="Digitala lås i hemtjänsten")
    merged = make_idea(unit=unit, title="Nyckelfri hemtjänst")
    merge_stage = next(
        t.to_stage
        for t in services.allowed_moves(user=coordinator, idea=merged)
        if t.to_stage.is_merge
    )
    services.idea_move(
        user=coordinator,
        idea_id=merged.pk,
        to_stage=merge_stage,
        reason="Samma idé",
        merge_into=kept,
    )

    assert sorted(_titles("hemtjänst")) == ["Digitala lås i hemtjänsten", "Nyckelfri hemtjänst"]


def test_a_published_challenge_is_found_by_its_need() -> None:
    publish(make_unit(), title="Tryggare kvällar", need="Äldre känner sig otrygga i trapphusen.")

    hits = selectors.search_hits(user=make_user(), text="trapphus", limit=10)

    assert [hit.title for hit in hits] == ["Tryggare kvällar"]


def test_an_edited_challenge_is_found_by_its_new_need_and_a_deleted_one_not_at_all() -> None:
    challenge = publish(make_unit(), title="Tryggare kvällar", need="Otrygga trapphus.")
    # The admin edits a challenge with a plain save; the index follows every write.
    challenge.need = "Mörka gångtunnlar."
    challenge.save()
    user = make_user()

    assert [h.title for h in selectors.search_hits(user=user, text="gångtunnlar", limit=5)] == [
        "Tryggare kvällar"
    ]
    assert selectors.search_hits(user=user, text="trapphus", limit=5) == []
    challenge.delete()
    assert selectors.search_hits(user=user, text="gångtunnlar", limit=5) == []


def _titles(text: str) -> list[str]:
    return [idea.title for idea in selectors.search(Idea.objects.all(), text)]


@pytest.fixture
def a_city_of_ideas() -> None:
    """PostgreSQL only: enough rows, analysed, that the planner prefers an index to a scan."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes; SQLite has its FTS5 tables (tested below)")
    stage = Stage.objects.get(is_initial=True)
    unit = make_unit()
    words = ["parkering", "skolmat", "cykelbanor", "lekplatser", "belysning", "bibliotek"]
    Idea.objects.bulk_create(
        Idea(
            title=f"Idé {n} om {words[n % len(words)]}",
            description=f"Beskrivning {n} av {words[(n * 7) % len(words)]}",
            value="V",
            for_whom="F",
            submitter_role="resident",
            stage=stage,
        )
        for n in range(3000)
    )
    Challenge.objects.bulk_create(
        Challenge(
            title=f"Utmaning {n} om {words[n % len(words)]}",
            slug=f"utmaning-{n}",
            need=f"Behov {n}",
            for_whom="F",
            owner_unit=unit,
            status="open",
        )
        for n in range(3000)
    )
    make_idea(title="Nyckelfri hemtjänst")
    publish(unit, title="Tryggare hemtjänst")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ideas_idea")
        cursor.execute("ANALYZE ideas_challenge")


def _plan(sql: str, params: Any = ()) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("index", "queryset"),
    [
        (
            "idea_search_text",
            lambda: selectors.search(visible_ideas(AnonymousUser()), "hemtjänst"),
        ),
        (
            "challenge_search_text",
            lambda: selectors.search_challenges(visible_challenges(AnonymousUser()), "hemtjänst"),
        ),
    ],
)
def test_on_postgresql_the_search_query_is_answered_from_the_models_gin_index(
    a_city_of_ideas: None, index: str, queryset: Any
) -> None:
    sql, params = queryset().query.sql_with_params()
    with connection.cursor() as cursor:
        # Reading a stored column, a scan of 3,000 short rows is cheaper than any index; told
        # not to scan, the planner must find the index that answers this very query.
        cursor.execute("SET LOCAL enable_seqscan = off")

        plan = _plan(sql, params)

    assert index in plan, plan


def test_on_postgresql_the_suggestions_pick_candidates_from_the_title_index(
    a_city_of_ideas: None,
) -> None:
    with CaptureQueriesContext(connection) as queries:
        suggested = selectors.similar_ideas(user=AnonymousUser(), text="Nyckelfri hemtjänst")
    sql = next(query["sql"] for query in queries if "similarity" in query["sql"])

    plan = _plan(sql)

    assert [idea.title for idea in suggested] == ["Nyckelfri hemtjänst"]
    assert "idea_title_sv" in plan, plan


def test_on_sqlite_every_searched_table_has_its_fts5_table_and_triggers() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 tables")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name LIKE '%\\_fts%' ESCAPE '\\'"
        )
        found = set(cursor.fetchall())

    for table in ("ideas_idea", "ideas_challenge"):
        assert ("table", f"{table}_fts") in found
        for event in ("insert", "update", "delete"):
            # A later migration that rebuilds the table on SQLite drops its triggers.
            assert ("trigger", f"{table}_fts_{event}") in found, f"{table}: {event} trigger"
