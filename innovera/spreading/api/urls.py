"""The spreading app's part of the API, mounted by the API root under /api/v1/ (namespace
`api:spreading`)."""

from django.urls import path

from innovera.spreading.api import awards, groups, views

urlpatterns = [
    path("examples/", views.ExampleListView.as_view(), name="example_list"),
    path("examples/<slug:slug>/", views.ExampleDetailView.as_view(), name="example_detail"),
    path("adoptions/", views.AdoptionListView.as_view(), name="adoption_list"),
    path("adoptions/<int:pk>/", views.AdoptionDetailView.as_view(), name="adoption_detail"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/booking/", views.SessionBookingView.as_view(), name="session_booking"),
    path("awards/", awards.AwardRoundListView.as_view(), name="award_list"),
    path(
        "awards/<slug:slug>/nominations/",
        awards.AwardNominationListView.as_view(),
        name="award_nominations",
    ),
    path("groups/", groups.GroupListView.as_view(), name="group_list"),
    path("groups/<slug:slug>/posts/", groups.GroupPostListView.as_view(), name="group_posts"),
]
