"""Checks run before serving, so a bad start ends in one clear sentence."""

from __future__ import annotations

import socket

from django.core.management.base import CommandError
from django.db import connection
from django.db.utils import OperationalError
from django.utils.translation import gettext as _


def ensure_port_free(host: str, port: int) -> None:
    if not 0 < port < 65536:
        raise CommandError(
            _("The port must be between 1 and 65535, not %(port)s.") % {"port": port}
        )
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            raise CommandError(
                _("Port %(port)s on %(host)s is already in use; choose another with --port.")
                % {"port": port, "host": host}
            ) from None


def ensure_database_reachable() -> None:
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise CommandError(
            _("The database cannot be reached (check DATABASE_URL): %(detail)s")
            % {"detail": detail}
        ) from None
