"""The language of what is written for other people.

A page answers in the language its visitor chose (the language cookie, `LocaleMiddleware`),
but notices and e-mails a visitor's action causes go to other people, and no person has a
stored language: those are written in the site's language (`settings.LANGUAGE_CODE`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from django.conf import settings
from django.utils import translation


def in_site_language() -> AbstractContextManager[None]:
    """Compose text for other people (notices, e-mails) inside this, not in the actor's
    language; what the actor is told (messages, errors) stays outside it."""
    return translation.override(settings.LANGUAGE_CODE)
