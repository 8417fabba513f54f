"""The REST API of the ideas app (/api/v1/, namespace `api:ideas`).

Thin like the pages: serializers validate, `permissions` and `selectors` read, `services` write;
what a service refuses reaches the caller through the API's one error handler
(`core.api.errors`) with the service's status. Every read starts from
`permissions.visible_ideas` or `visible_challenges`, so an anonymous caller sees public items
only. An idea the caller may not see answers 404, never 403: a refusal would tell that it
exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.api.errors import invalid_form
from innovera.core.api.pagination import CURSOR, CursorPagination, cursor_page
from innovera.core.api.schema import filter_parameters
from innovera.core.api.views import caller, deny_unless, person, validated
from innovera.ideas import permissions, selectors, services
from innovera.ideas.api.serializers import (
    ChallengeCreateSerializer,
    ChallengeSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    IdeaCreateSerializer,
    IdeaDetailSerializer,
    IdeaSerializer,
    IdeaSubmittedSerializer,
    MoveCreateSerializer,
    MoveSerializer,
    SupportSerializer,
)
from innovera.ideas.filters import IdeaFilter
from innovera.ideas.models import Idea

# --- Helpers ---------------------------------------------------------------------------------


def _visible_idea(request: Request, pk: int) -> Idea:
    idea = (
        permissions.visible_ideas(caller(request))
        .select_related("stage", "owner_unit", "challenge")
        .filter(pk=pk)
        .first()
    )
    if idea is None:
        raise NotFound
    return idea


def _detail(request: Request, pk: int) -> Idea:
    idea = selectors.idea_detail(user=caller(request), pk=pk)
    if idea is None:
        raise NotFound
    return idea


def _idea_context(request: Request, ideas: Iterable[Idea]) -> dict[str, Any]:
    """What idea serializers need: the request for links, and which challenges may be named."""
    user = caller(request)
    challenge_ids = {idea.challenge_id for idea in ideas if idea.challenge_id is not None}
    if challenge_ids:
        visible = permissions.visible_challenges(user).filter(pk__in=challenge_ids)
        challenge_ids = set(visible.values_list("pk", flat=True))
    return {"request": request, "user": user, "challenge_ids": challenge_ids}


def _created(data: Any) -> Response:
    # str(): the serializer's URL is a str subclass, which WSGI servers (wsgiref under
    # `innovera demo`) refuse as a header value.
    return Response(data, status=status.HTTP_201_CREATED, headers={"Location": str(data["url"])})


def _oldest_first(request: Request, rows: QuerySet[Any], serializer: Any) -> Response:
    """A page of an idea's trail (its comments, its moves), oldest first."""
    return CursorPagination(("created_at", "id")).serialized_page(rows, request, serializer)


# --- Views -----------------------------------------------------------------------------------


