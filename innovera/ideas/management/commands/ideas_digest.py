from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innovera.ideas.services import digests_send


class Command(BaseCommand):
    help = "Send the weekly digest of idea notices to those who chose it; run once a week."

    def handle(self, *args: Any, **options: Any) -> None:
        count = digests_send()
        self.stdout.write(_("Sent %(n)s digests.") % {"n": count})
