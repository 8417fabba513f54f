"""The ideas app's open datasets (CC BY 4.0): public ideas and public challenges.

Nothing about a person: no submitter, no names or e-mail addresses, no comment texts; dates
without the time of day. A challenge an anonymous visitor may not see is not named.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core.registry import Dataset, DatasetField, named_rows
from innovera.ideas import selectors

IDEA_FIELDS = (
    DatasetField("id", "integer", _("The idea's number, as in its address /ideer/<id>/.")),
    DatasetField("title", "string", _("The idea's title.")),
    DatasetField("description", "string", _("What the idea is.")),
    DatasetField("value", "string", _("What value it creates.")),
    DatasetField("for_whom", "string", _("For whom.")),
    DatasetField(
        "stage",
        "string",
        _(
            "The stage it is in (submitted, in_review, prioritised, declined, merged, parked, testing, implemented, spread)."
        ),
    ),
    DatasetField(
        "owner_unit", "string", _("The address name of the unit that owns it; empty until routed.")
    ),
    DatasetField(
        "owner_unit_type",
        "string",
        _("That unit's type: district, department, company, unit or city."),
    ),
    DatasetField(
        "challenge", "string", _("The address name of the public challenge it answers, if any.")
    ),
    DatasetField(
        "submitter_role",
        "string",
        _(
            "The submitter's role as given: employee, manager, resident, company, academia, other_unit, civil_society."
        ),
    ),
    DatasetField(
        "innovation_type",
        "string",
        _("The OECD type: product, process, organisation, marketing; empty if not classified."),
    ),
    DatasetField("degree", "string", _("incremental or radical; empty if not classified.")),
    DatasetField("support_count", "integer", _("How many people support it.")),
    DatasetField(
        "comment_count", "integer", _("How many comments it has (their texts are not included).")
    ),
    DatasetField("submitted", "date", _("The day it was submitted.")),
    DatasetField("stage_changed", "date", _("The day it last changed stage.")),
)

CHALLENGE_FIELDS = (
    DatasetField("slug", "string", _("The challenge's address name, as in /utmaningar/<slug>/.")),
    DatasetField("title", "string", _("The challenge's title.")),
    DatasetField("need", "string", _("The need it describes.")),
    DatasetField("for_whom", "string", _("For whom.")),
    DatasetField("owner_unit", "string", _("The address name of the unit that owns it.")),
    DatasetField("audience", "string", _("Who may answer: public (everyone) or companies.")),
    DatasetField("status", "string", _("open or closed.")),
    DatasetField("opens_on", "date", _("The first day it is open, if set.")),
    DatasetField("closes_on", "date", _("The last day it is open, if set.")),
    DatasetField("published", "date", _("The day it was created.")),
)


def public_idea_rows() -> Iterator[dict[str, Any]]:
    for (
        pk,
        title,
        description,
        value,
        for_whom,
        stage,
        unit,
        unit_type,
        challenge,
        audience,
        challenge_status,
        role,
        kind,
        degree,
        supports,
        comments,
        created,
        changed,
    ) in selectors.public_ideas_open_data():
        shown = (
            challenge if audience not in (None, "internal") and challenge_status != "draft" else ""
        )
        yield {
            "id": pk,
            "title": title,
            "description": description,
            "value": value,
            "for_whom": for_whom,
            "stage": stage,
            "owner_unit": unit or "",
            "owner_unit_type": unit_type or "",
            "challenge": shown or "",
            "submitter_role": role,
            "innovation_type": kind,
            "degree": degree,
            "support_count": supports,
            "comment_count": comments,
            "submitted": created,
            "stage_changed": changed,
        }


def public_challenge_rows() -> Iterator[dict[str, Any]]:
    return named_rows(selectors.public_challenges_open_data(), CHALLENGE_FIELDS)


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            code="public-ideas",
            title=_("Public ideas"),
            description=_(
                "Every public idea with its stage, owner unit, classification and counts of supports and comments. No personal data: no names, e-mail addresses or comment texts."
            ),
            fields=IDEA_FIELDS,
            rows=public_idea_rows,
            keywords=("innovation", "idéer", "medborgardialog"),
        ),
        Dataset(
            code="challenges",
            title=_("Challenges"),
            description=_(
                "The public challenges the city's units have published and asked for ideas on."
            ),
            fields=CHALLENGE_FIELDS,
            rows=public_challenge_rows,
            keywords=("innovation", "utmaningar"),
        ),
    ]
