"""Adoptions: "Vi vill också", the way to "in use", the originating unit told, the idea spread."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from innovera.core.exceptions import ApplicationError
from innovera.ideas.models import Stage
from innovera.ideas.tests.factories import make_idea
from innovera.spreading import selectors, services
from innovera.spreading.models import Adoption, GoodExample, Notice
from innovera.spreading.tests.factories import (
    example_fields,
    make_coordinator,
    make_example,
    make_office,
    make_unit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units():
    origin, adopter = make_unit(name="Bromma"), make_unit(name="Farsta")
    return origin, adopter, make_coordinator(origin), make_coordinator(adopter)


@pytest.fixture
def adopted(two_units) -> tuple[GoodExample, Adoption]:
    """Farsta's adoption of Bromma's published example, made by Farsta's coordinator."""
    origin, adopter, origin_coordinator, adopter_coordinator = two_units
    example = make_example(unit=origin, author=origin_coordinator)
    adoption, _ = services.adoption_create(
        user=adopter_coordinator, example_id=example.pk, unit=adopter
    )
    return example, adoption


def test_we_want_this_too_twice_is_one_adoption_and_the_originating_unit_is_told(
    two_units, django_capture_on_commit_callbacks
) -> None:
    origin, adopter, origin_coordinator, adopter_coordinator = two_units
    example = make_example(unit=origin, author=origin_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        first, created = services.adoption_create(
            user=adopter_coordinator, example_id=example.pk, unit=adopter
        )
    second, created_again = services.adoption_create(
        user=adopter_coordinator, example_id=example.pk, unit=adopter
    )

    assert created and not created_again and first.pk == second.pk
    assert Adoption.objects.filter(example=example).count() == 1
    notice = Notice.objects.get(user=origin_coordinator)
    assert "Farsta" in notice.text and notice.url == first.get_absolute_url()
    assert [m.to for m in mail.outbox] == [[origin_coordinator.email]]


def test_a_unit_cannot_adopt_its_own_example(two_units) -> None:
    origin, _adopter, origin_coordinator, _ = two_units
    example = make_example(unit=origin, author=origin_coordinator)
    with pytest.raises(PermissionDenied):
        services.adoption_create(user=origin_coordinator, example_id=example.pk, unit=origin)


def test_a_draft_cannot_be_adopted(two_units) -> None:
    origin, adopter, origin_coordinator, adopter_coordinator = two_units
    example = make_example(unit=origin, author=origin_coordinator, published=False)
    with pytest.raises(PermissionDenied):
        services.adoption_create(user=adopter_coordinator, example_id=example.pk, unit=adopter)


def test_dropping_an_adoption_needs_a_reason_at_the_field_and_keeps_what_was_typed(
    two_units, adopted, client: Client
) -> None:
    _origin, _adopter, _origin_coordinator, adopter_coordinator = two_units
    example, adoption = adopted
    client.force_login(adopter_coordinator)

    response = client.post(
        reverse("spreading:adoption_edit", kwargs={"slug": example.slug, "pk": adoption.pk}),
        {"status": "dropped", "lessons": "Tavlan var för liten", "drop_reason": ""},
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["drop_reason"] == [
        "Berätta varför införandet avbröts: andra lär sig av det."
    ]
    assert form["lessons"].value() == "Tavlan var för liten"
    with pytest.raises(ApplicationError) as refused:
        services.adoption_update(
            user=adopter_coordinator, adoption_id=adoption.pk, status="dropped"
        )
    assert refused.value.field == "drop_reason"


def test_in_use_is_counted_and_shown_by_unit_type_and_the_origin_sees_every_adoption(
    two_units, adopted, client: Client
) -> None:
    _origin, adopter, origin_coordinator, adopter_coordinator = two_units
    example, adoption = adopted
    services.adoption_update(user=adopter_coordinator, adoption_id=adoption.pk, status="planning")
    services.adoption_update(
        user=adopter_coordinator,
        adoption_id=adoption.pk,
        status="in_use",
        changes="Digital tavla i stället",
    )

    example.refresh_from_db()
    assert (example.adoption_count, example.in_use_count) == (1, 1)
    counts = selectors.adoption_counts(by="unit_type")
    assert counts[adopter.unit_type] == {"in_use": 1}
    client.force_login(origin_coordinator)
    page = client.get(example.get_absolute_url()).content.decode()
    assert "Farsta" in page and "I bruk" in page
    trail = client.get(adoption.get_absolute_url()).content.decode()
    assert "Planerar" in trail and "Digital tavla i stället" in trail


def test_another_unit_s_coordinator_cannot_change_the_adoption(two_units, adopted) -> None:
    _origin, _adopter, origin_coordinator, _adopter_coordinator = two_units
    _example, adoption = adopted
    with pytest.raises(PermissionDenied):
        services.adoption_update(user=origin_coordinator, adoption_id=adoption.pk, status="in_use")


def test_an_adoption_in_use_lets_the_idea_s_unit_mark_the_idea_spread_with_it_as_reason(
    two_units, client: Client
) -> None:
    origin, adopter, origin_coordinator, adopter_coordinator = two_units
    idea = make_idea(unit=origin, title="Nyckelfri hemtjänst")
    idea.stage = Stage.objects.get(key="implemented")
    idea.save()
    example = services.example_create(
        user=origin_coordinator, unit=origin, fields=example_fields(), idea=idea
    )
    services.example_publish(user=origin_coordinator, example=example)
    adoption, _ = services.adoption_create(
        user=adopter_coordinator, example_id=example.pk, unit=adopter
    )
    services.adoption_update(user=adopter_coordinator, adoption_id=adoption.pk, status="in_use")

    client.force_login(adopter_coordinator)
    assert "Markera idén som spridd" not in client.get(adoption.get_absolute_url()).content.decode()
    client.force_login(origin_coordinator)
    assert "Markera idén som spridd" in client.get(adoption.get_absolute_url()).content.decode()
    response = client.post(
        reverse("spreading:adoption_mark_spread", kwargs={"slug": example.slug, "pk": adoption.pk})
    )

    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.stage.key == "spread"
    move = idea.moves.order_by("-created_at", "-id").first()
    assert move is not None and "Farsta" in move.reason and example.title in move.reason


def test_an_office_person_sees_adoption_counts_for_the_followup_indicators() -> None:
    example = make_example()
    office = make_office()
    for _ in range(3):
        adoption, _created = services.adoption_create(
            user=office, example_id=example.pk, unit=make_unit()
        )
    services.adoption_update(
        user=office, adoption_id=adoption.pk, status="dropped", drop_reason="x"
    )
    by_unit = selectors.adoption_counts(by="unit")
    assert sorted(sum(row.values()) for row in by_unit.values()) == [1, 1, 1]
    assert GoodExample.objects.get(pk=example.pk).adoption_count == 2
