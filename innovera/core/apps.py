from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from innovera.core import registry

# The modules of SPEC §4 that are not built yet: core shows their start-page card without a
# link until the app of that label is installed and brings a card of its own.
PLACEHOLDER_CARDS = (
    (
        "spreading",
        registry.StartCard(_("Good examples"), _("Find, adopt and spread what works."), order=30),
    ),
    (
        "followup",
        registry.StartCard(
            _("Follow-up"), _("Indicators for innovation work and results."), order=50
        ),
    ),
    (
        "documents",
        registry.StartCard(
            _("Governing documents"), _("Concepts in the city's governing documents."), order=60
        ),
    ),
)


class CoreConfig(registry.InnoveraAppConfig):
    name = "innovera.core"
    label = "core"
    verbose_name = _("Core")
    permissions_module = "innovera.core.permissions"
    demo_order = 0

    def ready(self) -> None:
        super().ready()
        from innovera.core import form_messages, migration_guard  # noqa: F401 (registers its check)

        form_messages.install()

    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        from django.db.models import Q

        from innovera.core.models import AuditEntry

        entries = AuditEntry.objects.filter(Q(actor=user) | Q(person=user)).order_by("at", "id")
        return {
            "core.AuditEntry": [
                {
                    "at": entry.at,
                    "action": entry.action,
                    "by_you": entry.actor_id == user.pk,
                    "about_you": entry.person_id == user.pk,
                    "object_type": entry.object_type,
                    "object": entry.object_label,
                    "details": entry.details,
                    "channel": entry.source,
                    "network": entry.network,
                }
                for entry in entries
            ]
        }

    # The audit log stays after an erasure: it is the record of decisions and changes of
    # rights. Its entries name people only by foreign key, so the erased person shows as
    # "Borttagen användare" in it without any change here.

    def menu_entries(self) -> list[registry.MenuEntry]:
        from innovera.core.selectors import my_work_count

        return [
            # First: where a signed-in person starts, with the number of things waiting.
            registry.MenuEntry(
                _("My work"), "core:my_work", action="work.view", order=5, badge=my_work_count
            ),
            # After the units, before what only signed-in people see.
            registry.MenuEntry(_("Search"), "core:search", action="search.query", order=35),
        ]

    def start_cards(self) -> list[registry.StartCard]:
        return [card for label, card in PLACEHOLDER_CARDS if not _brings_cards(label)]


def _brings_cards(label: str) -> bool:
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return False
    return isinstance(config, registry.InnoveraAppConfig) and bool(config.start_cards())
