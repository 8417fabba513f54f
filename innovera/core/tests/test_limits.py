"""Limits on request size, text length and rate: no client can flood the service."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse
from rest_framework.test import APIClient

from innovera.ideas.tests.factories import idea_form, make_idea
from innovera.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db

SUBMIT = reverse("ideas:idea_submit")
BOUNDARY = "BoUnDaRyInnovera"


@pytest.fixture
def disk_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of uploads that Django started writing to a temporary file."""
    written: list[str] = []
    original = TemporaryUploadedFile.__init__

    def recording(self, name, *args, **kwargs):
        written.append(name)
        original(self, name, *args, **kwargs)

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", recording)
    return written


def idea_upload(size: int) -> bytes:
    return encode_multipart(
        BOUNDARY,
        idea_form(title="Stor fil", attachment=_named(b"%PDF" + b"0" * size, "stor.pdf")),
    )


def _named(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, "application/pdf")


def test_an_anonymous_upload_is_sent_to_sign_in_without_touching_the_disk(
    disk_writes: list[str],
) -> None:
    # As in production, CSRF is checked: that check is what reads the form.
    client = Client(enforce_csrf_checks=True)
    body = idea_upload(5 * 1024 * 1024)

    response = client.generic(
        "POST", SUBMIT, body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))
    assert disk_writes == []


def _post_claiming_100_mb(client: Client) -> Any:
    # The body claims 100 MB; reading past the few bytes there are would raise.
    return client.generic(
        "POST",
        SUBMIT,
        b"--x--",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )


def test_an_anonymous_100_mb_upload_is_sent_to_sign_in_unread() -> None:
    response = _post_claiming_100_mb(Client(enforce_csrf_checks=True))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


def test_a_signed_in_request_over_the_limit_is_refused_unread_with_a_swedish_page(
    client: Client,
) -> None:
    client.force_login(make_user())

    response = _post_claiming_100_mb(client)

    assert response.status_code == 413
    assert "större än Innovera tar emot" in response.content.decode()


def test_a_signed_in_upload_under_the_limit_still_arrives(client: Client) -> None:
    client.force_login(make_user())

    response = client.generic(
        "POST",
        SUBMIT,
        idea_upload(3 * 1024 * 1024),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )

    assert response.status_code == 302
    assert "/ideer/" in response["Location"]


def test_an_idea_text_over_5000_characters_is_refused_at_its_field() -> None:
    client = APIClient()
    client.force_authenticate(make_user())

    response = client.post(
        "/api/v1/ideas/",
        idea_form(title="Lång", description="x" * 2_500_000),
        format="json",
    )

    assert response.status_code == 400
    assert "description" in json.dumps(response.json())


def test_the_idea_form_refuses_an_overlong_description_and_keeps_the_title(
    client: Client,
) -> None:
    client.force_login(make_user())

    response = client.post(SUBMIT, idea_form(title="Lång idé", description="x" * 5001))

    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"Skriv högst 5000 tecken", page)
    assert 'value="Lång idé"' in page


def sign_up(client: Client, n: int):
    return client.post(
        reverse("organisations:sign_up"),
        {
            "full_name": "Ida",
            "email": f"ida{n}@example.org",
            "password1": "solros-kaffe-regn-77",
            "password2": "solros-kaffe-regn-77",
        },
    )


def test_the_eleventh_sign_up_in_an_hour_from_one_address_gets_a_swedish_429(
    client: Client,
) -> None:
    answers = [sign_up(client, n).status_code for n in range(11)]

    assert answers[:10] == [302] * 10
    assert answers[10] == 429
    assert "För många förfrågningar" in sign_up(client, 99).content.decode()
    # Another address is not affected.
    assert sign_up(Client(REMOTE_ADDR="203.0.113.7"), 100).status_code == 302


def test_password_reset_mails_one_address_at_most_three_times_an_hour() -> None:
    make_user(email="anna@example.org")
    answers = [
        Client(REMOTE_ADDR=f"198.51.100.{n}")
        .post(reverse("organisations:password_reset"), {"email": "Anna@example.org"})
        .status_code
        for n in range(4)
    ]

    assert answers == [302, 302, 302, 429]


def test_resending_the_verification_link_is_limited(client: Client) -> None:
    client.force_login(make_user(verified=False))
    answers = [
        client.post(reverse("organisations:resend_verification")).status_code for _ in range(6)
    ]

    assert answers == [302] * 5 + [429]


def test_comments_are_limited_per_person(client: Client, settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "2/h"}
    idea = make_idea()
    client.force_login(make_user())
    url = reverse("ideas:idea_comment", args=[idea.pk])

    answers = [client.post(url, {"comment-body": f"Kommentar {n}"}).status_code for n in range(3)]

    assert answers == [302, 302, 429]


def test_ideas_are_limited_per_person_on_the_pages(client: Client, settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "idea_submit": "1/h"}
    client.force_login(make_user())

    first = client.post(SUBMIT, idea_form())
    second = client.post(SUBMIT, idea_form())

    assert first.status_code == 302
    assert second.status_code == 429


def test_ideas_through_the_api_are_limited_with_a_json_429(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "idea_submit": "1/h"}
    client = APIClient()
    client.force_authenticate(make_user())

    first = client.post("/api/v1/ideas/", idea_form(), format="json")
    second = client.post("/api/v1/ideas/", idea_form(), format="json")

    assert first.status_code == 201
    assert second.status_code == 429
    assert second["Content-Type"].startswith("application/json")
    assert "detail" in second.json()
    # Reading is not a write and stays open.
    assert client.get("/api/v1/ideas/").status_code == 200


def test_similar_idea_suggestions_are_limited_per_address(client: Client, settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "similar_ideas": "3/m"}
    url = reverse("ideas:idea_similar")

    answers = [client.get(url, {"title": "cykel"}).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]


def test_the_api_throttles_anonymous_reading_per_address(monkeypatch) -> None:
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "600/min"})
    client = APIClient()

    answers = [client.get("/api/v1/ideas/").status_code for _ in range(3)]

    assert answers == [200, 200, 429]
