"""Background work: on the RQ queue when REDIS_URL is set, inline otherwise.

Inline is the embedded default (SPEC §5): the demo and small installs need no worker process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage


def enqueue(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Run `func` in the background where a queue exists, else now; returns job or result."""
    if settings.REDIS_URL:
        import django_rq

        return django_rq.get_queue("default").enqueue(func, *args, **kwargs)
    return func(*args, **kwargs)


def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return EmailMessage(subject=subject, body=body, to=to).send()
