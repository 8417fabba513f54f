from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from innovera.core import registry
from innovera.core.preflight import ensure_database_reachable, ensure_port_free


class Command(BaseCommand):
    help = "Migrate, load the demo city if it is missing, and serve it on 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the demo data but do not serve."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        if not options["no_serve"]:
            ensure_port_free("127.0.0.1", port)
        ensure_database_reachable()
        # The demo's e-mails (printed to the console) link to the port it runs on, unless
        # SITE_URL is set on purpose (issue 9: they said 8000 whatever --port was).
        settings.SITE_URL = demo_site_url(port)
        # skip_checks=False: call_command skips them, and the migration guard is one.
        call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
        for report in registry.recover_interrupted_work():
            self.stdout.write(report)
        # Each app loads its own demo data, in `demo_order` (the organisation first: the
        # others need its units and people), and may say what it did.
        for config in sorted(registry.innovera_apps(), key=lambda config: config.demo_order):
            loaded = config.load_demo()
            if loaded:
                self.stdout.write(loaded)
        if options["no_serve"]:
            return
        self.stdout.write(_("Innovera is served at http://127.0.0.1:%(port)s/") % {"port": port})
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


def demo_site_url(port: int) -> str:
    """The address links in the demo's e-mails start with: SITE_URL when it is set in the
    environment, else the loopback address and port the demo serves on."""
    configured = os.environ.get("SITE_URL", "").strip()
    return configured.rstrip("/") if configured else f"http://127.0.0.1:{port}"
