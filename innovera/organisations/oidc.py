"""Sign-in with the city's identity provider: OpenID Connect through mozilla-django-oidc.

mozilla-django-oidc runs the authorisation code flow with PKCE (S256), `state` and `nonce`
(settings.py turns them on). What it does not do on its own is added here:

- the provider's endpoints come from OIDC_ISSUER's discovery document, fetched when first
  needed and kept for an hour, so an unreachable provider never stops start-up (the button
  then leads to a page saying the sign-in is unavailable);
- the ID token must be signed with RS256 or ES256 by a key in the provider's JWKS, and its
  `iss` (the configured issuer), `aud` (our client id), `exp` and `iat` are checked — the
  library checks the signature and expiry but neither issuer nor audience;
- the person is found by `sub` (organisations.services.oidc_sign_in), never by e-mail;
- signing out also ends the session at the provider when it offers `end_session_endpoint`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from innovera.core.exceptions import ApplicationError
from innovera.organisations import services

logger = logging.getLogger(__name__)

ALGORITHMS = ["RS256", "ES256"]
DISCOVERY_MAX_AGE = 3600
# Clocks of the provider and of this server may differ a little.
CLOCK_LEEWAY = 30
SIGN_IN_ERROR = "innovera_oidc_error"
# When the person last signed in at the provider (seconds since the epoch): a fresh sign-in
# confirms an erasure for accounts without a password.
SIGNED_IN_AT = "innovera_oidc_signed_in_at"
FRESH_SIGN_IN_SECONDS = 600


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID and settings.OIDC_CLIENT_SECRET)


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str = ""


class ProviderUnavailable(Exception):
    pass


_discovered: dict[str, tuple[float, Provider]] = {}
_lock = threading.Lock()


def provider() -> Provider:
    """The configured provider's endpoints, from its discovery document."""
    issuer = settings.OIDC_ISSUER
    with _lock:
        cached = _discovered.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_MAX_AGE:
            return cached[1]
    url = issuer + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        found = Provider(
            issuer=str(document["issuer"]).rstrip("/"),
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            userinfo_endpoint=str(document["userinfo_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
            end_session_endpoint=str(document.get("end_session_endpoint") or ""),
        )
    except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
        logger.warning("OpenID discovery at %s failed: %s", url, exc)
        raise ProviderUnavailable(str(exc)) from None
    if found.issuer != issuer:
        # OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
        logger.warning("OpenID discovery at %s names issuer %s", url, found.issuer)
        raise ProviderUnavailable("issuer mismatch")
    with _lock:
        _discovered[issuer] = (time.monotonic(), found)
    return found


def forget_provider() -> None:
    """Drop the cached discovery documents (tests, and a changed configuration)."""
    with _lock:
        _discovered.clear()


class CityAccountBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with lazy discovery, strict ID-token checks, and people
    found by `sub`."""

    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds a backend for every request of a signed-in person (get_user): nothing
        # here may ask the provider.
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return provider().token_endpoint

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return provider().userinfo_endpoint

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return provider().jwks_uri

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:
        return str(settings.OIDC_CLIENT_ID)

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:
        return str(settings.OIDC_CLIENT_SECRET)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the callback view passes a nonce; a password sign-in never reaches the provider.
        if request is None or "nonce" not in kwargs or not enabled():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException, ProviderUnavailable) as exc:
            logger.warning("Sign-in with the city's account refused: %s", exc)
            return None

    def get_payload_data(self, token: bytes | str, key: Any) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise SuspiciousOperation("The ID token cannot be read.") from None
        if header.get("alg") not in ALGORITHMS:
            raise SuspiciousOperation(f"ID token algorithm {header.get('alg')!r} is not allowed.")
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=str(settings.OIDC_CLIENT_ID),
                issuer=provider().issuer,
                leeway=CLOCK_LEEWAY,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from None
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core §5.3.2: the UserInfo answer must be about the token's subject.
        if str(userinfo.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("The UserInfo answer is about another subject.")
        current = getattr(self.request, "user", None)
        try:
            return services.oidc_sign_in(
                issuer=provider().issuer,
                claims={**userinfo, **payload},
                unit_claim=settings.OIDC_UNIT_CLAIM,
                current_user=current if current and current.is_authenticated else None,
            )
        except ApplicationError as exc:
            # Shown on the failure page: why the sign-in could not be completed.
            self.request.session[SIGN_IN_ERROR] = exc.message
            return None


def _unavailable(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/oidc_failed.html", {"unavailable": True}, status=503)


class CitySignInView(OIDCAuthenticationRequestView):
    """Sends the person to the provider (with state, nonce and the PKCE challenge)."""

    required_action = "account.sign_in"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the endpoint here; it is looked up in get() instead.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_CLIENT_ID

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        # Confirming an erasure asks the provider for a new sign-in, not its session.
        return {"prompt": "login"} if request.GET.get("bekrafta") else {}

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return render(request, "organisations/oidc_failed.html", status=404)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        except ProviderUnavailable:
            return _unavailable(request)
        response: HttpResponse = super().get(request)
        return response


class CityCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back; a refused or replayed answer ends on the
    failure page, never on an error page."""

    required_action = "account.sign_in"

    @property
    def failure_url(self) -> str:
        return reverse("organisations:oidc_failed")

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        self.request.session[SIGNED_IN_AT] = time.time()
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return render(request, "organisations/oidc_failed.html", status=404)
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation as exc:
            # A state that is not in this browser's session: replayed, or from another browser.
            logger.warning("Sign-in with the city's account refused: %s", exc)
            return self.login_failure()
        return response


def sign_in_failed(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(SIGN_IN_ERROR, "")
    return render(request, "organisations/oidc_failed.html", {"reason": reason}, status=400)


sign_in_failed.required_action = "account.sign_in"  # type: ignore[attr-defined]


def provider_sign_out_url(request: HttpRequest, id_token: str | None) -> str | None:
    """Where to continue signing out at the provider, or None when it offers no such thing."""
    if not enabled() or not id_token:
        return None
    try:
        endpoint = provider().end_session_endpoint
    except ProviderUnavailable:
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(
                reverse("organisations:signed_out")
            ),
        }
    )
    return f"{endpoint}?{query}"


def fresh_sign_in(request: HttpRequest) -> bool:
    signed_in_at = request.session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return False
    return time.time() - signed_in_at < FRESH_SIGN_IN_SECONDS
