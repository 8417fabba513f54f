from django.urls import path, register_converter

from innovera.documents import views

app_name = "documents"


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "export")

urlpatterns = [
    path("styrdokument/", views.table, name="table"),
    path("styrdokument/export.<export:file_format>", views.table_export, name="table_export"),
    path("styrdokument/ladda-upp/", views.upload, name="upload"),
    path("styrdokument/jamfor/", views.compare, name="compare"),
    path("styrdokument/begrepp/", views.family_list, name="family_list"),
    path("styrdokument/begrepp/ny/", views.family_create, name="family_create"),
    path("styrdokument/begrepp/<slug:code>/", views.family_edit, name="family_edit"),
    path("styrdokument/omrakning/<int:pk>/", views.recount, name="recount"),
    path("styrdokument/<int:pk>/", views.document_detail, name="document_detail"),
    path("styrdokument/<int:pk>/andra/", views.document_edit, name="document_edit"),
    path("styrdokument/<int:pk>/ta-bort/", views.document_delete, name="document_delete"),
    path(
        "styrdokument/<int:pk>/begrepp/<slug:code>/",
        views.keyword_in_context,
        name="keyword_in_context",
    ),
    path(
        "styrdokument/<int:pk>/begrepp/<slug:code>/export.<export:file_format>",
        views.contexts_export,
        name="contexts_export",
    ),
]
