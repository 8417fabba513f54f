"""Recounts show their progress: the daily command a line per period, the office's "count
again now" a status region on the dashboard that it polls until the figures are new."""

from __future__ import annotations

import datetime
import io
import itertools
import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from innovera.core.jobs import SILENT_FOR
from innovera.followup import selectors, services
from innovera.followup.indicators import Period
from innovera.followup.models import RecountJob
from innovera.ideas.tests.factories import make_idea, make_office
from innovera.organisations.models import User
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db

PERIOD = "?period=custom&start=2026-01-01&end=2026-06-30"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def office(client: Client) -> User:
    user = make_office()
    client.force_login(user)
    return user


def running_job(*, done: int = 1, total: int = 2, **fields: Any) -> RecountJob:
    return RecountJob.objects.create(
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        total=total,
        done=done,
        heartbeat_at=timezone.now(),
        **fields,
    )


def status_region(page: str) -> str:
    match = re.search(
        r'<div id="recount-status" role="status" aria-live="polite".*?</div>\s*</div>', page, re.S
    )
    assert match, "the dashboard has no recount status region"
    return match.group(0)


# --- the daily command -------------------------------------------------------------------------


def test_the_daily_command_prints_a_line_per_period_as_it_is_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted: list[Period] = []
    monkeypatch.setattr(services, "snapshot_refresh", lambda *, period: counted.append(period))
    # Every period takes 1.4 s on this clock.
    ticks = itertools.count()
    monkeypatch.setattr(
        services, "time", SimpleNamespace(perf_counter=lambda: next(ticks) % 2 * 1.4)
    )
    out = io.StringIO()
    call_command("followup_refresh", stdout=out)
    lines = out.getvalue().splitlines()
    total = len(counted)
    assert total >= 4
    assert len(lines) == total + 1
    for number, (line, period) in enumerate(zip(lines, counted, strict=False), start=1):
        assert line == (
            f"{number}/{total} {period.start.isoformat()}–{period.end.isoformat()} räknad på 1,4 s"
        )
    assert re.fullmatch(
        rf"{total} perioder räknade på \d+,\d s\.", lines[-1]
    )  # Swedish decimal comma


def test_the_daily_refresh_tells_its_progress_period_by_period() -> None:
    told: list[tuple[int, int]] = []
    periods = services.snapshots_refresh_daily(
        progress=lambda done, total, _period, _seconds: told.append((done, total))
    )
    assert told == [(n, periods) for n in range(1, periods + 1)]


# --- the office's "count again now" ------------------------------------------------------------


def test_a_running_recount_shows_how_far_it_is_and_polls(client: Client, office: User) -> None:
    job = running_job(done=1, total=2)
    region = status_region(client.get(f"/uppfoljning/{PERIOD}", secure=True).content.decode())
    assert "Räknar om: 1 av 2 perioder klara" in region
    assert f'hx-get="/uppfoljning/rakna-om/{job.pk}/?next=' in region
    assert 'hx-trigger="every 2s"' in region

    job.done = 2
    job.save()
    polled = client.get(
        f"/uppfoljning/rakna-om/{job.pk}/?next=/uppfoljning/", secure=True, headers=HTMX
    )
    assert polled.status_code == 200
    body = polled.content.decode()
    assert "Räknar om: 2 av 2 perioder klara" in body
    assert "hx-get" in body  # still polling: the job has not finished
    assert "<html" not in body  # the region alone, swapped into the page


def test_the_recount_poll_carries_the_words_for_a_poll_answered_with_an_error(
    client: Client, office: User
) -> None:
    job = running_job(done=1, total=2)
    words = 'data-poll-error="Förloppet kunde inte läsas. Ladda om sidan."'
    region = status_region(client.get(f"/uppfoljning/{PERIOD}", secure=True).content.decode())
    [polled_tag] = re.findall(r'<div class="recount-progress"[^>]*>', region)
    assert "hx-get=" in polled_tag and words in polled_tag
    polled = client.get(
        f"/uppfoljning/rakna-om/{job.pk}/?next=/uppfoljning/", secure=True, headers=HTMX
    ).content.decode()
    [polled_tag] = re.findall(r'<div class="recount-progress"[^>]*>', polled)
    assert "hx-get=" in polled_tag and words in polled_tag
    # Once housekeeping has deleted the job, its poll is answered with an error.
    RecountJob.objects.filter(pk=job.pk).delete()
    gone = client.get(f"/uppfoljning/rakna-om/{job.pk}/", secure=True, headers=HTMX)
    assert gone.status_code == 404


