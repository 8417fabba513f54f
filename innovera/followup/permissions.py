"""The permission table of the followup app.

Dashboards, indicators and open data are public: the city accounts for its innovation work.
Figures resting on fewer than five people are shown in full to city employees only
(`followup.view_small_counts`); everyone else sees them suppressed. Goals are recorded by the
coordinators of a unit (or a unit above it) and by the innovation office.
"""

from __future__ import annotations

from typing import Any

from innovera.organisations.permissions import (
    AnyUser,
    Predicate,
    anyone,
    coordinates,
    is_city_employee,
    is_coordinator_anywhere,
    is_innovation_office,
)


def may_record_goals(user: AnyUser, unit: Any = None) -> bool:
    """For a unit: its coordinators, those of a unit above it, and the office. Without one:
    whether the person may record goals for some unit."""
    return coordinates(user, unit) if unit is not None else is_coordinator_anywhere(user)


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
