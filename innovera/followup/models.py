"""Goals of units and the city (issue 12 §2). Indicators themselves live in code
(`indicators.py`); only what people record is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.jobs import Job
from innovera.organisations.models import Unit


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class Goal(models.Model):
    """A target for one unit (the city's root unit for a city-wide goal) over a period: an
    indicator's value, or a free-text goal whose outcome is entered by hand."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="goals"
    )
    indicator = models.CharField(_("indicator"), max_length=60, blank=True)
    title = models.CharField(_("goal"), max_length=200)
    target = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    comparison = models.CharField(
        _("comparison"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    # Only for free-text goals; an indicator's goal takes its outcome from the indicator.
    manual_outcome = models.DecimalField(
        _("outcome"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ("-period_end", "title", "pk")
        indexes = [models.Index(fields=["unit", "-period_end"], name="goal_unit_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="goal_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PeriodSnapshot(models.Model):
    """The counts behind every indicator for one period, computed by the other apps'
    selectors. Counting a year of 100,000 ideas with their moves, comments and supports takes
    seconds, so dashboards read these instead: rebuilt daily (`innovera followup_refresh`)
    and by the office's "count again" (in the background); a page never counts."""

    period_start = models.DateField()
    period_end = models.DateField()
    computed_at = models.DateTimeField(default=timezone.now)
    # measure → [[raw unit id or null, category, count], …]
    counts = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("counted period")
        verbose_name_plural = _("counted periods")
        constraints = [
            models.UniqueConstraint(
                fields=("period_start", "period_end"), name="snapshot_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"


class RecountJob(Job):
    """The office's "count again now" while it runs (`done` of `total` periods), and how it
    ended: the background worker (another process with a queue) writes its progress here and
    the dashboard polls it."""

    period_start = models.DateField()
    period_end = models.DateField()
    error = models.TextField(blank=True)
    # True while the job runs, None once it has ended: unique, so the database itself refuses
    # a second recount while one runs (NULLs never collide).
    running = models.BooleanField(null=True, default=True, unique=True)

    class Meta:
        verbose_name = _("recount")
        verbose_name_plural = _("recounts")

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    @property
    def is_active(self) -> bool:
        return bool(self.running)

    @property
    def failed(self) -> bool:
        return self.finished_at is not None and bool(self.error)
