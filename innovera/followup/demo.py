"""Demo goals: a district with one goal exceeded, one missed and one met by hand, and a
city-wide goal not yet due, so the goal summary has something to count."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from innovera.followup.models import Comparison, Goal
from innovera.followup.services import snapshots_refresh_daily
from innovera.organisations.models import Unit, User

OFFICE_EMAIL = "innovationskontoret@demo.example.org"
COORDINATOR_EMAIL = "samordnare@demo.example.org"


@transaction.atomic
def demo_goals_load() -> bool:
    """Create the demo goals unless there are goals already (or no demo city)."""
    if Goal.objects.exists():
        return False
    office = User.objects.filter(email=OFFICE_EMAIL).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    bromma = Unit.objects.filter(slug="bromma").first()
    city = Unit.objects.filter(parent__isnull=True, unit_type="city").first()
    if not (office and coordinator and bromma and city):
        return False
    today = timezone.localdate()
    # The demo's ideas are dated over the last 400 days and decided on the day it is loaded;
    # a period that ended yesterday holds them and is due.
    start, end = today - datetime.timedelta(days=400), today - datetime.timedelta(days=1)
    goals = [
        # Bromma owns three of the demo ideas: a target of two is exceeded.
        (bromma, "ideas_submitted", "", "2", Comparison.AT_LEAST, None, coordinator),
        # Of its two decided ideas one is implemented: a target of 75 % is missed.
        (
            bromma,
            "share_decided_implemented",
            "",
            "0.75",
            Comparison.AT_LEAST,
            None,
            coordinator,
        ),
        (
            bromma,
            "",
            "Alla enheter i Bromma har en rutin för att ta emot idéer (procent)",
            "100",
            Comparison.AT_LEAST,
            Decimal("100"),
            coordinator,
        ),
    ]
    for unit, indicator, title, target, comparison, outcome, user in goals:
        Goal.objects.create(
            unit=unit,
            indicator=indicator,
            title=title or _indicator_name(indicator),
            target=Decimal(target),
            comparison=comparison,
            period_start=start,
            period_end=end,
            manual_outcome=outcome,
            created_by=user,
        )
    Goal.objects.create(
        unit=city,
        indicator="share_units_introducing",
        title="Hälften av förvaltningarna och bolagen inför en innovation",
        target=Decimal("0.5"),
        comparison=Comparison.AT_LEAST,
        period_start=datetime.date(today.year, 1, 1),
        period_end=datetime.date(today.year, 12, 31),
        created_by=office,
    )
    # Pages never count: count now as the daily job would, so the demo's dashboards and goals
    # have figures from the start.
    snapshots_refresh_daily()
    return True


def _indicator_name(code: str) -> str:
    from django.utils.translation import override

    from innovera.followup.indicators import BY_CODE

    with override("sv"):
        return str(BY_CODE[code].name)
