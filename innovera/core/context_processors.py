from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "privacy_email": settings.PRIVACY_EMAIL,
    }
