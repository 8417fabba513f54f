"""An offline breached-password check.

Django's CommonPasswordValidator already refuses the 20,000 passwords most common in breach
corpora. A city may add its own, larger list (for example a Have I Been Pwned download) in
BREACHED_PASSWORDS_FILE: one password or one upper-case SHA-1 hash per line. Innovera never asks
an outside service, so sign-up works in closed networks and leaks nothing.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@lru_cache(maxsize=4)
def _load(path: str) -> frozenset[str]:
    entries: set[str] = set()
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            entry = line.strip().split(":", 1)[0]
            if entry:
                entries.add(entry)
    return frozenset(entries)


class BreachedPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        path = getattr(settings, "BREACHED_PASSWORDS_FILE", "")
        if not path:
            return
        known = _load(path)
        digest = hashlib.sha1(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
        if password in known or digest in known:
            raise ValidationError(
                _("This password has appeared in a data breach. Choose another one."),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("Your password must not be one that has appeared in a known data breach.")


class EndTokensOnPasswordChange:
    """Ends the person's API tokens whenever a password is saved.

    Django calls `password_changed` of every validator when a user is saved with a new
    password: by the password-change page, the reset link, the admin or `changepassword`.
    Hooking there means no path that changes a password can forget to end the tokens.
    """

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk is not None:
            from innovera.organisations.services import api_token_revoke

            api_token_revoke(user=user)

    def get_help_text(self) -> str:
        # Django lists every validator's help text; this one says what a change does.
        return _("When the password is changed, other sign-ins and API tokens end.")
