"""Who of an idea's followers is told of a change: decided for all of them at once, by the
`idea.view` rule, in a number of queries that does not grow with the followers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovera.core.permissions import can
from innovera.ideas import services
from innovera.ideas.models import Follow, Notification, Visibility
from innovera.ideas.permissions import idea_viewers
from innovera.ideas.tests.factories import make_coordinator, make_idea, make_office
from innovera.organisations.models import Role, Unit, UnitType, User
from innovera.organisations.services import membership_grant
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def tree() -> tuple[Unit, Unit, Unit]:
    """A city, an administration in it and a unit of that administration."""
    city = make_unit(name="Stockholm", unit_type=UnitType.CITY)
    administration = make_unit(parent=city)
    return city, administration, make_unit(parent=administration)


def everyone(units: tuple[Unit, Unit, Unit], other: Unit, how_many: int) -> list[User]:
    """`how_many` of each kind of person: residents, employees of the idea's unit and of
    another, people with a role above the idea's unit, coordinators and the office."""
    city, administration, unit = units
    people: list[User] = []
    for _ in range(how_many):
        member = make_user(unit=other)
        membership_grant(user=member, unit=administration, role=Role.EMPLOYEE)
        office = make_user(unit=other)
        membership_grant(user=office, unit=city, role=Role.INNOVATION_OFFICE)
        people += [
            make_user(),
            make_user(unit=unit),
            make_user(unit=other),
            member,
            make_coordinator(administration),
            office,
        ]
    return people


def follow(idea, people: list[User]) -> None:
    Follow.objects.bulk_create(Follow(idea=idea, user=person) for person in people)


def queries_to_notify(idea) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.notify_followers(idea=idea, message="Idén har flyttats")
    return len(queries)


@pytest.mark.parametrize("visibility", Visibility.values)
def test_the_followers_who_may_see_an_idea_are_those_the_view_rule_lets_see_it(
    visibility: str,
) -> None:
    units = tree()
    submitter = make_user()
    idea = make_idea(submitter=submitter, unit=units[2], visibility=visibility)
    people = [*everyone(units, make_unit(), 1), submitter, make_office()]

    viewers = idea_viewers(idea, list(User.objects.filter(pk__in=[p.pk for p in people])))

    assert viewers == {person.pk for person in people if can(person, "idea.view", idea)}


def test_deciding_who_of_the_followers_is_told_costs_the_same_queries_for_six_or_sixty() -> None:
    units = tree()
    other = make_unit(parent=units[1])
    few = make_idea(unit=units[2], visibility=Visibility.UNIT)
    many = make_idea(unit=units[2], visibility=Visibility.UNIT)
    follow(few, everyone(units, other, 1))
    follow(many, everyone(units, other, 10))

    assert queries_to_notify(few) == queries_to_notify(many)
    assert (
        Notification.objects.filter(idea=many).count()
        > Notification.objects.filter(idea=few).count()
    )


def test_a_follower_who_may_not_see_an_internal_idea_gets_no_notice() -> None:
    units = tree()
    idea = make_idea(unit=units[2], visibility=Visibility.CITY)
    resident, employee = make_user(), make_user(unit=make_unit())
    follow(idea, [resident, employee])

    told = services.notify_followers(idea=idea, message="Idén har flyttats")

    notified = set(Notification.objects.filter(idea=idea).values_list("user_id", flat=True))
    assert employee.pk in notified and resident.pk not in notified
    # The submitter follows their own idea and sees it.
    assert notified == {employee.pk, idea.submitter_id} and told == 2


def test_for_a_public_idea_the_followers_are_told_without_building_each_ones_rule() -> None:
    units = tree()
    idea = make_idea(unit=units[2], visibility=Visibility.PUBLIC)
    people = list(User.objects.filter(pk__in=[p.pk for p in everyone(units, make_unit(), 10)]))

    with CaptureQueriesContext(connection) as queries:
        viewers = idea_viewers(idea, people)

    assert viewers == {person.pk for person in people}
    assert len(queries) == 1  # the one question: may anyone at all see it?
