"""Knowledge-sharing sessions: colleagues teaching colleagues (Amsterdam's Train je collega).

A booking is one row per person and session (unique); its status says booked, waiting or
cancelled. The waiting list is ordered by `queued_at`, then id: the order in which bookings got
the session's row lock, which is the order of arrival.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.models import Created, Timestamped
from innovera.organisations.models import Unit
from innovera.spreading.models.examples import GoodExample


class CampaignWeek(models.Model):
    """A week of sessions ("Lär av en kollega, vecka 41") with its own page and counters."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("campaign week")
        verbose_name_plural = _("campaign weeks")
        ordering = ("-starts_on",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spreading:campaign_detail", kwargs={"slug": self.slug})


class SessionLevel(models.TextChoices):
    INTRODUCTION = "introduction", _("Introduction")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class KnowledgeSession(Timestamped):
    title = models.CharField(_("title"), max_length=200)
    learn = models.TextField(_("what you will learn"), max_length=2000)
    for_whom = models.CharField(_("for whom"), max_length=300)
    level = models.CharField(
        _("level"), max_length=20, choices=SessionLevel.choices, default=SessionLevel.INTRODUCTION
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("number of places"))
    booking_deadline = models.DateTimeField(_("book by"))
    example = models.ForeignKey(
        GoodExample,
        verbose_name=_("good example"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    campaign = models.ForeignKey(
        CampaignWeek,
        verbose_name=_("campaign week"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_sessions",
    )
    # The organiser's unit when the session was offered: "units taking part" counts it.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Sessions are for employees unless the organiser opens them to residents.
    open_to_residents = models.BooleanField(_("open to residents"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # iCalendar SEQUENCE: raised on every change, so calendars replace their copy.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("knowledge-sharing session")
        verbose_name_plural = _("knowledge-sharing sessions")
        ordering = ("starts_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after"
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at", "id"], name="session_upcoming"),
            models.Index(fields=["campaign", "starts_at"], name="session_campaign"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spreading:session_detail", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    session = models.ForeignKey(KnowledgeSession, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_bookings"
    )
    status = models.CharField(_("status"), max_length=20, choices=BookingStatus.choices)
    queued_at = models.DateTimeField(default=timezone.now)
    booked_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # None until the organiser marks it; only attended counts as a participant.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Added to the session's SEQUENCE in this person's calendar: their own changes count too.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ("queued_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("session", "person"), name="booking_once_per_person")
        ]
        indexes = [
            models.Index(fields=["session", "status", "queued_at", "id"], name="booking_queue"),
            models.Index(fields=["person", "status"], name="booking_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.session_id}: {self.status}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(Created):
    """The secret part of a person's calendar-feed address; renewing it kills the old one."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.person_id)


class Notice(Created):
    """An in-app notice of the spreading app. The ideas app's Notification belongs to one idea
    (a required foreign key) and its digest reads ideas; these notices are about examples,
    adoptions and bookings, so they are kept here with a link instead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spreading_notices"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    # A discussion group's notice: asked again before the weekly digest mails it, and gone
    # with the group.
    group = models.ForeignKey(
        "spreading.DiscussionGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["user", "-created_at"], name="notice_user_newest")]

    def __str__(self) -> str:
        return self.text
