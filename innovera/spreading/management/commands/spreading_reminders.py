from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innovera.spreading.services import reminders_send


class Command(BaseCommand):
    help = "Remind those booked on tomorrow's knowledge-sharing sessions; run once a day."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(_("Sent %(n)s reminders.") % {"n": sent})
