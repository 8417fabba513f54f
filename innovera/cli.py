"""The `innovera` command: Django's management interface under the package's own name.

Configuration problems (a bad DATABASE_URL, an unwritable data folder, an unreachable database)
end in one sentence on standard error and exit code 2, never a traceback.
"""

from __future__ import annotations

import os
import sys

HYPHENATED = {"seed-scale": "seed_scale", "api-token": "api_token"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    args[0] = "innovera"
    if len(args) > 1 and args[1] in HYPHENATED:
        # The docs spell these with a hyphen; Django's command modules use an underscore.
        args[1] = HYPHENATED[args[1]]
    if len(args) > 1 and args[1] == "demo":
        # The demo runs on a developer's machine over plain HTTP with debug pages.
        os.environ.setdefault("DEBUG", "true")
        os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovera.settings")

    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - loading settings surfaces configuration errors
        from django.core.management import execute_from_command_line

        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        print(f"innovera: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"innovera: the database cannot be used: {first_line}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
