"""The URL walk's samples for follow-up and open data (see innovera/core/url_walk.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from innovera.core.url_walk import Sample
from innovera.followup import services
from innovera.followup.models import Goal, RecountJob
from innovera.organisations.models import Unit, User


def url_samples() -> dict[str, Sample]:
    bromma = Unit.objects.get(slug="bromma")
    coordinator = User.objects.get(email="samordnare@demo.example.org")

    def new_goal() -> Goal:
        return services.goal_create(
            user=coordinator,
            unit=bromma,
            indicator="ideas_submitted",
            title="Fler idéer",
            target=Decimal(10),
            comparison="at_least",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
        )

    goal = new_goal()
    recount = RecountJob.objects.create(
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        total=2,
        done=2,
        finished_at=timezone.now(),
        running=None,
    )

    def goal_to_delete() -> dict[str, int]:
        # Removing a goal uses it up: each request gets its own.
        return {"pk": new_goal().pk}

    # A goal the person may not edit is not there for them (404).
    editing = Sample({"pk": goal.pk}, obj=goal, hidden_unless="goal.edit")
    return {
        "followup:city": Sample(),
        "followup:unit_type": Sample({"kind": "district"}),
        "followup:unit": Sample({"slug": bromma.slug}),
        "followup:export": Sample({"file_format": "csv"}, query="indikator=ideas_submitted"),
        "followup:refresh": Sample(method="post"),
        "followup:recount": Sample({"pk": recount.pk}),
        "followup:goal_list": Sample(),
        "followup:goal_create": Sample(),
        "followup:goal_edit": editing,
        "followup:goal_delete": Sample(
            goal_to_delete, method="post", obj=goal, hidden_unless="goal.delete"
        ),
        "followup:open_data": Sample(),
        "followup:datapackage": Sample(),
        "followup:catalogue": Sample(),
        "followup:dataset": Sample({"code": "public-ideas", "file_format": "csv"}),
        "api:followup:indicator_list": Sample(),
        "api:followup:indicator_detail": Sample({"code": "ideas_submitted"}),
    }
