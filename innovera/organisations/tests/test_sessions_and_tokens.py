"""How long a sign-in lasts: idle sessions end, API tokens expire and end with the password."""

from __future__ import annotations

import datetime
import io
import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from innovera.core.models import AuditEntry
from innovera.ideas.tests.factories import make_office
from innovera.organisations.middleware import LAST_SEEN
from innovera.organisations.services import api_token_create
from innovera.organisations.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PROFILE = reverse("organisations:profile")
IDEAS_API = "/api/v1/ideas/"


def idle_for(client: Client, minutes: int) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - minutes * 60
    session.save()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get(PROFILE)  # the first page records the time
    return client


def api_status(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get(IDEAS_API).status_code


def test_a_resident_idle_for_over_an_hour_is_signed_out_and_told_why() -> None:
    client = signed_in(make_user())
    idle_for(client, 61)

    response = client.get(PROFILE, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("organisations:login"))
    assert "utan aktivitet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_resident_idle_for_less_than_an_hour_stays_signed_in() -> None:
    client = signed_in(make_user())
    idle_for(client, 59)

    assert client.get(PROFILE).status_code == 200


def test_the_innovation_office_is_signed_out_after_twenty_idle_minutes() -> None:
    office = signed_in(make_office())
    resident = signed_in(make_user())
    idle_for(office, 21)
    idle_for(resident, 21)

    assert office.get(PROFILE).status_code == 302
    assert resident.get(PROFILE).status_code == 200


def test_the_session_cookie_lasts_a_day_at_most(client: Client) -> None:
    make_user(email="anna@example.org")

    response = client.post(
        reverse("organisations:login"), {"username": "anna@example.org", "password": PASSWORD}
    )

    assert 0 < int(response.cookies["sessionid"]["max-age"]) <= 24 * 60 * 60


def test_changing_the_password_keeps_this_session_and_ends_api_tokens() -> None:
    user = make_user()
    _record, token = api_token_create(user=user)
    assert api_status(token) == 200 and AuthToken.objects.filter(user=user).exists()
    client = signed_in(user)
    new = "en-helt-ny-lösenfras-44"

    response = client.post(
        reverse("organisations:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )

    assert "Ditt lösenord har ändrats" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(PROFILE).status_code == 200
    assert api_status(token) == 401
    assert AuditEntry.objects.filter(action="api_token.revoke", person=user).exists()


def test_the_password_change_page_needs_the_old_password() -> None:
    user = make_user()
    client = signed_in(user)

    response = client.post(
        reverse("organisations:password_change"),
        {"old_password": "fel", "new_password1": "x-y-z-1234567", "new_password2": "x-y-z-1234567"},
    )

    assert response.status_code == 200
    assert "gamla lösenord" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_reset_ends_api_tokens(client: Client) -> None:
    user = make_user(email="anna@example.org")
    _record, token = api_token_create(user=user)
    client.post(reverse("organisations:password_reset"), {"email": "anna@example.org"})
    match = re.search(r"/konto/losenord/\S+/\S+/", str(mail.outbox[0].body))
    assert match is not None
    form_page = client.get(match.group(0), follow=True)
    new = "ny-lång-fras-om-hösten-9"

    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})

    assert api_status(token) == 401


def test_an_expired_token_is_refused() -> None:
    user = make_user()
    record, token = api_token_create(user=user, days=1)
    AuthToken.objects.filter(pk=record.pk).update(
        expiry=datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(minutes=1)
    )

    assert api_status(token) == 401


def test_api_token_revoke_on_the_command_line_ends_every_token_of_the_person() -> None:
    user = make_user(email="robot@example.org")
    tokens = [api_token_create(user=user)[1] for _ in range(2)]
    out = io.StringIO()

    call_command("api_token", "revoke", "ROBOT@example.org", stdout=out)

    assert "2" in out.getvalue()
    assert [api_status(token) for token in tokens] == [401, 401]


def test_api_token_create_refuses_zero_days() -> None:
    from django.core.management.base import CommandError

    make_user(email="robot@example.org")

    with pytest.raises(CommandError, match=r"minst en dag|at least one day"):
        call_command("api_token", "create", "robot@example.org", "--days", "0")
