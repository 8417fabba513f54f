"""The one error type services raise when a request cannot be carried out.

A view shows `message` at `field` (or at the top of the page); the API's exception handler
(`core.api.errors.exception_handler`) turns it into the API's one error shape, with `status`:
`{"detail": message}`, or `{field: [message]}` when the error belongs to a field. Both say the
same thing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise


class ApplicationError(Exception):
    def __init__(self, message: str | Promise, *, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.status = status


class PermissionRefused(ApplicationError, PermissionDenied):
    """A refusal by the permission table (403). It is also Django's PermissionDenied, so a view
    that does not catch it answers the 403 page, and the API answers `{"detail": message}`."""

    def __init__(self, message: str | Promise, *, field: str | None = None):
        super().__init__(message, field=field, status=403)
