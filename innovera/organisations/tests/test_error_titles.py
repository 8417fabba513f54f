"""A page shown again with errors says "Fel:" once at the start of its title (base.html adds
it for every form page; a page that added it too said "Fel: Fel: …" to screen readers)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from innovera.organisations.tests.factories import make_administrator, make_user

pytestmark = pytest.mark.django_db


def title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found
    return " ".join(found.group(1).split())


def test_the_erasure_page_with_a_wrong_password_says_error_once() -> None:
    client = Client()
    client.force_login(make_user())

    page = client.post(reverse("organisations:erase_account"), {"password": "fel"})

    assert title(page.content.decode()) == "Fel: Radera mitt konto – Innovera"


def test_the_audit_log_with_a_wrong_date_says_error_once() -> None:
    admin = make_administrator()
    client = Client()
    client.force_login(admin)

    page = client.get(reverse("organisations:audit_log"), {"date_from": "igår"})

    assert title(page.content.decode()) == "Fel: Granskningslogg – Innovera"
