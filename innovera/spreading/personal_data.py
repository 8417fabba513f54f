"""What the spreading app holds about a person, for their data export and erasure.

Kept after an erasure, as the city's records: good examples, adoptions and their trail, and
knowledge sessions, tied to the anonymised account ("Borttagen användare"). Deleted: the
person's bookings, calendar token and notices.
"""

from __future__ import annotations

from typing import Any

from innovera.core.personal_data import records_about, user_fields
from innovera.spreading.models import (
    Adoption,
    AdoptionEvent,
    Booking,
    CalendarToken,
    GoodExample,
    KnowledgeSession,
    Notice,
)

EXPORTED = (GoodExample, Adoption, AdoptionEvent, KnowledgeSession, Booking, CalendarToken, Notice)


def personal_data(user: Any) -> dict[str, list[dict[str, Any]]]:
    return {model._meta.label: records_about(user, model) for model in EXPORTED}


def erase_personal_data(user: Any) -> None:
    for model in (Booking, CalendarToken, Notice):
        for link in user_fields(model):
            model.objects.filter(**{link: user}).delete()
