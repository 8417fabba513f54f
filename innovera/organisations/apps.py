from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class OrganisationsConfig(registry.InnoveraAppConfig):
    name = "innovera.organisations"
    label = "organisations"
    verbose_name = _("Organisation")
    permissions_module = "innovera.organisations.permissions"
    demo_order = 10
