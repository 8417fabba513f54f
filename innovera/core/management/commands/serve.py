from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from innovera.core import registry
from innovera.core.preflight import ensure_database_reachable, ensure_port_free


class Command(BaseCommand):
    help = (
        "Serve Innovera in production with gunicorn. Workers: WEB_CONCURRENCY (default 2 x cores"
        " + 1); address: --bind or BIND (default 127.0.0.1:8000)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        host, _sep, port_text = options["bind"].rpartition(":")
        if not port_text.isdigit():
            raise CommandError(_("--bind must be HOST:PORT, not %(b)s.") % {"b": options["bind"]})
        ensure_port_free(host or "127.0.0.1", int(port_text))
        ensure_database_reachable()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(_("The database has unapplied migrations; run 'innovera migrate'."))
        for report in registry.recover_interrupted_work():
            self.stdout.write(report)
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        workers = os.environ.get("WEB_CONCURRENCY") or str(2 * (os.cpu_count() or 1) + 1)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "innovera.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            workers,
            "--access-logfile",
            "-",
            # One-time survey links are logged without their token.
            "--logger-class",
            "innovera.core.log_redaction.GunicornLogger",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stdout.write(
            _("Serving with %(w)s workers on %(b)s") % {"w": workers, "b": options["bind"]}
        )
        self.stdout.flush()
        connection.close()
        # Hand the process over to gunicorn so signals from the supervisor reach it directly.
        os.execv(sys.executable, argv)  # noqa: S606
