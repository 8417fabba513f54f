from __future__ import annotations

import datetime
import io
import secrets
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from innovera.organisations.models import Role, Unit, UnitType, User
from innovera.organisations.services import membership_grant, unit_create
from innovera.organisations.tests.factories import make_unit, make_user
from innovera.surveys.models import Invitation, Round, SurveyMode, token_digest


def survey(*args: str) -> str:
    """`innovera survey …` run as a test runs it: what it wrote to standard output."""
    out = io.StringIO()
    call_command("survey", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def make_round(**fields: Any) -> Round:
    fields.setdefault("name", f"runda-{secrets.token_hex(3)}")
    fields.setdefault("template", "stockholm-2014")
    fields.setdefault("mode", SurveyMode.CONFIDENTIAL)
    today = timezone.localdate()
    fields.setdefault("opens_on", today - datetime.timedelta(days=1))
    fields.setdefault("closes_on", today + datetime.timedelta(days=30))
    return Round.objects.create(**fields)


def make_invitation(survey_round: Round, unit: Unit | None = None) -> tuple[Invitation, str]:
    unit = unit or unit_create(
        name=f"Förvaltning {secrets.token_hex(3)}",
        unit_type=UnitType.DISTRICT,
        head_email="chef@example.org",
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        round=survey_round,
        unit=unit,
        org_type=unit.unit_type,
        email=unit.head_email or "chef@example.org",
        token_digest=token_digest(token),
        sent_at=timezone.now(),
    )
    return invitation, token


def make_office_user() -> User:
    city = make_unit(name="Staden", unit_type=UnitType.CITY)
    user = make_user(unit=city)
    membership_grant(user=user, unit=city, role=Role.INNOVATION_OFFICE)
    return user
