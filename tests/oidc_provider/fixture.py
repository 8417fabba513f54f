"""pytest fixtures: the test OpenID provider in a subprocess, and Innovera configured for it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "innovera-test"
CLIENT_SECRET = "a-test-client-secret-that-is-long-enough"
UNIT_CLAIM = "enhetskod"
PROVIDER_PASSWORD = "provider-password"
START_TIMEOUT = 60


@dataclass
class ProviderUnderTest:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def _post(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        response = requests.post(urljoin(self.issuer + "/", path), json=data, timeout=10)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def scenario(self, **scenario: Any) -> None:
        """What the next ID tokens get wrong: id_token={claims}, foreign_key=True."""
        self._post("test/scenario/", scenario)

    def person(self, username: str, *, password: str = PROVIDER_PASSWORD, **fields: Any) -> str:
        """Create or update a person at the provider; returns their `sub`."""
        return str(
            self._post("test/users/", {"username": username, "password": password, **fields})["sub"]
        )

    def allow(self, redirect_uri: str, post_logout_redirect_uri: str = "") -> None:
        self._post(
            "test/redirects/",
            {
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "post_logout_redirect_uri": post_logout_redirect_uri,
            },
        )

    def signed_in(self, username: str, password: str = PROVIDER_PASSWORD) -> requests.Session:
        """A browser-like session signed in at the provider."""
        session = requests.Session()
        page = session.get(self.issuer + "/login/", timeout=10)
        page.raise_for_status()
        response = session.post(
            self.issuer + "/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": session.cookies["provider_csrftoken"],
                "next": "/",
            },
            headers={"Referer": self.issuer + "/login/"},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, "the test provider refused the sign-in"
        return session

    def fresh_sign_in(
        self, authorize_url: str, username: str, password: str = PROVIDER_PASSWORD
    ) -> str:
        """Follow an authorisation request that asks for a new sign-in (prompt=login): the
        provider shows its sign-in form even to a signed-in person, then answers. Returns
        the address the provider sends the browser back to."""
        session = self.signed_in(username, password)
        to_login = session.get(authorize_url, allow_redirects=False, timeout=10)
        assert to_login.status_code == 302 and "/login/" in to_login.headers["Location"]
        login_url = urljoin(self.issuer + "/", to_login.headers["Location"])
        session.get(login_url, timeout=10)
        next_url = parse_qs(urlsplit(login_url).query)["next"][0]
        signed = session.post(
            self.issuer + "/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": session.cookies["provider_csrftoken"],
                "next": next_url,
            },
            headers={"Referer": login_url},
            allow_redirects=False,
            timeout=10,
        )
        assert signed.status_code == 302
        answer = session.get(
            urljoin(self.issuer + "/", signed.headers["Location"]),
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 302, answer.text[:300]
        return str(answer.headers["Location"])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProviderUnderTest]:
    folder = tmp_path_factory.mktemp("oidc-provider")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = folder / "key.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "OIDC_TEST_ISSUER": issuer,
        "OIDC_TEST_DB": str(folder / "provider.sqlite3"),
        "OIDC_TEST_KEY": str(key_file),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(port), CLIENT_ID, CLIENT_SECRET],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail("The test provider stopped: " + (folder / "provider.log").read_text())
            try:
                if requests.get(issuer + "/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    "The test provider did not start: " + (folder / "provider.log").read_text()
                )
            time.sleep(0.2)
        yield ProviderUnderTest(issuer=issuer)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def city_sign_in(settings: Any, oidc_provider: ProviderUnderTest) -> Iterator[ProviderUnderTest]:
    """Innovera configured for the test provider, as the environment would configure it."""
    from innovera.organisations import oidc

    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_RP_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_UNIT_CLAIM = UNIT_CLAIM
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {
            **policy["DIRECTIVES"],
            "form-action": [*policy["DIRECTIVES"]["form-action"], oidc_provider.issuer],
        },
    }
    oidc_provider.scenario()
    oidc.forget_provider()
    yield oidc_provider
    oidc_provider.scenario()
    oidc.forget_provider()
