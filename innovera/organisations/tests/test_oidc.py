"""Sign-in with the city's account against a real OpenID provider the tests start
(django-oauth-toolkit in a subprocess): the whole code flow with PKCE, and every refusal."""

from __future__ import annotations

import html
import re
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from innovera.core.models import AuditEntry
from innovera.organisations import oidc
from innovera.organisations.models import OIDCIdentity, Role, Unit, UnitType, User
from innovera.organisations.tests.factories import make_unit, make_user
from tests.oidc_provider.fixture import ProviderUnderTest

pytestmark = pytest.mark.django_db


def start(client: Client) -> str:
    response = client.get(reverse("organisations:oidc_sign_in"))
    assert response.status_code == 302
    return str(response["Location"])


def answer(provider: ProviderUnderTest, authorize_url: str, username: str) -> str:
    """The provider's answer for a signed-in person: the callback address with code and state."""
    response = provider.signed_in(username).get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    location = urlsplit(response.headers["Location"])
    assert location.path == reverse("organisations:oidc_callback"), response.headers["Location"]
    return f"{location.path}?{location.query}"


def sign_in(client: Client, provider: ProviderUnderTest, username: str) -> Any:
    return client.get(answer(provider, start(client), username))


def signed_in_client(provider: ProviderUnderTest, username: str) -> Client:
    """A new browser signed in at the provider as `username`."""
    client = Client()
    sign_in(client, provider, username)
    return client


