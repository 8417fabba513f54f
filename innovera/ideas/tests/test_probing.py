"""Holes found by probing the ideas app (issue 8): each test failed before its fix."""

from __future__ import annotations

import io
import json
import sys
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import openpyxl
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from innovera.core.exceptions import ApplicationError
from innovera.ideas import services
from innovera.ideas.models import Audience, Challenge, Idea, Stage, Visibility
from innovera.ideas.tests.factories import (
    idea_form,
    make_challenge,
    make_coordinator,
    make_idea,
    make_office,
    submit_idea,
)
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def internal_challenge(unit) -> Challenge:
    return make_challenge(
        unit,
        title="Hemlig intern utmaning",
        need="Bara för medarbetare.",
        for_whom="Personal",
        audience=Audience.INTERNAL,
    )


# --- 4. The Atom feed carries plain text -------------------------------------------------------


def test_the_feed_delivers_markup_in_a_description_as_text_a_reader_shows() -> None:
    make_idea(title="Skript <b>fet</b>", description='<script>alert("x")</script> och mer')

    response = Client().get(reverse("ideas:idea_feed"))

    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    entry = ElementTree.fromstring(response.content).find(f"{atom}entry")  # noqa: S314 - our own feed
    assert entry is not None
    summary = entry.find(f"{atom}summary")
    assert summary is not None
    # What a feed reader gets after decoding the XML: escaped markup, shown as text.
    assert "<script>" not in (summary.text or "")
    assert "&lt;script&gt;" in (summary.text or "")


def test_a_control_character_in_a_title_does_not_take_the_feed_down() -> None:
    idea = make_idea(title="Vertikal\x0btabb", description="Text med \x0b tecken")

    response = Client().get(reverse("ideas:idea_feed"))

    assert response.status_code == 200
    assert "Vertikaltabb" in response.content.decode()
    assert idea.pk


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_control_character_in_a_title_does_not_take_the_exports_down(file_format: str) -> None:
    unit = make_unit()
    make_idea(unit=unit, title="Vertikal\x0btabb", visibility="unit")
    client = Client()
    client.force_login(make_coordinator(unit))

    response = client.get(reverse("ideas:idea_export", args=[file_format]))

    assert response.status_code == 200
    if file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        titles = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    else:
        assert b"\x0b" not in response.content
        titles = response.content.decode("utf-8-sig").split(",")
    assert "Vertikaltabb" in titles


# --- 5. The idea page names only what the visitor may see --------------------------------------


def test_the_idea_page_does_not_name_an_internal_challenge_to_the_public() -> None:
    unit = make_unit()
    challenge = internal_challenge(unit)
    idea = make_idea(unit=unit, title="Publik idé till intern utmaning")
    Idea.objects.filter(pk=idea.pk).update(challenge=challenge, visibility=Visibility.PUBLIC)

    public_page = Client().get(idea.get_absolute_url()).content.decode()
    colleague = Client()
    colleague.force_login(make_user(unit=unit))
    colleague_page = colleague.get(idea.get_absolute_url()).content.decode()

    assert "Hemlig intern utmaning" not in public_page
    assert challenge.get_absolute_url() not in public_page
    assert "Hemlig intern utmaning" in colleague_page


def test_the_idea_page_does_not_name_the_internal_idea_it_was_merged_into() -> None:
    unit = make_unit()
    target = make_idea(unit=unit, title="Intern målidé", visibility=Visibility.UNIT)
    merged = make_idea(unit=unit, title="Publik sammanslagen idé")
    Idea.objects.filter(pk=merged.pk).update(merged_into=target)

    page = Client().get(merged.get_absolute_url()).content.decode()

    assert "Publik sammanslagen idé" in page
    assert "Intern målidé" not in page
    assert target.get_absolute_url() not in page


def test_an_idea_for_an_internal_challenge_is_internal_by_default() -> None:
    unit = make_unit()
    challenge = internal_challenge(unit)

    idea = submit_idea(
        make_user(unit=unit),
        challenge=challenge,
        title="Idé till intern utmaning",
        submitter_role="employee",
    )

    assert idea.visibility == Visibility.CITY
    assert (
        "Idé till intern utmaning" not in Client().get(reverse("ideas:idea_list")).content.decode()
    )


# --- 6. A merge changes only ideas the mover may handle ----------------------------------------


def merge(user, idea: Idea, into: Idea):
    return services.idea_move(
        user=user,
        idea_id=idea.pk,
        to_stage=Stage.objects.get(key="merged"),
        reason="Samma idé",
        merge_into=into,
    )


def test_a_coordinator_cannot_merge_into_another_units_idea() -> None:
    mine, theirs = make_unit(), make_unit()
    coordinator = make_coordinator(mine)
    idea = make_idea(unit=mine)
    target = make_idea(unit=theirs, title="Annan enhets idé")
    supporter = make_user()
    services.support_add(user=supporter, idea=idea)

    with pytest.raises(ApplicationError, match="hantera"):
        merge(coordinator, idea, target)

    target.refresh_from_db()
    idea.refresh_from_db()
    assert target.support_count == 0
    assert idea.merged_into is None


