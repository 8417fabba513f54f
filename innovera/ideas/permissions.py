"""The permission table of the ideas app: role × action × the idea's visibility and stage.

Every channel asks here — pages, the API, search, similar-idea suggestions, exports, feeds and
notifications — through `can()` for one object and `visible_ideas()` for lists. `URL_ACTIONS`
names the action behind every URL; a test fails for a URL without one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from innovera.organisations.models import Role, Unit, User
from innovera.organisations.permissions import (
    AnyUser,
    ask,
    is_innovation_office,
    is_signed_in,
    memberships_of,
)

Predicate = Callable[[AnyUser, Any], bool]


def _user(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and is_signed_in(user) else None


def is_office(user: AnyUser, obj: Any = None) -> bool:
    return is_innovation_office(user)


def _coordinates_in(person: User, units: list[int]) -> bool:
    return any(role == Role.COORDINATOR and unit in units for role, unit in memberships_of(person))


def unit_chain(unit: Unit | None) -> list[int]:
    """The unit and every unit above it: an employee belongs to all of them."""
    chain: list[int] = []
    while unit is not None:
        chain.append(unit.pk)
        unit = unit.parent
    return chain


def _coordinator_units(person: User) -> set[int]:
    return {unit for role, unit in memberships_of(person) if role == Role.COORDINATOR}


def coordinates(user: AnyUser, unit: Unit | None) -> bool:
    """A unit coordinator of the unit or of a unit above it, or the innovation office."""
    person = _user(user)
    if person is None or unit is None:
        return is_office(user)
    return is_office(person) or bool(_coordinator_units(person) & set(unit_chain(unit)))


def is_coordinator_anywhere(user: AnyUser, obj: Any = None) -> bool:
    person = _user(user)
    if person is None:
        return False
    return is_office(person) or bool(_coordinator_units(person))


def roles_for_idea(user: AnyUser, idea: Any) -> set[str]:
    """The process roles this person holds for the idea, as Transition.roles names them."""
    person = _user(user)
    if person is None:
        return set()
    roles = set()
    if is_office(person):
        roles.add("innovation_office")
    if idea.owner_unit is not None and _coordinator_units(person) & set(
        unit_chain(idea.owner_unit)
    ):
        roles.add("coordinator")
    return roles


def is_employee(user: AnyUser, obj: Any = None) -> bool:
    person = _user(user)
    return person is not None and person.unit_id is not None


def may_take_part(user: AnyUser, obj: Any = None) -> bool:
    """Employees, and residents with a confirmed e-mail address."""
    person = _user(user)
    return person is not None and (person.unit_id is not None or person.email_verified)


def visible_ideas(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """The ideas this person may see; every list, search, export and feed starts here."""
    from innovera.ideas.models import Idea, Visibility

    ideas = queryset if queryset is not None else Idea.objects.all()
    person = _user(user)
    if person is None:
        return ideas.filter(visibility=Visibility.PUBLIC)
    if is_office(person):
        return ideas
    rule = Q(visibility=Visibility.PUBLIC) | Q(submitter=person)
    if person.unit_id is not None:
        units = set(unit_chain(person.unit)) | {unit for _role, unit in memberships_of(person)}
        rule |= Q(visibility=Visibility.CITY) | Q(
            visibility=Visibility.UNIT, owner_unit_id__in=units
        )
    return ideas.filter(rule)


def can_view_idea(user: AnyUser, idea: Any) -> bool:
    return visible_ideas(user).filter(pk=idea.pk).exists()


def can_handle_idea(user: AnyUser, idea: Any) -> bool:
    """Moves, scores, pilots, effects, routing: the owner unit's coordinators and the office."""
    return coordinates(user, idea.owner_unit)


def can_take_part_in_idea(user: AnyUser, idea: Any) -> bool:
    return may_take_part(user) and can_view_idea(user, idea)


def visible_challenges(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    from innovera.ideas.models import Audience, Challenge, ChallengeStatus

    challenges = queryset if queryset is not None else Challenge.objects.all()
    if is_office(user):
        return challenges
    published = ~Q(status=ChallengeStatus.DRAFT)
    rule = published & ~Q(audience=Audience.INTERNAL)
    person = _user(user)
    if person is not None and person.unit_id is not None:
        rule = published
        coordinated = _coordinator_units(person)
        rule |= Q(owner_unit_id__in=coordinated)
    return challenges.filter(rule)


def can_view_challenge(user: AnyUser, challenge: Any) -> bool:
    return visible_challenges(user).filter(pk=challenge.pk).exists()


def can_publish_challenge(user: AnyUser, unit: Any = None) -> bool:
    return coordinates(user, unit) if unit is not None else is_office(user)


def can_edit_challenge(user: AnyUser, challenge: Any) -> bool:
    return can_publish_challenge(user, challenge.owner_unit)


def anyone(user: AnyUser, obj: Any = None) -> bool:
    return True


PERMISSIONS: dict[str, Predicate] = {
    "challenge.list": anyone,  # the list itself is filtered by visible_challenges
    "challenge.view": can_view_challenge,
    "challenge.create": can_publish_challenge,
    "challenge.edit": can_edit_challenge,
    "idea.list": anyone,  # filtered by visible_ideas
    "idea.view": can_view_idea,
    "idea.submit": may_take_part,
    "idea.similar": anyone,  # filtered by visible_ideas
    "idea.comment": can_take_part_in_idea,
    "idea.support": can_take_part_in_idea,
    "idea.follow": can_take_part_in_idea,
    "idea.attachment": can_view_idea,
    "idea.move": can_handle_idea,
    "idea.route": can_handle_idea,
    "idea.score": can_handle_idea,
    "idea.pilot": can_handle_idea,
    "idea.evaluate": can_handle_idea,
    "idea.classify": can_handle_idea,
    "idea.export": is_coordinator_anywhere,
    "idea.ranking": is_coordinator_anywhere,
    "process.configure": is_office,
    "notification.list": is_signed_in,
}

# The action behind each URL name of the ideas app (and its API); see test_permissions.
URL_ACTIONS: dict[str, str] = {
    "idea_list": "idea.list",
    "idea_submit": "idea.submit",
    "idea_similar": "idea.similar",
    "idea_feed": "idea.list",
    "ranking": "idea.ranking",
    "idea_export": "idea.export",
    "idea_detail": "idea.view",
    "idea_move": "idea.move",
    "idea_support": "idea.support",
    "idea_follow": "idea.follow",
    "idea_comment": "idea.comment",
    "idea_score": "idea.score",
    "idea_pilot": "idea.pilot",
    "pilot_decide": "idea.pilot",
    "idea_effect": "idea.evaluate",
    "idea_lesson": "idea.evaluate",
    "idea_route": "idea.route",
    "idea_classify": "idea.classify",
    "attachment": "idea.attachment",
    "challenge_list": "challenge.list",
    "challenge_create": "challenge.create",
    "challenge_detail": "challenge.view",
    "notifications": "notification.list",
    "process_overview": "process.configure",
    "process_stage_create": "process.configure",
    "process_stage_edit": "process.configure",
    "process_stage_delete": "process.configure",
    "process_transitions": "process.configure",
    "process_criterion_create": "process.configure",
    "process_criterion_edit": "process.configure",
    "process_routing": "process.configure",
    "process_routing_remove": "process.configure",
}


def can(user: AnyUser, action: str, obj: Any = None) -> bool:
    return ask(PERMISSIONS, "ideas", user, action, obj)
