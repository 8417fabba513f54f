"""Start the test provider: `python -m tests.oidc_provider.serve PORT CLIENT_ID CLIENT_SECRET`.

Migrates its own SQLite database, registers Innovera as a confidential client that must use
PKCE and gets RS256-signed ID tokens, and serves on 127.0.0.1:PORT until it is stopped.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    port, client_id, client_secret = sys.argv[1], sys.argv[2], sys.argv[3]
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import get_application_model

    call_command("migrate", verbosity=0, interactive=False)
    get_application_model().objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": "Innovera",
            "client_secret": client_secret,
            "client_type": "confidential",
            "authorization_grant_type": "authorization-code",
            "algorithm": "RS256",
            "skip_authorization": True,
            "redirect_uris": "http://testserver/konto/stadens-konto/svar/",
            "post_logout_redirect_uris": "http://testserver/konto/utloggad/",
        },
    )
    run("127.0.0.1", int(port), get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
