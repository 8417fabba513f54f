"""A password change gives the session a new key; an erasure afterwards still ends it.

Django's password change keeps the person signed in by moving the session to a new key
(`update_session_auth_hash` → `cycle_key`). The erasure finds a person's sessions by the id the
session engine stores beside each one, so that id must follow the session to its new key, or
the changed-password session would stay in the table, with its data, after the erasure.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from innovera.core.models import AuditEntry
from innovera.organisations import gdpr
from innovera.organisations.models import AccountSession
from innovera.organisations.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PROFILE = reverse("organisations:profile")
NEW_PASSWORD = "en-helt-ny-lösenfras-44"


def signed_in(email: str) -> Client:
    client = Client()
    response = client.post(
        reverse("organisations:login"), {"username": email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_the_session_a_password_change_moved_ends_with_the_erasure() -> None:
    person = make_user(email="zelda@example.org")
    phone, laptop = signed_in(person.email), signed_in(person.email)
    key_before = phone.session.session_key

    changed = phone.post(
        reverse("organisations:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert "Ditt lösenord har ändrats" in changed.content.decode()
    key_after = phone.session.session_key
    assert key_after != key_before
    assert AccountSession.objects.get(session_key=key_after).user_id == person.pk

    # The laptop's session is refused from now on (Django checks a hash of the password in
    # each session) and Django deletes it on that refusal.
    assert laptop.get(PROFILE).status_code == 302

    gdpr.account_erase(user=person)  # the office, by letter, while the phone is still signed in

    assert not AccountSession.objects.filter(session_key=key_after).exists()
    assert not AccountSession.objects.filter(user_id=person.pk).exists()
    assert AuditEntry.objects.get(action="gdpr.erase").details["sessions_ended"] == 1
    assert phone.get(PROFILE).status_code == 302
