from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innovera.core.formatting import decimal, page_language
from innovera.followup.indicators import Period
from innovera.followup.services import snapshots_refresh_daily


class Command(BaseCommand):
    help = "Count the follow-up indicators' standard periods again (run once a day)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        lang = page_language()

        def progress(done: int, total: int, period: Period, seconds: float) -> None:
            # A line per period as it is counted: a big city takes seconds for each.
            self.stdout.write(
                _("%(done)s/%(total)s %(start)s–%(end)s counted in %(seconds)s s")
                % {
                    "done": done,
                    "total": total,
                    "start": period.start.isoformat(),
                    "end": period.end.isoformat(),
                    "seconds": decimal(seconds, decimals=1, lang=lang),
                }
            )

        periods = snapshots_refresh_daily(progress=progress)
        self.stdout.write(
            _("%(n)s periods counted in %(seconds)s s.")
            % {
                "n": periods,
                "seconds": decimal(time.perf_counter() - started, decimals=1, lang=lang),
            }
        )
