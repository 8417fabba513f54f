"""The ideas pages near their SQL: the filter form rendered once per option set, the handler's
forms without a template per option, the first comments in one plain sliced query. The figures
are in benchmarks/RESULTS.md; these tests hold the behaviour that makes them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovera.ideas import services
from innovera.ideas.filters import IdeaFilterForm
from innovera.ideas.models import Challenge, Topic
from innovera.ideas.tests.factories import make_coordinator, make_idea, make_office
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db

LIST = reverse("ideas:idea_list")


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how often the filter form's fields are really rendered (not taken from the cache)."""
    calls: list[int] = []
    original = IdeaFilterForm._render_fields

    def counted(self: IdeaFilterForm) -> Any:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(IdeaFilterForm, "_render_fields", counted)
    return calls


def _challenge(title: str, **fields: Any) -> Challenge:
    fields.setdefault("status", "open")
    return Challenge.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        need="Behov",
        for_whom="Alla",
        owner_unit=fields.pop("owner_unit", None) or make_unit(),
        **fields,
    )


def _filter_html(client: Client, path: str = LIST) -> str:
    page = client.get(path).content.decode()
    start = page.index('role="search"')
    return page[start : page.index("</form>", start)]


def test_the_unfiltered_filter_form_is_rendered_once_for_visitors_who_see_the_same_options(
    client: Client, renders: list[int]
) -> None:
    _challenge("Trygga skolvägar")
    first = _filter_html(client)
    second = _filter_html(Client())

    assert renders == [1]
    assert second == first
    assert "Trygga skolvägar" in first


def test_a_page_link_alone_shows_the_same_cached_filter_form(
    client: Client, renders: list[int]
) -> None:
    for n in range(25):
        make_idea(title=f"Idé {n}")
    first = client.get(LIST).content.decode()
    cursor = first.split("efter=", 1)[1].split('"', 1)[0]

    assert _filter_html(client, f"{LIST}?efter={cursor}") == _filter_html(client)
    assert renders == [1]


def test_a_new_challenge_appears_in_the_filter_at_once(client: Client, renders: list[int]) -> None:
    _filter_html(client)
    _challenge("Mindre matsvinn")

    assert "Mindre matsvinn" in _filter_html(client)
    assert len(renders) == 2


def test_a_renamed_challenge_is_shown_by_its_new_name(client: Client) -> None:
    challenge = _challenge("Gamla namnet")
    _filter_html(client)
    Challenge.objects.filter(pk=challenge.pk).update(title="Nya namnet")

    html = _filter_html(client)

    assert "Nya namnet" in html
    assert "Gamla namnet" not in html


def test_a_challenge_the_office_saw_in_its_filter_is_not_in_a_visitors_cached_filter(
    client: Client,
) -> None:
    _challenge("Intern utmaning om lokaler", audience="internal")
    _challenge("Öppen utmaning om parker")
    office = Client()
    office.force_login(make_office())

    assert "Intern utmaning om lokaler" in _filter_html(office)
    visitor = _filter_html(client)
    assert "Intern utmaning om lokaler" not in visitor
    assert "Öppen utmaning om parker" in visitor


def test_a_new_coordinator_role_shows_the_draft_challenge_of_the_unit_at_once(
    client: Client,
) -> None:
    unit = make_unit(name="Kulturförvaltningen")
    _challenge("Utkast om bibliotek", status="draft", owner_unit=unit)
    person = make_user(unit=unit)
    client.force_login(person)
    assert "Utkast om bibliotek" not in _filter_html(client)

    from innovera.organisations.models import Role
    from innovera.organisations.services import membership_grant

    membership_grant(user=person, unit=unit, role=Role.COORDINATOR)

    assert "Utkast om bibliotek" in _filter_html(client)


