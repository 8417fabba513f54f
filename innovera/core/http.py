"""Typed requests, so views need neither narrowing helpers nor `type: ignore` on `request.htmx`;
the API's JSON error where Django, not DRF, answers; a file to download."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse, JsonResponse
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # for the type only: core imports no app at run time (import-linter)
    from innovera.organisations.models import User


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
