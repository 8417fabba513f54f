"""The permission table of the surveys app.

Respondents need no account: their one-time link is their permission, checked in the views.
Everything else (rounds, results, imports, reports) is the innovation office's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from innovera.organisations.permissions import AnyUser, ask, is_innovation_office

Predicate = Callable[[AnyUser, Any], bool]


PERMISSIONS: dict[str, Predicate] = {
    "round.list": is_innovation_office,
    "round.create": is_innovation_office,
    "round.view_results": is_innovation_office,
    "round.invite": is_innovation_office,
    "round.import": is_innovation_office,
    "round.report": is_innovation_office,
    "template.edit": is_innovation_office,
}


def can(user: AnyUser, action: str, obj: Any = None) -> bool:
    return ask(PERMISSIONS, "surveys", user, action, obj)
