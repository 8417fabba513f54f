from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class IdeasConfig(registry.InnoveraAppConfig):
    name = "innovera.ideas"
    label = "ideas"
    verbose_name = _("Ideas and challenges")
    permissions_module = "innovera.ideas.permissions"
    demo_order = 30
