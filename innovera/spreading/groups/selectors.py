"""Reads of the discussion groups, each in a fixed number of queries, each starting from the
permission module's `visible_groups` / `readable_groups` / `visible_posts`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innovera.core.registry import SearchHit, WorkItem
from innovera.core.search_index import fts5_search
from innovera.organisations.models import User
from innovera.organisations.permissions import AnyUser
from innovera.spreading.groups import permissions
from innovera.spreading.models import (
    DiscussionGroup,
    GroupFollow,
    GroupInvitation,
    GroupMember,
    GroupRole,
    JoinRequest,
    Post,
    PostAttachment,
    PostReport,
    PostStatus,
    RequestStatus,
)
from innovera.spreading.models.groups import POST_SEARCH_COLUMNS, POST_TEXT

THREADS_PER_PAGE = 30
MAX_QUERY = 200


def group_by_slug(*, slug: str) -> DiscussionGroup | None:
    return DiscussionGroup.objects.filter(slug=slug).first()


def group_list(*, user: AnyUser, text: str = "") -> list[DiscussionGroup]:
    """The groups a person sees, with `member_count` and `is_member`, in two queries at most."""
    groups = permissions.visible_groups(user).annotate(member_count=Count("members"))
    if text.strip():
        words = text.strip()[:MAX_QUERY]
        groups = groups.filter(Q(name__icontains=words) | Q(purpose__icontains=words))
    if isinstance(user, User) and user.is_authenticated:
        groups = groups.annotate(
            is_member=Exists(GroupMember.objects.filter(group=OuterRef("pk"), person=user))
        )
    return list(groups.order_by("name", "id"))


def group_with_count(*, group_id: int) -> DiscussionGroup:
    return DiscussionGroup.objects.annotate(member_count=Count("members")).get(pk=group_id)


def _shown_posts(user: AnyUser, group: DiscussionGroup, moderator: bool) -> QuerySet[Post]:
    """Posts of a group the person reads: visible and removed ones (a removed post keeps its
    place as a line without text), hidden ones only to their author and the moderators."""
    posts = Post.objects.filter(group=group)
    if moderator:
        return posts
    rule = Q(status__in=(PostStatus.VISIBLE, PostStatus.REMOVED))
    if isinstance(user, User) and user.is_authenticated:
        rule |= Q(author=user)
    return posts.filter(rule)


@dataclass
class GroupPage:
    group: DiscussionGroup
    member: GroupMember | None
    threads: Page[Any] | None
    follows: bool
    waiting_request: JoinRequest | None
    open_invitation: GroupInvitation | None


def group_page(*, user: AnyUser, group: DiscussionGroup, page: int = 1) -> GroupPage:
    member = permissions.membership(user, group)
    moderator = bool(member and member.moderates)
    threads = None
    if permissions.can_read_group(user, group):
        shown = _shown_posts(user, group, moderator)
        counted = Q() if moderator else Q(replies__status=PostStatus.VISIBLE)
        rows = (
            shown.filter(parent__isnull=True)
            # The group too: a thread's address is made of its group's slug.
            .select_related("author__unit", "group")
            .annotate(reply_count=Count("replies", filter=counted))
            .order_by("-created_at", "-id")
        )
        threads = Paginator(rows, THREADS_PER_PAGE).get_page(page)
    follows = False
    waiting = None
    invitation = None
    if isinstance(user, User) and user.is_authenticated:
        follows = GroupFollow.objects.filter(person=user, group=group, thread__isnull=True).exists()
        waiting = JoinRequest.objects.filter(
            group=group, person=user, status=RequestStatus.WAITING
        ).first()
        invitation = (
            GroupInvitation.objects.filter(
                group=group,
                person=user,
                accepted_at__isnull=True,
                declined_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .order_by("-created_at")
            .first()
        )
    return GroupPage(group, member, threads, follows, waiting, invitation)


@dataclass
class ThreadPage:
    post: Post
    replies: list[Post]
    moderator: bool
    follows: bool


def thread(*, user: AnyUser, group: DiscussionGroup, pk: int) -> ThreadPage | None:
    member = permissions.membership(user, group)
    moderator = bool(member and member.moderates)
    shown = _shown_posts(user, group, moderator)
    post = (
        shown.filter(pk=pk, parent__isnull=True)
        .select_related("author__unit", "group")
        .prefetch_related("attachments")
        .first()
    )
    if post is None:
        return None
    replies = list(
        shown.filter(parent=post)
        .select_related("author__unit", "group")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )
    follows = (
        isinstance(user, User)
        and user.is_authenticated
        and GroupFollow.objects.filter(person=user, thread=post).exists()
    )
    return ThreadPage(post, replies, moderator, bool(follows))


def post_in_group(*, group: DiscussionGroup, pk: int) -> Post | None:
    return Post.objects.select_related("group", "author").filter(group=group, pk=pk).first()


def attachment(
    *, group: DiscussionGroup, post_id: int, attachment_id: int
) -> PostAttachment | None:
    return (
        PostAttachment.objects.select_related("post__group")
        .filter(pk=attachment_id, post_id=post_id, post__group=group)
        .first()
    )


@dataclass
class MembersPage:
    members: list[GroupMember]
    requests: list[JoinRequest]
    invitations: list[GroupInvitation]


def members_page(*, group: DiscussionGroup, moderator: bool) -> MembersPage:
    members = list(
        GroupMember.objects.filter(group=group)
        .select_related("person", "person__unit")
        .order_by("person__full_name", "id")
    )
    requests: list[JoinRequest] = []
    invitations: list[GroupInvitation] = []
    if moderator:
        requests = list(
            JoinRequest.objects.filter(group=group, status=RequestStatus.WAITING).select_related(
                "person", "person__unit"
            )
        )
        invitations = list(
            GroupInvitation.objects.filter(
                group=group, accepted_at__isnull=True, declined_at__isnull=True
            ).select_related("person")
        )
    return MembersPage(members, requests, invitations)


def reported_posts(*, group: DiscussionGroup) -> list[Post]:
    """Posts with reports not yet resolved, with those reports, oldest report first."""
    open_reports = PostReport.objects.filter(resolved_at__isnull=True).select_related("reporter")
    return list(
        Post.objects.filter(group=group, reports__resolved_at__isnull=True)
        .distinct()
        .select_related("author__unit", "group")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("created_at", "id")
    )


def my_invitations(*, user: User) -> list[GroupInvitation]:
    return list(
        GroupInvitation.objects.filter(
            person=user, accepted_at__isnull=True, declined_at__isnull=True
        )
        .select_related("group")
        .order_by("-created_at")
    )


def invitable_people(*, group: DiscussionGroup) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, unit__isnull=False)
        .exclude(group_memberships__group=group)
        .order_by("full_name", "id")
    )


# --- search ----------------------------------------------------------------------------------


def search_posts(queryset: QuerySet[Post], text: str, *, ranked: bool = False) -> QuerySet[Post]:
    """Posts matching the search text (websearch syntax): PostgreSQL's Swedish full text on
    the `post_text_sv` index, SQLite's FTS5 table; `search_rank` orders them when ranked."""
    text = text.strip()[:MAX_QUERY]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config="swedish")
        return (
            queryset.alias(search_text=POST_TEXT)
            .filter(search_text=query)
            .alias(search_rank=SearchRank(F("search_text"), query))
        )
    return fts5_search(queryset, text, columns=POST_SEARCH_COLUMNS, ranked=ranked)


