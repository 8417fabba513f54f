from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class SpreadingConfig(registry.InnoveraAppConfig):
    name = "innovera.spreading"
    label = "spreading"
    verbose_name = _("Spreading")
    permissions_module = "innovera.spreading.permissions"
    demo_order = 40
