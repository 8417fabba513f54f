"""The Wien.Team measures on a hand-made set of groups and posts, through the follow-up's own
indicators (per unit, per unit type, for the city), against numbers counted by hand."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from innovera.followup import selectors, services
from innovera.followup.indicators import BY_CODE, Period, compute
from innovera.organisations.models import UnitType
from innovera.organisations.tests.factories import make_unit, make_user
from innovera.spreading.models import DiscussionGroup, Post

pytestmark = pytest.mark.django_db
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T10:00"))


def group(slug: str, unit: Any, access: str = "open") -> DiscussionGroup:
    return DiscussionGroup.objects.create(
        name=slug, slug=slug, purpose="p", access=access, unit=unit
    )


def post(where: DiscussionGroup, author: Any, day: str, **fields: Any) -> Post:
    return Post.objects.create(
        group=where, author=author, text="t", html="<p>t</p>", created_at=at(day), **fields
    )


def test_groups_posts_replies_and_writers_are_counted_by_hand() -> None:
    root = make_unit(name="Staden", unit_type=UnitType.CITY)
    north = make_unit(name="Norr", unit_type=UnitType.DISTRICT, parent=root)
    south = make_unit(name="Söder", unit_type=UnitType.DISTRICT, parent=root)
    port = make_unit(name="Hamnen", unit_type=UnitType.COMPANY, parent=root)
    anna, bo, cilla = make_user(unit=north), make_user(unit=south), make_user(unit=port)
    nets, harbour, quiet = (
        group("natverk", north),
        group("hamn", port, "closed"),
        group("tyst", south),
    )

    first = post(nets, anna, "2026-02-01")
    post(nets, anna, "2026-03-01")
    post(nets, anna, "2026-03-02", parent=first)
    post(nets, bo, "2026-03-03", parent=first)
    post(harbour, bo, "2026-04-01")
    post(harbour, cilla, "2026-04-02", status="removed")  # removed: not counted
    post(quiet, bo, "2025-12-31")  # before the period
    post(quiet, bo, "2026-07-01")  # after it

    facts = services.snapshot_refresh(period=PERIOD)
    tree = selectors.unit_tree()
    city = tree.city_group("Staden")
    districts = tree.type_group(UnitType.DISTRICT, "Stadsdelar")
    companies = tree.type_group(UnitType.COMPANY, "Bolag")

    def figure(code: str, where: Any) -> Any:
        return compute(BY_CODE[code], facts, where, public=False)

    # Groups with something written in the period, counted where their creator works.
    assert figure("groups_active", city).number == 2  # nätverk and hamn, not the quiet one
    assert figure("groups_active", tree.unit_group(north.pk)).number == 1
    assert figure("groups_active", tree.unit_group(south.pk)).number == 0
    assert figure("groups_active", companies).number == 1
    # Posts and replies, counted for the author's home unit.
    posts = figure("group_posts", city)
    assert posts.number == 5
    assert {c: f for c, f, _n in posts.breakdown} == {"post": 3, "reply": 2}
    north_posts = figure("group_posts", tree.unit_group(north.pk))
    assert {c: f for c, f, _n in north_posts.breakdown} == {"post": 2, "reply": 1}
    assert figure("group_posts", districts).number == 5
    assert figure("group_posts", companies).number == 0
    # People writing: Anna and Bo (Cilla's only post was removed).
    assert figure("group_active_users", city).number == 2
    assert figure("group_active_users", tree.unit_group(south.pk)).number == 1
    assert figure("group_active_users", companies).number == 0


def test_the_counts_hold_no_text_or_name() -> None:
    root = make_unit(name="Staden", unit_type=UnitType.CITY)
    north = make_unit(name="Norr", unit_type=UnitType.DISTRICT, parent=root)
    writer = make_user(unit=north, full_name="Hemliga Hanna")
    post(group("g", north), writer, "2026-02-01")
    counts = services.count_period(PERIOD)
    text = repr({k: counts[k] for k in ("groups", "posts", "group_writers")})
    assert "Hanna" not in text and "'t'" not in text
    assert counts["posts"] == {north.pk: {"post": 1}}
