from __future__ import annotations

import itertools
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innovera.organisations.models import Role, Unit, UnitType, User
from innovera.organisations.services import membership_grant, unit_create

_sequence = itertools.count(1)
PASSWORD = "a-long-test-password-42"


def make_unit(**fields: Any) -> Unit:
    n = next(_sequence)
    fields.setdefault("name", f"Förvaltning {n}")
    fields.setdefault("unit_type", UnitType.DISTRICT)
    fields.setdefault("employee_count", 100)
    return unit_create(**fields)


def make_user(*, unit: Unit | None = None, verified: bool = True, **fields: Any) -> User:
    n = next(_sequence)
    fields.setdefault("email", f"person{n}@example.org")
    fields.setdefault("full_name", f"Person {n}")
    return User.objects.create_user(
        password=fields.pop("password", PASSWORD),
        unit=unit,
        email_verified_at=timezone.now() if verified else None,
        **fields,
    )


def make_administrator() -> User:
    """An administrator, at the top of a city of their own."""
    city = make_unit(name="Staden", unit_type=UnitType.CITY)
    admin = make_user(unit=city)
    membership_grant(user=admin, unit=city, role=Role.ADMINISTRATOR)
    return admin


def sign_up(client: Client, **overrides: str) -> Any:
    """Posts the resident sign-up form, filled in as Ida unless `overrides` say otherwise."""
    data = {
        "full_name": "Ida Invånare",
        "email": "ida@example.org",
        "password1": "solros-kaffe-regn-77",
        "password2": "solros-kaffe-regn-77",
        **overrides,
    }
    return client.post(reverse("organisations:sign_up"), data)
