"""Coordinators export the ideas of their units (the office: all) to CSV and XLSX."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from innovera.core.exports import CSV_TYPE, XLSX_TYPE, Sheet, write_csv, write_xlsx
from innovera.ideas import permissions
from innovera.ideas.models import Idea
from innovera.organisations.models import User

FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
COLUMNS = [
    "id",
    "title",
    "stage",
    "owner_unit",
    "challenge",
    "submitter_role",
    "visibility",
    "innovation_type",
    "degree",
    "score",
    "support_count",
    "comment_count",
    "submitted",
    "stage_changed",
]


def exportable_ideas(user: User) -> QuerySet[Idea]:
    """What `idea.export` covers for this person (the rule is in the permission table)."""
    ideas = permissions.exportable_ideas(user)
    return ideas.select_related("stage", "owner_unit", "challenge").order_by("-created_at", "-id")


def _rows(user: User) -> Any:
    for idea in exportable_ideas(user).iterator(chunk_size=2000):
        yield [
            idea.pk,
            idea.title,
            idea.stage.name_sv,
            idea.owner_unit.name if idea.owner_unit else "",
            idea.challenge.title if idea.challenge else "",
            idea.submitter_role,
            idea.visibility,
            idea.innovation_type,
            idea.degree,
            float(idea.score) if idea.score is not None else None,
            idea.support_count,
            idea.comment_count,
            timezone.localtime(idea.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(idea.stage_changed_at).strftime("%Y-%m-%d %H:%M"),
        ]


def ideas_export(*, user: User, file_format: str) -> tuple[bytes, str]:
    """Every cell through core's safe-cell writer: a title like ``=HYPERLINK(…)`` stays text."""
    if file_format == "csv":
        return write_csv(COLUMNS, _rows(user)), FORMATS["csv"]
    return write_xlsx([Sheet("Idéer", COLUMNS, _rows(user))]), FORMATS["xlsx"]
