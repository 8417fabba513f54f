"""Background work: on the RQ queue when REDIS_URL is set, inline otherwise.

Inline is the embedded default (SPEC §5): the demo and small installs need no worker process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connections


def enqueue(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Run `func` in the background where a queue exists, else now; returns job or result."""
    if settings.REDIS_URL:
        import django_rq

        return django_rq.get_queue("default").enqueue(func, *args, **kwargs)
    return func(*args, **kwargs)


def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return EmailMessage(subject=subject, body=body, to=to).send()


def send_email_in_background(*, subject: str, body: str, to: list[str]) -> None:
    """Mail off the request, so how long a page takes says nothing about whom it mailed."""
    run_in_background(_send_email_positional, subject, body, to)


def _send_email_positional(subject: str, body: str, to: list[str]) -> None:
    send_email(subject=subject, body=body, to=to)


def run_in_background(func: Callable[..., Any], /, *args: Any) -> None:
    """Long work a page shows progress for (imports, reports): off the request in any case.

    With Redis it goes to the RQ queue; without, to a daemon thread of this process, which is
    enough for the embedded default. Tests set BACKGROUND_THREADS off and get it inline.
    """
    if settings.REDIS_URL:
        import django_rq

        django_rq.get_queue("default").enqueue(func, *args)
    elif settings.BACKGROUND_THREADS:
        threading.Thread(target=_in_thread, args=(func, *args), daemon=True).start()
    else:
        func(*args)


def _in_thread(func: Callable[..., Any], *args: Any) -> None:
    try:
        func(*args)
    finally:
        # A thread opens its own database connection; close it rather than leak it.
        connections.close_all()
