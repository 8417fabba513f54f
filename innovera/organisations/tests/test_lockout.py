"""Sign-in lockout counts failures per account as sign-in matches it, not per spelling."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from innovera.organisations.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("organisations:login")


def test_spelling_the_address_differently_gives_no_fresh_tries(client: Client) -> None:
    make_user(email="anna.berg@example.org")
    # Each of these signs in to the same account, so each failure counts against it.
    for spelling in (
        "anna.berg@example.org",
        "Anna.berg@example.org",
        "ANNA.BERG@EXAMPLE.ORG",
        "\uff41nna.berg@example.org",  # full-width a, NFKC folds it to a plain a
        " anna.berg@Example.org",
    ):
        client.post(SIGN_IN, {"username": spelling, "password": "fel"})

    response = client.post(SIGN_IN, {"username": "anna.berg@example.org", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_full_width_spelling_signs_in_to_the_same_account(client: Client) -> None:
    make_user(email="anna.berg@example.org")

    response = client.post(
        SIGN_IN, {"username": "\uff41nna.Berg@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.parametrize(
    ("failures", "status", "signed_in"),
    [
        pytest.param(20, 429, False, id="twenty-failures-pause-the-account"),
        pytest.param(19, 302, True, id="nineteen-leave-the-owner-able-to-sign-in"),
    ],
)
def test_twenty_failures_from_many_addresses_pause_the_account_and_nineteen_do_not(
    failures: int, status: int, signed_in: bool
) -> None:
    make_user(email="anna.berg@example.org")
    # Four tries from each of five addresses stays under the limit per address (five).
    for n in range(failures):
        Client(REMOTE_ADDR=f"198.51.100.{n // 4}").post(
            SIGN_IN, {"username": "anna.berg@example.org", "password": "fel"}
        )

    owner = Client(REMOTE_ADDR="203.0.113.9")
    response = owner.post(SIGN_IN, {"username": "anna.berg@example.org", "password": PASSWORD})

    assert response.status_code == status
    assert ("_auth_user_id" in owner.session) is signed_in
