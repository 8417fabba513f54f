"""The permission table of the ideas app: role × action × the idea's visibility and stage.

Every channel asks here — pages, the API, search, similar-idea suggestions, exports, feeds and
notifications — through `core.permissions.can(user, action, obj)` for one object (services
through `require()`, which says the sentence of `REFUSALS`), and `visible_ideas()`,
`visible_challenges()` and `exportable_ideas()` for lists. The action behind each URL is declared
on its view (`@requires`); core's `url_actions()` lists them and a test fails for a URL without
one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import IntegerField, Q, QuerySet, Value
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from innovera.organisations.models import Membership, Role, User
from innovera.organisations.permissions import (
    AnyUser,
    Predicate,
    coordinates,
    coordinator_units,
    is_coordinator_anywhere,
    is_innovation_office,
    is_signed_in,
    memberships_of,
    read_for_many,
    unit_chain,
)


def _user(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and is_signed_in(user) else None


def is_office(user: AnyUser, obj: Any = None) -> bool:
    return is_innovation_office(user)


def roles_for_idea(user: AnyUser, idea: Any) -> set[str]:
    """The process roles this person holds for the idea, as Transition.roles names them."""
    person = _user(user)
    if person is None:
        return set()
    roles = set()
    if is_office(person):
        roles.add("innovation_office")
    if idea.owner_unit is not None and coordinator_units(person) & set(unit_chain(idea.owner_unit)):
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


# SQLite allows at most 500 parts in one compound query; fewer keep each query short.
VIEWERS_PER_QUERY = 200


def idea_viewers(idea: Any, users: Sequence[User]) -> set[int]:
    """The pks of those of ``users`` who may see ``idea`` (``idea.view``), for all at once.

    Each person's rule is ``visible_ideas``'s own, applied to the one idea: their memberships
    and units are read together first (``read_for_many``), and the rules are asked in one
    UNION query per ``VIEWERS_PER_QUERY`` people instead of a few queries per person.
    """
    from django.contrib.auth.models import AnonymousUser

    from innovera.ideas.models import Idea

    people = list(users)
    the_idea = Idea.objects.filter(pk=idea.pk).order_by()
    # What a visitor who is not signed in may see, everyone may (every person's rule starts
    # from the visitor's): for a public idea, most ideas, one query instead of building each
    # follower's rule on every move and official answer.
    if visible_ideas(AnonymousUser(), the_idea).exists():
        return {person.pk for person in people}
    read_for_many(people)
    seen: set[int] = set()
    for start in range(0, len(people), VIEWERS_PER_QUERY):
        parts = [
            visible_ideas(person, the_idea)
            .annotate(viewer=Value(person.pk, output_field=IntegerField()))
            .values_list("viewer", flat=True)
            for person in people[start : start + VIEWERS_PER_QUERY]
        ]
        seen.update(parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0])
    return seen


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
        coordinated = coordinator_units(person)
        rule |= Q(owner_unit_id__in=coordinated)
    return challenges.filter(rule)


def can_view_challenge(user: AnyUser, challenge: Any) -> bool:
    return visible_challenges(user).filter(pk=challenge.pk).exists()


def can_publish_challenge(user: AnyUser, unit: Any = None) -> bool:
    """For a unit: its coordinators (and those above it) and the office. Without one: whether
    the person may publish for any unit at all (the form's page)."""
    return coordinates(user, unit) if unit is not None else is_coordinator_anywhere(user)


def exportable_ideas(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """What `idea.export` covers: the office exports every idea it sees, a coordinator those of
    the units they coordinate; anyone else nothing."""
    ideas = visible_ideas(user, queryset)
    if is_office(user):
        return ideas
    person = _user(user)
    if person is None:
        return ideas.none()
    units = Membership.objects.filter(user=person, role=Role.COORDINATOR).values("unit_id")
    return ideas.filter(owner_unit_id__in=units)


def can_edit_challenge(user: AnyUser, challenge: Any) -> bool:
    return can_publish_challenge(user, challenge.owner_unit)


def anyone(user: AnyUser, obj: Any = None) -> bool:
    return True


PERMISSIONS: dict[str, Predicate] = {
    "challenge.list": anyone,  # the list itself is filtered by visible_challenges
    "challenge.view": can_view_challenge,
    "challenge.create": can_publish_challenge,
    "challenge.create_for_any_unit": is_office,
    "challenge.edit": can_edit_challenge,
    "idea.list": anyone,  # filtered by visible_ideas
    "idea.view": can_view_idea,
    "idea.submit": may_take_part,
    "idea.similar": anyone,  # filtered by visible_ideas
    "idea.comment": can_take_part_in_idea,
    "idea.support": can_take_part_in_idea,
    "idea.follow": can_take_part_in_idea,
    "idea.attachment": can_view_idea,
    # Handling: the owner unit's coordinators and the office; each step has its own name so
    # that a page, the API and the service ask the same one.
    "idea.handle": can_handle_idea,
    "idea.move": can_handle_idea,
    "idea.route": can_handle_idea,
    "idea.score": can_handle_idea,
    "idea.pilot": can_handle_idea,
    "idea.evaluate": can_handle_idea,
    "idea.classify": can_handle_idea,
    "idea.export": is_coordinator_anywhere,
    "idea.ranking": is_coordinator_anywhere,
    "process.configure": is_office,
    # The office's list of ideas nobody owns ("Att fördela"), routed from there.
    "idea.assign": is_office,
    "notification.list": is_signed_in,
}

# What a refusal says, the same on the page, in the API and from the service.
REFUSALS: dict[str, str | Promise] = {
    "idea.submit": _("Confirm your e-mail address before you submit an idea."),
    "idea.move": _(
        "Only the owner unit's coordinators and the innovation office may move this idea."
    ),
    "idea.route": _(
        "Only the owner unit's coordinators and the innovation office may re-route this idea."
    ),
    "idea.score": _(
        "Only the owner unit's coordinators and the innovation office may score this idea."
    ),
    "idea.pilot": _(
        "Only the owner unit's coordinators and the innovation office may record pilots."
    ),
    "idea.evaluate": _(
        "Only the owner unit's coordinators and the innovation office may record effects."
    ),
    "idea.comment": _("You cannot comment on this idea."),
    "idea.support": _("You cannot support this idea."),
    "idea.follow": _("You cannot follow this idea."),
    "challenge.create": _("You may publish challenges only for your own unit."),
    "process.configure": _("Only the innovation office may change the process."),
}
