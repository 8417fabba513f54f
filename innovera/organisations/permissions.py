"""The permission table of the organisations app: the one place views and admin ask.

Each action maps to a predicate over (user, object). Views call `can()`; nothing else decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser

from innovera.organisations.models import User

AnyUser = User | AnonymousUser
Predicate = Callable[[AnyUser, Any], bool]


def is_signed_in(user: AnyUser, obj: Any = None) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_city_employee(user: AnyUser, obj: Any = None) -> bool:
    return is_signed_in(user) and isinstance(user, User) and user.unit_id is not None


def is_administrator(user: AnyUser, obj: Any = None) -> bool:
    return is_signed_in(user) and bool(user.is_superuser)


def anyone(user: AnyUser, obj: Any = None) -> bool:
    return True


PERMISSIONS: dict[str, Predicate] = {
    # Units, their types and sizes are public facts about the city.
    "unit.view": anyone,
    # Names of the people in a unit are shown to colleagues, not to the public.
    "unit.view_people": is_city_employee,
    "account.view_own": is_signed_in,
    "admin.use": is_administrator,
}


def can(user: AnyUser, action: str, obj: Any = None) -> bool:
    """Whether `user` may do `action`; an action missing from the table is a programming error."""
    try:
        predicate = PERMISSIONS[action]
    except KeyError:
        raise KeyError(f"No permission rule for {action!r} in organisations.permissions") from None
    return predicate(user, obj)
