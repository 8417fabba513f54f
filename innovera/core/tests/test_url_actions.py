"""Every address of the project declares the action behind it, and the action exists."""

from __future__ import annotations

from django.urls import path

from innovera.core.permissions import can, requires, url_actions
from innovera.core.registry import permission_tables

# Django's own addresses: the admin site asks `admin.use` itself (core.admin_site), and the
# language switch only sets a cookie.
DJANGOS_OWN = ("admin:", "set_language")


def innovera_urls() -> dict[str, str | None]:
    return {
        name: action for name, action in url_actions().items() if not name.startswith(DJANGOS_OWN)
    }


def test_every_named_url_of_the_project_declares_its_action() -> None:
    undeclared = sorted(name for name, action in innovera_urls().items() if not action)

    assert innovera_urls(), "the walk finds the project's URLs"
    assert undeclared == [], "declare the action with @requires (or required_action)"


def test_every_declared_action_is_in_an_apps_permission_table() -> None:
    tables = permission_tables()

    assert {action for action in innovera_urls().values() if action} - tables.keys() == set()


def test_the_api_description_is_declared_public() -> None:
    assert url_actions()["api:openapi"] == "api.describe"
    assert can(None, "api.describe")


def test_a_new_url_without_an_action_is_found(settings) -> None:
    def undeclared(request):  # pragma: no cover - never called
        raise AssertionError

    @requires("site.view")
    def declared(request):  # pragma: no cover - never called
        raise AssertionError

    module = type(
        "urls",
        (),
        {
            "urlpatterns": [
                path("x/", undeclared, name="undeclared"),
                path("y/", declared, name="declared"),
            ]
        },
    )
    settings.ROOT_URLCONF = module

    assert url_actions() == {"undeclared": None, "declared": "site.view"}
