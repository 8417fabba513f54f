"""Discussion groups (SPEC §4.3, part 2; Vienna's Wien.Team).

Groups are for the city's employees, across departments: residents and the public see none
(the SPEC names them an internal space). A group is open (every employee reads; members
write), closed (listed by name and purpose; members only read and write; one asks to join or
is invited) or hidden (not listed; members only). Membership has a role (owner, moderator,
member); a muted member reads but does not write. A post has replies one level deep (a thread);
a moderator hides a post (kept for moderators and the author, with the reason) or removes it
(its text is deleted, a line says it was removed).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.models import Created, Upload
from innovera.core.search_index import PostgresGinIndex, fts5_row_model
from innovera.organisations.models import Unit


class GroupAccess(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    HIDDEN = "hidden", _("Hidden")


class DiscussionGroup(Created):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    purpose = models.TextField(_("purpose"), max_length=2000)
    access = models.CharField(
        _("access"), max_length=10, choices=GroupAccess.choices, default=GroupAccess.OPEN
    )
    # The creator's home unit when the group was made: the follow-up counts the group there.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("discussion group")
        verbose_name_plural = _("discussion groups")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("spreading:group_detail", kwargs={"slug": self.slug})


class GroupRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")


class GroupMemberQuerySet(models.QuerySet["GroupMember"]):
    """Membership rows. `update` and `bulk_create` send no model signal, so they mark the
    request's membership memo themselves (`groups.permissions.connect` has the rest)."""

    def update(self, **kwargs: Any) -> int:
        from innovera.spreading.groups.permissions import forget_memberships

        forget_memberships()
        return super().update(**kwargs)

    def bulk_create(self, objs: Iterable[GroupMember], *args: Any, **kwargs: Any) -> Any:
        from innovera.spreading.groups.permissions import forget_memberships

        forget_memberships()
        return super().bulk_create(objs, *args, **kwargs)


class GroupMember(models.Model):
    group = models.ForeignKey(DiscussionGroup, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    # A muted member still reads the group but cannot write in it.
    muted_at = models.DateTimeField(_("muted"), null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    objects = GroupMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ("joined_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("group", "person"), name="group_member_once")
        ]
        indexes = [models.Index(fields=["person", "group"], name="group_member_person")]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.group_id}: {self.role}"

    @property
    def moderates(self) -> bool:
        return self.role in (GroupRole.OWNER, GroupRole.MODERATOR)


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(Created):
    """An employee asks to join a closed group; a moderator accepts or declines."""

    group = models.ForeignKey(
        DiscussionGroup, on_delete=models.CASCADE, related_name="join_requests"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_join_requests"
    )
    message = models.CharField(_("message to the moderators"), max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("group", "person"),
                condition=models.Q(status="waiting"),
                name="join_request_one_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.group_id}: {self.status}"


class GroupInvitation(Created):
    """A moderator invites an employee. The invitation expires: every way in (the group page,
    the invitation list, the API) accepts it only through the service, which compares its
    expiry with the moment of accepting — signing in again or resetting one's password in
    between changes nothing."""

    group = models.ForeignKey(DiscussionGroup, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to a group")
        verbose_name_plural = _("invitations to groups")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["person", "expires_at"], name="group_invitation_person")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.group_id}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None

    def expired(self, now: object = None) -> bool:
        moment = now if now is not None else timezone.now()
        return bool(self.expires_at <= moment)  # type: ignore[operator]


class PostStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by a moderator")


class TextFormat(models.TextChoices):
    PLAIN = "plain", _("Plain text")
    MARKDOWN = "markdown", _("Markdown")


# What the search finds in a post, declared once: the PostgreSQL index and the query share it.
POST_TEXT = SearchVector("text", config="swedish")
POST_SEARCH_COLUMNS = ("text",)


class Post(Created):
    """A post (parent is None) or a reply to one (one level: a reply's parent is a post)."""

    group = models.ForeignKey(DiscussionGroup, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="group_posts"
    )
    text = models.TextField(_("text"), max_length=5000)
    text_format = models.CharField(
        _("format"), max_length=10, choices=TextFormat.choices, default=TextFormat.PLAIN
    )
    # The text made HTML once, when written, by spreading.groups.markup (nh3-sanitised).
    html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    moderation_reason = models.CharField(max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("group post")
        verbose_name_plural = _("group posts")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(
                fields=["group", "parent", "-created_at", "-id"], name="post_group_newest"
            ),
            models.Index(fields=["created_at"], name="post_created"),
            PostgresGinIndex(POST_TEXT, name="post_text_sv"),
        ]

    def __str__(self) -> str:
        # Never the text: this label is what the audit log and the admin show, and a closed
        # group's words stay with its members.
        return f"post {self.pk}"

    def get_absolute_url(self) -> str:
        thread = self.parent_id or self.pk
        url = reverse("spreading:group_thread", kwargs={"slug": self.group.slug, "pk": thread})
        return url if self.parent_id is None else f"{url}#inlagg-{self.pk}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


PostSearchRow = fts5_row_model(Post, "PostSearchRow")


def post_file_path(instance: models.Model, filename: str) -> str:
    # A random name: the person's file name is kept in `original_name`, never used on disk.
    return f"group-files/{uuid.uuid4().hex}"


class PostAttachment(Upload):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=post_file_path)

    class Meta(Upload.Meta):
        ordering = ("id",)


class PostReport(Created):
    """A member tells the moderators a post breaks the group's rules, with a reason."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_post_reports"
    )
    reason = models.CharField(_("reason"), max_length=500)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report of a post")
        verbose_name_plural = _("reports of posts")
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("post", "reporter"), name="post_report_once"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="post_report_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.reporter_id} on {self.post_id}"


class GroupFollow(Created):
    """Following a group (every new post) or one thread (every reply): `thread` null or not."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_follows"
    )
    group = models.ForeignKey(DiscussionGroup, on_delete=models.CASCADE, related_name="follows")
    thread = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )

    class Meta:
        verbose_name = _("follow of a group")
        verbose_name_plural = _("follows of groups")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "group"),
                condition=models.Q(thread__isnull=True),
                name="group_follow_once",
            ),
            models.UniqueConstraint(
                fields=("person", "thread"),
                condition=models.Q(thread__isnull=False),
                name="thread_follow_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} follows {self.group_id}/{self.thread_id}"
