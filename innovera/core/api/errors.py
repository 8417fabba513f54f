"""The API's one error shape, for every app and every kind of failure.

An error is a JSON object with

- `detail`: a message about the request as a whole (a refusal, "not found", a bad cursor, a
  rate limit, a body that is not JSON), and/or
- one key per field of the request that was wrong, each a list of messages:
  `{"title": ["Det här fältet måste fyllas i."]}`.

There is no other shape: DRF's `non_field_errors` and a bare list of messages become `detail`,
services' `ApplicationError` becomes `detail` or its field with the error's status (several
raised together, `Refusals`, each at its field), and paths under /api/ that match no view (an
unknown address, a non-integer id) answer the same JSON 404 through `core.views` instead of the
HTML page. Messages are in Swedish unless the caller asked for English. `ERROR_SCHEMA`
describes the shape in the OpenAPI document (`core.api.schema`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from innovera.core.exceptions import ApplicationError


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request is too large.")
    default_code = "too_large"


def _messages(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    return str(value)


def shaped(data: Any) -> dict[str, Any]:
    """DRF's error data (a dict, a list or a string) in the one shape."""
    if not isinstance(data, dict):
        return {"detail": _messages(data)}
    body: dict[str, Any] = {}
    for key, value in data.items():
        if key in (api_settings.NON_FIELD_ERRORS_KEY, "__all__", "detail"):
            body["detail"] = " ".join(filter(None, [body.get("detail"), _messages(value)]))
        else:
            body[key] = value
    return body


def invalid_form(form: Any) -> ValidationError:
    """A Django form's errors (a filter form shared with the pages) as the API's 400."""
    return ValidationError(
        {field: [str(message) for message in messages] for field, messages in form.errors.items()}
    )


def application_error_body(error: ApplicationError) -> dict[str, Any]:
    """A service's refusal in the one shape; refusals raised together (`Refusals`) each at its
    field, those without one said together in `detail`."""
    body: dict[str, Any] = {}
    for refusal in error.refusals:
        if refusal.field:
            body.setdefault(refusal.field, []).append(str(refusal.message))
        else:
            body["detail"] = " ".join(filter(None, [body.get("detail"), str(refusal.message)]))
    return body


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every error an API view meets, in the one shape.

    Anything not named here (a bug) is left to Django: a 500, logged, answered by
    `core.views.server_error` as JSON under /api/."""
    if isinstance(exc, ApplicationError):
        # Before DRF's handler: a PermissionRefused is also Django's PermissionDenied, which DRF
        # would answer with its own message instead of the service's.
        set_rollback()
        return Response(application_error_body(exc), status=exc.status)
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, TooManyFieldsSent):
        exc = ValidationError(_("The request has too many fields."))
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = shaped(response.data)
    return response
