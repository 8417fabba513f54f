"""The followup app's part of the API under /api/v1/."""

from django.urls import path

from innovera.followup.api import views

app_name = "followup_api"

urlpatterns = [
    path("v1/indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path(
        "v1/indicators/<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator_detail"
    ),
]
