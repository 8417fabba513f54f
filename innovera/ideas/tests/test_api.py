"""The REST API: public data for anyone, writes for signed-in people and token holders."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from knox.models import AuthToken
from rest_framework.test import APIClient

from innovera.ideas import services
from innovera.ideas.models import (
    Audience,
    Challenge,
    Comment,
    Idea,
    StageMove,
    Support,
    Visibility,
)
from innovera.ideas.tests.factories import make_challenge
from innovera.organisations.models import Role, Unit, User
from innovera.organisations.services import membership_grant
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db

IDEAS = "/api/v1/ideas/"
CHALLENGES = "/api/v1/challenges/"


def in_swedish(message: str, **values: str) -> str:
    """A message of the project's catalogue as a Swedish caller gets it."""
    with translation.override("sv"):
        text = translation.gettext(message)
    return text % values if values else text


def client_for(user: User | None = None) -> APIClient:
    """An integration's client: a token in the Authorization header, no session."""
    client = APIClient()
    if user is not None:
        _record, token = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def submit(
    user: User,
    *,
    title: str = "Cykelparkering vid skolan",
    visibility: str = Visibility.PUBLIC,
    challenge: Challenge | None = None,
    description: str = "Fler cykelställ vid skolans entré.",
) -> Idea:
    idea, _created = services.idea_submit(
        user=user,
        submission_key=uuid.uuid4(),
        fields={
            "title": title,
            "description": description,
            "value": "Fler barn cyklar",
            "for_whom": "Elever",
            "submitter_role": "employee",
            "visibility": visibility,
        },
        challenge=challenge,
    )
    return idea


@dataclass
class City:
    unit: Unit
    other_unit: Unit
    coordinator: User
    employee: User
    outsider: User
    resident: User
    challenge: Challenge
    public: Idea
    internal_to_city: Idea
    internal_to_unit: Idea


@pytest.fixture
def city() -> City:
    unit = make_unit(name="Förvaltning Norr")
    other_unit = make_unit(name="Förvaltning Syd")
    coordinator = make_user(unit=unit)
    membership_grant(user=coordinator, unit=unit, role=Role.COORDINATOR)
    employee = make_user(unit=unit)
    challenge = make_challenge(
        unit,
        by=coordinator,
        title="Tryggare skolvägar",
        need="Fler barn ska kunna cykla till skolan.",
        for_whom="Elever",
    )
    return City(
        unit=unit,
        other_unit=other_unit,
        coordinator=coordinator,
        employee=employee,
        outsider=make_user(unit=other_unit),
        resident=make_user(),
        challenge=challenge,
        public=submit(employee, challenge=challenge),
        internal_to_city=submit(
            employee, title="Cykelparkering i stadshuset", visibility=Visibility.CITY
        ),
        internal_to_unit=submit(
            employee,
            title="Cykelparkering för personalen",
            visibility=Visibility.UNIT,
            challenge=challenge,
        ),
    )


def ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def new_idea(**fields: Any) -> dict[str, Any]:
    return {
        "title": "Läxhjälp på biblioteket",
        "description": "Volontärer hjälper elever med läxor.",
        "value": "Bättre skolresultat",
        "for_whom": "Elever",
        "submitter_role": "resident",
        **fields,
    }


# --- Anonymous callers see only public items ---------------------------------------------------


def test_anonymous_callers_list_only_public_ideas(city: City) -> None:
    response = client_for().get(IDEAS)

    assert response.status_code == 200
    assert ids(response) == [city.public.pk]


@pytest.mark.parametrize("hidden", ["internal_to_city", "internal_to_unit"])
@pytest.mark.parametrize("address", ["{}{}/", "{}{}/comments/", "{}{}/moves/"])
def test_a_hidden_idea_does_not_exist_for_anonymous_callers(
    city: City, hidden: str, address: str
) -> None:
    idea: Idea = getattr(city, hidden)

    response = client_for().get(address.format(IDEAS, idea.pk))

    # 404 as for an idea that never existed: a 403 would tell that it does.
    assert response.status_code == 404
    assert response.json() == {"detail": "Hittades inte."}


