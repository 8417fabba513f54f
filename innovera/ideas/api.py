"""The REST API of the ideas app (/api/v1/), described by OpenAPI at /api/openapi.json.

Thin like the pages: serializers validate, `permissions` and `selectors` read, `services` write.
Every read starts from `permissions.visible_ideas` or `visible_challenges`, so an anonymous
caller sees public items only. An idea the caller may not see answers 404, never 403: a refusal
would tell that it exists.

Text comes back exactly as it was written. The API renders nothing; a client that puts it in a
page escapes it there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import can
from innovera.ideas import permissions, selectors, services
from innovera.ideas.models import (
    LONG_TEXT,
    Challenge,
    ChallengeStatus,
    Comment,
    Idea,
    InnovationType,
    Stage,
    StageMove,
    SubmitterRole,
    Topic,
)
from innovera.organisations.models import ADMINISTRATION_TYPES, Unit, User
from innovera.organisations.permissions import AnyUser, is_signed_in

# Django and DRF translate these messages differently, and an app's catalogue wins over Django's
# own, so DRF's wording would replace Django's on every form of the site. Marked here so that
# `make messages` keeps them in the project's catalogue, which wins over both: there they have
# Django's wording, and the pages and the API say the same.
SHARED_WITH_DJANGO_FORMS = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
)

# --- Serializers: what goes out --------------------------------------------------------------


class DetailSerializer(serializers.Serializer[Any]):
    """A refusal or an error, in Swedish unless the caller chose English."""

    detail = serializers.CharField()


class StageSerializer(serializers.Serializer[Stage]):
    key = serializers.CharField(read_only=True)
    name = serializers.CharField(source="name_sv", read_only=True)


class UnitSerializer(serializers.Serializer[Unit]):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class IdeaSerializer(serializers.ModelSerializer[Idea]):
    url = serializers.HyperlinkedIdentityField(view_name="api:idea_detail")
    stage = StageSerializer(read_only=True)
    owner_unit = UnitSerializer(read_only=True, allow_null=True)
    challenge = serializers.SerializerMethodField()
    score = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True, allow_null=True
    )

    class Meta:
        model = Idea
        fields: tuple[str, ...] = (
            "id",
            "url",
            "title",
            "description",
            "value",
            "for_whom",
            "situation",
            "visibility",
            "stage",
            "owner_unit",
            "challenge",
            "submitter_role",
            "innovation_type",
            "degree",
            "support_count",
            "comment_count",
            "score",
            "created_at",
            "stage_changed_at",
        )
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_challenge(self, idea: Idea) -> str | None:
        """The challenge's slug, left out when the caller may not see the challenge."""
        if idea.challenge_id not in self.context["challenge_ids"] or idea.challenge is None:
            return None
        return idea.challenge.slug


class IdeaDetailSerializer(IdeaSerializer):
    topics = serializers.SlugRelatedField[Topic](slug_field="slug", many=True, read_only=True)
    merged_into = serializers.SerializerMethodField()

    class Meta(IdeaSerializer.Meta):
        fields = (*IdeaSerializer.Meta.fields, "topics", "merged_into")
        read_only_fields = fields

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_merged_into(self, idea: Idea) -> int | None:
        """The idea it was merged into, when the caller may see that one too."""
        target = idea.merged_into
        if target is None or not can(self.context["user"], "idea.view", target):
            return None
        return target.pk


class IdeaSubmittedSerializer(IdeaSerializer):
    submission_key = serializers.UUIDField(read_only=True)

    class Meta(IdeaSerializer.Meta):
        fields = (*IdeaSerializer.Meta.fields, "submission_key")
        read_only_fields = fields


class IdeaPageSerializer(serializers.Serializer[Any]):
    results = IdeaSerializer(many=True)
    next = serializers.URLField(allow_null=True, help_text="The next page, or null on the last.")


class CommentSerializer(serializers.ModelSerializer[Comment]):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ("id", "body", "is_official", "author", "created_at")
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_author(self, comment: Comment) -> str | None:
        return comment.author.public_name if comment.author else None


class CommentPageSerializer(serializers.Serializer[Any]):
    results = CommentSerializer(many=True)


class MoveSerializer(serializers.ModelSerializer[StageMove]):
    from_stage = StageSerializer(read_only=True, allow_null=True)
    to_stage = StageSerializer(read_only=True)

    class Meta:
        model = StageMove
        fields = ("from_stage", "to_stage", "reason", "created_at")
        read_only_fields = fields


class MovePageSerializer(serializers.Serializer[Any]):
    results = MoveSerializer(many=True)