@pytest.mark.parametrize("closed", ["merged", "declined"])
def test_nothing_is_merged_into_a_merged_or_declined_idea(closed: str) -> None:
    office = make_office()
    idea = make_idea()
    target = make_idea(title="Stängd idé")
    Idea.objects.filter(pk=target.pk).update(stage=Stage.objects.get(key=closed))
    target.refresh_from_db()

    with pytest.raises(ApplicationError):
        merge(office, idea, target)

    idea.refresh_from_db()
    assert idea.merged_into is None


def test_the_office_still_merges_into_an_open_idea() -> None:
    office = make_office()
    idea, target = make_idea(), make_idea(title="Öppen idé")

    merge(office, idea, target)

    idea.refresh_from_db()
    assert idea.merged_into == target


# --- 7. A forged page link is a 400, not a 500 -------------------------------------------------


FORGED = ["WyJ4IiwgMV0", "WyIyMDI2LTAxLTAxIiwgInkiXQ", "bm90IGpzb24", "WzEsIDJd", "%%%"]


@pytest.mark.parametrize("cursor", FORGED)
def test_a_forged_page_link_is_refused_on_the_page(cursor: str) -> None:
    make_idea()

    response = Client().get(reverse("ideas:idea_list"), {"efter": cursor})

    assert response.status_code == 400
    assert "Sidlänken är inte giltig" in response.content.decode()


@pytest.mark.parametrize("cursor", FORGED)
@pytest.mark.parametrize("sort", ["newest", "supported", "score"])
def test_a_forged_cursor_is_refused_by_the_api_at_its_field(cursor: str, sort: str) -> None:
    make_idea()

    response = APIClient().get("/api/v1/ideas/", {"cursor": cursor, "sort": sort})

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_real_next_link_still_leads_to_the_next_page() -> None:
    from django.contrib.auth.models import AnonymousUser

    from innovera.ideas import selectors

    for n in range(3):
        make_idea(title=f"Idé {n}")
    first = selectors.idea_list(user=AnonymousUser(), filters={}, limit=1)
    assert first.next_cursor

    response = APIClient().get("/api/v1/ideas/", {"cursor": first.next_cursor})

    assert response.status_code == 200
    assert response.json()["results"][0]["title"] != first.ideas[0].title


# --- 10. Creating an idea answers 201 through a strict WSGI server -----------------------------


def test_creating_an_idea_through_the_api_passes_a_strict_wsgi_server() -> None:
    """wsgiref (what `innovera demo` serves with) accepts only exact str header values."""
    _record, token = AuthToken.objects.create(user=make_user())
    body = json.dumps(
        {
            "title": "Läxhjälp",
            "description": "x",
            "value": "x",
            "for_whom": "x",
            "submitter_role": "resident",
        }
    ).encode()
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/api/v1/ideas/",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_AUTHORIZATION": f"Token {token}",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
    }
    setup_testing_defaults(environ)
    environ["SERVER_NAME"] = environ["HTTP_HOST"] = "localhost"
    answer: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
        answer.append(status)
        return lambda data: None

    # As Django's test client does: the handler's request signals would otherwise close the
    # test's database connection (on PostgreSQL that ends the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = validator(WSGIHandler())(environ, start_response)
        b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

    assert answer and answer[0].startswith("201")
    assert Idea.objects.filter(title="Läxhjälp").count() == 1


# --- 2. Control characters are refused at the field, and stripped on output --------------------


def test_the_idea_form_refuses_a_vertical_tab_at_the_title_and_keeps_the_text() -> None:
    client = Client()
    client.force_login(make_user())

    response = client.post(
        reverse("ideas:idea_submit"),
        idea_form(title="Rubrik\x0bmed tabb", description="Beskrivning"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "osynligt styrtecken" in page
    assert "Ge idén en kort rubrik" in page
    assert "Beskrivning</textarea>" in page
    assert not Idea.objects.filter(title__startswith="Rubrik").exists()


def _api_idea_with(description: str) -> Any:
    client = APIClient()
    client.force_authenticate(make_user())
    idea = {
        "title": "Rubrik",
        "description": description,
        "value": "x",
        "for_whom": "x",
        "submitter_role": "resident",
    }
    return client.post("/api/v1/ideas/", idea, format="json")


def test_the_api_refuses_a_control_character_at_its_field() -> None:
    response = _api_idea_with("Text\x1fmed styrtecken")

    assert response.status_code == 400
    assert list(response.json()) == ["description"]
    assert not Idea.objects.filter(title="Rubrik").exists()


def test_tabs_and_line_breaks_are_still_welcome() -> None:
    response = _api_idea_with("Rad ett\nRad två\tmed tabb\r\n")

    assert response.status_code == 201
