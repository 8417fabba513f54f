"""Text people send to spreading: control characters and over-long texts are refused at the
field, nothing is stored, and the forms that store text have a rate (issue 8, findings 2, 13)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from innovera.spreading.models import (
    Adoption,
    DiscussionGroup,
    Entrants,
    GoodExample,
    Nomination,
    Post,
)
from innovera.spreading.tests.awards_factories import make_round, post_external_entry
from innovera.spreading.tests.factories import (
    example_fields,
    make_coordinator,
    make_example,
    make_unit,
)
from innovera.spreading.tests.group_factories import make_employee, make_group

pytestmark = pytest.mark.django_db

CONTROL = "osynligt styrtecken"


def signed_in(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_group_form_refuses_a_vertical_tab_at_the_purpose_and_keeps_the_text() -> None:
    page = signed_in(make_employee()).post(
        reverse("spreading:group_create"),
        {"name": "Lyftgruppen", "purpose": "Tips\x0bom lyft", "access": "open"},
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert CONTROL in text and "Syfte" in text
    assert 'value="Lyftgruppen"' in text
    assert not DiscussionGroup.objects.exists()


def test_the_group_form_refuses_a_purpose_over_2000_characters() -> None:
    page = signed_in(make_employee()).post(
        reverse("spreading:group_create"),
        {"name": "Lyftgruppen", "purpose": "x" * 2001, "access": "open"},
    )

    assert page.status_code == 200
    assert "Skriv högst 2000 tecken (du har skrivit 2001)" in page.content.decode()
    assert not DiscussionGroup.objects.exists()


def test_the_groups_api_refuses_a_control_character_and_a_long_purpose_at_the_field() -> None:
    client = signed_in(make_employee())

    control = client.post(
        "/api/v1/groups/",
        {"name": "Lyft", "purpose": "Tips\x1f", "access": "open"},
        content_type="application/json",
    )
    long = client.post(
        "/api/v1/groups/",
        {"name": "Lyft", "purpose": "x" * 2001, "access": "open"},
        content_type="application/json",
    )

    assert control.status_code == 400 and list(control.json()) == ["purpose"]
    assert CONTROL in control.json()["purpose"][0]
    assert long.status_code == 400 and list(long.json()) == ["purpose"]
    assert long.json()["purpose"] == ["Se till att detta fält inte har fler än 2000 tecken."]
    assert not DiscussionGroup.objects.exists()


def test_a_post_over_5000_characters_is_refused_on_the_page_and_in_the_api() -> None:
    author = make_employee()
    group = make_group(owner=author, slug="lyft")
    client = signed_in(author)

    page = client.post(
        reverse("spreading:group_post_create", kwargs={"slug": group.slug}), {"text": "x" * 5001}
    )
    api = client.post(
        f"/api/v1/groups/{group.slug}/posts/", {"text": "x" * 5001}, content_type="application/json"
    )

    assert "Skriv högst 5000 tecken" in page.content.decode()
    assert api.status_code == 400 and list(api.json()) == ["text"]
    assert not Post.objects.exists()


def test_the_example_api_refuses_a_long_summary_at_its_field() -> None:
    unit = make_unit()
    client = signed_in(make_coordinator(unit))

    response = client.post(
        "/api/v1/examples/",
        {**example_fields(summary="x" * 2001), "unit": unit.pk},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["summary"]
    assert not GoodExample.objects.exists()


def test_the_adoption_form_refuses_a_control_character_at_its_field() -> None:
    example = make_example()
    unit = make_unit()
    coordinator = make_coordinator(unit)
    client = signed_in(coordinator)
    created = client.post(
        "/api/v1/adoptions/",
        {"example": example.slug, "unit": unit.pk},
        content_type="application/json",
    )
    adoption = Adoption.objects.get(pk=created.json()["id"])

    page = client.post(
        reverse("spreading:adoption_edit", kwargs={"slug": example.slug, "pk": adoption.pk}),
        {"status": "in_use", "lessons": "Lär\x0cdom"},
    )

    assert page.status_code == 400
    assert CONTROL in page.content.decode() and "Lär\x0cdom" in page.content.decode()
    adoption.refresh_from_db()
    assert adoption.lessons == ""


def test_the_external_entry_form_refuses_a_control_character_and_stores_nothing(
    city: dict[str, Any],
) -> None:
    page = post_external_entry(office=city["office"], motivation="Tänds\x0b.")

    assert CONTROL in page and 'value="Lampor"' in page
    assert not Nomination.objects.exists()


# --- rates ------------------------------------------------------------------------------------


def test_the_public_entry_form_answers_429_past_its_rate(city: dict[str, Any], settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "award_entry": "2/h"}
    round_ = make_round(office=city["office"], entrants=Entrants.EXTERNAL)
    url = reverse("spreading:award_enter", kwargs={"slug": round_.slug})
    client = Client()

    answers = [client.post(url, {"name": "Eva"}, secure=True).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert "För många förfrågningar" in client.post(url, {}, secure=True).content.decode()


def test_posts_and_replies_share_a_rate_per_person(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "group_post": "2/h"}
    author = make_employee()
    group = make_group(owner=author, slug="lyft")
    client = signed_in(author)
    url = reverse("spreading:group_post_create", kwargs={"slug": group.slug})

    client.post(url, {"text": "Första"})
    thread = Post.objects.get()
    client.post(
        reverse("spreading:group_post_reply", kwargs={"slug": group.slug, "pk": thread.pk}),
        {"text": "Svar"},
    )
    third = client.post(url, {"text": "Tredje"})

    assert third.status_code == 429
    assert Post.objects.count() == 2


def test_posting_through_the_api_has_the_same_rate(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "group_post": "1/h"}
    author = make_employee()
    group = make_group(owner=author, slug="lyft")
    client = signed_in(author)
    url = f"/api/v1/groups/{group.slug}/posts/"

    first = client.post(url, {"text": "Första"}, content_type="application/json")
    second = client.post(url, {"text": "Andra"}, content_type="application/json")

    assert first.status_code == 201
    assert second.status_code == 429 and "detail" in second.json()
    assert Post.objects.count() == 1


def nomination(round_: Any, unit: Any, motivation: str) -> dict[str, Any]:
    category = round_.categories.first()
    return {
        "category": category.pk,
        "subject_kind": "unit",
        "unit": unit.pk,
        "motivation": motivation,
    }


def test_the_nomination_form_refuses_a_control_character_at_the_motivation(
    city: dict[str, Any],
) -> None:
    round_ = make_round(office=city["office"])
    client = signed_in(make_employee(unit=city["north"]))
    url = reverse("spreading:award_nominate", kwargs={"slug": round_.slug})

    page = client.post(url, nomination(round_, city["north"], "Läxhjälp\x0bför alla"), secure=True)

    assert CONTROL in page.content.decode() and "Läxhjälp\x0bför alla" in page.content.decode()
    assert not Nomination.objects.exists()


def test_nominations_answer_429_past_their_rate(city: dict[str, Any], settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "nomination": "1/h"}
    round_ = make_round(office=city["office"])
    client = signed_in(make_employee(unit=city["north"]))
    url = reverse("spreading:award_nominate", kwargs={"slug": round_.slug})

    first = client.post(url, nomination(round_, city["north"], "Läxhjälp"), secure=True)
    second = client.post(url, nomination(round_, city["south"], "Tavlor"), secure=True)

    assert first.status_code == 302
    assert second.status_code == 429
    assert Nomination.objects.count() == 1
