from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innovera.followup.services import snapshots_refresh_daily


class Command(BaseCommand):
    help = "Count the follow-up indicators' standard periods again (run once a day)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        periods = snapshots_refresh_daily()
        self.stdout.write(
            _("%(n)s periods counted in %(seconds)s s.")
            % {"n": periods, "seconds": f"{time.perf_counter() - started:.1f}"}
        )
