from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "innovera.ideas"
    label = "ideas"
    verbose_name = _("Ideas and challenges")
    default_auto_field = "django.db.models.BigAutoField"
