"""The documents app's part of the API under /api/v1/."""

from django.urls import path

from innovera.documents.api import views

app_name = "documents_api"

urlpatterns = [
    path("v1/documents/", views.DocumentTableView.as_view(), name="table"),
]
