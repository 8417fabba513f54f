"""Every write of the discussion groups. Keyword-only, atomic, asked by action.

Refusals are `ApplicationError`s (a `PermissionRefused` for a permission) with a Swedish
sentence, and nothing is stored when one is raised. Notices go only to people who may read what
they are about, asked at the moment of sending; moderation is recorded in the audit log.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innovera.core.audit import audit_record
from innovera.core.exceptions import ApplicationError
from innovera.core.language import in_site_language
from innovera.core.permissions import can, require
from innovera.core.registry import DigestLine
from innovera.core.slugs import unique_slug
from innovera.core.uploads import stored_file
from innovera.ideas.models import NotificationSetting
from innovera.organisations.models import User
from innovera.spreading.groups import markup, permissions
from innovera.spreading.models import (
    DiscussionGroup,
    GroupAccess,
    GroupFollow,
    GroupInvitation,
    GroupMember,
    GroupRole,
    JoinRequest,
    Notice,
    Post,
    PostAttachment,
    PostReport,
    PostStatus,
    RequestStatus,
    TextFormat,
)
from innovera.spreading.services import notice_send, notices_send

INVITATION_DAYS = 14
MAX_POST_CHARS = 5_000


def _notices(*, people: Iterable[User], text: str, url: str, about: DiscussionGroup) -> None:
    """The same notice to each of `people` who may read the group, in a fixed number of queries
    however many they are (a post in a large group has many followers): who may read it, who
    chose the digest, and one insert. Asked when sending: someone who left, was removed or
    never belonged gets nothing."""
    allowed = permissions.readers(about, list(people))
    if not allowed:
        return
    # Those who chose the weekly digest get it there instead of one e-mail each.
    digest = set(
        NotificationSetting.objects.filter(user__in=allowed, weekly_digest=True).values_list(
            "user_id", flat=True
        )
    )
    notices_send(
        people=allowed,
        text=text,
        url=url,
        group=about,
        mailed=[person for person in allowed if person.pk not in digest],
    )


def digest_lines(*, user: User, now: datetime.datetime) -> list[DigestLine]:
    """The group notices not yet mailed, for the weekly digest; each asked again now, so a
    notice about a group the person left is marked but never mailed. Three queries at most
    (the notices, the memberships, the update), however many notices and groups."""
    notices = list(
        Notice.objects.select_for_update()
        .filter(user=user, group__isnull=False, emailed_at__isnull=True)
        .select_related("group")
        .order_by("created_at", "id")
    )
    read = permissions.readable_among(user, [n.group for n in notices if n.group is not None])
    lines = [DigestLine(notice.text, notice.url) for notice in notices if notice.group_id in read]
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=now)
    return lines


def _moderators(group: DiscussionGroup) -> list[User]:
    rows = GroupMember.objects.filter(
        group=group, role__in=(GroupRole.OWNER, GroupRole.MODERATOR)
    ).select_related("person")
    return [row.person for row in rows if row.person.is_active]


# --- groups ----------------------------------------------------------------------------------


def _check_group_fields(*, name: str, purpose: str, access: str) -> None:
    if not name.strip():
        raise ApplicationError(_("Give the group a name."), field="name")
    if len(name) > 120:
        raise ApplicationError(_("The name may be at most 120 characters."), field="name")
    if not purpose.strip():
        raise ApplicationError(_("Say what the group is for."), field="purpose")
    if access not in GroupAccess.values:
        raise ApplicationError(_("Choose open, closed or hidden."), field="access")


@transaction.atomic
def group_create(
    *, user: User, name: str, purpose: str, access: str, slug: str = ""
) -> DiscussionGroup:
    """The creator becomes the group's owner and first member, and follows it."""
    require(user, "group.create")
    _check_group_fields(name=name, purpose=purpose, access=access)
    if slug:
        slug = slug.strip().lower()
        if slug != slugify(slug) or len(slug) > 80:
            raise ApplicationError(
                _("The address name may hold only a–z, digits and hyphens."), field="slug"
            )
        if DiscussionGroup.objects.filter(slug=slug).exists():
            raise ApplicationError(_("Another group has this address name."), field="slug")
    else:
        slug = unique_slug(DiscussionGroup, slugify(name)[:70] or "grupp", max_length=80)
    try:
        with transaction.atomic():
            group = DiscussionGroup.objects.create(
                name=name.strip(),
                slug=slug,
                purpose=purpose.strip(),
                access=access,
                unit_id=user.unit_id,
                created_by=user,
            )
    except IntegrityError:
        raise ApplicationError(_("Another group has this address name."), field="slug") from None
    GroupMember.objects.create(group=group, person=user, role=GroupRole.OWNER)
    GroupFollow.objects.create(person=user, group=group)
    audit_record(action="group.create", actor=user, obj=group, details={"access": access})
    return group


