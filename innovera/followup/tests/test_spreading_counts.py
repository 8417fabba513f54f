"""The spreading indicators on a hand-made set of adoptions, sessions and bookings."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from innovera.followup import selectors, services
from innovera.followup.indicators import BY_CODE, Period, compute
from innovera.organisations.models import UnitType
from innovera.organisations.tests.factories import make_unit, make_user
from innovera.spreading.models import Adoption, Booking, GoodExample, KnowledgeSession

pytestmark = pytest.mark.django_db
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T10:00"))


def example(unit: Any, slug: str) -> GoodExample:
    return GoodExample.objects.create(
        title=slug,
        slug=slug,
        summary="s",
        problem="p",
        what_was_done="w",
        for_whom="f",
        unit=unit,
        how_to_adopt="h",
    )


def knowledge_session(title: str, day: str, **fields: Any) -> KnowledgeSession:
    """An hour's session on `day`, bookable until the first of May."""
    return KnowledgeSession.objects.create(
        title=title,
        learn="x",
        for_whom="alla",
        starts_at=at(day),
        ends_at=at(day) + datetime.timedelta(hours=1),
        capacity=10,
        booking_deadline=at("2026-05-01"),
        **fields,
    )


def test_adoptions_and_sessions_are_counted_by_hand(client: Any) -> None:
    root = make_unit(name="Staden", unit_type=UnitType.CITY)
    north = make_unit(name="Norr", parent=root)
    south = make_unit(name="Söder", parent=root)
    port = make_unit(name="Hamnen", unit_type=UnitType.COMPANY, parent=root)
    lamps, keys = example(north, "lampor"), example(north, "nycklar")
    Adoption.objects.create(
        example=lamps,
        unit=south,
        status="in_use",
        started_on=datetime.date(2026, 2, 1),
        in_use_on=datetime.date(2026, 4, 1),
    )
    Adoption.objects.create(
        example=keys, unit=south, status="interested", started_on=datetime.date(2026, 3, 1)
    )
    Adoption.objects.create(
        example=lamps, unit=port, status="planning", started_on=datetime.date(2025, 11, 1)
    )
    organiser = make_user(unit=north)
    session = knowledge_session("Lär dig", "2026-05-02", organiser=organiser, unit=north)
    knowledge_session(
        "Inställt", "2026-05-03", organiser=organiser, unit=north, cancelled_at=at("2026-04-01")
    )
    people = [make_user(unit=south) for _ in range(3)]
    Booking.objects.create(session=session, person=people[0], status="booked", attended=True)
    Booking.objects.create(session=session, person=people[1], status="booked", attended=False)
    Booking.objects.create(session=session, person=people[2], status="waiting")

    facts = services.snapshot_refresh(period=PERIOD)
    tree = selectors.unit_tree()
    city, south_group = tree.city_group("Staden"), tree.unit_group(south.pk)
    north_group = tree.unit_group(north.pk)

    def figure(code: str, group: Any) -> Any:
        return compute(BY_CODE[code], facts, group, public=False)

    adoptions = figure("adoptions", south_group)
    assert adoptions.number == 2  # the November adoption is before the period
    assert {c: f for c, f, _n in adoptions.breakdown} == {
        "interested": 1,
        "planning": 0,
        "in_use": 1,
        "dropped": 0,
    }
    assert figure("examples_adopted", north_group).number == 2  # both of Norr's examples
    assert figure("share_units_adopting", city).number == 1 / 3  # Söder of three
    assert figure("sessions_offered", north_group).number == 1  # not the cancelled one
    assert figure("session_bookings", south_group).number == 2  # not the waiting list
    assert figure("session_participants", south_group).number == 1  # one stayed away
    # Söder's adoption in use counts as an innovation it introduced, adopted from Norr.
    introduced = figure("innovations_introduced", south_group)
    assert introduced.number == 1
    assert {c: f for c, f, _n in introduced.breakdown}["adopted:unspecified"] == 1
    # Awards are built: nobody nominated here.
    assert figure("nominations", city).number == 0


def test_the_good_example_datasets_name_no_contact_person(client: Any) -> None:
    root = make_unit(name="Staden", unit_type=UnitType.CITY)
    north = make_unit(name="Norr", parent=root)
    contact = make_user(unit=north, full_name="Greta Kontaktsson", email="greta@example.org")
    lamps = example(north, "lampor")
    GoodExample.objects.filter(pk=lamps.pk).update(
        contact=contact, author=contact, publication="published", published_at=at("2026-01-05")
    )
    example(north, "utkast")  # a draft is not published
    Adoption.objects.create(example=lamps, unit=root, contact=contact, changes="Greta ändrade")
    examples = b"".join(client.get("/oppna-data/good-examples.csv", secure=True).streaming_content)
    adoptions = b"".join(client.get("/oppna-data/adoptions.json", secure=True).streaming_content)
    assert b"lampor" in examples and b"utkast" not in examples
    assert b'"unit": "' in adoptions
    for text in (examples, adoptions):
        assert b"Greta" not in text and b"@" not in text


def test_nominations_per_unit_type_and_units_that_never_nominated(client: Any) -> None:
    from innovera.spreading.models import AwardCategory, AwardProgramme, AwardRound, Nomination

    root = make_unit(name="Staden", unit_type=UnitType.CITY)
    north = make_unit(name="Norr", parent=root)
    south = make_unit(name="Söder", parent=root)
    school = make_unit(name="Skolan", unit_type=UnitType.UNIT, parent=north)
    port = make_unit(name="Hamnen", unit_type=UnitType.COMPANY, parent=root)
    make_unit(name="Parken", unit_type=UnitType.COMPANY, parent=root)
    programme = AwardProgramme.objects.create(name="Priset", slug="priset", kind="award")
    round_ = AwardRound.objects.create(
        programme=programme,
        title="Priset 2026",
        slug="priset-2026",
        award_name="priset",
        nomination_opens=datetime.date(2026, 1, 1),
        nomination_closes=datetime.date(2026, 3, 1),
    )
    category = AwardCategory.objects.create(round=round_, name="Allt")

    def nominate(unit: Any, day: str, status: str = "entered") -> None:
        made = Nomination.objects.create(
            round=round_,
            category=category,
            subject_kind="unit",
            unit=unit,
            nominating_unit=unit,
            title="t",
            motivation="m",
            status=status,
        )
        Nomination.objects.filter(pk=made.pk).update(created_at=at(day))

    nominate(school, "2026-02-01")  # a unit below Norr: Norr has nominated
    nominate(north, "2025-05-01")  # before the period: "ever", not "in the period"
    nominate(port, "2026-02-02", status="withdrawn")  # withdrawn never counts
    nominate(south, "2026-02-03", status="unconfirmed")

    facts = services.snapshot_refresh(period=PERIOD)
    tree = selectors.unit_tree()
    districts = tree.type_group(UnitType.DISTRICT, "Stadsdelar")
    companies = tree.type_group(UnitType.COMPANY, "Bolag")

    def figure(code: str, group: Any) -> Any:
        return compute(BY_CODE[code], facts, group, public=False).number

    assert figure("nominations", districts) == 1  # the school's, in the period
    assert figure("units_ever_nominated", districts) == 1  # Norr of Norr and Söder
    assert figure("units_never_nominated", districts) == 1  # Söder
    assert figure("units_ever_nominated", companies) == 0
    assert figure("units_never_nominated", companies) == 2
