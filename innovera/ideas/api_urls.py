"""The API's addresses: version 1 under /api/v1/, its OpenAPI description at /api/openapi.json.

The names are those of `permissions.URL_ACTIONS`, so each address has its action in the table.
"""

from django.urls import path

from innovera.core.api import PublicSchemaView
from innovera.ideas import api

app_name = "api"

urlpatterns = [
    path("openapi.json", PublicSchemaView.as_view(), name="openapi"),
    path("v1/challenges/", api.ChallengeListView.as_view(), name="challenge_list"),
    path("v1/challenges/<slug:slug>/", api.ChallengeDetailView.as_view(), name="challenge_detail"),
    path("v1/ideas/", api.IdeaListView.as_view(), name="idea_list"),
    path("v1/ideas/<int:pk>/", api.IdeaDetailView.as_view(), name="idea_detail"),
    path("v1/ideas/<int:pk>/comments/", api.IdeaCommentsView.as_view(), name="idea_comment"),
    path("v1/ideas/<int:pk>/support/", api.IdeaSupportView.as_view(), name="idea_support"),
    path("v1/ideas/<int:pk>/moves/", api.IdeaMovesView.as_view(), name="idea_move"),
]
