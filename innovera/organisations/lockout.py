"""Sign-in lockout: django-axes counts failures under the key sign-in itself matches on.

Sign-in finds an account by the address after NFKC normalisation and without regard to case
(`sign_in_key`). Axes counted failures per raw username, so `ANNA@…`, `Anna@…` and a full-width
`ａnna@…` each got fresh tries. Here axes gets the same key, and besides its limit per account and
address (`AXES_FAILURE_LIMIT`) an account is paused after `AXES_ACCOUNT_FAILURE_LIMIT` failures
from any addresses together, so spreading the guesses over many addresses does not help either.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from innovera.organisations.models import sign_in_key


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the key sign-in matches on, from the credentials or the form."""
    raw = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if raw is None and request is not None:
        raw = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return sign_in_key(raw) if isinstance(raw, str) else None


class AccountLimitHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit per account whatever the address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures: int = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if not username:
            return failures
        per_account = (
            AccessAttempt.objects.filter(
                username=username, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if per_account >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
            # Reported as reaching the per-address limit, so axes pauses the account everywhere.
            return max(failures, get_failure_limit(request, credentials))
        return failures
