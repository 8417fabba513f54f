"""The one error type services raise when a request cannot be carried out.

A view shows `message` at `field` (or at the top of the form); the API's exception handler
turns it into `{"detail": message, "field": field}` with `status`. Both say the same thing.
"""

from __future__ import annotations

from django.utils.functional import Promise


class ApplicationError(Exception):
    def __init__(self, message: str | Promise, *, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.status = status