def test_a_finished_recount_says_the_figures_are_new_and_stops_polling(
    client: Client, office: User
) -> None:
    job = running_job(done=2, total=2, finished_at=timezone.now(), running=None)
    body = client.get(
        f"/uppfoljning/rakna-om/{job.pk}/?next=/uppfoljning/enhet/bromma/",
        secure=True,
        headers=HTMX,
    ).content.decode()
    assert "Talen är omräknade." in body
    assert '<a class="ds-link" href="/uppfoljning/enhet/bromma/">Visa de nya talen</a>' in body
    assert "hx-get" not in body
    # A finished recount needs no word on the dashboard: its figures are there.
    page = client.get("/uppfoljning/", secure=True).content.decode()
    assert 'id="recount-status"' not in page


def test_the_way_back_never_leads_off_the_follow_up(client: Client, office: User) -> None:
    job = running_job(done=2, total=2, finished_at=timezone.now(), running=None)
    body = client.get(
        f"/uppfoljning/rakna-om/{job.pk}/?next=https://example.com/", secure=True, headers=HTMX
    ).content.decode()
    assert 'href="/uppfoljning/">Visa de nya talen' in body


def test_without_javascript_the_status_is_a_page_of_its_own(client: Client, office: User) -> None:
    job = running_job(done=0, total=2)
    body = client.get(f"/uppfoljning/rakna-om/{job.pk}/", secure=True).content.decode()
    assert "<h1" in body and "Räknar om" in body
    assert "Räknar om: 0 av 2 perioder klara" in body
    assert "<noscript>" in body


def test_counting_again_counts_both_periods_and_ends_the_job(client: Client, office: User) -> None:
    make_idea(unit=make_unit(), created_at=datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    response = client.post(
        f"/uppfoljning/rakna-om/{PERIOD}", {"next": f"/uppfoljning/{PERIOD}"}, secure=True
    )
    assert response.status_code == 302
    job = RecountJob.objects.get()
    assert (job.done, job.total, job.running, job.error) == (2, 2, None, "")
    assert job.finished_at is not None
    page = client.get(response["Location"], secure=True).content.decode()
    assert "Talen räknas om; sidan visar hur långt det har kommit." in page


def test_a_failed_recount_says_so_on_the_dashboard(
    client: Client, office: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(period: Period) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "count_period", broken)
    response = client.post("/uppfoljning/rakna-om/", {"next": "/uppfoljning/"}, secure=True)
    assert response.status_code == 302  # not a 500: the failure is the job's
    job = RecountJob.objects.get()
    assert job.failed and job.running is None
    region = status_region(client.get("/uppfoljning/", secure=True).content.decode())
    assert "Talen kunde inte räknas om." in region
    assert "Omräkningen avbröts av ett fel i Innovera. Försök igen." in region
    assert "database went away" not in region
    assert "hx-get" not in region
    polled = client.get(
        f"/uppfoljning/rakna-om/{job.pk}/", secure=True, headers=HTMX
    ).content.decode()
    assert "Talen kunde inte räknas om." in polled


def test_a_second_click_while_one_runs_starts_nothing(
    client: Client, office: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    monkeypatch.setattr(services, "run_in_background", lambda *args: started.append(args))
    client.post("/uppfoljning/rakna-om/", {"next": "/uppfoljning/"}, secure=True)
    second = client.post(
        "/uppfoljning/rakna-om/", {"next": "/uppfoljning/"}, follow=True, secure=True
    )
    assert len(started) == 1
    assert RecountJob.objects.count() == 1
    assert "En omräkning pågår redan; sidan visar hur långt den har kommit." in (
        second.content.decode()
    )


def test_a_recount_whose_process_died_does_not_block_the_next(
    client: Client, office: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Any] = []
    monkeypatch.setattr(services, "run_in_background", lambda *args: started.append(args))
    dead = running_job(done=1, total=2)
    RecountJob.objects.filter(pk=dead.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=20)
    )
    client.post("/uppfoljning/rakna-om/", {"next": "/uppfoljning/"}, secure=True)
    assert len(started) == 1
    dead.refresh_from_db()
    assert dead.running is None
    assert dead.error == "Omräkningen avbröts (servern stoppades). Räkna om igen."


# --- who sees it -------------------------------------------------------------------------------


def test_only_the_office_sees_or_polls_the_recount(client: Client) -> None:
    job = running_job()
    url = f"/uppfoljning/rakna-om/{job.pk}/"
    signed_out = client.get(url, secure=True, headers=HTMX)
    # Sent to sign in (htmx follows HX-Redirect; a 302 would be swapped into the region), and
    # told nothing of the recount.
    assert signed_out.status_code in (200, 204)
    assert signed_out["HX-Redirect"].startswith("/konto/logga-in/?next=")
    assert "Räknar" not in signed_out.content.decode()
    assert "Räknar om" not in client.get("/uppfoljning/", secure=True).content.decode()

    employee = make_user(unit=make_unit())
    client.force_login(employee)
    assert client.get(url, secure=True, headers=HTMX).status_code == 403
    page = client.get("/uppfoljning/", secure=True).content.decode()
    assert 'id="recount-status"' not in page


def test_a_recount_that_is_not_there_is_a_404(client: Client, office: User) -> None:
    assert client.get("/uppfoljning/rakna-om/999999/", secure=True, headers=HTMX).status_code == 404


def test_a_recount_whose_process_died_stops_polling_and_says_so(
    client: Client, office: User
) -> None:
    dead = running_job(done=1, total=2)
    RecountJob.objects.filter(pk=dead.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=20)
    )
    region = status_region(client.get("/uppfoljning/", secure=True).content.decode())
    assert "Omräkningen avbröts (servern stoppades). Räkna om igen." in region
    assert "hx-get" not in region
    polled = client.get(f"/uppfoljning/rakna-om/{dead.pk}/", secure=True, headers=HTMX)
    assert polled.status_code == 200
    assert "Omräkningen avbröts (servern stoppades). Räkna om igen." in polled.content.decode()
    assert "hx-get" not in polled.content.decode()


