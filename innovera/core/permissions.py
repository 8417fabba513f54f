"""One way to ask any app's permission table by action, and one way to declare a view's action.

`can(user, action, obj)` finds the table that declares `action` through the registry, so views,
API views, services, exports, feeds and notifications all ask the same question by the same
name. `@requires(action)` declares the action behind a view once; the URL walk
(`url_actions()`) reads those declarations, so a URL without an action fails a test.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

from innovera.core.registry import Predicate, permission_tables

ACTION_ATTRIBUTE = "required_action"

View = TypeVar("View", bound=Callable[..., Any])


@functools.cache
def _tables() -> dict[str, tuple[str, dict[str, Predicate]]]:
    return permission_tables()


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether `user` may do `action` (to `obj`). A missing action is a programming error,
    never a silent yes or no."""
    try:
        _app, table = _tables()[action]
    except KeyError:
        raise KeyError(f"No permission rule for {action!r} in any app's table") from None
    return table[action](user, obj)


def require(user: Any, action: str, obj: Any = None) -> None:
    """For services: raise PermissionDenied unless `user` may do `action`."""
    if not can(user, action, obj):
        raise PermissionDenied(action)


def requires(action: str, *, on_object: bool = False) -> Callable[[View], View]:
    """Declare the action behind a view.

    Without an object the decorator asks the table before the view runs: a signed-out person
    is sent to sign in, a signed-in one gets 403. With `on_object=True` the view loads its
    object and asks `can(request.user, action, obj)` itself, so that a hidden object is a 404
    and never a 403 that would reveal it.
    """

    def decorate(view: View) -> View:
        if on_object:
            setattr(view, ACTION_ATTRIBUTE, action)
            return view

        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, action):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(action)
            response: HttpResponse = view(request, *args, **kwargs)
            return response

        setattr(checked, ACTION_ATTRIBUTE, action)
        return checked  # type: ignore[return-value]

    return decorate


def action_of(callback: Any) -> str | None:
    """The action a URL's callback declares: a decorated function, a DRF view class's
    `required_action`, or a callable instance (a feed) with the attribute."""
    for candidate in (
        callback,
        getattr(callback, "cls", None),
        getattr(callback, "view_class", None),
    ):
        action = getattr(candidate, ACTION_ATTRIBUTE, None)
        if action:
            return str(action)
    return None


def url_actions() -> dict[str, str | None]:
    """Every named URL of the project ("namespace:name") → the action its view declares."""
    found: dict[str, str | None] = {}

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = action_of(pattern.callback)

    walk(get_resolver().url_patterns, "")
    return found


def anyone(user: Any, obj: Any = None) -> bool:
    return True


# Core's own table: the shared pages' actions.
PERMISSIONS: dict[str, Predicate] = {
    # Public: each app's search provider shows a person only what that app lets them see.
    "search.query": anyone,
}
