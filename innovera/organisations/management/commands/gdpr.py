"""`innovera gdpr export EMAIL --output FILE.zip` and `innovera gdpr erase EMAIL --yes`: the
office handling a request that came by letter or e-mail does what the person's own pages do."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from innovera.core.audit import audit_source
from innovera.core.models import AuditSource
from innovera.organisations import gdpr
from innovera.organisations.models import User


class Command(BaseCommand):
    help = "A person's data rights by e-mail address: export everything held, or erase the account."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser(
            "export", help="Write a ZIP of everything held about the person."
        )
        export.add_argument("email")
        export.add_argument("--output", required=True, help="The ZIP file to write.")
        erase = actions.add_parser(
            "erase", help="Erase the account (what must be kept stays anonymised)."
        )
        erase.add_argument("email")
        erase.add_argument(
            "--yes", action="store_true", help="Confirm the erasure; it cannot be undone."
        )

    def _person(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(_("No account has the e-mail address %(email)s.") % {"email": email})
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_source(AuditSource.CLI):
            if options["action"] == "export":
                self._export(options["email"], Path(options["output"]))
            else:
                self._erase(options["email"], confirmed=options["yes"])

    def _export(self, email: str, output: Path) -> None:
        user = self._person(email)
        if output.suffix.lower() != ".zip":
            raise CommandError(
                _("--output must name a .zip file, not %(path)s.") % {"path": output}
            )
        if not output.parent.is_dir():
            raise CommandError(_("The folder %(path)s does not exist.") % {"path": output.parent})
        # Written beside the target and moved into place: never half a file under its name.
        handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as target:
                files = gdpr.personal_data_export(user=user, into=target)
            os.chmod(temporary, 0o600)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(
            _("Wrote %(path)s: the data held about %(email)s and %(files)s files.")
            % {"path": output, "email": email, "files": files}
        )

    def _erase(self, email: str, *, confirmed: bool) -> None:
        user = self._person(email)
        if not confirmed:
            raise CommandError(
                _("Erasing %(email)s cannot be undone: add --yes to confirm.") % {"email": email}
            )
        gdpr.account_erase(user=user)
        self.stdout.write(
            _(
                "Erased the account of %(email)s. Ideas, comments and decisions remain as public "
                "records, shown as written by “Borttagen användare”."
            )
            % {"email": email}
        )
