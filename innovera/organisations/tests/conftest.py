from tests.oidc_provider.fixture import city_sign_in, oidc_provider

__all__ = ["city_sign_in", "oidc_provider"]
