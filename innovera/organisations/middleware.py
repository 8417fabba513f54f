"""Sessions end when idle: a signed-in browser left open is not a signed-in person."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from innovera.organisations.permissions import AnyUser, holds_wide_rights

LAST_SEEN = "_innovera_last_seen"
# Writing the session on every request would cost a database write per page; a minute's
# precision is enough for a timeout counted in tens of minutes.
RECORD_EVERY_SECONDS = 60


def idle_timeout_seconds(user: AnyUser) -> int:
    minutes = (
        settings.SESSION_IDLE_TIMEOUT_PRIVILEGED_MINUTES
        if holds_wide_rights(user)
        else settings.SESSION_IDLE_TIMEOUT_MINUTES
    )
    return int(minutes) * 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if isinstance(last_seen, int) and now - last_seen > idle_timeout_seconds(request.user):
                minutes = idle_timeout_seconds(request.user) // 60
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out after %(minutes)d minutes without activity. Sign in again to go on."
                    )
                    % {"minutes": minutes},
                )
            elif not isinstance(last_seen, int) or now - last_seen >= RECORD_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
