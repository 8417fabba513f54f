"""Who may record goals: a unit's coordinators, those of a unit above it, and the office."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from innovera.core.permissions import can
from innovera.followup import selectors
from innovera.ideas.tests.factories import make_coordinator, make_office
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def test_goals_are_recorded_by_the_units_coordinators_those_above_and_the_office() -> None:
    administration = make_unit()
    unit, other = make_unit(parent=administration), make_unit()
    above, own, elsewhere = (
        make_coordinator(administration),
        make_coordinator(unit),
        make_coordinator(other),
    )
    office, employee = make_office(), make_user(unit=unit)

    allowed = {
        who: can(person, "goal.create", unit)
        for who, person in {
            "above": above,
            "own": own,
            "elsewhere": elsewhere,
            "office": office,
            "employee": employee,
            "anonymous": AnonymousUser(),
        }.items()
    }

    assert allowed == {
        "above": True,
        "own": True,
        "elsewhere": False,
        "office": True,
        "employee": False,
        "anonymous": False,
    }
    # Without a unit: whether the person may record goals for some unit at all.
    assert [can(p, "goal.create") for p in (elsewhere, office, employee, AnonymousUser())] == [
        True,
        True,
        False,
        False,
    ]
    assert set(selectors.goal_units(above)) == {administration, unit}
    assert not selectors.goal_units(employee).exists()
