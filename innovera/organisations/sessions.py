"""The session engine (``SESSION_ENGINE``): Django's database sessions, with the signed-in
person's id kept in a column of its own (`AccountSession.user_id`).

Django's documented way to extend the database engine. The id is written at every save, so a
new key from a sign-in or a password change (``cycle_key``) keeps it, and one person's
sessions are found by an index instead of by decoding every visitor's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession

from innovera.organisations.models import AccountSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[AccountSession]:
        return AccountSession

    def create_model_instance(self, data: dict[str, Any]) -> AbstractBaseSession:
        instance = super().create_model_instance(data)
        instance.user_id = user_id_of(data)  # type: ignore[attr-defined]
        return instance

    async def acreate_model_instance(self, data: dict[str, Any]) -> AbstractBaseSession:
        # Django's async save builds its own instance rather than calling the one above; an
        # async sign-in would otherwise keep no person, and erasure would miss the session.
        instance = await super().acreate_model_instance(data)
        instance.user_id = user_id_of(data)  # type: ignore[attr-defined]
        return instance


def user_id_of(data: dict[str, Any]) -> int | None:
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None
