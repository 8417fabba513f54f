"""Signing up, confirming the e-mail address, signing in and out, resetting the password."""

from __future__ import annotations

import html
import re
import threading
import time
from urllib.parse import unquote, urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from innovera.organisations.models import User
from innovera.organisations.tests.factories import PASSWORD, make_unit, make_user, sign_up

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("organisations:login")


def test_a_resident_signs_up_and_confirms_the_address_by_the_mailed_link(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="ida@example.org")
    assert user.unit is None
    assert not user.email_verified
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", str(mail.outbox[0].body))
    assert link is not None

    confirmed = client.get(urlparse(link.group(0)).path)

    assert confirmed.status_code == 200
    user.refresh_from_db()
    assert user.email_verified


def test_a_tampered_verification_link_is_refused_with_a_clear_page(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = re.search(r"/konto/verifiera/(\S+)/", str(mail.outbox[0].body))
    assert link is not None

    response = client.get(reverse("organisations:verify_email", args=[link.group(1) + "x"]))

    assert response.status_code == 400
    assert "Länken är inte giltig" in response.content.decode()
    assert not User.objects.get(email="ida@example.org").email_verified


def test_a_short_password_is_refused_in_swedish_and_the_typed_name_is_kept(client: Client) -> None:
    response = sign_up(client, password1="kort", password2="kort")

    page = response.content.decode()
    assert response.status_code == 200
    assert "minst 12 tecken" in page
    assert 'value="Ida Invånare"' in page
    assert 'class="ds-error-summary"' in page
    assert not User.objects.exists()


def test_a_common_password_is_refused(client: Client) -> None:
    response = sign_up(client, password1="password1234", password2="password1234")

    assert "för vanligt" in response.content.decode()
    assert not User.objects.exists()


def test_a_password_from_the_citys_breach_list_is_refused(
    client: Client, settings, tmp_path
) -> None:
    breached = tmp_path / "breached.txt"
    breached.write_text("solros-kaffe-regn-77\n", encoding="utf-8")
    settings.BREACHED_PASSWORDS_FILE = str(breached)

    response = sign_up(client)

    assert "dataintrång" in response.content.decode()
    assert not User.objects.exists()


def main_text(response) -> str:
    match = re.search(r"<main.*</main>", response.content.decode(), re.DOTALL)
    assert match is not None
    return match.group(0)


def test_signing_up_with_a_taken_address_answers_as_for_a_new_one_and_mails_the_owner(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    make_user(email="ida@example.org", full_name="Ida Invånare")
    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(Client(), email="ny@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        taken = sign_up(client, email="IDA@example.org")

    # The visitor cannot tell the two apart: same redirect, same page after it.
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert main_text(client.get(taken["Location"])) == main_text(Client().get(new["Location"]))
    assert User.objects.filter(email__iexact="ida@example.org").count() == 1
    # The owner learns of it, with a way in.
    assert [message.to for message in mail.outbox] == [["ida@example.org"]]
    assert "redan ett konto" in str(mail.outbox[0].body)
    assert "/konto/losenord/" in str(mail.outbox[0].body)


def test_a_password_reset_answers_without_waiting_for_the_mail_server(
    client: Client, settings, monkeypatch
) -> None:
    make_user(email="anna@example.org")
    settings.BACKGROUND_THREADS = True
    released = threading.Event()
    sent = threading.Event()

    def slow_send(self, fail_silently: bool = False) -> int:
        released.wait(10)
        sent.set()
        return 1

    monkeypatch.setattr("django.core.mail.EmailMessage.send", slow_send)
    started = time.monotonic()
    response = client.post(reverse("organisations:password_reset"), {"email": "anna@example.org"})
    elapsed = time.monotonic() - started
    released.set()

    assert response.status_code == 302
    # A known address answers as quickly as an unknown one: the mail goes out afterwards.
    assert elapsed < 5
    assert sent.wait(10)


def test_signing_in_rotates_the_session_key(client: Client) -> None:
    make_user(email="anna@example.org")
    client.get(SIGN_IN)
    before = client.session.session_key

    response = client.post(SIGN_IN, {"username": "Anna@Example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"]


def test_a_wrong_password_shows_an_error_and_keeps_the_address(client: Client) -> None:
    make_user(email="anna@example.org")

    response = client.post(SIGN_IN, {"username": "anna@example.org", "password": "fel"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "E-postadressen eller lösenordet är fel" in page
    assert 'value="anna@example.org"' in page


def test_sign_in_is_paused_after_five_failures_even_with_the_right_password(client: Client) -> None:
    make_user(email="anna@example.org")
    for _ in range(5):
        client.post(SIGN_IN, {"username": "anna@example.org", "password": "fel"})

    response = client.post(SIGN_IN, {"username": "anna@example.org", "password": PASSWORD})

    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_takes_a_post_and_ends_the_session(client: Client) -> None:
    client.force_login(make_user())

    response = client.post(reverse("organisations:logout"))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client: Client) -> None:
    user = make_user(email="anna@example.org")

    client.post(reverse("organisations:password_reset"), {"email": "anna@example.org"})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Återställ ditt lösenord till Innovera"
    match = re.search(r"/konto/losenord/(\S+)/(\S+)/", str(mail.outbox[0].body))
    assert match is not None
    form_page = client.get(match.group(0), follow=True)
    new = "ny-lång-fras-om-hösten-9"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_the_profile_asks_an_unverified_resident_to_confirm(client: Client) -> None:
    client.force_login(make_user(verified=False))

    page = client.get(reverse("organisations:profile")).content.decode()

    assert "Bekräfta din e-postadress" in page


def test_the_profile_needs_a_signed_in_person(client: Client) -> None:
    response = client.get(reverse("organisations:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_the_admin_is_for_administrators_only(client: Client) -> None:
    unit = make_unit()
    staff_only = make_user(unit=unit, is_staff=True)
    client.force_login(staff_only)
    assert client.get("/admin/").status_code == 302

    admin = make_user(unit=unit, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_signing_in_returns_to_the_page_asked_for_with_its_query_string(client: Client) -> None:
    make_user(email="ida@example.org")
    wanted = "/ideer/ny/?utmaning=trygg-skolvag"

    asked = client.get(wanted)
    assert asked.status_code == 302
    sign_in_url = str(asked["Location"])
    form = client.get(sign_in_url).content.decode()
    # The sign-in form's own; the language form before it has one too.
    hidden = re.search(
        r'<form method="post" action="/konto/logga-in/".*?name="next" value="([^"]+)"', form, re.S
    )
    assert hidden is not None
    signed_in = client.post(
        sign_in_url,
        {
            "username": "ida@example.org",
            "password": PASSWORD,
            "next": html.unescape(hidden.group(1)),
        },
    )

    assert signed_in.status_code == 302
    assert signed_in["Location"] == wanted


def test_the_sign_in_link_on_a_page_keeps_the_pages_query_string(client: Client) -> None:
    from innovera.spreading.tests.factories import make_session

    session = make_session(open_to_residents=True)
    page = client.get(session.get_absolute_url() + "?fran=kalender").content.decode()

    link = re.search(r'href="/konto/logga-in/\?next=([^"]+)"', page)
    assert link is not None
    assert unquote(html.unescape(link.group(1))) == session.get_absolute_url() + "?fran=kalender"
