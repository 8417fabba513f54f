"""Limits on what one client may send: request size, uploads before sign-in, and rates.

Rates are django-ratelimit's decorators on the pages that send mail or store text, and DRF's
throttles on the API; both count in the default cache, which is Redis when REDIS_URL is set and
so shared by every process. Their rates are `settings.RATE_LIMITS`. Past a limit a page answers
429 with a Swedish page, the API 429 with a JSON error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.throttling import UserRateThrottle

from innovera.core.audit import client_address
from innovera.core.http import is_api, json_error, sign_in_first


def client_ip(request: HttpRequest) -> str:
    """RATELIMIT_IP_META_KEY: the client's address as the lockout and the audit log see it."""
    return client_address(request) or "0.0.0.0"  # noqa: S104 - a key, never bound to


def rate(name: str) -> Callable[[str, HttpRequest], str]:
    """A rate read from settings when the request comes, so deploys and tests can change it."""

    def current(group: str, request: HttpRequest) -> str:
        return str(settings.RATE_LIMITS[name])

    return current


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """RATELIMIT_VIEW: what a client past one of the page limits gets."""
    message = _("Too many requests. Wait a while and try again.")
    if is_api(request):
        return json_error(429, message)
    return render(request, "core/error.html", {"status": 429}, status=429)


class RequestLimitMiddleware:
    """Refuses oversized bodies and anonymous uploads before anything reads the body.

    CSRF checking reads the form, and reading a multipart form writes files over
    FILE_UPLOAD_MAX_MEMORY_SIZE to disk, before any view can send an anonymous visitor to sign
    in. So this runs first: a body over MAX_REQUEST_BYTES is a 413 without being read, and an
    anonymous multipart body large enough to reach the disk is sent to the sign-in page (the
    API: 401) unread. No page takes files from anonymous visitors.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        content_type = request.META.get("CONTENT_TYPE", "")
        # Smaller uploads stay in memory and are dropped with the request; larger ones would be
        # written to a temporary file while the form is read.
        spills_to_disk = length > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        if (
            content_type.startswith("multipart/")
            and spills_to_disk
            and not request.user.is_authenticated
        ):
            if is_api(request):
                return json_error(401, _("Authentication credentials were not provided."))
            return sign_in_first(request)
        if length > settings.MAX_REQUEST_BYTES:
            message = _("The request is too large.")
            if is_api(request):
                return json_error(413, message)
            return render(request, "core/error.html", {"status": 413}, status=413)
        return None


class WriteRateThrottle(UserRateThrottle):
    """Counts only the writes of a view (POST), per person; reading stays under the general
    API rates. The view names its scope ("idea_submit", "comment")."""

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method != "POST":
            return True
        self.scope = getattr(view, "write_scope", "write")
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self) -> str | None:
        return str(settings.RATE_LIMITS[self.scope]) if self.scope in settings.RATE_LIMITS else None

    def __init__(self) -> None:
        # The scope is known only per request (the view's); see allow_request.
        self.scope = "write"
