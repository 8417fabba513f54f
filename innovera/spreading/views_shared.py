"""What the spreading app's pages share (examples and sessions, awards, discussion groups): who is
asking, the object they may see, a file they may download, a refusal said as a message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest

from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import can
from innovera.organisations.models import User

T = TypeVar("T")


def person(request: HttpRequest) -> User:
    """The signed-in person; anyone else is refused (the decorator sends them to sign in)."""
    if not isinstance(request.user, User) or not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


def visible(request: HttpRequest, obj: T | None, *, seen: str, action: str) -> T:
    """`obj`, if the person may see it (`seen`, else 404: a hidden object is never a 403) and
    do `action` (else 403)."""
    if obj is None or not can(request.user, seen, obj):
        raise Http404
    if not can(request.user, action, obj):
        raise PermissionDenied(action)
    return obj


def download(found: Any) -> FileResponse:
    """An uploaded file (an attachment row with `file`, `original_name` and `content_type`) as a
    download, or 404 when there is none."""
    if found is None:
        raise Http404
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


@contextmanager
def refusal_said(request: HttpRequest) -> Iterator[None]:
    """Within it a service's refusal is not raised: it is said as an error message on the next
    page, and the view carries on after the block (where it redirects). For the actions that
    are a button, not a form; a form shows the refusal at its field (`forms.refusal_shown`)."""
    try:
        yield
    except ApplicationError as error:
        messages.error(request, str(error.message))
