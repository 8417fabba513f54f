"""A jury has one chair, since the chair alone records the winners: the office cannot seat a
second (the service, the jury page and the database refuse it) but moves the chair with the
seat's "make the chair" button. The chair records the winners of every category, so a round
has one chair even when its jurors sit per category."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from innovera.core.exceptions import ApplicationError
from innovera.core.models import AuditEntry
from innovera.organisations.models import User
from innovera.spreading import services_awards
from innovera.spreading.models import AwardRound, Juror, RoundStatus
from innovera.spreading.permissions_awards import (
    can_chair,
    can_declare_conflict,
    can_score,
    can_see_scores,
)
from innovera.spreading.tests.awards_factories import make_round, nominate
from innovera.spreading.tests.factories import make_user
from innovera.spreading.tests.test_awards_office import jurors_url, signed_in

pytestmark = pytest.mark.django_db

TAKEN = "Juryn har redan en ordförande: Ceci Ordförande."


def chaired_round(city: dict[str, Any]) -> tuple[AwardRound, Any]:
    """A round being prepared whose jury Ceci chairs."""
    round_ = make_round(office=city["office"], status=RoundStatus.PREPARING)
    chair = make_user(unit=city["root"], full_name="Ceci Ordförande")
    services_awards.juror_add(user=city["office"], round_=round_, juror=chair, is_chair=True)
    return round_, chair


def test_the_service_refuses_a_second_chair_and_names_the_chair(city: dict[str, Any]) -> None:
    round_, chair = chaired_round(city)
    other = make_user(unit=city["north"], full_name="Nora Norrmalm")

    with pytest.raises(ApplicationError) as refused:
        services_awards.juror_add(user=city["office"], round_=round_, juror=other, is_chair=True)

    assert refused.value.field == "is_chair" and str(refused.value.message) == TAKEN
    assert not Juror.objects.filter(user=other).exists()  # nothing stored
    # Seated as a juror she is welcome, and the chair may be seated again as chair.
    services_awards.juror_add(user=city["office"], round_=round_, juror=other)
    assert can_chair(chair, round_) and not can_chair(other, round_)
    services_awards.juror_add(user=city["office"], round_=round_, juror=chair, is_chair=True)
    assert Juror.objects.filter(round=round_, is_chair=True).get().user == chair


def test_the_jury_page_shows_the_refusal_at_the_field_and_keeps_the_input(
    city: dict[str, Any],
) -> None:
    round_, _chair = chaired_round(city)
    make_user(unit=city["north"], full_name="Nora Norrmalm", email="nora@example.org")

    answer = signed_in(city["office"]).post(
        jurors_url(round_), {"email": "nora@example.org", "is_chair": "on"}, secure=True
    )

    page = answer.content.decode()
    assert answer.status_code == 400
    at_the_field = re.search(r'id="id_is_chair_error">(.*?)</div>', page, re.S)
    assert at_the_field and TAKEN in at_the_field.group(1)
    assert re.search(r'<input[^>]*value="nora@example.org"', page)
    assert re.search(r'<input[^>]*name="is_chair"[^>]*checked', page)
    assert Juror.objects.filter(round=round_).count() == 1


def test_the_database_refuses_a_second_chair_too(city: dict[str, Any]) -> None:
    round_, _chair = chaired_round(city)
    first, second = round_.categories.all()
    other = make_user(unit=city["north"])
    for category in (None, first, second):
        with pytest.raises(IntegrityError), transaction.atomic():
            Juror.objects.create(round=round_, category=category, user=other, is_chair=True)
    Juror.objects.create(round=round_, category=first, user=make_user())  # jurors are many
    assert Juror.objects.filter(round=round_, is_chair=True).count() == 1
    # Another round has its own chair.
    another = make_round(office=city["office"], status=RoundStatus.PREPARING)
    Juror.objects.create(round=another, user=other, is_chair=True)


def test_the_office_moves_the_chair_with_the_make_the_chair_button(city: dict[str, Any]) -> None:
    round_, chair = chaired_round(city)
    other = make_user(unit=city["north"], full_name="Nora Norrmalm")
    seat = services_awards.juror_add(user=city["office"], round_=round_, juror=other)
    client = signed_in(city["office"])
    button = reverse("spreading:award_juror_chair", kwargs={"slug": round_.slug, "pk": seat.pk})

    answer = client.post(button, secure=True, follow=True)

    page = answer.content.decode()
    assert "Nora Norrmalm är juryns ordförande i stället för Ceci Ordförande." in page
    assert "Gör Ceci Ordförande till ordförande" in page  # Ceci stays on the jury
    assert Juror.objects.get(round=round_, is_chair=True).user == other
    assert Juror.objects.filter(round=round_, user=chair, is_chair=False).exists()
    assert can_chair(other, round_) and not can_chair(chair, round_)
    moved = AuditEntry.objects.get(action="award_juror.chair")
    assert moved.person == other and moved.details["former_chairs"] == [chair.pk]


def test_a_jury_seated_per_category_still_has_one_chair_for_the_round(
    city: dict[str, Any],
) -> None:
    round_ = make_round(office=city["office"], status=RoundStatus.PREPARING)
    development, digital = round_.categories.all()
    office = city["office"]
    chair = make_user(unit=city["root"], full_name="Ceci Ordförande")
    services_awards.juror_add(
        user=office, round_=round_, juror=chair, category=development, is_chair=True
    )

    # Another category's chair would record the winners of the same round.
    with pytest.raises(ApplicationError, match=TAKEN):
        services_awards.juror_add(
            user=office,
            round_=round_,
            juror=make_user(unit=city["south"]),
            category=digital,
            is_chair=True,
        )
    # Nor can the chair hold a second chair seat in the other category.
    with pytest.raises(ApplicationError, match=TAKEN):
        services_awards.juror_add(
            user=office, round_=round_, juror=chair, category=digital, is_chair=True
        )
    services_awards.juror_add(user=office, round_=round_, juror=chair, category=digital)
    assert set(
        Juror.objects.filter(round=round_, is_chair=True).values_list("category", "user")
    ) == {(development.pk, chair.pk)}


def test_a_category_chair_is_refused_beside_the_whole_rounds_chair(city: dict[str, Any]) -> None:
    round_, _chair = chaired_round(city)
    development = round_.categories.first()
    with pytest.raises(ApplicationError, match=TAKEN):
        services_awards.juror_add(
            user=city["office"],
            round_=round_,
            juror=make_user(unit=city["north"]),
            category=development,
            is_chair=True,
        )


def test_seating_the_chair_again_without_the_box_ticked_keeps_the_chair(
    city: dict[str, Any],
) -> None:
    round_, chair = chaired_round(city)

    services_awards.juror_add(user=city["office"], round_=round_, juror=chair)

    assert Juror.objects.get(round=round_, user=chair).is_chair
    # Only the seat's own button takes the chair away.
    seat = Juror.objects.get(round=round_, user=chair)
    services_awards.juror_chair_remove(user=city["office"], seat=seat)
    assert not Juror.objects.filter(round=round_, is_chair=True).exists()


def test_a_closed_account_cannot_be_made_the_chair(city: dict[str, Any]) -> None:
    round_, chair = chaired_round(city)
    leaving = make_user(unit=city["north"], full_name="Nora Norrmalm")
    seat = services_awards.juror_add(user=city["office"], round_=round_, juror=leaving)
    User.objects.filter(pk=leaving.pk).update(is_active=False)
    seat.refresh_from_db()

    with pytest.raises(ApplicationError, match="inte aktivt"):
        services_awards.juror_make_chair(user=city["office"], seat=seat)

    assert Juror.objects.get(round=round_, is_chair=True).user == chair


def test_a_chair_seated_for_one_category_judges_the_entries_of_every_category(
    city: dict[str, Any],
) -> None:
    office = city["office"]
    round_ = make_round(office=office)
    development, digital = round_.categories.all()
    nominator = make_user(unit=city["north"])
    entry = nominate(
        user=nominator, round_=round_, unit=city["west"], title="Västerorts lån", category=1
    )
    chair = make_user(unit=city["root"], full_name="Ceci Ordförande")
    services_awards.juror_add(
        user=office, round_=round_, juror=chair, category=development, is_chair=True
    )
    services_awards.round_advance(user=office, round_=round_)  # nominating → scoring
    entry.refresh_from_db()
    assert entry.category == digital

    # She records the winners of the digital category too, so she sees its scores and may
    # declare a conflict on its entries; she does not score them (not her category's seat).
    assert can_see_scores(chair, entry)
    assert can_declare_conflict(chair, entry)
    assert not can_score(chair, entry)
