"""The shared pages: start, accessibility statement, privacy notice, health, errors, language."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_start_page_is_in_swedish_by_default(client: Client) -> None:
    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv"' in page
    assert "Hoppa till huvudinnehållet" in page
    assert 'href="#main"' in page and 'id="main"' in page


def test_english_can_be_chosen_and_is_remembered(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = client.get("/").content.decode()

    assert '<html lang="en"' in page
    assert "Skip to main content" in page


@pytest.mark.parametrize(
    ("address", "says"),
    [
        pytest.param(
            "core:accessibility",
            [
                "delvis förenlig",
                "Innehåll som inte är tillgängligt",
                "digg.se",
                "mailto:",
                "Senaste bedömningen gjordes den",
            ],
            id="the_accessibility_statement_has_what_digg_requires",
        ),
        pytest.param(
            "core:privacy",
            ["allmänt intresse", "24 månader", "Integritetsskyddsmyndigheten"],
            id="the_privacy_notice_names_the_lawful_basis_retention_and_rights",
        ),
    ],
)
def test_a_statement_page_says_what_it_must(client: Client, address: str, says: list[str]) -> None:
    page = client.get(reverse(address)).content.decode()

    for text in says:
        assert text in page, text


def test_healthz_reports_a_working_database(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.parametrize("path", ["/", "/healthz", "/tillganglighet/", "/personuppgifter/"])
def test_health_checks_may_ask_with_head(client: Client, path: str) -> None:
    response = client.head(path)

    assert response.status_code == 200
    assert response.content == b""


def test_healthz_answers_503_when_the_database_fails(client: Client) -> None:
    with mock.patch("innovera.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


def test_every_page_carries_a_content_security_policy_without_inline_scripts(
    client: Client,
) -> None:
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def test_assets_are_served_from_our_own_host_only(client: Client) -> None:
    page = client.get("/").content.decode()

    for tag in ('<link rel="stylesheet" href="', '<script src="'):
        for part in page.split(tag)[1:]:
            assert part.startswith("/static/"), part[:60]


def test_an_english_browser_still_gets_swedish_until_english_is_chosen(client: Client) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert '<html lang="sv"' in page
