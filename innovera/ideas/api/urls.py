"""The ideas app's part of the API, mounted by the API root under /api/v1/ (namespace
`api:ideas`). Each view declares its action (`required_action`)."""

from django.urls import path

from innovera.ideas.api import views

urlpatterns = [
    path("challenges/", views.ChallengeListView.as_view(), name="challenge_list"),
    path("challenges/<slug:slug>/", views.ChallengeDetailView.as_view(), name="challenge_detail"),
    path("ideas/", views.IdeaListView.as_view(), name="idea_list"),
    path("ideas/<int:pk>/", views.IdeaDetailView.as_view(), name="idea_detail"),
    path("ideas/<int:pk>/comments/", views.IdeaCommentsView.as_view(), name="idea_comment"),
    path("ideas/<int:pk>/support/", views.IdeaSupportView.as_view(), name="idea_support"),
    path("ideas/<int:pk>/moves/", views.IdeaMovesView.as_view(), name="idea_move"),
]