class ChallengeListView(APIView):
    required_action = "challenge.list"

    @extend_schema(
        tags=["challenges"],
        operation_id="challenges_list",
        summary="Challenges the caller may see, newest first",
        responses=ChallengeSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        challenges = selectors.challenge_list(user=caller(request)).prefetch_related("topics")
        return CursorPagination(("-created_at", "-id")).serialized_page(
            challenges, request, ChallengeSerializer, context={"request": request}
        )

    @extend_schema(
        operation_id="challenges_create",
        tags=["challenges"],
        summary="Publish a challenge (unit coordinators for their unit, the office for any)",
        request=ChallengeCreateSerializer,
        responses={201: ChallengeSerializer},
    )
    def post(self, request: Request) -> Response:
        user = person(request)
        fields = validated(ChallengeCreateSerializer, request.data)
        owner_unit, topics = fields.pop("owner_unit"), fields.pop("topics", [])
        challenge = services.challenge_publish(
            user=user, owner_unit=owner_unit, fields=fields, topics=topics
        )
        return _created(ChallengeSerializer(challenge, context={"request": request}).data)


class ChallengeDetailView(APIView):
    required_action = "challenge.view"

    @extend_schema(
        operation_id="challenges_retrieve",
        tags=["challenges"],
        responses=ChallengeSerializer,
    )
    def get(self, request: Request, slug: str) -> Response:
        challenge = (
            selectors.challenge_list(user=caller(request))
            .prefetch_related("topics")
            .filter(slug=slug)
            .first()
        )
        if challenge is None:
            raise NotFound
        return Response(ChallengeSerializer(challenge, context={"request": request}).data)


class IdeaListView(APIView):
    required_action = "idea.list"
    # Submitting through the API has the pages' rate (innovera.core.limits.WriteRateThrottle).
    write_scope = "idea_submit"

    @extend_schema(
        tags=["ideas"],
        operation_id="ideas_list",
        summary="Ideas the caller may see, a page at a time",
        description="Follow `next` for the following page; there is no total count.",
        parameters=filter_parameters(IdeaFilter),
        responses=IdeaSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        user = caller(request)
        filterset = IdeaFilter(request.query_params, challenges=selectors.challenge_list(user=user))
        if not filterset.is_valid():
            raise invalid_form(filterset.form)
        chosen = filterset.chosen
        sort = chosen.pop("sort", "newest")
        cursor = request.query_params.get(CURSOR, "")
        page = selectors.idea_list(user=user, filters=chosen, sort=sort, cursor=cursor)
        context = _idea_context(request, page.ideas)
        data = IdeaSerializer(page.ideas, many=True, context=context).data
        return cursor_page(request, data, page.next_cursor)

    @extend_schema(
        operation_id="ideas_create",
        tags=["ideas"],
        summary="Send in an idea",
        description="A retried request with the same `submission_key` returns the first idea "
        "(200) instead of creating another.",
        request=IdeaCreateSerializer,
        responses={201: IdeaSubmittedSerializer, 200: IdeaSubmittedSerializer},
    )
    def post(self, request: Request) -> Response:
        user = person(request)
        deny_unless(
            user, "idea.submit", detail=_("Confirm your e-mail address before you submit an idea.")
        )
        fields = validated(IdeaCreateSerializer, request.data, context={"user": user})
        key = fields.pop("submission_key", None) or uuid.uuid4()
        topics, challenge = fields.pop("topics", []), fields.pop("challenge", None)
        idea, created = services.idea_submit(
            user=user, submission_key=key, fields=fields, topics=topics, challenge=challenge
        )
        if not created and idea.submitter_id != user.pk:
            raise serializers.ValidationError(
                {"submission_key": _("This submission key has already been used.")}
            )
        data = IdeaSubmittedSerializer(idea, context=_idea_context(request, [idea])).data
        return _created(data) if created else Response(data)


class IdeaDetailView(APIView):
    required_action = "idea.view"

    @extend_schema(
        operation_id="ideas_retrieve",
        tags=["ideas"],
        responses=IdeaDetailSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        idea = _detail(request, pk)
        return Response(IdeaDetailSerializer(idea, context=_idea_context(request, [idea])).data)


class IdeaCommentsView(APIView):
    required_action = "idea.view"
    write_scope = "comment"

    @extend_schema(
        operation_id="ideas_comments_list",
        tags=["ideas"],
        summary="The comments on the idea, oldest first",
        responses=CommentSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        idea = _visible_idea(request, pk)
        return _oldest_first(request, selectors.idea_comments(idea=idea), CommentSerializer)

    @extend_schema(
        operation_id="ideas_comments_create",
        tags=["ideas"],
        summary="Comment on the idea",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = person(request)
        idea = _visible_idea(request, pk)
        fields = validated(CommentCreateSerializer, request.data)
        comment = services.comment_add(
            user=user, idea=idea, body=fields["body"], official=fields["official"]
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class IdeaSupportView(APIView):
    required_action = "idea.support"

    @extend_schema(
        operation_id="ideas_support_create",
        tags=["ideas"],
        summary="Support the idea (once per person)",
        request=None,
        responses={201: SupportSerializer, 200: SupportSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = person(request)
        idea = _visible_idea(request, pk)
        created = services.support_add(user=user, idea=idea)
        return self._answer(idea, supported=True, created=created)

    @extend_schema(
        operation_id="ideas_support_destroy",
        tags=["ideas"],
        summary="Take back one's support",
        request=None,
        responses=SupportSerializer,
    )
    def delete(self, request: Request, pk: int) -> Response:
        user = person(request)
        idea = _visible_idea(request, pk)
        services.support_remove(user=user, idea=idea)
        return self._answer(idea, supported=False, created=False)

    def _answer(self, idea: Idea, *, supported: bool, created: bool) -> Response:
        idea.refresh_from_db(fields=["support_count"])
        data = SupportSerializer({"supported": supported, "support_count": idea.support_count})
        return Response(
            data.data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class IdeaMovesView(APIView):
    required_action = "idea.view"

    @extend_schema(
        operation_id="ideas_moves_list",
        tags=["ideas"],
        summary="The idea's trail: every stage move, oldest first",
        responses=MoveSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        idea = _visible_idea(request, pk)
        return _oldest_first(request, selectors.idea_moves(idea=idea), MoveSerializer)

    @extend_schema(
        operation_id="ideas_moves_create",
        tags=["ideas"],
        summary="Move the idea to another stage (the owner unit's coordinators and the office)",
        request=MoveCreateSerializer,
        responses=IdeaSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        user = person(request)
        idea = _visible_idea(request, pk)
        deny_unless(
            user,
            "idea.move",
            idea,
            detail=_(
                "Only the owner unit's coordinators and the innovation office may move this idea."
            ),
        )
        fields = validated(MoveCreateSerializer, request.data, context={"user": user})
        idea = services.idea_move(user=user, idea_id=idea.pk, **fields)
        return Response(IdeaSerializer(idea, context=_idea_context(request, [idea])).data)
