from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from innovera.ideas import services
from innovera.ideas.models import Challenge, ChallengeStatus, Idea, Topic, Visibility
from innovera.organisations.models import Role, Unit, UnitType, User
from innovera.organisations.services import membership_grant
from innovera.organisations.tests.factories import make_unit, make_user


def make_idea(
    *,
    submitter: User | None = None,
    unit: Unit | None = None,
    visibility: str = Visibility.PUBLIC,
    title: str = "Nyckelfri hemtjänst",
    **fields: Any,
) -> Idea:
    submitter = submitter or make_user()
    idea, _created = services.idea_submit(
        user=submitter,
        submission_key=uuid.uuid4(),
        fields={
            "title": title,
            "description": fields.pop("description", "Digitala lås i hemtjänsten."),
            "value": "Tryggare",
            "for_whom": "Brukare",
            "situation": "",
            "submitter_role": fields.pop("submitter_role", "resident"),
        },
    )
    Idea.objects.filter(pk=idea.pk).update(visibility=visibility, owner_unit=unit, **fields)
    idea.refresh_from_db()
    return idea


# A short idea's required fields.
IDEA = {
    "title": "Idé",
    "description": "x",
    "value": "x",
    "for_whom": "x",
    "submitter_role": "resident",
}


def idea_form(**fields: Any) -> dict[str, Any]:
    """What the idea form and the API are sent for a short idea, with a fresh submission key;
    `fields` change or add to it."""
    return {**IDEA, "submission_key": str(uuid.uuid4()), **fields}


def submit_idea(
    user: User, *, topics: Iterable[Topic] = (), challenge: Challenge | None = None, **fields: Any
) -> Idea:
    """A short idea submitted through the service (`fields` change or add to it)."""
    idea, _created = services.idea_submit(
        user=user,
        submission_key=uuid.uuid4(),
        fields={**IDEA, "situation": "", **fields},
        topics=topics,
        challenge=challenge,
    )
    return idea


def make_challenge(
    unit: Unit, *, by: User | None = None, title: str = "Tryggare hemtjänst", **fields: Any
) -> Challenge:
    """An open challenge of the unit, published by a coordinator of it (or `by`), with short
    texts unless `fields` say otherwise."""
    return services.challenge_publish(
        user=by or make_coordinator(unit),
        owner_unit=unit,
        fields={
            "title": title,
            "need": "N",
            "for_whom": "F",
            "status": ChallengeStatus.OPEN,
            **fields,
        },
    )


def make_coordinator(unit: Unit) -> User:
    user = make_user(unit=unit)
    membership_grant(user=user, unit=unit, role=Role.COORDINATOR)
    return user


def make_office() -> User:
    city = make_unit(name="Staden", unit_type=UnitType.CITY)
    user = make_user(unit=city)
    membership_grant(user=user, unit=city, role=Role.INNOVATION_OFFICE)
    return user
