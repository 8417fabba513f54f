"""Indicators from real records: a small city built by hand, counted through the ideas app's
selectors, compared with numbers worked out by hand (not by the same code)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innovera.core.formatting import date_long
from innovera.followup import selectors, services
from innovera.followup.indicators import BY_CODE, Period, compute
from innovera.followup.models import Goal, PeriodSnapshot
from innovera.ideas.models import Idea, Pilot, Stage, StageMove, Support
from innovera.ideas.tests.factories import make_coordinator, make_idea
from innovera.organisations.models import UnitType
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T12:00"))


def goal_for(
    user: Any, unit: Any, *, target: int, indicator: str = "ideas_submitted", title: str = ""
) -> Goal:
    """A goal of at least `target` over PERIOD, recorded by `user`."""
    return services.goal_create(
        user=user,
        unit=unit,
        indicator=indicator,
        title=title,
        target=Decimal(target),
        comparison="at_least",
        period_start=PERIOD.start,
        period_end=PERIOD.end,
    )


def move(idea: Idea, stage: str, day: str) -> None:
    StageMove.objects.create(idea=idea, to_stage=Stage.objects.get(key=stage), created_at=at(day))


@pytest.fixture
def city() -> dict[str, Any]:
    root = make_unit(name="Staden", unit_type=UnitType.CITY, employee_count=3000)
    north = make_unit(name="Norr", parent=root, employee_count=1000)
    school = make_unit(
        name="Skolan i Norr", unit_type=UnitType.UNIT, parent=north, employee_count=200
    )
    port = make_unit(
        name="Hamnbolaget", unit_type=UnitType.COMPANY, parent=root, employee_count=500
    )
    first = make_idea(unit=north, submitter_role="employee", created_at=at("2026-01-10"))
    second = make_idea(
        unit=school,
        submitter_role="resident",
        created_at=at("2026-02-01"),
        innovation_type="process",
    )
    third = make_idea(unit=north, submitter_role="company", created_at=at("2026-03-01"))
    make_idea(unit=port, submitter_role="employee", created_at=at("2026-04-01"))
    make_idea(unit=port, submitter_role="employee", created_at=at("2025-12-31"))  # before
    # First: decided after 5 days, tested, implemented. Second: decided after 20 days (its
    # second decision does not count), tested. Third: declined after 9 days.
    move(first, "in_review", "2026-01-12")
    move(first, "prioritised", "2026-01-15")
    move(first, "testing", "2026-02-01")
    move(first, "implemented", "2026-03-01")
    move(second, "prioritised", "2026-02-21")
    move(second, "parked", "2026-03-01")
    move(second, "testing", "2026-04-01")
    move(third, "declined", "2026-03-10")
    Pilot.objects.create(
        idea=first,
        phase="small",
        plan="p",
        test_site="s",
        decision="go",
        decided_at=at("2026-02-20"),
    )
    supporter = make_user(unit=school)
    Support.objects.create(idea=third, user=supporter, created_at=at("2026-05-01"))
    return {"root": root, "north": north, "school": school, "port": port}


def figure(code: str, group: Any, facts: Any) -> float | None:
    return compute(BY_CODE[code], facts, group, public=False).number


def test_indicators_of_a_hand_made_city_match_hand_counts(city: dict[str, Any]) -> None:
    facts = services.snapshot_refresh(period=PERIOD)
    tree = selectors.unit_tree()
    north = tree.unit_group(city["north"].pk)
    whole = tree.city_group("Staden")
    assert figure("ideas_submitted", north, facts) == 3
    assert figure("ideas_submitted", whole, facts) == 4  # the December idea is outside
    assert figure("ideas_per_1000_employees", north, facts) == 3.0  # 3 / 1000 * 1000
    assert figure("share_from_residents_companies", north, facts) == 2 / 3
    assert figure("median_days_to_decision", north, facts) == 9  # 5, 9, 20
    assert figure("share_decided_tested", north, facts) == 2 / 3
    assert figure("share_decided_implemented", north, facts) == 1 / 3
    assert figure("share_decided_spread", north, facts) == 0
    assert figure("pilots_decided", north, facts) == 1
    assert figure("innovations_introduced", north, facts) == 1
    assert figure("share_units_introducing", whole, facts) == 0.5  # Norr yes, Hamnbolaget no
    # Submitters (made by the factory, without a unit) and the supporter at the school.
    assert figure("active_users", tree.unit_group(city["school"].pk), facts) == 1
    assert figure("ideas_submitted", tree.type_group("company", "Bolag"), facts) == 1


def test_counting_a_period_costs_the_same_queries_however_many_ideas(city: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as few:
        services.count_period(PERIOD)
    for n in range(6):
        make_idea(unit=city["north"], created_at=at(f"2026-05-0{n + 1}"))
    with CaptureQueriesContext(connection) as many:
        services.count_period(PERIOD)
    assert len(many) == len(few)


def test_a_dashboard_reads_its_counts_once_a_day(city: dict[str, Any]) -> None:
    services.period_facts(PERIOD)
    with CaptureQueriesContext(connection) as queries:
        services.period_facts(PERIOD)
    assert len(queries) == 1


def test_goals_take_their_outcome_from_the_indicator(city: dict[str, Any]) -> None:
    coordinator = make_coordinator(city["north"])
    exceeded = goal_for(coordinator, city["north"], target=2)
    missed = goal_for(coordinator, city["school"], target=5)
    # The daily job counts the periods of ended goals; evaluating them never counts.
    services.snapshots_refresh_daily(today=datetime.date(2026, 7, 1))
    result = services.goals_evaluate(
        [exceeded, missed], selectors.unit_tree(), today=datetime.date(2026, 7, 1)
    )
    assert [(r.outcome, r.status) for r in result] == [(3, "exceeded"), (1, "missed")]


def test_an_ended_goals_period_is_counted_once_not_every_day(
    city: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    coordinator = make_coordinator(city["north"])
    goal = goal_for(coordinator, city["north"], target=2)
    services.snapshots_refresh_daily(today=datetime.date(2026, 7, 1))
    counted: list[Period] = []
    monkeypatch.setattr(services, "snapshot_refresh", lambda *, period: counted.append(period))

    services.snapshots_refresh_daily(today=datetime.date(2026, 7, 2))

    assert PERIOD not in counted  # its counts from after it ended are kept ...
    assert PERIOD in [Period(*row) for row in selectors_periods()]
    result = services.goals_evaluate([goal], selectors.unit_tree(), today=datetime.date(2026, 7, 2))
    assert [(r.outcome, r.status) for r in result] == [(3, "exceeded")]  # ... and still used


def selectors_periods() -> list[tuple[datetime.date, datetime.date]]:
    from innovera.followup.models import PeriodSnapshot

    return list(PeriodSnapshot.objects.values_list("period_start", "period_end"))


def test_a_coordinator_cannot_record_goals_for_another_unit(city: dict[str, Any]) -> None:
    from django.core.exceptions import PermissionDenied

    coordinator = make_coordinator(city["north"])
    with pytest.raises(PermissionDenied):
        goal_for(coordinator, city["port"], target=1)
    assert not Goal.objects.exists()


def test_a_goal_of_another_unit_is_not_found_on_its_edit_page(
    city: dict[str, Any], client: Any
) -> None:
    owner = make_coordinator(city["port"])
    goal = goal_for(owner, city["port"], target=1, indicator="", title="Egen rutin")
    client.force_login(make_coordinator(city["north"]))
    assert client.get(f"/uppfoljning/mal/{goal.pk}/", secure=True).status_code == 404
    assert client.post(f"/uppfoljning/mal/{goal.pk}/ta-bort/", secure=True).status_code == 404
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_a_free_text_goal_without_a_description_is_refused_at_the_field(
    city: dict[str, Any], client: Any
) -> None:
    client.force_login(make_coordinator(city["north"]))
    response = client.post(
        "/uppfoljning/mal/nytt/",
        {
            "unit": city["north"].pk,
            "indicator": "",
            "title": "",
            "comparison": "at_least",
            "target": "3",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
        secure=True,
    )
    assert response.status_code == 200
    assert "Beskriv målet" in response.content.decode()
    assert not Goal.objects.exists()


def test_the_daily_refresh_counts_the_standard_periods_and_drops_others(
    city: dict[str, Any],
) -> None:
    from django.core.management import call_command

    from innovera.followup.models import PeriodSnapshot

    services.snapshot_refresh(period=Period(datetime.date(2020, 3, 1), datetime.date(2020, 3, 9)))
    call_command("followup_refresh", stdout=__import__("io").StringIO())
    today = timezone.localdate()
    kept = set(PeriodSnapshot.objects.values_list("period_start", "period_end"))
    assert (datetime.date(2020, 3, 1), datetime.date(2020, 3, 9)) not in kept
    assert (datetime.date(today.year, 1, 1), today) in kept


def test_counting_again_shows_new_ideas_on_the_cached_dashboard(
    city: dict[str, Any], client: Any
) -> None:
    import re

    from innovera.ideas.tests.factories import make_office

    query = "?period=custom&start=2026-01-01&end=2026-06-30"
    # A page never counts: the custom period (PERIOD) is counted as the office would.
    services.snapshot_refresh(period=PERIOD)
    services.snapshot_refresh(period=PERIOD.previous())
    first = client.get(f"/uppfoljning/{query}", secure=True).content.decode()
    assert re.search(r"Staden</th>\s*<td>4</td>", first)
    for n in range(7):
        make_idea(unit=city["port"], created_at=at(f"2026-06-0{n + 1}"))
    unchanged = client.get(f"/uppfoljning/{query}", secure=True).content.decode()
    assert re.search(r"Staden</th>\s*<td>4</td>", unchanged)  # counted once a day
    client.force_login(make_office())
    client.post(f"/uppfoljning/rakna-om/{query}", {"next": "/uppfoljning/"}, secure=True)
    client.logout()
    again = client.get(f"/uppfoljning/{query}", secure=True).content.decode()
    assert re.search(r"Staden</th>\s*<td>11</td>", again)


def _counting_forbidden(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("a page counted the indicators")


def test_a_dashboard_on_a_day_not_yet_counted_shows_yesterdays_figures_with_their_date(
    city: dict[str, Any], client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    counted = Period(yesterday - datetime.timedelta(days=364), yesterday)
    services.snapshot_refresh(period=counted)
    services.snapshot_refresh(period=counted.previous())
    last_night = timezone.now() - datetime.timedelta(days=1)
    PeriodSnapshot.objects.update(computed_at=last_night)
    monkeypatch.setattr(services, "count_period", _counting_forbidden)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/uppfoljning/", secure=True).content.decode()
    assert not any("innovera_ideas_idea" in query["sql"] for query in queries.captured_queries)
    assert f"Räknat {date_long(timezone.localtime(last_night))}" in page
    assert counted.end.isoformat() in page  # the counted period, yesterday's
    assert re.search(r"Staden</th>\s*<td>\d+</td>", page)  # the tables, from the stored counts


def test_a_dashboard_never_counted_says_so_and_names_the_command(
    city: dict[str, Any], client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "count_period", _counting_forbidden)
    page = client.get("/uppfoljning/", secure=True).content.decode()
    assert "innovera followup_refresh" in page
    assert "Räknat " not in page


def test_counting_again_from_the_dashboard_runs_off_the_request(
    city: dict[str, Any], client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from innovera.ideas.tests.factories import make_office

    started: list[Any] = []
    monkeypatch.setattr(services, "run_in_background", lambda *args: started.append(args))
    monkeypatch.setattr(services, "count_period", _counting_forbidden)
    client.force_login(make_office())
    client.post("/uppfoljning/rakna-om/", {"next": "/uppfoljning/"}, secure=True)
    assert len(started) == 1
