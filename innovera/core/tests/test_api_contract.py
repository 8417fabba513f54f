"""The OpenAPI description and the API cannot drift (#8, finding 11): schemathesis generates
requests from /api/openapi.json for every operation and checks every answer against it (status
codes, content types, bodies, headers, server errors, refused invalid data), anonymously and
with a token. One check is left out: "valid data is accepted" cannot hold where a value must
name something that exists (a unit's id, a topic, a page cursor from a `next` link), which a
description cannot say; such a request is a documented 400 at its field.

Examples are bounded (`MAX_EXAMPLES` per operation and caller) so the whole contract runs in
well under a minute; it runs in `make test` like any other test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from knox.models import AuthToken
from rest_framework import throttling
from schemathesis.specs.openapi.checks import positive_data_acceptance

from innovera.organisations.tests.factories import make_user

MAX_EXAMPLES = 4

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(unlimited: None) -> Iterator[Any]:
    # The raw WSGI call must keep the test's database connection, as Django's test client
    # does: closing it at the end of a request broke the test's transaction on PostgreSQL.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def unlimited(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The contract is about shapes, not rates: generated requests come faster than the
    # throttles allow (the limits have their own tests in test_limits).
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "100000/min")
    rates = {"anon": "100000/min", "user": "100000/min"}
    monkeypatch.setattr(throttling.SimpleRateThrottle, "THROTTLE_RATES", rates)


@pytest.fixture
def token() -> str:
    return str(AuthToken.objects.create(user=make_user(email="kontrakt@example.org"))[1])


BOUNDED = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def mismatches(api_schema: Any, headers: dict[str, str]) -> list[str]:
    """Every operation, MAX_EXAMPLES generated requests each; what did not match, as text."""
    found: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @BOUNDED
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Exception as error:  # each failing operation is reported, not only the first
            found.append(f"{operation.method.upper()} {operation.path}: {error}")
    return found


def test_every_anonymous_answer_is_the_one_the_description_gives(api_schema: Any) -> None:
    assert mismatches(api_schema, {}) == []


def test_every_answer_with_a_token_is_the_one_the_description_gives(
    api_schema: Any, token: str
) -> None:
    assert mismatches(api_schema, {"Authorization": f"Token {token}"}) == []
