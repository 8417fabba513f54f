"""The permission table of the followup app.

Dashboards, indicators and open data are public: the city accounts for its innovation work.
Figures resting on fewer than five people are shown in full to city employees only
(`followup.view_small_counts`); everyone else sees them suppressed. Goals are recorded by the
coordinators of a unit (or a unit above it) and by the innovation office.
"""

from __future__ import annotations

from typing import Any

from innovera.organisations.models import Role, Unit, User
from innovera.organisations.permissions import (
    AnyUser,
    Predicate,
    anyone,
    is_city_employee,
    is_innovation_office,
    is_signed_in,
    memberships_of,
)


def _chain(unit: Unit | None) -> set[int]:
    chain: set[int] = set()
    while unit is not None:
        chain.add(unit.pk)
        unit = unit.parent
    return chain


def coordinated_unit_ids(user: AnyUser) -> set[int]:
    return {unit for role, unit in memberships_of(user) if role == Role.COORDINATOR}


def may_record_goals(user: AnyUser, unit: Any = None) -> bool:
    """For a unit: its coordinators, those of a unit above it, and the office. Without one:
    whether the person may record goals for some unit."""
    if not is_signed_in(user) or not isinstance(user, User):
        return False
    if is_innovation_office(user):
        return True
    coordinated = coordinated_unit_ids(user)
    if unit is None:
        return bool(coordinated)
    return bool(coordinated & _chain(unit))


def may_edit_goal(user: AnyUser, goal: Any) -> bool:
    return goal is not None and may_record_goals(user, goal.unit)


PERMISSIONS: dict[str, Predicate] = {
    "followup.dashboard": anyone,
    "followup.export": anyone,  # exports hold what the dashboard shows the same person
    "followup.view_small_counts": is_city_employee,
    "followup.refresh": is_innovation_office,
    "goal.list": anyone,
    "goal.create": may_record_goals,
    "goal.edit": may_edit_goal,
    "goal.delete": may_edit_goal,
    "opendata.view": anyone,
    "indicator.api": anyone,
}