def test_search_never_finds_ideas_the_caller_may_not_see(city: City) -> None:
    anonymous = client_for().get(IDEAS, {"q": "cykelparkering"})
    outsider = client_for(city.outsider).get(IDEAS, {"q": "cykelparkering"})
    colleague = client_for(city.employee).get(IDEAS, {"q": "cykelparkering"})

    assert ids(anonymous) == [city.public.pk]
    assert sorted(ids(outsider)) == sorted([city.public.pk, city.internal_to_city.pk])
    assert sorted(ids(colleague)) == sorted(
        [city.public.pk, city.internal_to_city.pk, city.internal_to_unit.pk]
    )


def test_hidden_ideas_cannot_be_supported_commented_or_moved_by_outsiders(city: City) -> None:
    client = client_for(city.outsider)
    idea = city.internal_to_unit

    answers = [
        client.post(f"{IDEAS}{idea.pk}/support/"),
        client.post(f"{IDEAS}{idea.pk}/comments/", {"body": "Bra!"}),
        client.post(f"{IDEAS}{idea.pk}/moves/", {"to_stage": "in_review"}),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert not Support.objects.filter(idea=idea).exists()
    assert not Comment.objects.filter(idea=idea).exists()


def test_every_idea_carries_its_visibility_and_stage(city: City) -> None:
    listed = client_for(city.employee).get(IDEAS).json()["results"]
    detail = client_for().get(f"{IDEAS}{city.public.pk}/").json()

    assert {item["visibility"] for item in listed} == {"public", "city", "unit"}
    submitted = {"key": "submitted", "name": "Inskickad", "name_en": "Submitted"}
    assert all(item["stage"] == submitted for item in listed)
    assert detail["visibility"] == "public"
    assert detail["stage"] == submitted
    assert detail["challenge"] == city.challenge.slug
    assert detail["owner_unit"] == {"id": city.unit.pk, "name": "Förvaltning Norr"}


def test_an_internal_challenge_is_not_named_to_anonymous_callers(city: City) -> None:
    Challenge.objects.filter(pk=city.challenge.pk).update(audience=Audience.INTERNAL)

    detail = client_for().get(f"{IDEAS}{city.public.pk}/").json()
    listed = client_for().get(CHALLENGES).json()["results"]

    assert detail["challenge"] is None
    assert listed == []
    assert client_for().get(f"{CHALLENGES}{city.challenge.slug}/").status_code == 404


def test_the_list_costs_the_same_number_of_queries_for_few_and_many_ideas(city: City) -> None:
    client = client_for(city.employee)
    with CaptureQueriesContext(connection) as few:
        client.get(IDEAS)
    for n in range(15):
        submit(city.employee, title=f"Idé {n}", challenge=city.challenge)
    with CaptureQueriesContext(connection) as many:
        client.get(IDEAS)

    assert len(many) == len(few)


# --- Writing: tokens, sessions, submissions ---------------------------------------------------


def test_anonymous_callers_cannot_write(city: City) -> None:
    response = client_for().post(IDEAS, new_idea())

    assert response.status_code == 401
    assert response.json() == {"detail": "Autentiseringsuppgifter ej tillhandahållna."}
    assert not Idea.objects.filter(title="Läxhjälp på biblioteket").exists()


def test_a_token_user_submits_an_idea(city: City) -> None:
    response = client_for(city.resident).post(IDEAS, new_idea())

    assert response.status_code == 201
    body = response.json()
    idea = Idea.objects.get(pk=body["id"])
    assert idea.submitter == city.resident
    assert body["stage"] == {"key": "submitted", "name": "Inskickad", "name_en": "Submitted"}
    assert body["visibility"] == "public"
    assert response["Location"] == body["url"]
    assert uuid.UUID(body["submission_key"]) == idea.submission_key


def test_a_retried_post_with_the_same_submission_key_creates_one_idea(city: City) -> None:
    client = client_for(city.resident)
    key = str(uuid.uuid4())

    first = client.post(IDEAS, new_idea(submission_key=key))
    retry = client.post(IDEAS, new_idea(submission_key=key))

    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json()["id"] == first.json()["id"]
    assert Idea.objects.filter(title="Läxhjälp på biblioteket").count() == 1


def test_someone_elses_submission_key_does_not_return_their_idea(city: City) -> None:
    key = str(city.internal_to_unit.submission_key)

    response = client_for(city.resident).post(IDEAS, new_idea(submission_key=key))

    assert response.status_code == 400
    assert list(response.json()) == ["submission_key"]
    assert "Cykelparkering" not in response.content.decode()


def test_a_missing_field_is_named_with_a_swedish_message(city: City) -> None:
    data = new_idea()
    del data["title"]

    response = client_for(city.resident).post(IDEAS, data)

    assert response.status_code == 400
    # The wording of Django's forms, so the pages and the API say the same (see api.py).
    required = in_swedish("This field is required.")
    assert required != "This field is required."
    assert response.json() == {"title": [required]}


def test_an_unverified_resident_may_not_submit(city: City) -> None:
    unverified = make_user(verified=False)

    response = client_for(unverified).post(IDEAS, new_idea())

    assert response.status_code == 403
    assert response.json()["detail"] == in_swedish(
        "Confirm your e-mail address before you submit an idea."
    )


def test_a_browser_session_must_send_the_csrf_token(city: City) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(city.resident)

    response = client.post(IDEAS, new_idea())

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert client.get(IDEAS).status_code == 200


def test_a_token_made_on_the_command_line_opens_the_api(city: City) -> None:
    out = io.StringIO()
    call_command(
        "api_token", "create", city.resident.email, "--days", "3", stdout=out, stderr=io.StringIO()
    )
    token = out.getvalue().strip()

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.post(IDEAS, new_idea())

    assert response.status_code == 201
    # Only a digest is stored: the token itself is nowhere in the database.
    record = AuthToken.objects.get(user=city.resident)
    assert token not in (record.digest, record.token_key)
    assert record.expiry is not None
    assert 2 <= (record.expiry - timezone.now()).days <= 3


def test_html_in_text_comes_back_as_plain_text_and_is_never_rendered(city: City) -> None:
    script = '<script>alert("x")</script><b>fet</b> & "citat"'
    client = client_for(city.resident)
    idea_id = client.post(IDEAS, new_idea(title=script, description=script)).json()["id"]
    client.post(f"{IDEAS}{idea_id}/comments/", {"body": script})

    detail = client_for().get(f"{IDEAS}{idea_id}/")
    comments = client_for().get(f"{IDEAS}{idea_id}/comments/")

    assert detail["Content-Type"] == "application/json"
    assert detail["X-Content-Type-Options"] == "nosniff"
    assert (detail.json()["title"], detail.json()["description"]) == (script, script)
    assert comments.json()["results"][0]["body"] == script
    assert "&lt;" not in detail.content.decode()


# --- Comments and support ----------------------------------------------------------------------


def test_a_comment_is_posted_and_listed(city: City) -> None:
    client = client_for(city.resident)

    posted = client.post(f"{IDEAS}{city.public.pk}/comments/", {"body": "Gärna vid entrén."})
    listed = client_for().get(f"{IDEAS}{city.public.pk}/comments/")

    assert posted.status_code == 201
    assert [c["body"] for c in listed.json()["results"]] == ["Gärna vid entrén."]
    # A resident is shown by the name chosen at sign-up, never by the full name.
    assert (
        listed.json()["results"][0]["author"]
        == city.resident.public_name
        != city.resident.full_name
    )


def test_only_the_owner_units_coordinators_give_official_answers(city: City) -> None:
    response = client_for(city.resident).post(
        f"{IDEAS}{city.public.pk}/comments/", {"body": "Svar", "official": True}
    )

    assert response.status_code == 403
    assert response.json()["detail"] == in_swedish(
        "Only the owner unit's coordinators give official answers."
    )


def test_supporting_twice_is_still_one_support(city: City) -> None:
    client = client_for(city.resident)
    address = f"{IDEAS}{city.public.pk}/support/"

    first = client.post(address)
    second = client.post(address)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == {"supported": True, "support_count": 1}
    assert Support.objects.filter(idea=city.public, user=city.resident).count() == 1


def test_support_is_taken_back_with_delete(city: City) -> None:
    client = client_for(city.resident)
    client.post(f"{IDEAS}{city.public.pk}/support/")

    response = client.delete(f"{IDEAS}{city.public.pk}/support/")

    assert response.json() == {"supported": False, "support_count": 0}
    assert not Support.objects.filter(idea=city.public).exists()


# --- Stage moves -------------------------------------------------------------------------------


def stage_of(idea: Idea) -> str:
    idea.refresh_from_db()
    return idea.stage.key


def test_it_refuses_a_move_by_a_resident(city: City) -> None:
    response = client_for(city.resident).post(
        f"{IDEAS}{city.public.pk}/moves/", {"to_stage": "in_review"}
    )

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Bara den ägande enhetens idéansvariga och innovationskontoret får flytta idén."
    }
    assert stage_of(city.public) == "submitted"


