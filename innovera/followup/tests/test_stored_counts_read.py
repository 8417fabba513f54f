"""The open-data indicator file and the indicator API read the counts the daily job stored, as
the dashboards do: a download or an API call never counts the city's records in the request,
even on a day the job has not yet counted again."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from innovera.followup import services
from innovera.followup.models import PeriodSnapshot
from innovera.ideas.tests.factories import make_idea
from innovera.organisations.models import UnitType
from innovera.organisations.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def _counting_forbidden(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the request counted the indicators")


def _indicator_rows(client: Any) -> list[dict[str, Any]]:
    response = client.get("/oppna-data/indicators.json", secure=True)
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))


def test_the_indicator_file_shows_last_nights_counts_without_counting_again(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_unit(name="Staden", unit_type=UnitType.CITY, employee_count=3000)
    north = make_unit(name="Norr", parent=root, employee_count=1000)
    last_year = timezone.localdate().year - 1
    for day in range(1, 7):
        at = datetime.datetime(last_year, 3, day, 12, tzinfo=datetime.UTC)
        make_idea(unit=north, created_at=at)
    services.snapshots_refresh_daily()
    monkeypatch.setattr(services, "count_period", _counting_forbidden)
    counted_today = _indicator_rows(client)
    # The next morning, before the job has run again: the stored counts are yesterday's.
    PeriodSnapshot.objects.update(computed_at=timezone.now() - datetime.timedelta(days=1))
    next_morning = _indicator_rows(client)
    assert next_morning == counted_today
    submitted = [
        row
        for row in next_morning
        if row["indicator"] == "ideas_submitted"
        and row["scope"] == "city"
        and row["category"] == ""
        and row["period_start"] == f"{last_year}-01-01"
    ]
    assert [row["value"] for row in submitted] == [6]


def test_the_indicator_api_answers_from_last_nights_counts_without_counting_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_unit(name="Staden", unit_type=UnitType.CITY, employee_count=3000)
    north = make_unit(name="Norr", parent=root, employee_count=1000)
    today = timezone.localdate()
    for day in range(1, 4):
        make_idea(unit=north, created_at=timezone.now() - datetime.timedelta(days=day))
    services.snapshots_refresh_daily()
    # The next morning, before the job has run again: the stored counts are yesterday's.
    last_night = timezone.now() - datetime.timedelta(days=1)
    PeriodSnapshot.objects.update(computed_at=last_night)
    monkeypatch.setattr(services, "count_period", _counting_forbidden)
    answer = APIClient().get("/api/v1/indicators/ideas_submitted/", secure=True).json()
    assert answer["value"] == 3
    assert answer["period"] == {
        "from": (today - datetime.timedelta(days=364)).isoformat(),
        "to": today.isoformat(),
    }
    assert answer["computed_at"] is not None


def test_a_table_of_a_period_never_counted_is_not_a_server_error(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from innovera.ideas.tests.factories import make_office

    make_unit(name="Staden", unit_type=UnitType.CITY, employee_count=3000)
    monkeypatch.setattr(services, "count_period", _counting_forbidden)
    client.force_login(make_office())
    table = client.get("/uppfoljning/export.csv?indikator=ideas_submitted", secure=True)
    assert table.status_code == 404
    workbook = client.get("/uppfoljning/export.xlsx", secure=True)
    assert workbook.status_code == 200
