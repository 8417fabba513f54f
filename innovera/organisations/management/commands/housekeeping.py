from __future__ import annotations

import datetime
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from innovera.core import registry
from innovera.core.models import AuditEntry
from innovera.organisations.services import residents_anonymise_inactive
from innovera.organisations.sessions import SessionStore


class Command(BaseCommand):
    help = "Daily retention work of the privacy notice: run it once a day (cron or a timer)."

    def handle(self, *args: Any, **options: Any) -> None:
        anonymised = residents_anonymise_inactive(months=settings.RESIDENT_RETENTION_MONTHS)
        cutoff = timezone.now() - datetime.timedelta(days=settings.SIGN_IN_LOG_RETENTION_DAYS)
        removed = sum(
            model.objects.filter(attempt_time__lt=cutoff).delete()[0]
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        )
        audit_cutoff = timezone.now() - datetime.timedelta(
            days=settings.AUDIT_RETENTION_MONTHS * 30
        )
        audit_removed = AuditEntry.objects.filter(at__lt=audit_cutoff).delete()[0]
        # Expired sessions, and any an older process left in Django's own table during the
        # upgrade to the session engine (never read since): what they hold goes with them.
        SessionStore.clear_expired()
        Session.objects.all().delete()
        for report in registry.recover_interrupted_work():
            self.stdout.write(report)
        self.stdout.write(
            _(
                "Anonymised %(a)s resident accounts; removed %(r)s sign-in records and "
                "%(l)s audit log entries."
            )
            % {"a": anonymised, "r": removed, "l": audit_removed}
        )
