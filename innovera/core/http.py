"""Typed requests, so views need neither narrowing helpers nor `type: ignore` on `request.htmx`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # for the type only: core imports no app at run time (import-linter)
    from innovera.organisations.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxRequest):
    user: User  # type: ignore[assignment,unused-ignore]
