"""`innovera api-token create EMAIL [--days N]` and `innovera api-token revoke EMAIL`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from innovera.core.audit import audit_source
from innovera.core.exceptions import ApplicationError
from innovera.core.models import AuditSource
from innovera.organisations import services
from innovera.organisations.models import User


class Command(BaseCommand):
    help = "Create an API token for a person (printed once) or end all of theirs."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="print a new token, shown this once only")
        create.add_argument("email")
        create.add_argument("--days", type=int, default=None, help="days the token is valid")
        revoke = actions.add_parser("revoke", help="end every token of the person")
        revoke.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get_by_natural_key(options["email"])
        except User.DoesNotExist:
            raise CommandError(f"No account has the address {options['email']}.") from None
        with audit_source(AuditSource.CLI):
            if options["action"] == "create":
                try:
                    record, token = services.api_token_create(user=user, days=options["days"])
                except ApplicationError as error:
                    raise CommandError(str(error.message)) from None
                self.stdout.write(token)
                expiry = record.expiry.date().isoformat() if record.expiry else "never"
                self.stderr.write(
                    f"Token for {user.email}, valid until {expiry}. It is not shown again: "
                    'send it as "Authorization: Token <token>".'
                )
            else:
                ended = services.api_token_revoke(user=user)
                self.stdout.write(f"Ended {ended} token(s) of {user.email}.")