def test_the_filter_form_is_cached_per_language(client: Client) -> None:
    swedish = _filter_html(client)
    client.cookies["innovera_language"] = "en"

    english = _filter_html(client)

    assert "Sortera" in swedish or "Sortering" in swedish
    assert "Sort by" in english
    assert "Sort by" not in swedish


def test_a_filtered_list_renders_its_form_with_the_choice_kept(
    client: Client, renders: list[int]
) -> None:
    challenge = _challenge("Grönare innergårdar")
    _filter_html(client)

    html = _filter_html(client, f"{LIST}?challenge={challenge.slug}&q=g%C3%A5rd")

    # A challenge is named by its address name, on the page as in the API.
    assert f'<option value="{challenge.slug}" selected>Grönare innergårdar</option>' in html
    assert 'value="gård"' in html
    assert len(renders) == 2


def test_the_handler_forms_render_their_options_without_a_template_per_option(
    client: Client,
) -> None:
    unit = make_unit(name="Bromma stadsdelsförvaltning")
    for n in range(20):
        make_unit(name=f"Enhet {n}")
    Topic.objects.create(name="Äldreomsorg", slug="aldreomsorg")
    idea = make_idea(unit=unit)
    client.force_login(make_coordinator(unit))

    response = client.get(idea.get_absolute_url())
    page = response.content.decode()
    used = {template.name for template in response.templates}

    assert 'name="route-to_unit"' in page and ">Enhet 19</option>" in page
    # Scoring radios come with the review stage (the page offers what fits the stage).
    assert 'type="checkbox" name="classify-topics"' in page
    per_option = {
        "django/forms/widgets/select_option.html",
        "django/forms/widgets/input_option.html",
        "django/forms/widgets/radio_option.html",
        "django/forms/widgets/checkbox_option.html",
    }
    assert used & per_option == set()


def test_the_scoring_radios_of_an_idea_in_review_render_without_a_template_per_option(
    client: Client,
) -> None:
    from innovera.ideas.models import Stage

    unit = make_unit(name="Bromma stadsdelsförvaltning")
    idea = make_idea(unit=unit)
    services.idea_move(
        user=make_office(), idea_id=idea.pk, to_stage=Stage.objects.get(key="in_review")
    )
    client.force_login(make_coordinator(unit))

    response = client.get(idea.get_absolute_url())
    page = response.content.decode()
    used = {template.name for template in response.templates}

    assert 'type="radio" name="score-' in page
    assert "django/forms/widgets/radio_option.html" not in used
    assert "django/forms/widgets/input_option.html" not in used


def test_the_idea_page_reads_its_first_comments_with_one_plain_sliced_query(
    client: Client,
) -> None:
    idea = make_idea(unit=make_unit())
    for n in range(25):
        services.comment_add(user=make_user(), idea=idea, body=f"Kommentar {n}")

    with CaptureQueriesContext(connection) as queries:
        page = client.get(idea.get_absolute_url()).content.decode()

    comments = [q["sql"] for q in queries.captured_queries if '"ideas_comment"' in q["sql"]]
    assert len(comments) == 1
    assert "OVER" not in comments[0].upper()
    assert "LIMIT 20" in comments[0].upper()
    assert '"ideas_comment"."idea_id" = ' in comments[0]
    assert page.index("Kommentar 0<") < page.index("Kommentar 19<")
    assert "Kommentar 20<" not in page


def test_comments_written_in_the_same_second_keep_their_order(client: Client) -> None:
    idea = make_idea(unit=make_unit())
    author = make_user()
    for n in range(3):
        services.comment_add(user=author, idea=idea, body=f"Samtidig {n}")
    from innovera.ideas.models import Comment

    same = Comment.objects.filter(idea=idea).order_by("id").first()
    assert same is not None
    Comment.objects.filter(idea=idea).update(created_at=same.created_at)

    page = client.get(idea.get_absolute_url()).content.decode()

    assert page.index("Samtidig 0") < page.index("Samtidig 1") < page.index("Samtidig 2")
