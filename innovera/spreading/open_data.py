"""The spreading app's open datasets (CC BY 4.0): published good examples, and adoptions at
unit level. No contact person, author or booking; adoptions without their free texts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from innovera.core.registry import Dataset, DatasetField, named_rows
from innovera.spreading.models import Adoption, GoodExample, Publication

EXAMPLE_FIELDS = (
    DatasetField("slug", "string", _("The example's address name.")),
    DatasetField("title", "string", _("The example's title.")),
    DatasetField("summary", "string", _("In short.")),
    DatasetField("problem", "string", _("The problem it solves.")),
    DatasetField("what_was_done", "string", _("What was done.")),
    DatasetField("effects", "string", _("The effects seen.")),
    DatasetField("for_whom", "string", _("For whom.")),
    DatasetField("unit", "string", _("The address name of the unit it comes from.")),
    DatasetField("unit_type", "string", _("That unit's type.")),
    DatasetField("status", "string", _("in_use, ended or replaced.")),
    DatasetField("adoption_count", "integer", _("Adoptions by other units.")),
    DatasetField("in_use_count", "integer", _("Adoptions in use.")),
    DatasetField("published", "date", _("The day it was published.")),
)
ADOPTION_FIELDS = (
    DatasetField("example", "string", _("The adopted example's address name.")),
    DatasetField("unit", "string", _("The address name of the adopting unit.")),
    DatasetField("unit_type", "string", _("That unit's type.")),
    DatasetField("status", "string", _("interested, planning, in_use or dropped.")),
    DatasetField("started_on", "date", _("The day the unit showed interest.")),
    DatasetField("in_use_on", "date", _("The day it was taken into use, if it was.")),
    DatasetField("dropped_on", "date", _("The day it was dropped, if it was.")),
)


def _published() -> Any:
    return GoodExample.objects.filter(publication=Publication.PUBLISHED)


def example_rows() -> Iterator[dict[str, Any]]:
    rows = (
        _published()
        .order_by("id")
        .annotate(published_on=TruncDate("published_at"))
        .values_list(
            "slug",
            "title",
            "summary",
            "problem",
            "what_was_done",
            "effects",
            "for_whom",
            "unit__slug",
            "unit__unit_type",
            "status",
            "adoption_count",
            "in_use_count",
            "published_on",
        )
    )
    yield from named_rows(rows.iterator(chunk_size=2000), EXAMPLE_FIELDS)


def adoption_rows() -> Iterator[dict[str, Any]]:
    rows = (
        Adoption.objects.filter(example__in=_published())
        .order_by("id")
        .values_list(
            "example__slug",
            "unit__slug",
            "unit__unit_type",
            "status",
            "started_on",
            "in_use_on",
            "dropped_on",
        )
    )
    yield from named_rows(rows.iterator(chunk_size=2000), ADOPTION_FIELDS)


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            code="good-examples",
            title=_("Good examples"),
            description=_(
                "Published good examples: the problem, what was done, its effects and how often other units adopted it. No contact persons."
            ),
            fields=EXAMPLE_FIELDS,
            rows=example_rows,
            keywords=("innovation", "goda exempel"),
        ),
        Dataset(
            code="adoptions",
            title=_("Adoptions of good examples"),
            description=_(
                "Which unit adopted which published good example, its status and dates: at unit level, without persons or free text."
            ),
            fields=ADOPTION_FIELDS,
            rows=adoption_rows,
            keywords=("innovation", "spridning"),
        ),
    ]
