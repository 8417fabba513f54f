"""Refuse to migrate a database that holds part of a squashed history.

Each app's history was squashed into one migration that lists the old ones in `replaces`
(docs/architecture.md, "Migrations"). Django uses such a migration when all or none of the
migrations it replaces are recorded, and otherwise silently drops it from the plan: a database
half-way through an old history would then never get the rest of its schema, and `migrate`
would stop with an unrelated error or, for an app nothing depends on, say nothing. This system
check (database-tagged, so `migrate` runs it before it plans) names the squashed migration.
"""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _


def partial_histories(using: str) -> list[str]:
    """The squashed migrations of which the database has some, but not all, replaced ones."""
    connection = connections[using]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    # What the table records, not the loader's view: the loader already drops a partly
    # applied squash from its applied set.
    recorded = set(MigrationRecorder(connection).applied_migrations())
    found = []
    for key, migration in sorted(loader.disk_migrations.items()):
        replaced = {tuple(step) for step in getattr(migration, "replaces", [])}
        done = len(replaced & recorded)
        if 0 < done < len(replaced) and key not in recorded:
            found.append(f"{key[0]}.{key[1]} ({done}/{len(replaced)})")
    return found


@checks.register(checks.Tags.database)
def check_partial_histories(databases: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for using in databases or []:
        partial = partial_histories(using)
        if partial:
            errors.append(
                checks.Error(
                    _("The database holds only part of the migrations that %(names)s replace.")
                    % {"names": ", ".join(partial)},
                    hint=_(
                        "Migrate it with the release from before December 2026 first, then upgrade."
                    ),
                    id="innovera.E001",
                )
            )
    return errors
