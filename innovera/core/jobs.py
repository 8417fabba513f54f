"""The one shape of a background job whose page polls its progress (a survey import, the
follow-up's recount, the documents' recount).

A row, not the cache: without Redis each web process keeps its own cache, and the worker may
be another process. The worker reports on the row (`beat`, with its progress) and ends it
(`end`); a page reads `percent` and polls while `is_active`. Each app keeps its own words for
where a job is (a status, or the follow-up's `running` flag) and says what `is_active` means.

A job whose process died says nothing more. One rule says when it is taken for dead: a job
that has started (its worker beats as it starts, so it has a `heartbeat_at`) and has been
silent for `SILENT_FOR`, or one still waiting in the queue (no beat yet) for `QUEUE_ALLOWANCE`
since it was asked for: a queued job may sit behind a long one. Python (`is_silent`) and the
database (`JobQuerySet.silent`) apply it alike, as of the moment it became known (`died_at`,
`JobQuerySet.end_silent`), so a page and the housekeeping that ends it agree on when it ended.
"""

from __future__ import annotations

import datetime
from typing import Any, Final, TypeVar

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from innovera.core.models import Created

SILENT_FOR: Final = datetime.timedelta(minutes=15)
"""A job reports after each piece of work (a document, a period, a hundredth of a file: seconds
at most); silent this long, its process has died."""

QUEUE_ALLOWANCE: Final = datetime.timedelta(hours=2)
"""A job not started this long after it was asked for was lost with its queue (or its process
before it started): while it waits, another job (a long import) may hold the worker."""

_J = TypeVar("_J", bound="Job")


class JobQuerySet(models.QuerySet[_J]):
    def beat(self, **fields: Any) -> int:
        """A sign of life, with whatever progress the job reports (`done=…, total=…`)."""
        return self.update(heartbeat_at=timezone.now(), **fields)

    def end(self, **fields: Any) -> int:
        """The job has ended: the fields say how (the app's status, its message)."""
        return self.update(finished_at=timezone.now(), **fields)

    def silent(self, now: datetime.datetime) -> JobQuerySet[_J]:
        """The jobs among these taken for dead (`Job.is_silent`): started and silent for
        `SILENT_FOR`, or waiting for `QUEUE_ALLOWANCE` (filter them to the waiting and running
        ones first: a finished job is silent too)."""
        return self.filter(
            Q(heartbeat_at__lt=now - SILENT_FOR)
            | Q(heartbeat_at__isnull=True, created_at__lt=now - QUEUE_ALLOWANCE)
        )

    def end_silent(self, now: datetime.datetime, **fields: Any) -> int:
        """End the silent ones among these as of when they were known to have died (each its
        own `died_at`, the time a page shows it as ended before this runs)."""
        died_at = Case(
            When(heartbeat_at__isnull=True, then=F("created_at") + Value(QUEUE_ALLOWANCE)),
            default=F("heartbeat_at") + Value(SILENT_FOR),
            output_field=models.DateTimeField(),
        )
        return self.silent(now).update(finished_at=died_at, **fields)


class Job(Created):
    """A background job's progress: `done` of `total` pieces of work, its last sign of life
    and when it ended. `created_at` is when it was asked for."""

    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # Set whenever the job reports progress: a running job silent for long has died.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def percent(self) -> int:
        """How far it has come, 0–100 (0 while the total is not known)."""
        return min(100, 100 * self.done // self.total) if self.total else 0

    @property
    def is_active(self) -> bool:
        """Waiting or running, so its page polls: each app's own status says which."""
        raise NotImplementedError

    @property
    def last_seen(self) -> datetime.datetime:
        return self.heartbeat_at or self.created_at

    @property
    def died_at(self) -> datetime.datetime:
        """When a job silent since `last_seen` is known to have died: `SILENT_FOR` after its
        last beat, or `QUEUE_ALLOWANCE` after it was asked for if it never started."""
        if self.heartbeat_at is None:
            return self.created_at + QUEUE_ALLOWANCE
        return self.heartbeat_at + SILENT_FOR

    def is_silent(self, now: datetime.datetime) -> bool:
        """Taken for dead (the same rule as `JobQuerySet.silent`)."""
        return self.died_at < now
