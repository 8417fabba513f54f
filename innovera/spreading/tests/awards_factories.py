"""Award rounds for tests: a round with two categories and two weighted criteria."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innovera.organisations.models import Unit, UnitType, User
from innovera.spreading import services_awards
from innovera.spreading.models import (
    AwardRound,
    Entrants,
    Nomination,
    NominationStatus,
    RoundStatus,
)
from innovera.spreading.models.awards import token_digest
from innovera.spreading.tests.factories import make_office, make_unit, make_user

LEVELS = ["Saknas", "Svagt", "Godtagbart", "Gott", "Utmärkt"]


def signed_in(user: User) -> Client:
    """A client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def make_round(
    *,
    office: User,
    status: str = RoundStatus.NOMINATING,
    opens_in: int = -10,
    closes_in: int = 10,
    **fields: Any,
) -> AwardRound:
    today = timezone.localdate()
    programme = services_awards.programme_create(
        user=office, name=fields.pop("name", "Förnyelsepriset")
    )
    round_ = services_awards.round_create(
        user=office,
        programme=programme,
        title=fields.pop("title", "Förnyelsepriset 2026"),
        award_name=fields.pop("award_name", "förnyelsepriset 2026"),
        nomination_opens=today + datetime.timedelta(days=opens_in),
        nomination_closes=today + datetime.timedelta(days=closes_in),
        categories=fields.pop(
            "categories", [("Verksamhetsutveckling", ""), ("Digitalisering", "")]
        ),
        criteria=fields.pop(
            "criteria",
            [
                {"name": "Nyhetsvärde", "weight": 2, "levels": LEVELS},
                {"name": "Nytta för invånarna", "weight": 1, "levels": LEVELS},
            ],
        ),
        **fields,
    )
    AwardRound.objects.filter(pk=round_.pk).update(status=status)
    round_.refresh_from_db()
    return round_


def nominate(
    *, user: User, round_: AwardRound, unit: Unit, title: str, category: int = 0
) -> Nomination:
    """`user` nominates `unit` in the round's n-th category, whatever the round's status."""
    status = round_.status
    AwardRound.objects.filter(pk=round_.pk).update(status=RoundStatus.NOMINATING)
    round_.refresh_from_db()
    nomination = services_awards.nomination_create(
        user=user,
        round_=round_,
        category=list(round_.categories.all())[category],
        subject_kind="unit",
        unit=unit,
        title=title,
        motivation=f"{title} har förnyat arbetet.",
    )
    AwardRound.objects.filter(pk=round_.pk).update(status=status)
    round_.refresh_from_db()
    return nomination


# What Eva, an entrant from outside the city, sends unless a test says otherwise.
EVA: dict[str, Any] = {
    "name": "Eva",
    "email": "eva@example.org",
    "title": "Lampor",
    "motivation": "Tänds.",
}


def external_round(*, office: User, name: str = "Förnyelsepriset") -> AwardRound:
    return make_round(office=office, entrants=Entrants.EXTERNAL, name=name)


def enter_external(round_: AwardRound, **fields: Any) -> Nomination:
    """An entry from outside the city in the round's first category, through the service."""
    return services_awards.nomination_enter_external(
        round_=round_, category=round_.categories.first(), **{**EVA, **fields}
    )


def post_external_entry(*, office: User, round_name: str = "Förnyelsepriset", **fields: str) -> str:
    """Someone not signed in enters a new external round's first category; the page they get
    back. Eva's lamps, unless `fields` say otherwise."""
    round_ = external_round(office=office, name=round_name)
    category = round_.categories.first()
    assert category is not None
    answer = Client().post(
        reverse("spreading:award_enter", kwargs={"slug": round_.slug}),
        {"category": category.pk, **EVA, **fields},
        secure=True,
    )
    return answer.content.decode()


def external_nomination(
    round_: AwardRound, *, secret: str, status: str = NominationStatus.ENTERED, **fields: Any
) -> Nomination:
    """An external entrant's entry in the round's first category, stored as the form stores
    one, with the digest of `secret` (its mailed link's token). Vera's, unless `fields` say
    otherwise."""
    entrant = {
        "title": "Vandringens bidrag",
        "entrant_name": "Vera Vandrare",
        "entrant_email": "vera@example.org",
    }
    category = round_.categories.first()
    assert category is not None
    return Nomination.objects.create(
        round=round_,
        category=category,
        subject_kind="external",
        motivation="m",
        status=status,
        confirm_digest=token_digest(secret),
        **{**entrant, **fields},
    )


def scores_for(round_: AwardRound, *values: int) -> dict[int, int]:
    return {
        criterion.pk: value for criterion, value in zip(round_.criteria.all(), values, strict=True)
    }


def award_city() -> dict[str, Any]:
    """An office at the city, three districts and a company."""
    office = make_office()
    root = office.unit
    return {
        "office": office,
        "root": root,
        "north": make_unit(name="Norrmalm", parent=root),
        "south": make_unit(name="Södermalm", parent=root),
        "west": make_unit(name="Västerort", parent=root),
        "port": make_unit(name="Hamnbolaget", unit_type=UnitType.COMPANY, parent=root),
    }


def seated_round(city: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A round in jury scoring with three entries and two jurors: the chair (at the city) and
    a juror from Södermalm, who is conflicted on Södermalm's entry by her unit."""
    office = city["office"]
    round_ = make_round(office=office, **fields)
    nominator = make_user(unit=city["north"])
    entries = [
        nominate(user=nominator, round_=round_, unit=city["north"], title="Norrmalms läxhjälp"),
        nominate(user=nominator, round_=round_, unit=city["south"], title="Södermalms tavlor"),
        nominate(user=nominator, round_=round_, unit=city["west"], title="Västerorts lån"),
    ]
    chair = make_user(unit=city["root"], full_name="Ceci Ordförande")
    juror = make_user(unit=city["south"], full_name="Jon Jurysson")
    services_awards.juror_add(user=office, round_=round_, juror=chair, is_chair=True)
    services_awards.juror_add(user=office, round_=round_, juror=juror)
    services_awards.round_advance(user=office, round_=round_)  # nominating → scoring
    round_.refresh_from_db()
    return {
        "round": round_,
        "entries": entries,
        "chair": chair,
        "juror": juror,
        "nominator": nominator,
    }
