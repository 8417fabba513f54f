from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class CoreConfig(registry.InnoveraAppConfig):
    name = "innovera.core"
    label = "core"
    verbose_name = _("Core")
    permissions_module = "innovera.core.permissions"

    def menu_entries(self) -> list[registry.MenuEntry]:
        return [registry.MenuEntry(_("Search"), "core:search", "search.query", order=900)]

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
