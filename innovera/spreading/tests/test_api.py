"""The sessions and adoptions API: the fields a client relies on, booking and cancelling."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from innovera.spreading import services
from innovera.spreading.tests.factories import (
    make_coordinator,
    make_example,
    make_session,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_a_session_in_the_api_has_its_times_with_offset_places_and_links() -> None:
    session = make_session(capacity=1, open_to_residents=True)
    for person in (make_user(unit=make_unit()), make_user(unit=make_unit())):
        services.booking_create(user=person, session_id=session.pk)

    row = Client().get(f"/api/v1/sessions/{session.pk}/").json()

    assert {
        "id",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "capacity",
        "booked",
        "waiting",
        "calendar_url",
        "url",
    } <= row.keys()
    assert datetime.datetime.fromisoformat(row["starts_at"]) == session.starts_at
    assert row["starts_at"][-6:] in ("+01:00", "+02:00")
    assert (row["capacity"], row["booked"], row["waiting"]) == (1, 1, 1)
    assert row["calendar_url"].endswith(f"/kunskapsdelning/{session.pk}/kalender.ics")
    assert row["url"].endswith(f"/kunskapsdelning/{session.pk}/")


def test_booking_and_cancelling_through_the_api() -> None:
    session = make_session(capacity=1)
    first, second = make_user(unit=make_unit()), make_user(unit=make_unit())
    client_one, client_two = Client(), Client()
    client_one.force_login(first)
    client_two.force_login(second)
    url = f"/api/v1/sessions/{session.pk}/booking/"

    assert client_one.post(url).json()["status"] == "booked"
    waiting = client_two.post(url).json()
    assert (waiting["status"], waiting["waiting_position"]) == ("waiting", 1)
    assert client_two.post(url).json()["status"] == "waiting"  # twice: one booking
    assert client_one.delete(url).json()["status"] == "cancelled"
    assert client_two.get(url).json()["status"] == "booked"


def test_the_api_refuses_a_booking_after_the_deadline_with_the_reason() -> None:
    session = make_session(starts_in=datetime.timedelta(minutes=20))
    client = Client()
    client.force_login(make_user(unit=make_unit()))
    response = client.post(f"/api/v1/sessions/{session.pk}/booking/")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Bokningen stängde")


def test_an_anonymous_caller_cannot_book() -> None:
    session = make_session(open_to_residents=True)
    assert Client().post(f"/api/v1/sessions/{session.pk}/booking/").status_code in (401, 403)


def test_adoptions_are_created_and_moved_through_the_api_with_field_errors() -> None:
    example = make_example()
    unit = make_unit()
    client = Client()
    client.force_login(make_coordinator(unit))

    created = client.post(
        "/api/v1/adoptions/",
        {"example": example.slug, "unit": unit.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    refused = client.patch(
        f"/api/v1/adoptions/{pk}/", {"status": "dropped"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "drop_reason" in refused.json()
    moved = client.patch(
        f"/api/v1/adoptions/{pk}/", {"status": "in_use"}, content_type="application/json"
    )
    assert moved.json()["status"] == "in_use"
    listed = Client().get("/api/v1/adoptions/", {"example": example.slug}).json()
    assert [row["id"] for row in listed["results"]] == [pk]


def test_the_openapi_description_has_the_spreading_paths() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert {
        "/api/v1/examples/",
        "/api/v1/examples/{slug}/",
        "/api/v1/adoptions/",
        "/api/v1/adoptions/{id}/",
        "/api/v1/sessions/",
        "/api/v1/sessions/{id}/",
        "/api/v1/sessions/{id}/booking/",
    } <= set(schema["paths"])
    assert set(schema["paths"]["/api/v1/sessions/{id}/booking/"]) == {"get", "post", "delete"}
