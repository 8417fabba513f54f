"""What the public sees of a person: a resident's chosen name, an employee's name and unit."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innovera.ideas.tests.factories import make_idea
from innovera.organisations.models import User, default_public_name
from innovera.organisations.tests.factories import make_unit, make_user, sign_up

pytestmark = pytest.mark.django_db


def comment(client: Client, user: User, idea_pk: int, body: str) -> None:
    client.force_login(user)
    client.post(reverse("ideas:idea_comment", args=[idea_pk]), {"comment-body": body})


def test_the_sign_up_page_says_which_name_is_shown_publicly(client: Client) -> None:
    page = client.get(reverse("organisations:sign_up")).content.decode()

    assert "Namn som visas" in page
    assert "förnamn och initialen" in page


def test_a_resident_who_chooses_no_name_is_shown_by_first_name_and_initial(client: Client) -> None:
    sign_up(client, full_name="Ida Maria Invånare", display_name="")

    assert User.objects.get(email="ida@example.org").public_name == "Ida I."


def test_a_residents_comment_shows_the_chosen_name_and_never_the_full_name(client: Client) -> None:
    sign_up(client, full_name="Ida Maria Invånare", display_name="Solrosen")
    User.objects.filter(email="ida@example.org").update(email_verified_at=timezone.now())
    resident = User.objects.get(email="ida@example.org")
    idea = make_idea()
    comment(client, resident, idea.pk, "Bra förslag!")

    page = Client().get(idea.get_absolute_url()).content.decode()
    api = Client().get(f"/api/v1/ideas/{idea.pk}/comments/").json()

    assert "Bra förslag!" in page
    assert "Solrosen" in page
    assert "Ida Maria Invånare" not in page
    assert [c["author"] for c in api["results"]] == ["Solrosen"]


def test_an_employees_comment_shows_name_and_unit(client: Client) -> None:
    unit = make_unit(name="Kulturförvaltningen")
    employee = make_user(unit=unit, full_name="Karin Kultur")
    idea = make_idea()
    comment(client, employee, idea.pk, "Vi kan hjälpa till.")

    page = Client().get(idea.get_absolute_url()).content.decode()

    assert "Karin Kultur, Kulturförvaltningen" in page


def test_the_privacy_notice_says_which_names_are_shown() -> None:
    page = Client().get(reverse("core:privacy")).content.decode()

    assert "det namn du valde" in page
    assert "Medarbetare visas med namn och förvaltning" in page


@pytest.mark.parametrize(
    ("full_name", "shown"),
    [("Ida Maria Invånare", "Ida I."), ("Ida", "Ida"), ("  ", "Invånare")],
)
def test_the_default_public_name(full_name: str, shown: str) -> None:
    assert default_public_name(full_name) == shown