def test_a_dead_recount_ends_when_the_dashboard_said_it_did_whoever_ends_it() -> None:
    dead = running_job(done=1, total=2)
    beat = timezone.now() - datetime.timedelta(minutes=40)
    RecountJob.objects.filter(pk=dead.pk).update(heartbeat_at=beat)

    shown = selectors.recount_get(dead.pk)
    assert shown is not None and not shown.running
    assert shown.finished_at == beat + SILENT_FOR

    assert services.recounts_recover() == (1, 0)
    dead.refresh_from_db()
    assert (dead.running, dead.finished_at, dead.error) == (None, shown.finished_at, shown.error)


def test_housekeeping_ends_a_dead_recount_and_deletes_old_ones_only() -> None:
    now = timezone.now()
    dead = running_job()
    RecountJob.objects.filter(pk=dead.pk).update(heartbeat_at=now - datetime.timedelta(hours=1))
    old, recent = (
        RecountJob.objects.create(
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            running=None,
            finished_at=now - datetime.timedelta(days=days),
        )
        for days in (31, 2)
    )
    out = io.StringIO()

    call_command("housekeeping", stdout=out)

    assert "omräkningar: 1 avbrutna avslutade, 1 gamla borttagna" in out.getvalue()
    dead.refresh_from_db()
    assert dead.running is None and dead.failed
    assert not RecountJob.objects.filter(pk=old.pk).exists()
    assert RecountJob.objects.filter(pk=recent.pk).exists()
    # A second run finds nothing more to do and says nothing about recounts.
    out = io.StringIO()
    call_command("housekeeping", stdout=out)
    assert "omräkningar" not in out.getvalue()


def test_a_recount_the_queue_cannot_take_says_so_and_blocks_nothing(
    client: Client, office: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def queue_down(*args: Any) -> None:
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(services, "run_in_background", queue_down)

    answer = client.post(
        "/uppfoljning/rakna-om/", {"next": "/uppfoljning/"}, follow=True, secure=True
    )

    assert answer.status_code == 200
    assert "Omräkningen kunde inte startas. Försök igen om en stund." in answer.content.decode()
    job = RecountJob.objects.get()
    assert job.running is None and job.failed
    # The next click is not told that one is running.
    started: list[Any] = []
    monkeypatch.setattr(services, "run_in_background", lambda *args: started.append(args))
    client.post("/uppfoljning/rakna-om/", {"next": "/uppfoljning/"}, secure=True)
    assert len(started) == 1


def test_a_recount_ended_before_its_worker_started_is_not_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted: list[Any] = []
    monkeypatch.setattr(services, "snapshot_refresh", lambda *, period: counted.append(period))
    ended = running_job(done=0)
    RecountJob.objects.filter(pk=ended.pk).update(running=None, finished_at=timezone.now())

    services._refresh_with_previous(ended.pk)

    assert counted == []
