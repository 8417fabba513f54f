"""Core's API: the cross-app search at /api/v1/search/ (`api:search`)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.permissions import can
from innovera.core.search import MAX_QUERY, PER_PROVIDER, site_search


class SearchParameters(serializers.Serializer[Any]):
    q = serializers.CharField(
        max_length=MAX_QUERY,
        help_text='The search words: "a phrase", or, -excluded (as PostgreSQL\'s websearch).',
    )
    limit = serializers.IntegerField(
        min_value=1,
        max_value=50,
        default=PER_PROVIDER,
        help_text="At most this many hits, best first across the apps.",
    )


class SearchHitSerializer(serializers.Serializer[Any]):
    app = serializers.CharField(help_text="The app the hit comes from, e.g. 'ideas'.")
    kind = serializers.CharField(help_text="What the hit is, in the caller's language.")
    title = serializers.CharField()
    url = serializers.URLField(help_text="The page of the hit.")
    summary = serializers.CharField()
    rank = serializers.FloatField(
        help_text="Relevance; higher is better. Compare within one answer only."
    )


class SearchAnswerSerializer(serializers.Serializer[Any]):
    query = serializers.CharField(help_text="The search words as they were read.")
    count = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


class SearchView(APIView):
    """Search every app at once. Each app shows the caller only what the caller may see."""

    required_action = "search.query"

    @extend_schema(
        operation_id="search",
        summary="Search ideas, challenges and the other apps",
        parameters=[SearchParameters],
        responses={200: SearchAnswerSerializer},
        tags=["search"],
    )
    def get(self, request: Request) -> Response:
        if not can(request.user, self.required_action):
            raise PermissionDenied if request.user.is_authenticated else NotAuthenticated
        parameters = SearchParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        limit = parameters.validated_data["limit"]
        results = site_search(user=request.user, query=parameters.validated_data["q"], limit=limit)
        hits = [
            {
                "app": app,
                "kind": str(hit.kind),
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "summary": hit.summary,
                "rank": hit.rank,
            }
            for app, hit in results.ranked()[:limit]
        ]
        answer = {"query": results.query, "count": len(hits), "results": hits}
        return Response(SearchAnswerSerializer(answer).data)
