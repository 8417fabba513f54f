"""The followup app's part of the API, mounted by the API root under /api/v1/ (namespace
`api:followup`)."""

from django.urls import path

from innovera.followup.api import views

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
]
