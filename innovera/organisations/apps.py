from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class OrganisationsConfig(registry.InnoveraAppConfig):
    name = "innovera.organisations"
    label = "organisations"
    verbose_name = _("Organisation")
    permissions_module = "innovera.organisations.permissions"
    demo_order = 10
    menu = (
        registry.MenuEntry(_("Units"), "organisations:unit_directory", order=30),
        registry.MenuEntry(
            _("My account"), "organisations:profile", action="account.view_own", order=90
        ),
        # The Django admin is the organisation's: users, units and their roles.
        registry.MenuEntry(_("Administration"), "admin:index", action="admin.use", order=95),
        registry.MenuEntry(
            _("Audit log"), "organisations:audit_log", action="audit.view", order=96
        ),
    )
    cards = (
        registry.StartCard(
            _("Units"),
            _("The administrations, companies and units of the city."),
            url_name="organisations:unit_directory",
            action="unit.view",
            order=10,
        ),
    )

    def ready(self) -> None:
        from innovera.organisations import signals

        signals.connect()

    def my_work(self, user: Any) -> list[registry.WorkItem]:
        from django.urls import reverse

        from innovera.core.permissions import can
        from innovera.organisations import selectors

        if not can(user, "account.place"):
            return []
        waiting = selectors.people_to_place_count()
        if not waiting:
            return []
        return [
            registry.WorkItem(
                group=_("People"),
                label=_("New employees to place"),
                url=reverse("organisations:people_to_place"),
                count=waiting,
            )
        ]

    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        from django.apps import apps
        from django.contrib.admin.models import LogEntry

        from innovera.organisations.models import Membership, OIDCIdentity

        data: dict[str, list[dict[str, Any]]] = {
            "organisations.User": [
                {
                    "email": user.email,
                    "name": user.full_name,
                    "title": user.title,
                    "unit": user.unit.name if user.unit else None,
                    "email_verified_at": user.email_verified_at,
                    "joined": user.date_joined,
                    "last_sign_in": user.last_login,
                    "active": user.is_active,
                    "groups": list(user.groups.values_list("name", flat=True)),
                }
            ],
            "organisations.Membership": [
                {"unit": unit, "role": role, "granted_at": granted}
                for unit, role, granted in Membership.objects.filter(user=user).values_list(
                    "unit__name", "role", "granted_at"
                )
            ],
            "organisations.OIDCIdentity": [
                {
                    "issuer": identity.issuer,
                    "subject": identity.sub,
                    "unit_according_to_provider": identity.unit_claim,
                    "first_sign_in": identity.created_at,
                    "last_sign_in": identity.last_sign_in_at,
                }
                for identity in OIDCIdentity.objects.filter(user=user)
            ],
            "admin.LogEntry": [
                {
                    "at": entry.action_time,
                    "object_type": str(entry.content_type) if entry.content_type else "",
                    "object": entry.object_repr,
                    "kind": entry.get_action_flag_display(),
                }
                for entry in LogEntry.objects.filter(user=user).select_related("content_type")
            ],
        }
        # API tokens: when they were made, never the secret.
        for label in ("authtoken.Token", "knox.AuthToken"):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            data[label] = [
                {
                    "created": token.created,
                    "expiry": getattr(token, "expiry", None),
                }
                for token in model.objects.filter(user=user)
            ]
        return data

    def erase_personal_data(self, user: Any) -> None:
        from innovera.organisations.models import OIDCIdentity

        OIDCIdentity.objects.filter(user=user).delete()

    def load_demo(self) -> str:
        from innovera.organisations.demo import demo_city_report

        return demo_city_report()
