"""What every app's API views share: who is calling."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request


def caller(request: Request) -> Any:
    """The signed-in person, or an anonymous user: what the permission table is asked about."""
    user = request.user
    return user if _signed_in(user) else AnonymousUser()


def person(request: Request) -> Any:
    """The signed-in person; anyone else may only read (401)."""
    user = request.user
    if not _signed_in(user):
        raise NotAuthenticated
    return user


def _signed_in(user: Any) -> bool:
    # As organisations.permissions.is_signed_in: a deactivated account is nobody.
    return bool(user is not None and user.is_authenticated and user.is_active)