@transaction.atomic
def group_join(*, user: User, group: DiscussionGroup) -> GroupMember:
    """Open groups: join at once (and follow the group)."""
    require(user, "group.join", group)
    member = GroupMember.objects.create(group=group, person=user)
    GroupFollow.objects.get_or_create(person=user, group=group, thread=None)
    return member


@transaction.atomic
def group_leave(*, user: User, group: DiscussionGroup) -> None:
    require(user, "group.leave", group)
    member = GroupMember.objects.select_for_update().get(group=group, person=user)
    if member.role == GroupRole.OWNER:
        owners = GroupMember.objects.filter(group=group, role=GroupRole.OWNER).count()
        if owners == 1:
            raise ApplicationError(
                _("You are the group's only owner: make another member owner before you leave.")
            )
    member.delete()
    GroupFollow.objects.filter(person=user, group=group).delete()


@transaction.atomic
def join_request_create(*, user: User, group: DiscussionGroup, message: str = "") -> JoinRequest:
    """Closed groups: ask; the moderators are told. A second request returns the first."""
    require(user, "group.ask_to_join", group)
    waiting = JoinRequest.objects.filter(
        group=group, person=user, status=RequestStatus.WAITING
    ).first()
    if waiting is not None:
        return waiting
    request = JoinRequest.objects.create(group=group, person=user, message=message[:500])

    url = reverse("spreading:group_members", kwargs={"slug": group.slug})
    with in_site_language():
        _notices(
            people=_moderators(group),
            text=_("%(name)s asks to join %(group)s")
            % {"name": user.public_name, "group": group.name},
            url=url,
            about=group,
        )
    return request


@transaction.atomic
def join_request_decide(*, user: User, request_id: int, accept: bool) -> JoinRequest:
    request = (
        JoinRequest.objects.select_for_update().select_related("group", "person").get(pk=request_id)
    )
    group = request.group
    require(user, "group.moderate", group)
    if request.status != RequestStatus.WAITING:
        raise ApplicationError(_("This request has already been answered."))
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = user
    request.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        action="group.request_accept" if accept else "group.request_decline",
        actor=user,
        obj=group,
        person=request.person,
    )
    if accept:
        GroupMember.objects.get_or_create(group=group, person=request.person)
        GroupFollow.objects.get_or_create(person=request.person, group=group, thread=None)
        with in_site_language():
            _notices(
                people=[request.person],
                text=_("You are now a member of %(group)s") % {"group": group.name},
                url=group.get_absolute_url(),
                about=group,
            )
    else:
        # The person may not read the group: the notice names it (they asked for it by name)
        # and links to the list of groups, never to its posts.
        with in_site_language():
            notice_send(
                user=request.person,
                text=_("Your request to join %(group)s was declined") % {"group": group.name},
                url=reverse("spreading:group_list"),
            )
    return request