def test_a_coordinator_of_the_owner_unit_moves_the_idea_along_an_allowed_transition(
    city: City,
) -> None:
    client = client_for(city.coordinator)

    response = client.post(
        f"{IDEAS}{city.public.pk}/moves/", {"to_stage": "in_review", "reason": "Ser lovande ut"}
    )
    trail = client_for().get(f"{IDEAS}{city.public.pk}/moves/").json()["results"]

    assert response.status_code == 200
    assert response.json()["stage"] == {
        "key": "in_review",
        "name": "Under bedömning",
        "name_en": "In review",
    }
    assert stage_of(city.public) == "in_review"
    assert [(m["from_stage"], m["to_stage"]["key"], m["reason"]) for m in trail] == [
        (None, "submitted", ""),
        (
            {"key": "submitted", "name": "Inskickad", "name_en": "Submitted"},
            "in_review",
            "Ser lovande ut",
        ),
    ]


def test_an_invalid_transition_is_refused_and_the_stage_stays(city: City) -> None:
    response = client_for(city.coordinator).post(
        f"{IDEAS}{city.public.pk}/moves/", {"to_stage": "testing"}
    )

    assert response.status_code == 400
    # The service names the field it refuses (the page shows it there), so the API does too.
    assert response.json() == {
        "to_stage": [
            in_swedish(
                "An idea cannot go from “%(from)s” to “%(to)s”.",
                **{"from": "Inskickad", "to": "Testas"},
            )
        ]
    }
    assert stage_of(city.public) == "submitted"
    assert StageMove.objects.filter(idea=city.public).count() == 1


