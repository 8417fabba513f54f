"""The URL walk's samples for the organisation's pages (see innovera/core/url_walk.py)."""

from __future__ import annotations

from innovera.core.url_walk import NOT_FOUND, Sample
from innovera.organisations.models import Unit


def url_samples() -> dict[str, Sample]:
    unit = Unit.objects.get(slug="bromma")
    return {
        "organisations:unit_directory": Sample(),
        "organisations:unit_detail": Sample({"slug": unit.slug}, obj=unit),
        "organisations:login": Sample(),
        # Signing out is a POST (a GET would be a cross-site sign-out).
        "organisations:logout": Sample(method="post"),
        "organisations:sign_up": Sample(),
        "organisations:sign_up_done": Sample(),
        # A link that does not verify anything answers 400 with an explanation, for anyone.
        "organisations:verify_email": Sample({"token": "not-a-token"}),
        "organisations:resend_verification": Sample(method="post"),
        "organisations:profile": Sample(),
        "organisations:password_reset": Sample(),
        "organisations:password_reset_done": Sample(),
        "organisations:password_reset_confirm": Sample({"uidb64": "MQ", "token": "x-y"}),
        "organisations:password_reset_complete": Sample(),
        "organisations:signed_out": Sample(),
        "organisations:password_change": Sample(),
        # Without a configured provider the city sign-in does not exist (404) for anyone.
        "organisations:oidc_sign_in": Sample(expect={"*": NOT_FOUND}),
        "organisations:oidc_callback": Sample(expect={"*": NOT_FOUND}),
        "organisations:oidc_failed": Sample(),
        "organisations:my_data": Sample(),
        # The page asks to confirm; only its POST erases.
        "organisations:erase_account": Sample(),
        "organisations:erased": Sample(),
        "organisations:people_to_place": Sample(),
        "organisations:audit_log": Sample(),
        "organisations:audit_log_csv": Sample(),
    }
