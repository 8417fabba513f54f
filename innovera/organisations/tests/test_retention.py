"""Retention: unused resident accounts lose name and address; employees are left alone."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from innovera.organisations.models import User
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def test_housekeeping_anonymises_residents_unused_for_the_retention_period(settings) -> None:
    settings.RESIDENT_RETENTION_MONTHS = 24
    long_ago = timezone.now() - datetime.timedelta(days=800)
    stale = make_user(full_name="Gammal Invånare", email="gammal@example.org")
    User.objects.filter(pk=stale.pk).update(last_login=long_ago, date_joined=long_ago)
    recent = make_user(full_name="Aktiv Invånare")
    employee = make_user(unit=make_unit(), full_name="Anställd Person")
    User.objects.filter(pk=employee.pk).update(last_login=long_ago, date_joined=long_ago)

    call_command("housekeeping", stdout=io.StringIO())

    stale.refresh_from_db()
    assert stale.full_name == "Anonymiserad invånare"
    assert "gammal" not in stale.email
    assert not stale.is_active and not stale.has_usable_password()
    assert User.objects.get(pk=recent.pk).full_name == "Aktiv Invånare"
    assert User.objects.get(pk=employee.pk).full_name == "Anställd Person"