def test_declining_without_a_reason_names_the_reason(city: City) -> None:
    response = client_for(city.coordinator).post(
        f"{IDEAS}{city.public.pk}/moves/", {"to_stage": "declined", "reason": "  "}
    )

    assert response.status_code == 400
    assert response.json() == {"reason": ["Ange ett skäl för flytten till ”Avslagen”."]}
    assert stage_of(city.public) == "submitted"


def test_an_unknown_stage_is_named_in_swedish(city: City) -> None:
    response = client_for(city.coordinator).post(
        f"{IDEAS}{city.public.pk}/moves/", {"to_stage": "finns-inte"}
    )

    assert response.status_code == 400
    assert response.json() == {"to_stage": ["Objekt med key=finns-inte finns inte."]}


def test_merging_takes_only_an_idea_the_mover_may_see(city: City) -> None:
    other = submit(city.employee, title="Cykelställ vid skolan", challenge=city.challenge)
    hidden = submit(city.outsider, title="Cykelgarage", visibility=Visibility.UNIT)
    client = client_for(city.coordinator)
    address = f"{IDEAS}{city.public.pk}/moves/"

    refused = client.post(
        address, {"to_stage": "merged", "reason": "Samma idé", "merge_into": hidden.pk}
    )
    merged = client.post(
        address, {"to_stage": "merged", "reason": "Samma idé", "merge_into": other.pk}
    )

    assert refused.status_code == 400
    assert list(refused.json()) == ["merge_into"]
    assert merged.status_code == 200
    assert client_for().get(f"{IDEAS}{city.public.pk}/").json()["merged_into"] == other.pk


# --- Challenges --------------------------------------------------------------------------------


