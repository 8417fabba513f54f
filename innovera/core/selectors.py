"""Facts shown on the shared pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The date of the last accessibility assessment; update it with each new review.
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 11, 27)


COMING_SOON = _("Coming soon.")


@dataclass(frozen=True)
class ModuleLink:
    title: str | Promise
    description: str | Promise
    url: str | None
    note: str | Promise = COMING_SOON


def module_links(*, show_surveys: bool = False) -> list[ModuleLink]:
    """The modules of SPEC §4; those not built, or not open to this person, have no link."""
    return [
        ModuleLink(
            _("Units"),
            _("The administrations, companies and units of the city."),
            reverse("organisations:unit_directory"),
        ),
        ModuleLink(
            _("Ideas and challenges"),
            _("Submit ideas and follow what happens."),
            reverse("ideas:idea_list"),
        ),
        ModuleLink(_("Good examples"), _("Find, adopt and spread what works."), None),
        ModuleLink(
            _("Innovation capability survey"),
            _("The city's recurring survey."),
            reverse("surveys:round_list") if show_surveys else None,
            _("Run by the innovation office; heads of units answer through a personal link."),
        ),
        # Indicators, goals and open data are public: the city accounts for its work.
        ModuleLink(
            _("Follow-up"),
            _("Indicators for innovation work and results."),
            reverse("followup:city"),
        ),
        # Governing documents are public records: the table is open to everyone.
        ModuleLink(
            _("Governing documents"),
            _("Concepts in the city's governing documents."),
            reverse("documents:table"),
        ),
    ]


def accessibility_facts() -> dict[str, Any]:
    return {"assessed_on": ACCESSIBILITY_ASSESSED_ON}
