"""Secrets in URLs never reach a log: one-time survey links are logged without their token.

A respondent's link (``/enkat/<token>/``) is the respondent's only credential, and in a
confidential round the access log would otherwise tie a token, and so a unit, to the moment
of answering. Two places write request paths:

* gunicorn's access log (``innovera serve``): :class:`GunicornLogger`, given to gunicorn as
  ``--logger-class``, redacts every atom of the log line (request line, path, referer, headers);
* Django's own loggers (``django.request`` "Not Found: /enkat/…", ``django.server`` under
  ``runserver``/``innovera demo``): :class:`RedactSecretsFilter` on the console handler.

Which path segments are secret is the setting ``LOG_SECRET_PATH_PREFIXES`` (a segment right
after one of these prefixes is replaced by ``[token]``), so an app with its own link tokens adds
its prefix there.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from gunicorn.glogging import Logger

__all__ = ["REDACTED", "GunicornLogger", "RedactSecretsFilter", "redact"]

REDACTED = "[token]"


@functools.cache
def _pattern(prefixes: tuple[str, ...]) -> re.Pattern[str] | None:
    if not prefixes:
        return None
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(rf"({alternatives})[^/?#\s\"']+")


def _prefixes() -> tuple[str, ...]:
    from django.conf import settings

    return tuple(getattr(settings, "LOG_SECRET_PATH_PREFIXES", ()))


def redact(text: str) -> str:
    """``text`` with every secret path segment replaced: ``/enkat/abc/sida/2/`` → ``/enkat/[token]/sida/2/``."""
    pattern = _pattern(_prefixes())
    return text if pattern is None else pattern.sub(rf"\g<1>{REDACTED}", text)


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record's message (and its traceback text) without secret path segments."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class GunicornLogger(Logger):
    """gunicorn's logger, its access-log atoms redacted (see the module's docstring)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
