"""The discussion groups in the API: `groups/` and `groups/<slug>/posts/` under /api/v1/.

The same permission table and services as the pages: a caller sees the groups they may see
(none for residents and anonymous callers); a group whose posts the caller may not read is a
404 on `posts/`, so a closed or hidden group's words never leave it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.api.pagination import complete_list
from innovera.core.api.views import deny_unless, person, validated
from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import can
from innovera.spreading.api.serializers import PageUrl
from innovera.spreading.groups import permissions, selectors, services
from innovera.spreading.groups.permissions import GROUP_REFUSALS
from innovera.spreading.models import DiscussionGroup, GroupAccess, Post

PAGE_SIZE = 50
# The refusal the pages say too ("group.list" and "group.create" alike).
_FOR_EMPLOYEES = GROUP_REFUSALS["group.list"]


class GroupSerializer(PageUrl, serializers.ModelSerializer[DiscussionGroup]):
    member_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = DiscussionGroup
        fields = ("slug", "name", "purpose", "access", "member_count", "url", "created_at")
        read_only_fields = fields


class GroupWriteSerializer(serializers.Serializer[Any]):
    slug = serializers.SlugField(max_length=80, required=False, allow_blank=True, default="")
    name = serializers.CharField(max_length=120)
    purpose = serializers.CharField(max_length=2000)
    access = serializers.ChoiceField(choices=GroupAccess.choices)


class PostSerializer(PageUrl, serializers.ModelSerializer[Post]):
    author = serializers.SerializerMethodField()
    reply_to = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ("id", "reply_to", "author", "text", "text_format", "html", "created_at", "url")
        read_only_fields = fields

    def get_author(self, post: Post) -> str:
        return post.author.public_name


class PostWriteSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=services.MAX_POST_CHARS, trim_whitespace=True)
    markdown = serializers.BooleanField(required=False, default=False)
    reply_to = serializers.IntegerField(required=False, allow_null=True, default=None)


class _GroupView(APIView):
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        # The person's membership of a group is read once per call, as on the pages.
        with permissions.memberships_read_once():
            return super().dispatch(request, *args, **kwargs)


class GroupListView(_GroupView):
    required_action = "group.list"

    @extend_schema(
        tags=["groups"],
        operation_id="groups_list",
        # Residents are refused: groups are the employees' (the hook gives 403 the one shape).
        responses={200: GroupSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        user = person(request)
        deny_unless(user, "group.list", detail=_FOR_EMPLOYEES)
        groups = selectors.group_list(user=user, text=request.query_params.get("q", ""))
        data = GroupSerializer(groups, many=True, context={"request": request}).data
        return complete_list(data)

    @extend_schema(
        tags=["groups"],
        operation_id="groups_create",
        request=GroupWriteSerializer,
        responses={201: GroupSerializer},
    )
    def post(self, request: Request) -> Response:
        user = person(request)
        deny_unless(user, "group.create", detail=_FOR_EMPLOYEES)
        group = services.group_create(user=user, **validated(GroupWriteSerializer, request.data))
        group = selectors.group_with_count(group_id=group.pk)
        return Response(
            GroupSerializer(group, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class GroupPostListView(_GroupView):
    required_action = "group.read"
    # Posting through the API has the pages' rate (innovera.core.limits.WriteRateThrottle).
    write_scope = "group_post"

    def _group(self, request: Request, slug: str) -> DiscussionGroup:
        user = person(request)
        group = selectors.group_by_slug(slug=slug)
        # Members only (and every employee for an open group): anyone else gets 404, so a
        # closed group's posts cannot even be told apart from a group that does not exist.
        if group is None or not permissions.can_read_group(user, group):
            raise NotFound
        return group

    @extend_schema(
        tags=["groups"], operation_id="group_posts_list", responses=PostSerializer(many=True)
    )
    def get(self, request: Request, slug: str) -> Response:
        group = self._group(request, slug)
        posts = list(selectors.api_posts(user=request.user, group=group)[:PAGE_SIZE])
        data = PostSerializer(posts, many=True, context={"request": request}).data
        return complete_list(data)

    @extend_schema(
        tags=["groups"],
        operation_id="group_posts_create",
        request=PostWriteSerializer,
        responses={201: PostSerializer},
    )
    def post(self, request: Request, slug: str) -> Response:
        user = person(request)
        group = selectors.group_by_slug(slug=slug)
        if group is None or not can(user, "group.view", group):
            raise NotFound
        data = validated(PostWriteSerializer, request.data)
        parent = None
        if data["reply_to"] is not None:
            parent = selectors.post_in_group(group=group, pk=data["reply_to"])
            if parent is None or not can(user, "group_post.view", parent):
                raise ApplicationError(_("Reply to a post of this group."), field="reply_to")
        post = services.post_create(
            user=user, group=group, text=data["text"], markdown=data["markdown"], parent=parent
        )
        return Response(
            PostSerializer(post, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
