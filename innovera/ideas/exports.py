"""Coordinators export the ideas of their units (the office: all) to CSV and XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from innovera.ideas import permissions
from innovera.ideas.models import Idea
from innovera.organisations.models import Membership, Role, User

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
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
    """The office exports every idea; a coordinator those of the units they coordinate."""
    ideas = permissions.visible_ideas(user)
    if not permissions.is_office(user):
        units = Membership.objects.filter(user=user, role=Role.COORDINATOR).values("unit_id")
        ideas = ideas.filter(owner_unit_id__in=units)
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


def _safe(value: Any) -> Any:
    # A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def ideas_export(*, user: User, file_format: str) -> tuple[bytes, str]:
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for row in _rows(user):
            writer.writerow([_safe(value) for value in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), FORMATS["csv"]
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Idéer")
    sheet.append(COLUMNS)
    for row in _rows(user):
        sheet.append([_safe(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), FORMATS["xlsx"]
