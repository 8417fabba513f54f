from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from innovera.core.selectors import menu_links


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "privacy_email": settings.PRIVACY_EMAIL,
    }


def menu(request: HttpRequest) -> dict[str, Any]:
    """The main menu, built from the installed apps' entries. Lazy: the permission table is
    asked only when a page shows the menu (not for htmx partials)."""

    def links() -> list[Any]:
        match = getattr(request, "resolver_match", None)
        return menu_links(
            user=getattr(request, "user", None) or AnonymousUser(),
            view_name=match.view_name if match else None,
        )

    return {"menu": SimpleLazyObject(links)}
