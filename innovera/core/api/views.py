"""What every app's API views share: who is calling, what they sent, what they may do."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.request import Request
from rest_framework.serializers import Serializer

from innovera.core.permissions import can


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


def validated(serializer: type[Serializer[Any]], data: Any, **kwargs: Any) -> dict[str, Any]:
    """`data` (a body or a query) as `serializer` cleans it; else a 400 with the field errors."""
    checked = serializer(data=data, **kwargs)
    checked.is_valid(raise_exception=True)
    return dict(checked.validated_data)


def deny_unless(user: Any, action: str, obj: Any = None, *, detail: Any = None) -> None:
    """A 403 (with `detail`, if given) unless the permission table lets `user` do `action`.

    DRF's own refusal, not `core.permissions.require`'s: the API's 403 body stays as it was.
    For an object the caller may already see: a hidden one is a 404 before this is asked."""
    if not can(user, action, obj):
        raise PermissionDenied(detail)
