"""The one error type services raise when a request cannot be carried out.

A view shows `message` at `field` (or at the top of the page); the API's exception handler
(`core.api.errors.exception_handler`) turns it into the API's one error shape, with `status`:
`{"detail": message}`, or `{field: [message]}` when the error belongs to a field. Both say the
same thing.

A service that checks a whole form's worth of rules gathers its refusals (`RefusalCollector`)
and raises them together as `Refusals`, so the person sees every problem at once, each at its
field. `Refusals` is itself an `ApplicationError` (its message all of theirs), so code that only
knows the one error still says everything; code that shows errors at fields goes through
`refusals` (a plain error is its own one refusal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise

P = ParamSpec("P")
T = TypeVar("T")


class ApplicationError(Exception):
    def __init__(self, message: str | Promise, *, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.status = status

    @property
    def refusals(self) -> list[ApplicationError]:
        """Each refusal this error says, to be shown at its own field: itself."""
        return [self]


class PermissionRefused(ApplicationError, PermissionDenied):
    """A refusal by the permission table (403). It is also Django's PermissionDenied, so a view
    that does not catch it answers the 403 page, and the API answers `{"detail": message}`."""

    def __init__(self, message: str | Promise, *, field: str | None = None):
        super().__init__(message, field=field, status=403)


class Refusals(ApplicationError):
    """Several refusals of one request, raised together (at least one). Its message is theirs
    in order and its status the first's (the one a caller that shows one error answers with);
    `refusals` are the single errors, each with its own field."""

    def __init__(self, errors: Iterable[ApplicationError]):
        self.errors = [single for error in errors for single in error.refusals]
        if not self.errors:
            raise ValueError("Refusals needs at least one refusal.")
        refused = next((e for e in self.errors if isinstance(e, PermissionRefused)), None)
        if refused is not None:
            # A refused permission is never one problem among others of what was typed: it
            # stops the request as the 403 it is.
            raise refused
        message = " ".join(str(error.message) for error in self.errors)
        super().__init__(message, status=self.errors[0].status)

    @property
    def refusals(self) -> list[ApplicationError]:
        return list(self.errors)


class RefusalCollector:
    """Gathers a service's refusals while it checks every rule, instead of stopping at the
    first: `add` one, or run a check that raises (`checked`), then `raise_any` before anything
    is stored."""

    def __init__(self) -> None:
        self.errors: list[ApplicationError] = []

    def add(self, message: str | Promise, *, field: str | None = None, status: int = 400) -> None:
        self.errors.append(ApplicationError(message, field=field, status=status))

    def checked(self, check: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """What `check` returns, or None when it refuses (the refusal is gathered). A refused
        permission is not gathered: it is no problem of what was typed, and it stops the
        request as it is."""
        try:
            return check(*args, **kwargs)
        except PermissionRefused:
            raise
        except ApplicationError as error:
            # A `Refusals` never holds a refused permission (it raises that instead).
            self.errors.extend(error.refusals)
            return None

    def raise_any(self) -> None:
        """Raise what was gathered: the one refusal as itself, several as `Refusals`."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise Refusals(self.errors)
