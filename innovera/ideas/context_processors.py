"""What every page may need to know about the ideas app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from innovera.ideas import permissions


def process(request: HttpRequest) -> dict[str, Any]:
    """Whether the person may change the process (the innovation office). Lazy: the
    permission is asked only on pages that show the link."""
    user = getattr(request, "user", None)
    return {
        "perms_process": SimpleLazyObject(
            lambda: user is not None and permissions.can(user, "process.configure")
        )
    }
