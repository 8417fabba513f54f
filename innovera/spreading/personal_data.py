"""What the spreading app holds about a person, for their data export and erasure.

Kept after an erasure, as the city's records: good examples, adoptions and their trail,
knowledge sessions, award nominations, jury seats, declared conflicts and scores (a jury's
decision must stay explainable), and discussion groups with their posts and replies, tied to the
anonymised account ("Borttagen användare"). Deleted: the person's bookings, calendar token and
notices, group memberships, follows, requests to join, invitations and reports of posts; their
name in notices others received.
"""

from __future__ import annotations

import re
from typing import Any

from innovera.core.personal_data import records_about, user_fields
from innovera.organisations.models import ERASED_NAME
from innovera.spreading.models import (
    Adoption,
    AdoptionEvent,
    Assessment,
    Booking,
    CalendarToken,
    ConflictOfInterest,
    DiscussionGroup,
    GoodExample,
    GroupFollow,
    GroupInvitation,
    GroupMember,
    JoinRequest,
    Juror,
    KnowledgeSession,
    Nomination,
    Notice,
    Post,
    PostReport,
)

EXPORTED = (
    GoodExample,
    Adoption,
    AdoptionEvent,
    KnowledgeSession,
    Booking,
    CalendarToken,
    Notice,
    Nomination,
    Juror,
    ConflictOfInterest,
    Assessment,
    DiscussionGroup,
    GroupMember,
    JoinRequest,
    GroupInvitation,
    Post,
    PostReport,
    GroupFollow,
)


def personal_data(user: Any) -> dict[str, list[dict[str, Any]]]:
    return {model._meta.label: records_about(user, model) for model in EXPORTED}


def erase_personal_data(user: Any) -> None:
    for model in (Booking, CalendarToken, Notice):
        for link in user_fields(model):
            model.objects.filter(**{link: user}).delete()
    # Group ties about the person go; what they wrote stays under the erased name.
    GroupMember.objects.filter(person=user).delete()
    GroupFollow.objects.filter(person=user).delete()
    JoinRequest.objects.filter(person=user).delete()
    GroupInvitation.objects.filter(person=user).delete()
    PostReport.objects.filter(reporter=user).delete()
    _scrub_name_from_notices(user)


def _scrub_name_from_notices(user: Any) -> None:
    """Notices others received may name the person (an organiser is told who was booked above
    a lowered limit): the name becomes "Borttagen användare" there too. Whole words only, so a
    short name never changes other words."""
    names = {name.strip() for name in (user.full_name, getattr(user, "display_name", "")) if name}
    for name in names:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for notice in Notice.objects.filter(text__contains=name).only("pk", "text"):
            text = pattern.sub(ERASED_NAME, notice.text)
            if text != notice.text:
                Notice.objects.filter(pk=notice.pk).update(text=text[:300])