def signed_in_user(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.filter(pk=user_id).first() if user_id else None


@pytest.fixture
def unit() -> Unit:
    return make_unit(name="Kulturförvaltningen", code="KUL-1", unit_type=UnitType.DEPARTMENT)


def test_the_request_to_the_provider_carries_pkce_s256_state_and_nonce(
    city_sign_in: ProviderUnderTest,
) -> None:
    query = parse_qs(urlsplit(start(Client())).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["client_id"] == [city_sign_in.client_id]


def test_a_first_sign_in_creates_an_employee_of_the_claimed_unit(
    city_sign_in: ProviderUnderTest, unit: Unit
) -> None:
    sub = city_sign_in.person(
        "alva", email="Alva.Berg@stad.example", first_name="Alva", last_name="Berg", unit="KUL-1"
    )
    client = Client()
    response = sign_in(client, city_sign_in, "alva")
    assert response.status_code == 302
    user = signed_in_user(client)
    assert user is not None
    assert user.email == "alva.berg@stad.example" and user.full_name == "Alva Berg"
    assert user.unit == unit
    assert user.memberships.filter(unit=unit, role=Role.EMPLOYEE).exists()
    assert not user.has_usable_password()
    assert OIDCIdentity.objects.get(user=user).sub == sub
    assert AuditEntry.objects.filter(action="oidc.sign_in", actor=user).exists()
    # The second sign-in finds the same account.
    second = signed_in_client(city_sign_in, "alva")
    assert signed_in_user(second) == user
    assert User.objects.filter(email="alva.berg@stad.example").count() == 1


def test_an_unknown_unit_leaves_the_account_for_the_office_to_place(
    city_sign_in: ProviderUnderTest, unit: Unit
) -> None:
    city_sign_in.person("nils", email="nils@stad.example", first_name="Nils", unit="OKAND-9")
    client = signed_in_client(city_sign_in, "nils")
    nils = signed_in_user(client)
    assert nils is not None and nils.unit is None
    city = make_unit(name="Staden", unit_type=UnitType.CITY)
    office = make_user(unit=city)
    from innovera.organisations.services import membership_grant

    membership_grant(user=office, unit=city, role=Role.INNOVATION_OFFICE)
    office_client = Client()
    office_client.force_login(office)
    page = office_client.get(reverse("organisations:people_to_place")).content.decode()
    assert "Nils" in page and "OKAND-9" in page
    office_client.post(
        reverse("organisations:people_to_place"), {"person": nils.pk, "unit": unit.pk}
    )
    nils.refresh_from_db()
    assert nils.unit == unit
    after = office_client.get(reverse("organisations:people_to_place")).content.decode()
    assert "Nils arbetar nu på Kulturförvaltningen." in after
    assert "Ingen väntar på att placeras." in after


def test_a_changed_email_at_the_provider_follows_to_the_same_account(
    city_sign_in: ProviderUnderTest,
) -> None:
    city_sign_in.person("eva", email="eva@stad.example", first_name="Eva")
    first = signed_in_client(city_sign_in, "eva")
    eva = signed_in_user(first)
    city_sign_in.person("eva", email="eva.lind@stad.example", first_name="Eva")
    second = signed_in_client(city_sign_in, "eva")
    assert signed_in_user(second) == eva
    assert eva is not None
    eva.refresh_from_db()
    assert eva.email == "eva.lind@stad.example"


def test_an_existing_email_account_is_never_taken_over_by_the_provider(
    city_sign_in: ProviderUnderTest,
) -> None:
    make_user(email="ulf@stad.example", full_name="Ulf Lokal")
    city_sign_in.person("ulf", email="ulf@stad.example", first_name="Ulf")
    client = Client()
    response = sign_in(client, city_sign_in, "ulf")
    assert signed_in_user(client) is None
    page = client.get(response["Location"])
    assert "Det finns redan ett konto med ulf@stad.example" in page.content.decode()


@pytest.mark.parametrize(
    ("scenario", "reason"),
    [
        pytest.param(
            {"id_token": {"iss": "http://evil.example"}}, "Invalid issuer", id="wrong-iss"
        ),
        pytest.param(
            {"id_token": {"aud": "someone-else"}}, "Audience doesn't match", id="wrong-aud"
        ),
        pytest.param(
            {"id_token": {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}},
            "Signature has expired",
            id="expired",
        ),
        pytest.param({"foreign_key": True}, "Signature verification failed", id="another-key"),
    ],
)
def test_a_bad_id_token_is_refused(
    city_sign_in: ProviderUnderTest,
    scenario: dict[str, Any],
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    city_sign_in.person("kim", email="kim@stad.example", first_name="Kim")
    city_sign_in.scenario(**scenario)
    client = Client()
    with caplog.at_level("WARNING", logger="innovera.organisations.oidc"):
        response = sign_in(client, city_sign_in, "kim")
    assert reason in caplog.text, caplog.text
    assert response["Location"] == reverse("organisations:oidc_failed")
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="kim@stad.example").exists()
    assert client.get(response["Location"]).status_code == 400


def test_a_replayed_state_is_refused(city_sign_in: ProviderUnderTest) -> None:
    city_sign_in.person("bo", email="bo@stad.example", first_name="Bo")
    client = Client()
    callback = answer(city_sign_in, start(client), "bo")
    assert client.get(callback).status_code == 302
    assert signed_in_user(client) is not None
    client.logout()
    replay = client.get(callback)
    assert replay["Location"] == reverse("organisations:oidc_failed")
    assert signed_in_user(client) is None
    # Nor in another browser that never started the sign-in.
    other = Client()
    assert other.get(callback)["Location"] == reverse("organisations:oidc_failed")
    assert signed_in_user(other) is None


def test_sign_out_continues_at_the_providers_end_session_endpoint(
    city_sign_in: ProviderUnderTest,
) -> None:
    city_sign_in.person("siv", email="siv@stad.example", first_name="Siv")
    client = signed_in_client(city_sign_in, "siv")
    response = client.post(reverse("organisations:logout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == city_sign_in.issuer
    assert parse_qs(location.query)["id_token_hint"][0]
    assert signed_in_user(client) is None


def test_without_configuration_there_is_no_button_and_no_provider_sign_in(settings: Any) -> None:
    settings.OIDC_ISSUER = ""
    page = Client().get(reverse("organisations:login")).content.decode()
    assert "Logga in med stadens konto" not in page
    assert Client().get(reverse("organisations:oidc_sign_in")).status_code == 404


def test_the_button_comes_first_when_configured(city_sign_in: ProviderUnderTest) -> None:
    page = Client().get(reverse("organisations:login")).content.decode()
    assert "Logga in med stadens konto" in page
    assert page.index("Logga in med stadens konto") < page.index('name="password"')


def test_an_unreachable_provider_gives_a_page_not_an_error(settings: Any) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.OIDC_ISSUER = f"http://127.0.0.1:{port}"
    settings.OIDC_CLIENT_ID = "x"
    settings.OIDC_CLIENT_SECRET = "y"
    settings.OIDC_TIMEOUT = 2
    oidc.forget_provider()
    response = Client().get(reverse("organisations:oidc_sign_in"))
    assert response.status_code == 503
    assert "Stadens inloggning svarar inte" in response.content.decode()
    oidc.forget_provider()


def test_an_account_without_password_is_erased_after_a_fresh_provider_sign_in(
    city_sign_in: ProviderUnderTest,
) -> None:
    city_sign_in.person("lo", email="lo@stad.example", first_name="Lo", last_name="Ek")
    client = signed_in_client(city_sign_in, "lo")
    lo = signed_in_user(client)
    assert lo is not None and not lo.has_usable_password()
    session = client.session
    session[oidc.SIGNED_IN_AT] = time.time() - oidc.FRESH_SIGN_IN_SECONDS - 1
    session.save()
    page = client.get(reverse("organisations:erase_account")).content.decode()
    assert "Bekräfta med stadens konto" in page
    client.post(reverse("organisations:erase_account"))
    lo.refresh_from_db()
    assert lo.full_name == "Lo Ek", "a stale sign-in does not confirm"
    # Confirming asks the provider for a new sign-in (prompt=login) and comes back here.
    confirm = client.get(reverse("organisations:oidc_sign_in") + "?bekrafta=1")
    assert parse_qs(urlsplit(confirm["Location"]).query)["prompt"] == ["login"]
    back = urlsplit(city_sign_in.fresh_sign_in(confirm["Location"], "lo"))
    client.get(f"{back.path}?{back.query}")
    assert (
        "Radera mitt konto för gott"
        in client.get(reverse("organisations:erase_account")).content.decode()
    )
    client.post(reverse("organisations:erase_account"))
    lo.refresh_from_db()
    assert lo.full_name == "Borttagen användare" and not lo.is_active
    assert not OIDCIdentity.objects.filter(user=lo).exists()


def test_es256_tokens_are_accepted_and_hs256_or_unsigned_ones_refused(settings: Any) -> None:
    import jwt
    from cryptography.hazmat.primitives.asymmetric import ec
    from django.core.exceptions import SuspiciousOperation

    settings.OIDC_ISSUER = "https://idp.example"
    settings.OIDC_CLIENT_ID = "innovera"
    settings.OIDC_CLIENT_SECRET = "a-shared-client-secret-of-32-bytes!!"
    oidc.forget_provider()
    oidc._discovered["https://idp.example"] = (
        time.monotonic(),
        oidc.Provider(
            issuer="https://idp.example",
            authorization_endpoint="https://idp.example/auth",
            token_endpoint="https://idp.example/token",
            userinfo_endpoint="https://idp.example/userinfo",
            jwks_uri="https://idp.example/jwks",
        ),
    )
    now = int(time.time())
    claims = {
        "iss": "https://idp.example",
        "aud": "innovera",
        "sub": "7",
        "exp": now + 60,
        "iat": now,
    }
    key = ec.generate_private_key(ec.SECP256R1())
    backend = oidc.CityAccountBackend()
    token = jwt.encode(claims, key, algorithm="ES256")
    assert backend.get_payload_data(token, key.public_key())["sub"] == "7"
    # A token "signed" with the client secret, or not at all, is never accepted.
    for forged in (
        jwt.encode(claims, "a-shared-client-secret-of-32-bytes!!", algorithm="HS256"),
        jwt.encode(claims, "", algorithm="none"),
    ):
        with pytest.raises(SuspiciousOperation):
            backend.get_payload_data(forged, "a-shared-client-secret-of-32-bytes!!")
    oidc.forget_provider()


def test_the_city_sign_in_returns_to_the_page_asked_for_with_its_query_string(
    city_sign_in: ProviderUnderTest, unit: Unit
) -> None:
    city_sign_in.person("sten", email="sten@stad.example", unit="KUL-1")
    client = Client()
    wanted = "/ideer/ny/?utmaning=trygg-skolvag&sida=2"
    sign_in_page = client.get(reverse("organisations:login"), {"next": wanted}).content.decode()
    button = re.search(r'href="(/konto/stadens-konto/\?next=[^"]+)"', sign_in_page)
    assert button is not None

    at_provider = client.get(html.unescape(button.group(1)))
    back = client.get(answer(city_sign_in, str(at_provider["Location"]), "sten"))

    assert back.status_code == 302
    assert back["Location"] == wanted
