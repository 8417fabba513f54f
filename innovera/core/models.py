"""The shared abstract models (`Created`, `Timestamped`, `Upload`) and the audit log.

The audit log: who did what, when and from where, for decisions and changes of rights.

A small model with a service (`innovera.core.audit`) rather than django-auditlog or
django-simple-history: those record every field change of chosen models through signals,
with a text copy of the changed values (names included), which is both more and less than
the log is for. This log records decisions as the services make them (a stage move with its
from and to, a role grant, an erasure), holds no copy of a person's name or address (people
are foreign keys, shown by their current name, so an erased person becomes "Borttagen
användare" everywhere at once) and only the network part of the address. It is one table that
works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Created(models.Model):
    """A row that knows when it was made. A default rather than `auto_now_add`, so that a
    service, an import or a data migration may give the time the thing really happened."""

    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Timestamped(Created):
    """A row that also knows when it last changed; the services set `updated_at`."""

    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Upload(Created):
    """A file a person attached. The subclass declares `file` with its own random-name path:
    the person's file name is kept here, never used on disk."""

    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class AuditSource(models.TextChoices):
    WEB = "web", _("Web")
    API = "api", _("API")
    CLI = "cli", _("Command line")
    SYSTEM = "system", _("System")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60)
    # What it was done to: a model label and primary key, and a title for things that are not
    # people (an idea's title, a survey round's name). People go in `person`, never as text.
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The facts of the decision (from and to, a score, a role): never free text a person wrote.
    details = models.JSONField(_("details"), default=dict, blank=True)
    source = models.CharField(
        _("channel"), max_length=10, choices=AuditSource.choices, default=AuditSource.SYSTEM
    )
    # The network (an IPv4 /24 or an IPv6 /48), enough to see where from, not whose machine.
    network = models.CharField(_("network"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ("-at", "-id")
        indexes = [
            models.Index(fields=["-at", "-id"], name="audit_newest"),
            models.Index(fields=["action", "-at"], name="audit_action"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "-at"], name="audit_actor"),
            models.Index(fields=["person", "-at"], name="audit_person"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
