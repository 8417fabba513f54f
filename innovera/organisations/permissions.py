"""The permission table of the organisations app, and the role predicates the other apps'
tables are built from.

Each action maps to a predicate over (user, object); everyone asks through
`core.permissions.can(user, action, obj)`, which finds this table by the action's name.

The jury role (SPEC §3: "score the entries of the rounds they sit on") has its actions in the
spreading app's awards table (`spreading/permissions_awards.py`): seats on a round's jury decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser

from innovera.organisations.models import Membership, Role, User

AnyUser = User | AnonymousUser
Predicate = Callable[[AnyUser, Any], bool]


def is_signed_in(user: AnyUser, obj: Any = None) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_city_employee(user: AnyUser, obj: Any = None) -> bool:
    return is_signed_in(user) and isinstance(user, User) and user.unit_id is not None


MEMBERSHIPS_CACHE = "_innovera_memberships"


def memberships_of(user: AnyUser) -> frozenset[tuple[str, int]]:
    """The (role, unit id) pairs a person holds, read once per user object: a page asks the
    permission table many times, and each answer needs the same few rows."""
    if not is_signed_in(user) or user.pk is None:
        return frozenset()
    cached: frozenset[tuple[str, int]] | None = getattr(user, MEMBERSHIPS_CACHE, None)
    if cached is None:
        cached = frozenset(
            Membership.objects.filter(user_id=user.pk).values_list("role", "unit_id")
        )
        setattr(user, MEMBERSHIPS_CACHE, cached)
    return cached


def read_for_many(users: Sequence[User]) -> None:
    """Read the memberships and unit chains of many people at once: one query for the
    memberships and one per level of the unit tree, whoever and however many they are. After
    this, asking a permission table about any of them (``memberships_of``, ``unit_chain`` of
    their unit) costs no query."""
    from innovera.organisations.models import Unit

    held: dict[int, set[tuple[str, int]]] = defaultdict(set)
    rows = Membership.objects.filter(user__in=[user.pk for user in users])
    for user_id, role, unit_id in rows.values_list("user_id", "role", "unit_id"):
        held[user_id].add((role, unit_id))
    for user in users:
        setattr(user, MEMBERSHIPS_CACHE, frozenset(held.get(user.pk, ())))
    units: dict[int, Unit] = {}
    wanted = {user.unit_id for user in users if user.unit_id is not None}
    while wanted:
        level = Unit.objects.in_bulk(wanted)
        units.update(level)
        wanted = {unit.parent_id for unit in level.values() if unit.parent_id} - units.keys()
    for unit in units.values():
        if unit.parent_id is not None:
            unit.parent = units[unit.parent_id]
    for user in users:
        if user.unit_id is not None:
            user.unit = units[user.unit_id]


def forget_memberships(user: AnyUser) -> None:
    """Called when roles change, so the same user object is not answered from old rows."""
    user.__dict__.pop(MEMBERSHIPS_CACHE, None)


def is_innovation_office(user: AnyUser, obj: Any = None) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return any(role == Role.INNOVATION_OFFICE for role, _unit in memberships_of(user))


# Coordinators: the role the module apps' tables build on (ideas, spreading).


def _person(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and is_signed_in(user) else None


def unit_chain(unit: Any) -> list[int]:
    """The unit and every unit above it: an employee belongs to all of them."""
    chain: list[int] = []
    while unit is not None:
        chain.append(unit.pk)
        unit = unit.parent
    return chain


def coordinator_units(person: User) -> set[int]:
    return {unit for role, unit in memberships_of(person) if role == Role.COORDINATOR}


def coordinates(user: AnyUser, unit: Any) -> bool:
    """A unit coordinator of the unit or of a unit above it, or the innovation office."""
    person = _person(user)
    if person is None or unit is None:
        return is_innovation_office(user)
    return is_innovation_office(person) or bool(coordinator_units(person) & set(unit_chain(unit)))


def is_coordinator_anywhere(user: AnyUser, obj: Any = None) -> bool:
    person = _person(user)
    if person is None:
        return False
    return is_innovation_office(person) or bool(coordinator_units(person))


def is_administrator(user: AnyUser, obj: Any = None) -> bool:
    return is_signed_in(user) and bool(user.is_superuser)


WIDE_ROLES = frozenset({Role.INNOVATION_OFFICE, Role.COORDINATOR, Role.ADMINISTRATOR})


def holds_wide_rights(user: AnyUser, obj: Any = None) -> bool:
    """The innovation office, coordinators and administrators: their sessions idle out sooner."""
    if not is_signed_in(user):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(role in WIDE_ROLES for role, _unit in memberships_of(user))


def anyone(user: AnyUser, obj: Any = None) -> bool:
    return True


PERMISSIONS: dict[str, Predicate] = {
    # Units, their types and sizes are public facts about the city.
    "unit.view": anyone,
    # Names of the people in a unit are shown to colleagues, not to the public.
    "unit.view_people": is_city_employee,
    # Signing in, signing up, confirming an address and resetting a password are open to
    # everyone (signed-in people are sent on to their account by the views).
    "account.sign_in": anyone,
    "account.sign_up": anyone,
    "account.verify": anyone,
    "account.reset_password": anyone,
    "account.view_own": is_signed_in,
    # A person's data rights are their own: only they, signed in, reach their data.
    "account.export_own": is_signed_in,
    "account.erase_own": is_signed_in,
    # New employees whose unit the provider named but Innovera does not know.
    "account.place": is_innovation_office,
    "audit.view": is_administrator,
    "admin.use": is_administrator,
}
