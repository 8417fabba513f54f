"""Fixtures the documents tests share."""

from __future__ import annotations

import pytest
from django.test import Client

from innovera.organisations.models import Role, UnitType
from innovera.organisations.services import membership_grant
from innovera.organisations.tests.factories import make_unit, make_user


@pytest.fixture
def office_client(client: Client) -> Client:
    """The test client, signed in as the innovation office (who uploads and edits)."""
    city = make_unit(name="Staden", unit_type=UnitType.CITY)
    user = make_user(unit=city)
    membership_grant(user=user, unit=city, role=Role.INNOVATION_OFFICE)
    client.force_login(user)
    return client