@transaction.atomic
def invitation_create(
    *, user: User, group: DiscussionGroup, person: User, days: int = INVITATION_DAYS
) -> GroupInvitation:
    require(user, "group.moderate", group)
    if person.unit_id is None or not person.is_active:
        raise ApplicationError(_("Only the city's employees can be invited."), field="person")
    if GroupMember.objects.filter(group=group, person=person).exists():
        raise ApplicationError(_("%(name)s is already a member.") % {"name": person.public_name})
    now = timezone.now()
    invitation = GroupInvitation.objects.create(
        group=group,
        person=person,
        invited_by=user,
        expires_at=now + datetime.timedelta(days=days),
    )
    audit_record(action="group.invite", actor=user, obj=group, person=person)

    with in_site_language():
        notice_send(
            user=person,
            text=_("You are invited to the group %(group)s") % {"group": group.name},
            url=reverse("spreading:group_invitations"),
        )
    return invitation


@transaction.atomic
def invitation_respond(
    *, user: User, invitation_id: int, accept: bool, now: datetime.datetime | None = None
) -> GroupInvitation:
    """The one way an invitation is used, whatever page or request leads here: an expired one
    is refused at this moment, however the person signed in (a password reset included)."""
    invitation = (
        GroupInvitation.objects.select_for_update().select_related("group").get(pk=invitation_id)
    )
    require(user, "group_invitation.respond", invitation)
    if not invitation.is_open:
        raise ApplicationError(_("This invitation has already been answered."))
    moment = now or timezone.now()
    if accept and invitation.expired(moment):
        raise ApplicationError(
            _("The invitation expired on %(day)s. Ask the group's moderators for a new one.")
            % {"day": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d")}
        )
    if accept:
        invitation.accepted_at = moment
        GroupMember.objects.get_or_create(group=invitation.group, person=user)
        GroupFollow.objects.get_or_create(person=user, group=invitation.group, thread=None)
    else:
        invitation.declined_at = moment
    invitation.save(update_fields=["accepted_at", "declined_at"])
    return invitation


# --- members: roles, muting, removal -------------------------------------------------------


def _member(group: DiscussionGroup, member_id: int) -> GroupMember:
    try:
        return (
            GroupMember.objects.select_for_update()
            .select_related("person")
            .get(pk=member_id, group=group)
        )
    except GroupMember.DoesNotExist:
        raise ApplicationError(_("This person is not a member of the group."), status=404) from None


@transaction.atomic
def member_set_role(
    *, user: User, group: DiscussionGroup, member_id: int, role: str
) -> GroupMember:
    require(user, "group.manage", group)
    if role not in GroupRole.values:
        raise ApplicationError(_("Choose owner, moderator or member."), field="role")
    member = _member(group, member_id)
    sole_owner = (
        member.role == GroupRole.OWNER
        and GroupMember.objects.filter(group=group, role=GroupRole.OWNER).count() == 1
    )
    if sole_owner and role != GroupRole.OWNER:
        raise ApplicationError(_("A group needs at least one owner."), field="role")
    member.role = role
    member.save(update_fields=["role"])
    audit_record(
        action="group.role", actor=user, obj=group, person=member.person, details={"role": role}
    )
    return member


@transaction.atomic
def member_mute(
    *, user: User, group: DiscussionGroup, member_id: int, muted: bool, reason: str
) -> GroupMember:
    require(user, "group.moderate", group)
    member = _member(group, member_id)
    if member.moderates:
        raise ApplicationError(_("A moderator or owner cannot be muted."))
    if muted and not reason.strip():
        raise ApplicationError(_("Say why the member is muted."), field="reason")
    member.muted_at = timezone.now() if muted else None
    member.save(update_fields=["muted_at"])
    audit_record(
        action="group.mute" if muted else "group.unmute",
        actor=user,
        obj=group,
        person=member.person,
        details={"reason": reason[:500]} if muted else None,
    )
    if muted:
        with in_site_language():
            _notices(
                people=[member.person],
                text=_("A moderator muted you in %(group)s: %(reason)s")
                % {"group": group.name, "reason": reason},
                url=group.get_absolute_url(),
                about=group,
            )
    return member


@transaction.atomic
def member_remove(*, user: User, group: DiscussionGroup, member_id: int, reason: str) -> None:
    require(user, "group.moderate", group)
    member = _member(group, member_id)
    if member.role == GroupRole.OWNER:
        raise ApplicationError(_("An owner cannot be removed; make them a member first."))
    if member.role == GroupRole.MODERATOR and not can(user, "group.manage", group):
        raise ApplicationError(_("Only the group's owners may remove a moderator."))
    if not reason.strip():
        raise ApplicationError(_("Say why the member is removed."), field="reason")
    person = member.person
    member.delete()
    GroupFollow.objects.filter(person=person, group=group).delete()
    audit_record(
        action="group.remove_member",
        actor=user,
        obj=group,
        person=person,
        details={"reason": reason[:500]},
    )

    with in_site_language():
        notice_send(
            user=person,
            text=_("A moderator removed you from %(group)s: %(reason)s")
            % {"group": group.name, "reason": reason},
            url=reverse("spreading:group_list"),
        )


# --- posts -----------------------------------------------------------------------------------


def _check_text(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ApplicationError(_("Write something before you post."), field="text")
    if len(text) > MAX_POST_CHARS:
        raise ApplicationError(
            _("A post may be at most %(n)s characters.")
            % {"n": f"{MAX_POST_CHARS:,}".replace(",", " ")},
            field="text",
        )
    return text


def _mentioned_members(group: DiscussionGroup, text: str, author: User) -> list[User]:
    handles = markup.mentioned_handles(text)
    if not handles:
        return []
    members = GroupMember.objects.filter(group=group).select_related("person")
    return [
        row.person
        for row in members
        if row.person.email.split("@", 1)[0].lower() in handles and row.person.pk != author.pk
    ]


@transaction.atomic
def post_create(
    *,
    user: User,
    group: DiscussionGroup,
    text: str,
    markdown: bool = False,
    parent: Post | None = None,
    uploads: Iterable[Any] = (),
) -> Post:
    """A post (or a reply to one). Refused with the reason when the person may not write in
    the group; nothing is stored then. Followers and mentioned members get a notice."""
    if not can(user, "group.view", group):
        raise ApplicationError(_("The group was not found."), status=404)
    if parent is not None:
        if parent.group_id != group.pk or parent.parent_id is not None:
            raise ApplicationError(_("Reply to a post of this group."), field="parent")
        require(user, "group_post.reply", parent)
    else:
        require(user, "group.post", group)
    text = _check_text(text)
    post = Post.objects.create(
        group=group,
        parent=parent,
        author=user,
        text=text,
        text_format=TextFormat.MARKDOWN if markdown else TextFormat.PLAIN,
        html=markup.render(text, markdown=markdown),
    )
    for upload in uploads:
        PostAttachment.objects.create(post=post, **stored_file(upload))
    thread = parent or post
    GroupFollow.objects.get_or_create(person=user, group=group, thread=thread)
    _notify_post(post=post, thread=thread, author=user)
    return post


def _notify_post(*, post: Post, thread: Post, author: User) -> None:
    """The mentioned members, then the followers of the group (a new thread) or of the thread
    (a reply), each told once: a fixed number of queries however many follow."""
    group = post.group
    url = post.get_absolute_url()
    mentioned = _mentioned_members(group, post.text, author)
    told = {author.pk, *(person.pk for person in mentioned)}
    if post.parent_id is None:
        follows = GroupFollow.objects.filter(group=group, thread__isnull=True)
    else:
        follows = GroupFollow.objects.filter(thread=thread)
    followers: dict[int, User] = {}
    for follow in follows.select_related("person").order_by("id"):
        if follow.person_id not in told and follow.person.is_active:
            followers.setdefault(follow.person_id, follow.person)
    names = {"name": author.public_name, "group": group.name}
    # Every line here is for other members: the site's language, not the author's.
    with in_site_language():
        mention = _("%(name)s mentioned you in %(group)s") % names
        _notices(people=mentioned, text=mention, url=url, about=group)
        if post.parent_id is None:
            text = _("New post by %(name)s in %(group)s") % names
        else:
            text = _("New reply by %(name)s in %(group)s") % names
        _notices(people=followers.values(), text=text, url=url, about=group)


@transaction.atomic
def follow_set(
    *, user: User, group: DiscussionGroup, thread: Post | None = None, follow: bool
) -> None:
    require(user, "group.follow", group)
    if thread is not None and thread.group_id != group.pk:
        raise ApplicationError(_("The thread was not found."), status=404)
    rows = GroupFollow.objects.filter(person=user, group=group, thread=thread)
    if follow:
        if not rows.exists():
            GroupFollow.objects.create(person=user, group=group, thread=thread)
    else:
        rows.delete()


# --- moderation ------------------------------------------------------------------------------


@transaction.atomic
def post_report(*, user: User, post: Post, reason: str) -> PostReport:
    require(user, "group_post.report", post)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Say why you report the post."), field="reason")
    report, created = PostReport.objects.get_or_create(
        post=post, reporter=user, defaults={"reason": reason[:500]}
    )
    if created:
        audit_record(action="group.report", actor=user, obj=post)

        url = reverse("spreading:group_moderation", kwargs={"slug": post.group.slug})
        with in_site_language():
            _notices(
                people=_moderators(post.group),
                text=_("A post in %(group)s was reported") % {"group": post.group.name},
                url=url,
                about=post.group,
            )
    return report


@transaction.atomic
def post_moderate(*, user: User, post_id: int, action: str, reason: str) -> Post:
    """hide (kept for the author and the moderators), remove (the text is deleted), or
    restore a hidden post. The author is told why; the open reports are resolved."""
    post = Post.objects.select_for_update().select_related("group", "author").get(pk=post_id)
    require(user, "group_post.moderate", post)
    reason = reason.strip()
    if action not in ("hide", "remove", "restore"):
        raise ApplicationError(_("Choose hide, remove or restore."), field="action")
    if action != "restore" and not reason:
        raise ApplicationError(_("Say why: the author is told."), field="reason")
    if post.status == PostStatus.REMOVED:
        raise ApplicationError(_("The post is already removed."))
    now = timezone.now()
    if action == "hide":
        post.status = PostStatus.HIDDEN
    elif action == "remove":
        post.status = PostStatus.REMOVED
        post.text = ""
        post.html = ""
        for attachment in post.attachments.all():
            attachment.file.delete(save=False)
        post.attachments.all().delete()
    else:
        post.status = PostStatus.VISIBLE
    post.moderation_reason = reason[:500]
    post.moderated_by = user
    post.moderated_at = now
    post.save()
    PostReport.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=now)
    audit_record(
        action=f"group.post_{action}",
        actor=user,
        obj=post,
        person=post.author,
        details={"group": post.group_id, "reason": reason[:500]},
    )
    if action != "restore" and post.author_id != user.pk:
        with in_site_language():
            text = (
                _("A moderator hid your post in %(group)s: %(reason)s")
                if action == "hide"
                else _("A moderator removed your post in %(group)s: %(reason)s")
            )
            _notices(
                people=[post.author],
                text=text % {"group": post.group.name, "reason": reason},
                url=post.get_absolute_url(),
                about=post.group,
            )
    return post


@transaction.atomic
def reports_dismiss(*, user: User, post: Post) -> int:
    require(user, "group_post.moderate", post)
    n = PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    audit_record(action="group.reports_dismiss", actor=user, obj=post)
    return n
