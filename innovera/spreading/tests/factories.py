from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from innovera.ideas.tests.factories import make_coordinator, make_office
from innovera.organisations.models import Unit, User
from innovera.organisations.tests.factories import make_unit, make_user
from innovera.spreading import services
from innovera.spreading.models import GoodExample, KnowledgeSession

__all__ = [
    "make_coordinator",
    "make_example",
    "make_office",
    "make_session",
    "make_unit",
    "make_user",
]


def example_fields(**fields: Any) -> dict[str, Any]:
    return {
        "title": "Förbättringstavlan",
        "summary": "Arbetslagen förbättrar vardagen i små steg.",
        "problem": "Idéer stannade i fikarummet.",
        "what_was_done": "En tavla per arbetslag och korta möten.",
        "for_whom": "Arbetslag i äldreomsorgen",
        "how_to_adopt": "Sätt upp en tavla och boka 15 minuter i veckan.",
        **fields,
    }


def make_example(
    *,
    unit: Unit | None = None,
    author: User | None = None,
    published: bool = True,
    **fields: Any,
) -> GoodExample:
    unit = unit or make_unit()
    author = author or make_coordinator(unit)
    unit_types = fields.pop("unit_types", ())
    example = services.example_create(
        user=author, unit=unit, fields=example_fields(**fields), unit_types=unit_types
    )
    if published:
        services.example_publish(user=make_office(), example=example)
    return example


def make_session(
    *,
    organiser: User | None = None,
    capacity: int = 10,
    starts_in: datetime.timedelta = datetime.timedelta(days=7),
    open_to_residents: bool = False,
    **fields: Any,
) -> KnowledgeSession:
    organiser = organiser or make_user(unit=make_unit())
    starts = timezone.now().replace(microsecond=0) + starts_in
    return services.session_create(
        user=organiser,
        fields={
            "title": "Kom igång med förbättringstavlan",
            "learn": "Hur tavlan används.",
            "for_whom": "Medarbetare",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=1),
            "place": "Stadshuset, sal 3",
            "capacity": capacity,
            "booking_deadline": starts - datetime.timedelta(hours=1),
            "open_to_residents": open_to_residents,
            **fields,
        },
    )
