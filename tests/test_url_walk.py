"""Every URL of every app, as every demo role, answers what the permission table says.

The samples come from each app's `tests/url_samples.py` (see innovera/core/url_walk.py); a URL
without one fails here, so a new app adds its own.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from innovera.core.url_walk import collect_samples, expected, outcome, walked_names
from innovera.organisations.demo import DEMO_ACCOUNTS, demo_city_load
from innovera.organisations.models import User

pytestmark = pytest.mark.django_db

# Django's own addresses (the admin site asks `admin.use` itself; the language switch only sets
# a cookie) are not the apps'.
DJANGOS_OWN = ("admin:", "set_language")
# Each role once, as the first demo account holding it.
FIRST_OF_ROLE = {
    (account.role.value if account.role else "resident"): account.email
    for account in reversed(DEMO_ACCOUNTS)
}
ROLES = [
    "anonymous",
    *dict.fromkeys(account.role.value if account.role else "resident" for account in DEMO_ACCOUNTS),
]


def people() -> dict[str, User | AnonymousUser]:
    found: dict[str, User | AnonymousUser] = {"anonymous": AnonymousUser()}
    for role in ROLES[1:]:
        found[role] = User.objects.get(email=FIRST_OF_ROLE[role])
    return found


def test_the_walk_covers_every_demo_role() -> None:
    assert ROLES == [
        "anonymous",
        "resident",
        "employee",
        "coordinator",
        "innovation_office",
        "jury",
        "administrator",
    ]


def test_every_url_as_every_demo_role_answers_what_the_table_says() -> None:
    demo_city_load()
    samples = collect_samples()
    names = walked_names(DJANGOS_OWN)
    missing = [name for name in names if name not in samples]
    assert missing == [], "add a sample for these URLs to the app's tests/url_samples.py"

    mismatches, seen = [], set()
    for role, user in people().items():
        for name in names:
            sample = samples[name]
            client = Client()
            if user.is_authenticated:
                client.force_login(user)
            url = sample.url(name)
            send = getattr(client, sample.method)
            response = send(url, sample.data or {}) if sample.method == "post" else send(url)
            want, got = expected(name, sample, role, user), outcome(response)
            seen.add(want)
            if want != got:
                mismatches.append(f"{role:<18} {name:<40} expected {want}, got {got} ({url})")

    assert "\n".join(mismatches) == ""
    # The samples reach every kind of answer, hidden objects included.
    assert seen == {"ok", "sign_in", "forbidden", "not_found"}
