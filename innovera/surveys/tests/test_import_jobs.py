"""A crashed import never stays "running", its file never stays on disk (issue 8 §2, finding 8)."""

from __future__ import annotations

import datetime
import io
import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from innovera.core.jobs import QUEUE_ALLOWANCE, SILENT_FOR
from innovera.surveys import services
from innovera.surveys.models import ImportJob, SurveyResponse
from innovera.surveys.tests.factories import make_round

pytestmark = pytest.mark.django_db

DEMO_2014 = Path(__file__).resolve().parents[1] / "data" / "demo_2014.csv"


def job_with_file(status: str, *, age: datetime.timedelta, heartbeat: bool = True) -> ImportJob:
    survey_round = make_round()
    folder = services.import_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"job-{status}-{age.total_seconds():.0f}.csv"
    path.write_bytes(DEMO_2014.read_bytes())
    moment = timezone.now() - age
    return ImportJob.objects.create(
        round=survey_round,
        file_name="svar.csv",
        stored_path=str(path),
        status=status,
        created_at=moment,
        heartbeat_at=moment if heartbeat else None,
    )


def test_a_job_silent_for_long_is_marked_failed_and_its_file_deleted(settings: Any) -> None:
    dead = job_with_file(ImportJob.Status.RUNNING, age=datetime.timedelta(hours=1))
    lost = job_with_file(ImportJob.Status.PENDING, age=datetime.timedelta(hours=5))
    alive = job_with_file(ImportJob.Status.RUNNING, age=datetime.timedelta(seconds=30))

    failed, _deleted = services.import_jobs_recover()

    assert failed == 2
    for job in (dead, lost):
        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED
        assert "avbröts" in job.message or "interrupted" in job.message
        assert not Path(job.stored_path).exists()
    alive.refresh_from_db()
    assert alive.status == ImportJob.Status.RUNNING  # another process may be reading it
    assert Path(alive.stored_path).exists()


@pytest.mark.parametrize(
    ("status", "age", "heartbeat", "dead"),
    [
        (ImportJob.Status.RUNNING, SILENT_FOR - datetime.timedelta(minutes=1), True, False),
        (ImportJob.Status.RUNNING, SILENT_FOR + datetime.timedelta(minutes=1), True, True),
        # Waiting, it has the queue's allowance: another import may hold the worker.
        (ImportJob.Status.PENDING, SILENT_FOR + datetime.timedelta(minutes=5), False, False),
        (ImportJob.Status.PENDING, QUEUE_ALLOWANCE - datetime.timedelta(minutes=1), False, False),
        (ImportJob.Status.PENDING, QUEUE_ALLOWANCE + datetime.timedelta(minutes=1), False, True),
    ],
)
def test_a_dead_import_ends_when_its_page_said_it_did_and_a_live_one_is_left_alone(
    status: str, age: datetime.timedelta, heartbeat: bool, dead: bool
) -> None:
    job = job_with_file(status, age=age, heartbeat=heartbeat)
    assert job.is_active is not dead and job.interrupted is dead  # what its page shows

    failed, _deleted = services.import_jobs_recover()

    stored = ImportJob.objects.get(pk=job.pk)
    assert failed == int(dead)
    if dead:
        assert stored.status == ImportJob.Status.FAILED
        assert stored.finished_at == job.died_at  # not when housekeeping happened to run
        assert not Path(job.stored_path).exists()
    else:
        assert (stored.status, stored.finished_at) == (status, None)
        assert Path(job.stored_path).exists()


def test_housekeeping_deletes_upload_files_no_job_needs() -> None:
    folder = services.import_folder()
    folder.mkdir(parents=True, exist_ok=True)
    orphan = folder / "left-over.csv"
    orphan.write_text("x", encoding="utf-8")
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    young = folder / "being-written.csv"
    young.write_text("x", encoding="utf-8")
    done = job_with_file(ImportJob.Status.DONE, age=datetime.timedelta(hours=3))
    os.utime(done.stored_path, (old, old))

    out = io.StringIO()
    call_command("housekeeping", stdout=out)

    assert not orphan.exists()
    assert not Path(done.stored_path).exists()
    assert young.exists()  # perhaps a job whose row is not committed yet
    assert "upload" in out.getvalue() or "uppladdade" in out.getvalue()


def test_an_unexpected_error_ends_the_job_failed_and_deletes_its_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = job_with_file(ImportJob.Status.PENDING, age=datetime.timedelta(seconds=1))

    def broken(**kwargs: Any) -> None:
        raise MemoryError("the server ran out of memory")

    monkeypatch.setattr(services, "round_import_file", broken)
    services.import_job_run(job.pk)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "inget sparades" in job.message or "nothing was stored" in job.message
    assert not Path(job.stored_path).exists()
    assert not SurveyResponse.objects.exists()


def test_a_good_upload_is_stored_in_batches_and_a_bad_one_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BULK_SIZE", 10)
    survey_round = make_round()
    good = services.round_import_file(
        survey_round=survey_round,
        path=DEMO_2014,
        template=services.round_template(survey_round),
        file_name="demo.csv",
    )
    assert good.stored == 37 and SurveyResponse.objects.count() == 37

    lines = DEMO_2014.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    last = lines[-1].split(",")
    last[header.index("sa_overall")] = "7"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([*lines[:-1], ",".join(last)]), encoding="utf-8")
    refused = services.round_import_file(
        survey_round=survey_round,
        path=bad,
        template=services.round_template(survey_round),
        file_name="bad.csv",
        replace=True,
    )

    assert refused.batch is None
    assert "rad 38, kolumn sa_overall" in refused.result.summary()
    assert SurveyResponse.objects.count() == 37  # the earlier import is kept: all or nothing


def test_a_job_housekeeping_already_ended_is_not_started_again_by_a_late_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = job_with_file(ImportJob.Status.FAILED, age=datetime.timedelta(hours=3))
    ImportJob.objects.filter(pk=job.pk).update(message="Importen avbröts.")
    called: list[Any] = []
    monkeypatch.setattr(services, "round_import_file", lambda **kwargs: called.append(kwargs))

    services.import_job_run(job.pk)

    job.refresh_from_db()
    assert called == []
    assert (job.status, job.message) == (ImportJob.Status.FAILED, "Importen avbröts.")


def test_a_job_its_page_already_called_interrupted_is_ended_not_imported_by_a_late_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Waiting past the queue's allowance: its page says the import was interrupted.
    job = job_with_file(
        ImportJob.Status.PENDING,
        age=QUEUE_ALLOWANCE + datetime.timedelta(minutes=5),
        heartbeat=False,
    )
    called: list[Any] = []
    monkeypatch.setattr(services, "round_import_file", lambda **kwargs: called.append(kwargs))

    services.import_job_run(job.pk)

    job.refresh_from_db()
    assert called == []
    assert job.status == ImportJob.Status.FAILED and job.finished_at == job.died_at
    assert "avbröts" in job.message or "interrupted" in job.message
    assert not Path(job.stored_path).exists()
