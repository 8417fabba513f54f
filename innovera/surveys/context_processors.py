from typing import Any

from django.http import HttpRequest

from innovera.surveys.permissions import can


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Whether the menu shows the survey rounds: only to the innovation office."""
    user = getattr(request, "user", None)
    return {"nav_surveys": bool(user and user.is_authenticated and can(user, "round.list"))}
