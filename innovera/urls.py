from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("innovera.core.urls")),
    path("", include("innovera.organisations.urls")),
    path("", include("innovera.surveys.urls")),
    path("", include("innovera.ideas.urls")),
    path("", include("innovera.documents.urls")),
    path("", include("innovera.followup.urls")),
    path("", include("innovera.spreading.urls")),
    # Every app's API, composed by core's root (innovera.core.api).
    path("api/", include("innovera.core.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "innovera.core.views.bad_request"
handler404 = "innovera.core.views.page_not_found"
handler403 = "innovera.core.views.permission_denied"
handler500 = "innovera.core.views.server_error"
