"""The permission table of the surveys app.

Respondents need no account: their one-time link is their permission, checked in the views
(`survey.answer` is open to everyone who holds a link). Everything else (rounds, results,
imports, reports) is the innovation office's. Asked through `core.permissions.can`.
"""

from __future__ import annotations

from innovera.organisations.permissions import Predicate, anyone, is_innovation_office

PERMISSIONS: dict[str, Predicate] = {
    "survey.answer": anyone,
    "round.list": is_innovation_office,
    "round.create": is_innovation_office,
    "round.view_results": is_innovation_office,
    "round.invite": is_innovation_office,
    "round.import": is_innovation_office,
    "round.report": is_innovation_office,
    "template.edit": is_innovation_office,
}
