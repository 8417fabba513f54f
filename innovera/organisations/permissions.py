"""The permission table of the organisations app: the one place views and admin ask.

Each action maps to a predicate over (user, object). Views call `can()`; nothing else decides.
"""

from __future__ import annotations

from collections.abc import Callable
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


def forget_memberships(user: AnyUser) -> None:
    """Called when roles change, so the same user object is not answered from old rows."""
    user.__dict__.pop(MEMBERSHIPS_CACHE, None)


def is_innovation_office(user: AnyUser, obj: Any = None) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return any(role == Role.INNOVATION_OFFICE for role, _unit in memberships_of(user))


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
    "account.view_own": is_signed_in,
    # Signing in and out, and the pages around it, are for everyone.
    "account.sign_in": anyone,
    # A person's data rights are their own: only they, signed in, reach their data.
    "account.export_own": is_signed_in,
    "account.erase_own": is_signed_in,
    # New employees whose unit the provider named but Innovera does not know.
    "account.place": is_innovation_office,
    "audit.view": is_administrator,
    "admin.use": is_administrator,
}


def ask(table: dict[str, Predicate], app: str, user: AnyUser, action: str, obj: Any) -> bool:
    """Whether `user` may do `action` by an app's table; a missing action is a programming
    error, never a silent yes or no. Every app's `can()` is this over its own table."""
    try:
        predicate = table[action]
    except KeyError:
        raise KeyError(f"No permission rule for {action!r} in {app}.permissions") from None
    return predicate(user, obj)


def can(user: AnyUser, action: str, obj: Any = None) -> bool:
    return ask(PERMISSIONS, "organisations", user, action, obj)