class SupportSerializer(serializers.Serializer[Any]):
    supported = serializers.BooleanField()
    support_count = serializers.IntegerField()


class ChallengeSerializer(serializers.ModelSerializer[Challenge]):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:challenge_detail", lookup_field="slug"
    )
    owner_unit = UnitSerializer(read_only=True)
    topics = serializers.SlugRelatedField[Topic](slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Challenge
        fields = (
            "slug",
            "url",
            "title",
            "need",
            "for_whom",
            "owner_unit",
            "opens_on",
            "closes_on",
            "audience",
            "status",
            "topics",
            "created_at",
        )
        read_only_fields = fields


class ChallengePageSerializer(serializers.Serializer[Any]):
    results = ChallengeSerializer(many=True)


# --- Serializers: what comes in --------------------------------------------------------------


def _context_user(context: dict[str, Any]) -> AnyUser:
    # The schema generator builds serializers without a caller: it describes what anyone sees.
    user = context.get("user")
    return user if isinstance(user, User) else AnonymousUser()


class IdeaFilterSerializer(serializers.Serializer[Any]):
    """The filters of the idea list, as on the page; `cursor` comes from the `next` link."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False)
    unit_type = serializers.ChoiceField(
        choices=[(kind.value, kind.label) for kind in ADMINISTRATION_TYPES], required=False
    )
    stage = serializers.SlugRelatedField(
        slug_field="key", queryset=Stage.objects.all(), required=False
    )
    challenge = serializers.SlugRelatedField(
        slug_field="slug", queryset=Challenge.objects.none(), required=False
    )
    innovation_type = serializers.ChoiceField(choices=InnovationType.choices, required=False)
    submitter_role = serializers.ChoiceField(choices=SubmitterRole.choices, required=False)
    since = serializers.DateField(required=False)
    sort = serializers.ChoiceField(
        choices=[("newest", "newest"), ("supported", "supported"), ("score", "score")],
        default="newest",
    )
    cursor = serializers.CharField(required=False, allow_blank=True, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        challenge = cast("serializers.SlugRelatedField[Challenge]", self.fields["challenge"])
        challenge.queryset = selectors.challenge_list(user=_context_user(self.context))


class IdeaCreateSerializer(serializers.ModelSerializer[Idea]):
    submission_key = serializers.UUIDField(
        required=False,
        help_text="Send the same key again when you retry: the idea is created once.",
    )
    challenge = serializers.SlugRelatedField(
        slug_field="slug", queryset=Challenge.objects.none(), required=False, allow_null=True
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )

    class Meta:
        model = Idea
        fields = (
            "title",
            "description",
            "value",
            "for_whom",
            "situation",
            "submitter_role",
            "challenge",
            "topics",
            "submission_key",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        challenge = cast("serializers.SlugRelatedField[Challenge]", self.fields["challenge"])
        # Ideas are sent in to open challenges the person may see, as on the page.
        challenge.queryset = selectors.challenge_list(user=_context_user(self.context)).filter(
            status=ChallengeStatus.OPEN
        )


class ChallengeCreateSerializer(serializers.ModelSerializer[Challenge]):
    owner_unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )

    class Meta:
        model = Challenge
        fields = (
            "title",
            "need",
            "for_whom",
            "owner_unit",
            "opens_on",
            "closes_on",
            "audience",
            "status",
            "topics",
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        opens_on, closes_on = attrs.get("opens_on"), attrs.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            raise serializers.ValidationError(
                {"closes_on": _("The challenge cannot close before it opens.")}
            )
        return attrs


class CommentCreateSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=LONG_TEXT)
    official = serializers.BooleanField(default=False)


class MoveCreateSerializer(serializers.Serializer[Any]):
    to_stage = serializers.SlugRelatedField(slug_field="key", queryset=Stage.objects.all())
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=LONG_TEXT
    )
    merge_into = serializers.PrimaryKeyRelatedField(
        queryset=Idea.objects.none(), required=False, allow_null=True, default=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        merge_into = cast("serializers.PrimaryKeyRelatedField[Idea]", self.fields["merge_into"])
        # An idea the mover may not see does not exist for them, here as anywhere.
        merge_into.queryset = permissions.visible_ideas(_context_user(self.context))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Said here as well as in services.idea_move, so the answer names the field to fill in.
        to_stage: Stage = attrs["to_stage"]
        if to_stage.requires_reason and not attrs["reason"].strip():
            raise serializers.ValidationError(
                {"reason": _("Give a reason for the move to “%(to)s”.") % {"to": to_stage.name_sv}}
            )
        if to_stage.is_merge and attrs["merge_into"] is None:
            raise serializers.ValidationError(
                {"merge_into": _("Choose another idea to merge this one into.")}
            )
        return attrs


# --- Helpers ---------------------------------------------------------------------------------

# Anonymous writes are 401, refusals 403, ideas the caller may not see 404.
REFUSED = {401: DetailSerializer, 403: DetailSerializer, 404: DetailSerializer}


def _caller(request: Request) -> AnyUser:
    user = request.user
    return user if isinstance(user, User) else AnonymousUser()


def _person(request: Request) -> User:
    """The signed-in person; anyone else may only read (401)."""
    user = request.user
    if not isinstance(user, User) or not is_signed_in(user):
        raise NotAuthenticated
    return user


def _visible_idea(request: Request, pk: int) -> Idea:
    idea = (
        permissions.visible_ideas(_caller(request))
        .select_related("stage", "owner_unit", "challenge")
        .filter(pk=pk)
        .first()
    )
    if idea is None:
        raise NotFound
    return idea


def _detail(request: Request, pk: int) -> Idea:
    idea = selectors.idea_detail(user=_caller(request), pk=pk)
    if idea is None:
        raise NotFound
    return idea


def _idea_context(request: Request, ideas: Iterable[Idea]) -> dict[str, Any]:
    """What idea serializers need: the request for links, and which challenges may be named."""
    user = _caller(request)
    challenge_ids = {idea.challenge_id for idea in ideas if idea.challenge_id is not None}
    if challenge_ids:
        visible = permissions.visible_challenges(user).filter(pk__in=challenge_ids)
        challenge_ids = set(visible.values_list("pk", flat=True))
    return {"request": request, "user": user, "challenge_ids": challenge_ids}


def _next_link(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.query_params.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


# --- Views -----------------------------------------------------------------------------------


class ChallengeListView(APIView):
    required_action = "challenge.list"

    @extend_schema(
        tags=["challenges"],
        operation_id="challenges_list",
        summary="Challenges the caller may see, newest first",
        responses=ChallengePageSerializer,
    )
    def get(self, request: Request) -> Response:
        challenges = selectors.challenge_list(user=_caller(request)).prefetch_related("topics")
        data = ChallengeSerializer(challenges, many=True, context={"request": request}).data
        return Response({"results": data})

    @extend_schema(
        operation_id="challenges_create",
        tags=["challenges"],
        summary="Publish a challenge (unit coordinators for their unit, the office for any)",
        request=ChallengeCreateSerializer,
        responses={
            201: ChallengeSerializer,
            400: OpenApiTypes.OBJECT,
            401: DetailSerializer,
            403: DetailSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        user = _person(request)
        serializer = ChallengeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        owner_unit, topics = fields.pop("owner_unit"), fields.pop("topics", [])
        try:
            challenge = services.challenge_publish(
                user=user, owner_unit=owner_unit, fields=fields, topics=topics
            )
        except ApplicationError as error:
            raise PermissionDenied(str(error)) from None
        data = ChallengeSerializer(challenge, context={"request": request}).data
        # str(): the serializer's URL is a str subclass, which WSGI servers (wsgiref under
        # `innovera demo`) refuse as a header value.
        return Response(
            data, status=status.HTTP_201_CREATED, headers={"Location": str(data["url"])}
        )


class ChallengeDetailView(APIView):
    required_action = "challenge.view"

    @extend_schema(
        operation_id="challenges_retrieve",
        tags=["challenges"],
        responses={200: ChallengeSerializer, 404: DetailSerializer},
    )
    def get(self, request: Request, slug: str) -> Response:
        challenge = (
            selectors.challenge_list(user=_caller(request))
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
        parameters=[IdeaFilterSerializer],
        responses={200: IdeaPageSerializer, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        user = _caller(request)
        filters = IdeaFilterSerializer(data=request.query_params, context={"user": user})
        filters.is_valid(raise_exception=True)
        chosen = dict(filters.validated_data)
        sort, cursor = chosen.pop("sort"), chosen.pop("cursor", "")
        try:
            page = selectors.idea_list(user=user, filters=chosen, sort=sort, cursor=cursor)
        except ApplicationError as error:
            raise serializers.ValidationError(
                {error.field or "cursor": [str(error.message)]}
            ) from None
        context = _idea_context(request, page.ideas)
        return Response(
            {
                "results": IdeaSerializer(page.ideas, many=True, context=context).data,
                "next": _next_link(request, page.next_cursor),
            }
        )

    @extend_schema(
        operation_id="ideas_create",
        tags=["ideas"],
        summary="Send in an idea",
        description="A retried request with the same `submission_key` returns the first idea "
        "(200) instead of creating another.",
        request=IdeaCreateSerializer,
        responses={
            201: IdeaSubmittedSerializer,
            200: IdeaSubmittedSerializer,
            400: OpenApiTypes.OBJECT,
            **REFUSED,
        },
    )
    def post(self, request: Request) -> Response:
        user = _person(request)
        if not can(user, "idea.submit"):
            raise PermissionDenied(_("Confirm your e-mail address before you submit an idea."))
        serializer = IdeaCreateSerializer(data=request.data, context={"user": user})
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        key = fields.pop("submission_key", None) or uuid.uuid4()
        topics, challenge = fields.pop("topics", []), fields.pop("challenge", None)
        try:
            idea, created = services.idea_submit(
                user=user, submission_key=key, fields=fields, topics=topics, challenge=challenge
            )
        except ApplicationError as error:
            raise PermissionDenied(str(error)) from None
        if not created and idea.submitter_id != user.pk:
            raise serializers.ValidationError(
                {"submission_key": _("This submission key has already been used.")}
            )
        data = IdeaSubmittedSerializer(idea, context=_idea_context(request, [idea])).data
        if not created:
            return Response(data)
        # str(): the serializer's URL is a str subclass, which WSGI servers (wsgiref under
        # `innovera demo`) refuse as a header value.
        return Response(
            data, status=status.HTTP_201_CREATED, headers={"Location": str(data["url"])}
        )


class IdeaDetailView(APIView):
    required_action = "idea.view"

    @extend_schema(
        operation_id="ideas_retrieve",
        tags=["ideas"],
        responses={200: IdeaDetailSerializer, 404: DetailSerializer},
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
        summary=f"The first {selectors.FIRST_COMMENTS} comments on the idea, oldest first",
        responses={200: CommentPageSerializer, 404: DetailSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        idea = _detail(request, pk)
        comments = getattr(idea, "first_comments", [])
        return Response({"results": CommentSerializer(comments, many=True).data})

    @extend_schema(
        operation_id="ideas_comments_create",
        tags=["ideas"],
        summary="Comment on the idea",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer, 400: OpenApiTypes.OBJECT, **REFUSED},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _person(request)
        idea = _visible_idea(request, pk)
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            comment = services.comment_add(
                user=user,
                idea=idea,
                body=serializer.validated_data["body"],
                official=serializer.validated_data["official"],
            )
        except ApplicationError as error:
            raise PermissionDenied(str(error)) from None
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class IdeaSupportView(APIView):
    required_action = "idea.support"

    @extend_schema(
        operation_id="ideas_support_create",
        tags=["ideas"],
        summary="Support the idea (once per person)",
        request=None,
        responses={201: SupportSerializer, 200: SupportSerializer, **REFUSED},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _person(request)
        idea = _visible_idea(request, pk)
        try:
            created = services.support_add(user=user, idea=idea)
        except ApplicationError as error:
            raise PermissionDenied(str(error)) from None
        return self._answer(idea, supported=True, created=created)

    @extend_schema(
        operation_id="ideas_support_destroy",
        tags=["ideas"],
        summary="Take back one's support",
        request=None,
        responses={200: SupportSerializer, 404: DetailSerializer},
    )
    def delete(self, request: Request, pk: int) -> Response:
        user = _person(request)
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
        responses={200: MovePageSerializer, 404: DetailSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        idea = _detail(request, pk)
        return Response({"results": MoveSerializer(idea.moves.all(), many=True).data})

    @extend_schema(
        operation_id="ideas_moves_create",
        tags=["ideas"],
        summary="Move the idea to another stage (the owner unit's coordinators and the office)",
        request=MoveCreateSerializer,
        responses={200: IdeaSerializer, 400: DetailSerializer, **REFUSED},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _person(request)
        idea = _visible_idea(request, pk)
        if not can(user, "idea.move", idea):
            raise PermissionDenied(
                _(
                    "Only the owner unit's coordinators and the innovation office may move this idea."
                )
            )
        serializer = MoveCreateSerializer(data=request.data, context={"user": user})
        serializer.is_valid(raise_exception=True)
        try:
            idea = services.idea_move(user=user, idea_id=idea.pk, **serializer.validated_data)
        except ApplicationError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(IdeaSerializer(idea, context=_idea_context(request, [idea])).data)