def search_hits(*, user: AnyUser, text: str, limit: int) -> list[SearchHit]:
    """The cross-app search's posts: only in groups the person reads, visible ones only.
    One query; the hit is titled by the group's name."""
    posts = (
        search_posts(permissions.visible_posts(user), text, ranked=True)
        .annotate(rank=F("search_rank"))
        .select_related("group")
        .only("text", "parent_id", "group__slug", "group__name", "created_at")
        .order_by("-rank", "-id")[:limit]
    )
    return [
        SearchHit(
            kind=_("Group post"),
            title=post.group.name,
            url=post.get_absolute_url(),
            summary=post.text[:200],
            rank=float(post.rank),
        )
        for post in posts
    ]


# --- my work ---------------------------------------------------------------------------------


def moderated_groups(*, user: User) -> QuerySet[DiscussionGroup]:
    return DiscussionGroup.objects.filter(
        members__person=user, members__role__in=(GroupRole.OWNER, GroupRole.MODERATOR)
    )


def work_counts(*, user: User) -> list[tuple[DiscussionGroup, int, int]]:
    """Per group the person moderates: waiting join requests and posts with open reports."""
    groups = moderated_groups(user=user).annotate(
        waiting=Count(
            "join_requests",
            filter=Q(join_requests__status=RequestStatus.WAITING),
            distinct=True,
        ),
        reported=Count(
            "posts",
            filter=Q(posts__reports__resolved_at__isnull=True)
            & ~Q(posts__status=PostStatus.REMOVED),
            distinct=True,
        ),
    )
    return [(g, g.waiting, g.reported) for g in groups if g.waiting or g.reported]


def api_posts(*, user: AnyUser, group: DiscussionGroup) -> QuerySet[Post]:
    return (
        permissions.visible_posts(user)
        .filter(group=group)
        .select_related("author__unit", "group")
        .order_by("-created_at", "-id")
    )


def work_items(*, user: User) -> list[WorkItem]:
    """ "Mitt arbete": per group I moderate, the requests to join waiting and the reported
    posts to look at. One query."""
    heading = _("Discussion groups")
    items: list[WorkItem] = []
    for group, waiting, reported in work_counts(user=user):
        if waiting:
            items.append(
                WorkItem(
                    heading,
                    _("Requests to join “%(group)s”") % {"group": group.name},
                    reverse("spreading:group_members", kwargs={"slug": group.slug}),
                    count=waiting,
                    order=40,
                )
            )
        if reported:
            items.append(
                WorkItem(
                    heading,
                    _("Reported posts in “%(group)s”") % {"group": group.name},
                    reverse("spreading:group_moderation", kwargs={"slug": group.slug}),
                    count=reported,
                    order=41,
                )
            )
    return items
