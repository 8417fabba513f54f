from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class InnoveraAdminSite(admin.AdminSite):
    site_header = _("Innovera administration")
    site_title = _("Innovera administration")
    index_title = _("Users, units and settings")

    def has_permission(self, request: HttpRequest) -> bool:
        # Only administrators (SPEC §3) use the admin; staff status alone is not enough.
        # The action is the organisation's, asked through the one `can()` by name.
        from innovera.core.permissions import can

        return can(request.user, "admin.use")
