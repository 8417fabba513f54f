"""A signed-out person is sent to sign in the same way everywhere; htmx by `HX-Redirect`.

htmx follows a 302 itself and would swap the whole sign-in page into the region that asked (a
progress poll, a panel of the idea page); `HX-Redirect` makes it take the window there instead,
with `next` the page the person is on.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.client import encode_multipart
from django.urls import reverse

from innovera.core.http import sign_in_first
from innovera.core.permissions import requires
from innovera.ideas.tests.factories import idea_form, make_idea

pytestmark = pytest.mark.django_db

LOGIN = reverse("organisations:login")
# The office's recount progress, which its dashboard polls (no job needs to exist: the
# permission is asked first).
POLL = reverse("followup:recount", kwargs={"pk": 1})
DASHBOARD = reverse("followup:city")
HTMX = {"HX-Request": "true"}


def htmx_from(page: str) -> dict[str, str]:
    return {**HTMX, "HX-Current-URL": page}


def sign_in_target(response: Any) -> tuple[str, str]:
    """(the sign-in path, its `next`) of an `HX-Redirect` answer."""
    assert response.status_code in (200, 204)
    assert "Location" not in response
    split = urlsplit(response["HX-Redirect"])
    return split.path, parse_qs(split.query)["next"][0]


def test_a_signed_out_progress_poll_is_told_to_take_the_window_to_sign_in(client: Client) -> None:
    response = client.get(POLL, headers=htmx_from(f"http://testserver{DASHBOARD}?period=year#top"))

    assert sign_in_target(response) == (LOGIN, f"{DASHBOARD}?period=year")
    # Nothing for htmx to swap into the region.
    assert b"<form" not in response.content


def test_a_plain_signed_out_request_is_still_redirected_to_sign_in(client: Client) -> None:
    response = client.get(POLL)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={POLL}"
    assert "HX-Redirect" not in response


@pytest.mark.parametrize(
    "current",
    [
        "https://elsewhere.example/uppfoljning/",
        "http://elsewhere.example/",
        # This site's host, but a path a browser reads as another host's.
        "http://testserver//elsewhere.example/x",
        "http://testserver/\\elsewhere.example/x",
        "javascript:alert(1)",
        "http://[broken",
    ],
)
def test_an_off_site_current_page_is_never_where_sign_in_returns_to(
    client: Client, current: str
) -> None:
    response = client.get(POLL, headers=htmx_from(current))

    assert sign_in_target(response) == (LOGIN, POLL)


def test_an_htmx_request_without_its_current_page_returns_to_its_own_path(client: Client) -> None:
    assert sign_in_target(client.get(POLL, headers=HTMX)) == (LOGIN, POLL)


def test_a_panel_of_the_idea_page_sends_a_signed_out_person_back_to_the_idea(
    client: Client,
) -> None:
    idea = make_idea()
    page = idea.get_absolute_url()

    response = client.post(
        reverse("ideas:idea_support", kwargs={"pk": idea.pk}),
        headers=htmx_from(f"http://testserver{page}"),
    )

    assert sign_in_target(response) == (LOGIN, page)


def test_a_view_asking_about_its_object_sends_signed_out_htmx_to_sign_in() -> None:
    @requires("work.view", on_object=True)
    def refusing(request: HttpRequest) -> HttpResponse:
        raise PermissionDenied

    request = RequestFactory().get("/fragment/", headers=htmx_from("http://testserver/sida/"))
    request.user = AnonymousUser()

    assert sign_in_target(refusing(request)) == (LOGIN, "/sida/")


def test_an_anonymous_htmx_upload_is_sent_to_sign_in_by_hx_redirect() -> None:
    submit = reverse("ideas:idea_submit")
    body = encode_multipart("b", idea_form(title="Stor", attachment=_large_pdf()))

    response = Client(enforce_csrf_checks=True).generic(
        "POST",
        submit,
        body,
        content_type="multipart/form-data; boundary=b",
        headers=htmx_from(f"http://testserver{submit}"),
    )

    assert sign_in_target(response) == (LOGIN, submit)


def test_the_answer_is_made_in_one_place() -> None:
    # A request that is not htmx (any other HX-Request value) gets the redirect.
    request = RequestFactory().get("/sida/?a=1", headers={"HX-Request": "false"})

    response = sign_in_first(request)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/sida/%3Fa%3D1"


def _large_pdf() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("stor.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024), "application/pdf")
