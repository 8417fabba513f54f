from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class SurveysConfig(registry.InnoveraAppConfig):
    name = "innovera.surveys"
    label = "surveys"
    verbose_name = _("Innovation capability survey")
    permissions_module = "innovera.surveys.permissions"
    demo_order = 20

    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        from innovera.surveys import personal_data

        return personal_data.personal_data(user)

    def erase_personal_data(self, user: Any) -> None:
        from innovera.surveys import personal_data

        personal_data.erase_personal_data(user)
