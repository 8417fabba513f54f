"""django-oauth-toolkit's validator with the claims Innovera reads, and a test's scenario:
the ID token's claims can be overridden (a wrong iss or aud, an expired token) or signed with
a key the provider does not publish, so that the relying party's refusals are tested against
tokens a real provider minted."""

from __future__ import annotations

import json
from typing import Any

from django.db import router, transaction
from jwcrypto import jwk, jwt
from oauth2_provider.models import AbstractApplication, IDToken
from oauth2_provider.oauth2_validators import OAuth2Validator

SCENARIO: dict[str, Any] = {}
UNIT_CLAIM = "enhetskod"


class ScenarioValidator(OAuth2Validator):
    # Every claim goes to the client, whatever scope names it.
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        units = [g.name.removeprefix("unit:") for g in user.groups.filter(name__startswith="unit:")]
        claims = {
            "email": user.email,
            "email_verified": True,
            "name": user.get_full_name() or user.username,
            "given_name": user.first_name,
            "family_name": user.last_name,
        }
        if units:
            claims[UNIT_CLAIM] = units[0]
        return claims

    def finalize_id_token(
        self, id_token: dict[str, Any], token: Any, token_handler: Any, request: Any
    ) -> str:
        claims, expiration_time = self.get_id_token_dictionary(token, token_handler, request)
        id_token.update(**claims)
        if "nonce" not in id_token and request.nonce:
            id_token["nonce"] = request.nonce
        id_token.update(SCENARIO.get("id_token", {}))
        header = {"typ": "JWT", "alg": request.client.algorithm}
        if request.client.algorithm == AbstractApplication.RS256_ALGORITHM:
            header["kid"] = request.client.jwk_key.thumbprint()
        key = request.client.jwk_key
        if SCENARIO.get("foreign_key"):
            # Same key id, another key: the signature cannot be verified with the published one.
            key = jwk.JWK.generate(kty="RSA", size=2048)
        signed = jwt.JWT(
            header=json.dumps(header, default=str), claims=json.dumps(id_token, default=str)
        )
        signed.make_signed_token(key)
        with transaction.atomic(using=router.db_for_write(IDToken)):
            saved = self._save_id_token(id_token["jti"], request, expiration_time)
        request.access_token = saved
        request.id_token = saved
        return str(signed.serialize())
