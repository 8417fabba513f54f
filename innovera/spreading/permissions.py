"""The permission table of the spreading app: good examples, adoptions, sessions.

Every channel asks here — pages, the API, search, calendar files and feeds, notices — through
`can()` for one object and `visible_examples()` / `visible_sessions()` for lists.

- A draft example is private to its author and the innovation office; a published one is
  public. Coordinators publish for their unit, the office for any.
- A session is for city employees unless the organiser opens it to residents; its attendee
  list is seen only by the organiser and the office.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise

from innovera.core.permissions import can
from innovera.organisations.models import Role, User
from innovera.organisations.permissions import (
    AnyUser,
    Predicate,
    coordinates,
    is_coordinator_anywhere,
    is_innovation_office,
    is_signed_in,
    memberships_of,
)
from innovera.spreading.groups.permissions import GROUP_PERMISSIONS, GROUP_REFUSALS
from innovera.spreading.permissions_awards import AWARD_PERMISSIONS, AWARD_REFUSALS


def _user(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and is_signed_in(user) else None


def is_office(user: AnyUser, obj: Any = None) -> bool:
    return is_innovation_office(user)


def is_employee(user: AnyUser, obj: Any = None) -> bool:
    person = _user(user)
    return person is not None and person.unit_id is not None


def anyone(user: AnyUser, obj: Any = None) -> bool:
    return True


def coordinated_unit_ids(user: AnyUser) -> set[int]:
    """The units this person coordinates directly (the office: none in particular)."""
    person = _user(user)
    if person is None:
        return set()
    return {unit for role, unit in memberships_of(person) if role == Role.COORDINATOR}


# --- Good examples -------------------------------------------------------------------------


def visible_examples(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """The examples this person may see: published ones, and drafts of their own."""
    from innovera.spreading.models import GoodExample, Publication

    examples = queryset if queryset is not None else GoodExample.objects.all()
    if is_office(user):
        return examples
    person = _user(user)
    rule = Q(publication=Publication.PUBLISHED)
    if person is not None:
        rule |= Q(author=person)
    return examples.filter(rule)


def can_view_example(user: AnyUser, example: Any) -> bool:
    if example.is_published or is_office(user):
        return True
    person = _user(user)
    return person is not None and example.author_id == person.pk


def can_create_example(user: AnyUser, unit: Any = None) -> bool:
    """Without a unit: may the person write examples at all; with one: for that unit."""
    return coordinates(user, unit) if unit is not None else is_coordinator_anywhere(user)


def can_create_example_from_idea(user: AnyUser, idea: Any) -> bool:
    # The idea's own table decides who handles it, asked by its action's name.
    return (
        idea is not None
        and idea.stage.key in ("implemented", "spread")
        and can(user, "idea.handle", idea)
    )


def can_edit_example(user: AnyUser, example: Any) -> bool:
    person = _user(user)
    if person is None:
        return False
    return example.author_id == person.pk or coordinates(person, example.unit)


def can_publish_example(user: AnyUser, example: Any) -> bool:
    return _user(user) is not None and coordinates(user, example.unit)


# --- Adoptions -----------------------------------------------------------------------------


def can_adopt_example(user: AnyUser, example: Any) -> bool:
    """A coordinator of another unit says "Vi vill också" on a published example."""
    if example is None:
        return is_coordinator_anywhere(user)
    if not example.is_published:
        return False
    return bool(coordinated_unit_ids(user) - {example.unit_id}) or is_office(user)


def can_view_adoption(user: AnyUser, adoption: Any) -> bool:
    return can_view_example(user, adoption.example)


def can_edit_adoption(user: AnyUser, adoption: Any) -> bool:
    return _user(user) is not None and coordinates(user, adoption.unit)


def can_mark_idea_spread(user: AnyUser, adoption: Any) -> bool:
    """The idea behind an example may be moved to "spread" by those who handle the idea."""
    idea = adoption.example.idea
    return idea is not None and can(user, "idea.handle", idea)


# --- Sessions ------------------------------------------------------------------------------


def visible_sessions(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    from innovera.spreading.models import KnowledgeSession

    sessions = queryset if queryset is not None else KnowledgeSession.objects.all()
    if is_employee(user) or is_office(user):
        return sessions
    return sessions.filter(open_to_residents=True)


def can_view_session(user: AnyUser, session: Any) -> bool:
    return session.open_to_residents or is_employee(user) or is_office(user)


def can_offer_session(user: AnyUser, obj: Any = None) -> bool:
    return is_employee(user)


def can_manage_session(user: AnyUser, session: Any) -> bool:
    """The organiser and the office: edit, cancel, see attendees, mark attendance."""
    person = _user(user)
    if person is None:
        return False
    return session.organiser_id == person.pk or is_office(person)


def can_book_session(user: AnyUser, session: Any) -> bool:
    person = _user(user)
    if person is None or not can_view_session(person, session):
        return False
    # Residents book open sessions once their e-mail address is confirmed.
    return person.unit_id is not None or person.email_verified


def can_cancel_booking(user: AnyUser, booking: Any) -> bool:
    person = _user(user)
    if person is None:
        return False
    return booking.person_id == person.pk or can_manage_session(person, booking.session)


def can_manage_campaign(user: AnyUser, obj: Any = None) -> bool:
    return is_office(user)


PERMISSIONS: dict[str, Predicate] = {
    "example.list": anyone,  # filtered by visible_examples
    "example.view": can_view_example,
    "example.create": can_create_example,
    "example.from_idea": can_create_example_from_idea,
    "example.edit": can_edit_example,
    "example.publish": can_publish_example,
    "example.attachment": can_view_example,
    "adoption.list": anyone,  # filtered by visible_examples
    "adoption.create": can_adopt_example,
    "adoption.view": can_view_adoption,
    "adoption.edit": can_edit_adoption,
    "adoption.mark_idea_spread": can_mark_idea_spread,
    "session.list": anyone,  # filtered by visible_sessions
    "session.view": can_view_session,
    "session.create": can_offer_session,
    "session.edit": can_manage_session,
    "session.attendees": can_manage_session,
    "session.book": can_book_session,
    "booking.cancel": can_cancel_booking,
    "booking.list_own": is_signed_in,
    "campaign.view": anyone,
    "campaign.manage": can_manage_campaign,
    # The feed is reached by its secret address; the view finds the person by the token.
    "calendar.feed": anyone,
    "calendar.manage": is_signed_in,
    "spreading_notice.list": is_signed_in,
    # Discussion groups (part 2): their own module, merged into this one table.
    **GROUP_PERMISSIONS,
}

# Awards and competitions (part 2): their own module, merged into the one table.
PERMISSIONS.update(AWARD_PERMISSIONS)

# What a refusal says, the same on the page, in the API and from the service.
REFUSALS: dict[str, str | Promise] = {**AWARD_REFUSALS, **GROUP_REFUSALS}
