"""The documents app's part of the API, mounted by the API root under /api/v1/ (namespace
`api:documents`)."""

from django.urls import path

from innovera.documents.api import views

urlpatterns = [
    path("documents/", views.DocumentTableView.as_view(), name="table"),
]
