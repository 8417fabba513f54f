from django.contrib.admin.apps import AdminConfig


class InnoveraAdminConfig(AdminConfig):
    """The Django admin, on a site that only administrators may enter."""

    default_site = "innovera.core.admin_site.InnoveraAdminSite"
