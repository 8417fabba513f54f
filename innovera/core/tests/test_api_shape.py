"""The API's one shape: errors, pages and the description, the same for every app."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from innovera.core.api import errors
from innovera.core.exceptions import ApplicationError, PermissionRefused, Refusals
from innovera.ideas.models import Challenge, ChallengeStatus
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Hittades inte."}


def answer(response: Any) -> tuple[int, str, Any]:
    return response.status_code, response["Content-Type"], response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/ideas/abc/",
        "/api/v1/ideas/12x/comments/",
        "/api/v1/adoptions/-1/",
        "/api/v1/sessions/ett/booking/",
        "/api/v1/finns-inte/",
        "/api/v2/ideas/",
        "/api/",
    ],
)
def test_an_address_under_the_api_that_no_view_matches_is_a_json_404(path: str) -> None:
    assert answer(APIClient().get(path)) == (404, "application/json", NOT_FOUND)


def test_an_address_outside_the_api_that_no_view_matches_is_still_the_html_page() -> None:
    response = APIClient().get("/finns-inte/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_object_that_does_not_exist_is_the_same_json_404_in_every_app() -> None:
    for path in [
        "/api/v1/ideas/999999/",
        "/api/v1/challenges/finns-inte/",
        "/api/v1/examples/finns-inte/",
        "/api/v1/sessions/999999/",
        "/api/v1/indicators/finns-inte/",
    ]:
        assert answer(APIClient().get(path)) == (404, "application/json", NOT_FOUND), path


def test_a_body_that_is_not_json_is_a_400_with_a_detail() -> None:
    user = make_user(email="ida@example.org")
    client = APIClient()
    client.force_authenticate(user)

    response = client.post("/api/v1/ideas/", data="{inte json", content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["detail"]
    assert isinstance(response.json()["detail"], str)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_larger_than_the_limit_is_a_json_413() -> None:
    user = make_user(email="ida@example.org")
    client = APIClient()
    client.force_authenticate(user)
    body = json.dumps({"title": "x" * 2000})

    response = client.post("/api/v1/ideas/", data=body, content_type="application/json")

    assert answer(response) == (413, "application/json", {"detail": "Förfrågan är för stor."})


def test_a_forged_cursor_on_any_list_is_a_400_at_the_cursor() -> None:
    for path in ["/api/v1/challenges/", "/api/v1/examples/", "/api/v1/adoptions/"]:
        response = APIClient().get(path, {"cursor": "inte-en-markör"})

        assert response.status_code == 400, path
        assert list(response.json()) == ["cursor"], path


def test_every_list_is_a_cursor_page_of_results_and_a_next_link() -> None:
    for path in [
        "/api/v1/ideas/",
        "/api/v1/challenges/",
        "/api/v1/examples/",
        "/api/v1/adoptions/",
        "/api/v1/sessions/",
        "/api/v1/indicators/",
    ]:
        body = APIClient().get(path).json()

        assert set(body) == {"results", "next"}, path
        assert body["next"] is None, path


def test_a_long_list_is_followed_page_by_page_through_next_to_its_end() -> None:
    unit = make_unit(name="Förvaltning Öst")
    Challenge.objects.bulk_create(
        Challenge(
            title=f"Utmaning {n}",
            slug=f"utmaning-{n}",
            need="Behov",
            for_whom="Alla",
            owner_unit=unit,
            status=ChallengeStatus.OPEN,
        )
        for n in range(45)
    )
    seen: list[str] = []
    address: str | None = "/api/v1/challenges/"
    while address:
        body = APIClient().get(address).json()
        seen += [row["slug"] for row in body["results"]]
        address = body["next"]

    assert sorted(seen) == sorted(f"utmaning-{n}" for n in range(45))


def test_a_validation_error_without_a_field_is_a_detail_string() -> None:
    shaped = errors.shaped({"non_field_errors": ["Något saknas.", "Och något till."]})

    assert shaped == {"detail": "Något saknas. Och något till."}
    assert errors.shaped(["Fel."]) == {"detail": "Fel."}
    assert errors.shaped({"title": ["Fyll i."]}) == {"title": ["Fyll i."]}


def test_a_service_error_keeps_its_status_and_names_its_field() -> None:
    handled = errors.exception_handler(
        ApplicationError("Välj en enhet.", field="unit", status=409), {}
    )
    refused = errors.exception_handler(PermissionRefused("Du får inte."), {})

    assert handled is not None and refused is not None
    assert (handled.status_code, handled.data) == (409, {"unit": ["Välj en enhet."]})
    assert (refused.status_code, refused.data) == (403, {"detail": "Du får inte."})


def test_refusals_raised_together_are_each_at_their_field_and_the_rest_in_detail() -> None:
    handled = errors.exception_handler(
        Refusals(
            [
                ApplicationError("Ge en rubrik.", field="title"),
                ApplicationError("Perioden är fel."),
                ApplicationError("Högst 200 tecken.", field="title"),
                ApplicationError("Och något till."),
                ApplicationError("Välj en enhet.", field="unit"),
            ]
        ),
        {},
    )

    assert handled is not None and handled.status_code == 400
    assert handled.data == {
        "title": ["Ge en rubrik.", "Högst 200 tecken."],
        "detail": "Perioden är fel. Och något till.",
        "unit": ["Välj en enhet."],
    }


def test_the_description_documents_the_error_answers_of_every_operation() -> None:
    description = APIClient().get(reverse("api:openapi")).json()
    operations = [
        (path, method, operation)
        for path, methods in description["paths"].items()
        for method, operation in methods.items()
    ]

    assert len(operations) > 20
    for path, method, operation in operations:
        codes = set(operation["responses"])
        assert {"401", "429"} <= codes, (path, method)
        if "{" in path:
            assert "404" in codes, (path, method)
        if "requestBody" in operation:
            assert {"400", "413"} <= codes, (path, method)
    create = description["paths"]["/api/v1/ideas/"]["post"]["responses"]["400"]
    fields = create["content"]["application/json"]["schema"]["properties"]
    assert {"detail", "title", "description", "topics"} <= set(fields)


def test_every_app_s_api_is_in_one_namespace_under_api() -> None:
    assert reverse("api:ideas:idea_list") == "/api/v1/ideas/"
    assert reverse("api:spreading:example_list") == "/api/v1/examples/"
    assert reverse("api:followup:indicator_list") == "/api/v1/indicators/"
    assert reverse("api:documents:table") == "/api/v1/documents/"
    assert reverse("api:search") == "/api/v1/search/"