def new_challenge(unit: Unit, **fields: Any) -> dict[str, Any]:
    return {
        "title": "Mindre matsvinn",
        "need": "Skolköken slänger för mycket mat.",
        "for_whom": "Skolkök",
        "owner_unit": unit.pk,
        "status": "open",
        **fields,
    }


def test_a_coordinator_publishes_a_challenge_for_their_own_unit(city: City) -> None:
    client = client_for(city.coordinator)

    own = client.post(CHALLENGES, new_challenge(city.unit))
    other = client.post(CHALLENGES, new_challenge(city.other_unit))

    assert own.status_code == 201
    assert own.json()["owner_unit"] == {"id": city.unit.pk, "name": "Förvaltning Norr"}
    assert client_for().get(own["Location"]).json()["title"] == "Mindre matsvinn"
    assert other.status_code == 403
    assert other.json()["detail"] == in_swedish(
        "You may publish challenges only for your own unit."
    )


def test_a_challenge_cannot_close_before_it_opens(city: City) -> None:
    response = client_for(city.coordinator).post(
        CHALLENGES, new_challenge(city.unit, opens_on="2026-05-01", closes_on="2026-04-01")
    )

    assert response.status_code == 400
    assert list(response.json()) == ["closes_on"]


def test_anonymous_callers_see_published_public_challenges_only(city: City) -> None:
    draft = services.challenge_publish(
        user=city.coordinator,
        owner_unit=city.unit,
        fields={"title": "Utkast", "need": "…", "for_whom": "…"},
    )

    listed = [c["slug"] for c in client_for().get(CHALLENGES).json()["results"]]

    assert listed == [city.challenge.slug]
    assert client_for().get(f"{CHALLENGES}{draft.slug}/").status_code == 404


# --- Pages and the description -----------------------------------------------------------------


def test_45_ideas_come_in_three_keyset_pages_without_duplicates(city: City) -> None:
    for n in range(44):  # with city.public, 45 public ideas; the two internal ones stay out
        submit(city.employee, title=f"Idé nummer {n}")
    client = client_for()

    pages, address = [], IDEAS
    with CaptureQueriesContext(connection) as queries:
        while address:
            response = client.get(address)
            assert response.status_code == 200
            pages.append(ids(response))
            address = response.json()["next"]

    seen = [pk for page in pages for pk in page]
    assert [len(page) for page in pages] == [20, 20, 5]
    assert len(seen) == len(set(seen)) == 45
    assert not any("OFFSET" in query["sql"].upper() for query in queries.captured_queries)
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    newest_first = list(
        Idea.objects.filter(visibility=Visibility.PUBLIC)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
    )
    assert seen == newest_first


def test_the_next_link_keeps_the_filters(city: City) -> None:
    for n in range(21):
        submit(city.employee, title=f"Idé {n}", challenge=city.challenge)

    first = client_for().get(IDEAS, {"challenge": city.challenge.slug, "sort": "supported"})
    second = client_for().get(first.json()["next"])

    assert "challenge=" in first.json()["next"]
    assert "sort=supported" in first.json()["next"]
    assert len(ids(first)) + len(ids(second)) == 22
    assert second.json()["next"] is None


def test_a_bad_filter_is_named(city: City) -> None:
    response = client_for().get(IDEAS, {"stage": "finns-inte", "since": "igår"})

    assert response.status_code == 400
    assert set(response.json()) == {"stage", "since"}


def test_the_openapi_description_is_json_with_every_path() -> None:
    response = APIClient().get("/api/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    # The other apps add their own paths; these are the ideas app's.
    assert set(schema["paths"]) >= {
        "/api/v1/challenges/",
        "/api/v1/challenges/{slug}/",
        "/api/v1/ideas/",
        "/api/v1/ideas/{id}/",
        "/api/v1/ideas/{id}/comments/",
        "/api/v1/ideas/{id}/support/",
        "/api/v1/ideas/{id}/moves/",
        "/api/v1/search/",
        "/api/v1/indicators/",
        "/api/v1/indicators/{code}/",
    }
    assert set(schema["paths"]["/api/v1/ideas/"]) == {"get", "post"}
    assert set(schema["paths"]["/api/v1/ideas/{id}/support/"]) == {"post", "delete"}
    assert {"knoxApiToken", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
