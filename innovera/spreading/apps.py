from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class SpreadingConfig(registry.InnoveraAppConfig):
    name = "innovera.spreading"
    label = "spreading"
    verbose_name = _("Spreading")
    permissions_module = "innovera.spreading.permissions"
    demo_order = 40

    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        from innovera.spreading import personal_data

        return personal_data.personal_data(user)

    def erase_personal_data(self, user: Any) -> None:
        from innovera.spreading import personal_data

        personal_data.erase_personal_data(user)

    def open_datasets(self) -> list[registry.Dataset]:
        from innovera.spreading.open_data import open_datasets

        return open_datasets()
