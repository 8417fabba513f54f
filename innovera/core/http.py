"""Typed requests, so views need neither narrowing helpers nor `type: ignore` on `request.htmx`;
the API's JSON error where Django, not DRF, answers; a file to download; the one way a
signed-out person is sent to sign in."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # for the type only: core imports no app at run time (import-linter)
    from innovera.organisations.models import User


View = TypeVar("View", bound=Callable[..., Any])


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxRequest):
    user: User  # type: ignore[assignment,unused-ignore]


def is_api(request: HttpRequest) -> bool:
    """Whether the request is the API's, which answers JSON even where Django answers a page."""
    return request.path.startswith("/api/")


def json_error(status: int, message: str) -> JsonResponse:
    """The API's error shape (core.api.errors) where DRF does not answer: Django's error
    handlers and the middleware, under /api/."""
    return JsonResponse({"detail": message}, status=status)


def attachment(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """A made file (an export, a report, a calendar) that the browser saves as `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page_of_htmx(request: HttpRequest) -> str | None:
    """The path (and query) of the page an htmx request was sent from, when that page is on
    this site; None for a missing, malformed or off-site `HX-Current-URL`."""
    current = request.headers.get("HX-Current-URL")
    if not current:
        return None
    try:
        split = urlsplit(current)
    except ValueError:
        return None
    if split.scheme != request.scheme or split.netloc != request.get_host():
        return None
    page = urlunsplit(("", "", split.path or "/", split.query, ""))
    # "https://this-site//elsewhere" has this site's host but a path a browser reads as
    # another host's: the path alone must still stay here.
    if not url_has_allowed_host_and_scheme(
        page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return page


def sign_in_first(request: HttpRequest) -> HttpResponse:
    """What a signed-out person gets where they must sign in: the sign-in page, back to here.

    A plain request is redirected (302) with `next` its own path. An htmx request would follow
    a 302 itself and swap the whole sign-in page into the small region that asked (a progress
    poll, a panel), so it gets `HX-Redirect` instead, which htmx answers by taking the whole
    window there; `next` is the page the person is on (`HX-Current-URL`, when on this site),
    not the fragment's address.
    """
    if request.headers.get("HX-Request") != "true":
        return redirect_to_login(request.get_full_path())
    page = _page_of_htmx(request) or request.get_full_path()
    return HttpResponseClientRedirect(redirect_to_login(page).url)


def sign_in_required(view: View) -> View:
    """Django's `login_required`, answering through `sign_in_first` (so htmx gets
    `HX-Redirect`, never a sign-in page swapped into a region)."""

    @functools.wraps(view)
    def signed_in_only(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return sign_in_first(request)
        answer: HttpResponse = view(request, *args, **kwargs)
        return answer

    return signed_in_only  # type: ignore[return-value]
