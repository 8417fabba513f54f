"""The permission table: every URL has an entry, and non-public ideas leak through no channel."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from innovera.core.permissions import url_actions
from innovera.ideas import services
from innovera.ideas.models import Challenge
from innovera.ideas.permissions import PERMISSIONS
from innovera.ideas.tests.factories import make_challenge, make_coordinator, make_idea
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("namespace", ["ideas", "api:ideas"])
def test_every_url_of_the_ideas_app_and_its_api_has_an_entry_in_the_permission_table(
    namespace: str,
) -> None:
    resolver = get_resolver()
    for part in namespace.split(":"):  # the API's namespace is nested: api:ideas
        resolver = resolver.namespace_dict[part][1]
    names = {name for name in resolver.reverse_dict if isinstance(name, str)}
    # The API's own description is public and describes no data.
    names.discard("openapi")

    declared = {
        name.removeprefix(f"{namespace}:"): action
        for name, action in url_actions().items()
        if name.startswith(f"{namespace}:") and action
    }

    assert names, f"the {namespace} namespace has URLs"
    assert names - declared.keys() == set(), "declare the new URL's action with @requires"
    assert {declared[name] for name in names} <= PERMISSIONS.keys()


@pytest.fixture
def ideas_of_every_kind():
    unit = make_unit(name="Bromma stadsdelsförvaltning")
    public = make_idea(unit=unit, title="Offentlig idé om parkering", visibility="public")
    city = make_idea(unit=unit, title="Stadsintern idé om parkering", visibility="city")
    internal = make_idea(unit=unit, title="Enhetsintern idé om parkering", visibility="unit")
    return unit, public, city, internal


VIEWERS = ["anonymous", "resident", "employee_elsewhere", "colleague"]
# Which of (public, city, unit) each viewer sees.
EXPECTED = {
    "anonymous": (True, False, False),
    "resident": (True, False, False),
    "employee_elsewhere": (True, True, False),
    "colleague": (True, True, True),
}


def sign_in_as(client: Client, who: str, unit) -> None:
    if who == "resident":
        client.force_login(make_user())
    elif who == "employee_elsewhere":
        client.force_login(make_user(unit=make_unit()))
    elif who == "colleague":
        client.force_login(make_user(unit=unit))


@pytest.fixture(params=VIEWERS)
def viewer(request, client: Client, ideas_of_every_kind) -> tuple[str, list[tuple[Any, bool]]]:
    """Each kind of viewer in turn, signed in on `client`: who, and each idea with whether
    they may see it."""
    who = request.param
    unit, *ideas = ideas_of_every_kind
    sign_in_as(client, who, unit)
    return who, list(zip(ideas, EXPECTED[who], strict=True))


def test_the_list_search_and_suggestions_show_only_what_the_viewer_may_see(
    client: Client, viewer: tuple[str, list[tuple[Any, bool]]]
) -> None:
    who, seen = viewer
    pages = {
        "list": client.get(reverse("ideas:idea_list")).content.decode(),
        "search": client.get(reverse("ideas:idea_list"), {"q": "parkering"}).content.decode(),
        "suggestions": client.get(
            reverse("ideas:idea_similar"), {"title": "idé om parkering"}
        ).content.decode(),
    }
    for channel, page in pages.items():
        for idea, expected in seen:
            assert (idea.title in page) is expected, f"{channel}: {idea.title} for {who}"


def test_an_idea_page_the_viewer_may_not_see_is_a_404_not_a_403(
    client: Client, viewer: tuple[str, list[tuple[Any, bool]]]
) -> None:
    who, seen = viewer
    for idea, expected in seen:
        response = client.get(idea.get_absolute_url())
        assert response.status_code == (200 if expected else 404)
        support = client.post(reverse("ideas:idea_support", args=[idea.pk]))
        assert support.status_code in ({302} if expected or who == "anonymous" else {404})


def test_a_challenge_page_lists_only_the_ideas_the_viewer_may_see(client: Client) -> None:
    unit = make_unit()
    challenge = make_challenge(unit)
    make_idea(unit=unit, title="Offentlig", challenge=challenge)
    make_idea(unit=unit, title="Hemlig", visibility="unit", challenge=challenge)

    page = client.get(challenge.get_absolute_url()).content.decode()

    assert "Offentlig" in page
    assert "Hemlig" not in page


def test_an_internal_challenge_is_not_shown_to_the_public(client: Client) -> None:
    unit = make_unit()
    make_challenge(unit, title="Intern utmaning", audience="internal")

    assert "Intern utmaning" not in client.get(reverse("ideas:challenge_list")).content.decode()
    assert client.get(Challenge.objects.get().get_absolute_url()).status_code == 404


def test_exports_are_for_coordinators_and_hold_only_their_units_ideas(client: Client) -> None:
    unit, other = make_unit(), make_unit()
    make_idea(unit=unit, title="Vår idé", visibility="unit")
    make_idea(unit=other, title="Deras idé", visibility="unit")
    client.force_login(make_user())
    assert client.get(reverse("ideas:idea_export", args=["csv"])).status_code == 403

    client.force_login(make_coordinator(unit))
    export = client.get(reverse("ideas:idea_export", args=["csv"])).content.decode("utf-8-sig")

    assert "Vår idé" in export
    assert "Deras idé" not in export


def test_a_resident_cannot_move_an_idea_through_the_page(client: Client) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    client.force_login(make_user())

    response = client.post(reverse("ideas:idea_move", args=[idea.pk]), {"move-to_stage": 2})

    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.stage.key == "submitted"


def test_html_in_an_idea_comes_out_escaped(client: Client) -> None:
    idea = make_idea(title="<script>alert(1)</script>", description="<b>fet</b>")

    page = client.get(idea.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;fet&lt;/b&gt;" in page


def test_the_list_costs_the_same_queries_for_few_and_many_ideas(client: Client) -> None:
    unit = make_unit()
    for n in range(3):
        make_idea(unit=unit, title=f"Idé {n}")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("ideas:idea_list"))
    for n in range(30):
        make_idea(unit=make_unit(), title=f"Fler {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("ideas:idea_list"))

    assert len(many) == len(few)


def test_the_idea_page_costs_the_same_queries_however_long_its_history(client: Client) -> None:
    idea = make_idea(unit=make_unit())
    with CaptureQueriesContext(connection) as short:
        client.get(idea.get_absolute_url())
    for n in range(25):
        services.comment_add(user=make_user(), idea=idea, body=f"Kommentar {n}")

    with CaptureQueriesContext(connection) as long:
        page = client.get(idea.get_absolute_url()).content.decode()

    assert len(long) == len(short)
    assert "Kommentar 19" in page
    assert "Kommentar 20" not in page  # the first 20 comments


def test_the_feed_holds_public_ideas_only(client: Client, ideas_of_every_kind) -> None:
    unit, public, city, internal = ideas_of_every_kind
    client.force_login(make_user(unit=unit))  # a feed is the public's, whoever fetches it

    feed = client.get(reverse("ideas:idea_feed")).content.decode()

    assert public.title in feed
    assert city.title not in feed
    assert internal.title not in feed
