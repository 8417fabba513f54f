"""Text sent to follow-up: a goal's title with a control character or over its length is refused
at the field and nothing is stored (issue 8, findings 2 and 13). Follow-up has no write API and
no imports."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from innovera.followup.models import Goal
from innovera.ideas.tests.factories import make_coordinator
from innovera.organisations.tests.factories import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client() -> tuple[Client, Any]:
    unit = make_unit(name="Norr")
    client = Client()
    client.force_login(make_coordinator(unit))
    return client, unit


def goal(unit: Any, title: str) -> dict[str, Any]:
    return {
        "unit": unit.pk,
        "indicator": "",
        "title": title,
        "comparison": "at_least",
        "target": "1",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
    }


def test_the_goal_form_refuses_a_control_character_in_the_title_and_keeps_it(
    coordinator_client: tuple[Client, Any],
) -> None:
    client, unit = coordinator_client

    page = client.post("/uppfoljning/mal/nytt/", goal(unit, "Varje\x0benhet"), secure=True)

    html = page.content.decode()
    assert "osynligt styrtecken" in html and "Varje\x0benhet" in html
    assert not Goal.objects.exists()


def test_the_goal_form_refuses_a_title_over_200_characters(
    coordinator_client: tuple[Client, Any],
) -> None:
    client, unit = coordinator_client

    page = client.post("/uppfoljning/mal/nytt/", goal(unit, "x" * 201), secure=True)

    assert "Skriv högst 200 tecken (du har skrivit 201)" in page.content.decode()
    assert not Goal.objects.exists()


def test_a_good_goal_is_still_stored(coordinator_client: tuple[Client, Any]) -> None:
    client, unit = coordinator_client

    page = client.post(
        "/uppfoljning/mal/nytt/", goal(unit, "Varje enhet\thar en rutin"), secure=True
    )

    assert page.status_code == 302
    assert Goal.objects.get().title == "Varje enhet\thar en rutin"
