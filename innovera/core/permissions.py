"""One way to ask any app's permission table by action, and one way to declare a view's action.

`can(user, action, obj)` finds the table that declares `action` through the registry, so views,
API views, services, exports, feeds and notifications all ask the same question by the same
name. `require(user, action, obj)` is the same question for services: it raises
`PermissionRefused` with the refusal the app's `REFUSALS` names for the action, so the page,
the API and the service say the same sentence. `@requires(action)` declares the action behind a
view once (`required_action` on an API view or a feed class); `url_actions()` reads those
declarations, so a URL without an action fails a test (core/tests/test_url_actions.py).

Core's own table (the shared pages) is `PERMISSIONS` below.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from innovera.core.exceptions import PermissionRefused
from innovera.core.http import sign_in_first
from innovera.core.registry import Predicate, innovera_apps, permission_tables

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


DEFAULT_REFUSAL = _("You may not do this.")


@functools.cache
def _refusals() -> dict[str, str | Promise]:
    """action → the sentence a refusal says, from each app's optional `REFUSALS`."""
    found: dict[str, str | Promise] = {}
    for config in innovera_apps():
        if config.permissions_module:
            found.update(getattr(import_module(config.permissions_module), "REFUSALS", {}))
    return found


def refusal(action: str) -> str | Promise:
    return _refusals().get(action, DEFAULT_REFUSAL)


def require(
    user: Any, action: str, obj: Any = None, *, message: str | Promise | None = None
) -> None:
    """For services (and views holding their object): raise `PermissionRefused` (a 403, and
    an `ApplicationError`) unless `user` may do `action`. The message is the app's refusal for
    the action unless one is given."""
    if not can(user, action, obj):
        raise PermissionRefused(message if message is not None else refusal(action))


def requires(
    action: str, *, on_object: bool = False, refusal_template: str | None = None
) -> Callable[[View], View]:
    """Declare the action behind a view.

    Without an object the decorator asks the table before the view runs: a signed-out person
    is sent to sign in, a signed-in one gets 403 (the page `refusal_template`, when given, with
    status 403). With `on_object=True` the view loads its object and asks
    `require(request.user, action, obj)` itself, so that a hidden object is a 404 and never a
    403 that would reveal it.
    """

    def decorate(view: View) -> View:
        if on_object:

            @functools.wraps(view)
            def asked_by_the_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                try:
                    answer: HttpResponse = view(request, *args, **kwargs)
                except PermissionDenied:
                    # A signed-out person refused is asked to sign in, as everywhere; a hidden
                    # object has already been a 404 by then.
                    if request.user.is_authenticated:
                        raise
                    return sign_in_first(request)
                return answer

            setattr(asked_by_the_view, ACTION_ATTRIBUTE, action)
            return asked_by_the_view  # type: ignore[return-value]

        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, action):
                if not request.user.is_authenticated:
                    return sign_in_first(request)
                if refusal_template:
                    return render(request, refusal_template, status=403)
                raise PermissionRefused(refusal(action))
            response: HttpResponse = view(request, *args, **kwargs)
            return response

        setattr(checked, ACTION_ATTRIBUTE, action)
        return checked  # type: ignore[return-value]

    return decorate


def declare(action: str, view: View) -> View:
    """Declare the action of a view made elsewhere (Django's auth views) and check it."""
    return requires(action)(view)


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


def signed_in(user: Any, obj: Any = None) -> bool:
    return bool(getattr(user, "is_authenticated", False))


# Core's own table: the shared pages, the API's description and the search.
PERMISSIONS: dict[str, Predicate] = {
    "site.view": anyone,
    "site.health": anyone,
    "api.describe": anyone,
    # Public: each app's search provider shows a person only what that app lets them see.
    "search.query": anyone,
    # "Mitt arbete": each app's provider lists only what waits for this person.
    "work.view": signed_in,
}
