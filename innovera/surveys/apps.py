from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class SurveysConfig(registry.InnoveraAppConfig):
    name = "innovera.surveys"
    label = "surveys"
    verbose_name = _("Innovation capability survey")
    permissions_module = "innovera.surveys.permissions"
    demo_order = 20
