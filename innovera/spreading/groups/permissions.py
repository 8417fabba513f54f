"""Who may do what in discussion groups; merged into the spreading app's one table.

Groups are the employees' (a person with a home unit): residents and people not signed in see
none. Every channel — pages, the API, the search, notices, digests, attachments — starts from
`visible_groups()` / `readable_groups()` / `visible_posts()` for lists and asks `can()` by action
for one object. A group one may not see is a 404 everywhere.

- open: every employee sees it and reads it; members write.
- closed: every employee sees its name and purpose; members only read and write.
- hidden: only its members see it at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innovera.organisations.models import User
from innovera.organisations.permissions import AnyUser, Predicate, is_signed_in


def _employee(user: AnyUser) -> User | None:
    if isinstance(user, User) and is_signed_in(user) and user.unit_id is not None:
        return user
    return None


class _Memo:
    """(person id, group id) → membership row or None, while a request of the groups runs: a
    page asks the table by action five to eight times, and every answer needs the same row.
    Once the request has changed a membership it stops remembering: a change that its
    transaction then rolls back must not be answered from memory for the rest of it."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int, int], Any] = {}
        self.changed = False


_read: ContextVar[_Memo | None] = ContextVar("group_memberships", default=None)


@contextmanager
def memberships_read_once() -> Iterator[None]:
    """Within it (a view, as a decorator; an API call), each person's membership of a group is
    read once. Outside it every question reads the row again, so a service or a test that
    changes memberships between two questions is never answered from an old row."""
    if _read.get() is not None:
        yield
        return
    token = _read.set(_Memo())
    try:
        yield
    finally:
        _read.reset(token)


def forget_memberships() -> None:
    """Called whenever a membership row is added, changed or removed (`connect`), so no
    service has to remember it."""
    memo = _read.get()
    if memo is not None:
        memo.changed = True  # `membership` reads the table from now on


def _membership_written(sender: Any, **kwargs: Any) -> None:
    forget_memberships()


def connect() -> None:
    """Every write of a membership row marks the memo, at the moment of the write: `post_save`
    and `post_delete` (a delete through a queryset or a cascade sends it for each row too);
    `GroupMemberQuerySet` marks it for `update` and `bulk_create`, which send no signal. Not
    `transaction.on_commit`: the rest of the transaction must already read the new rows.
    The `post_delete` receiver turns off Django's fast delete for GroupMember: a queryset or
    cascade delete loads the rows and deletes them by primary key, to send the signal."""
    from django.db.models.signals import post_delete, post_save

    from innovera.spreading.models import GroupMember

    post_save.connect(_membership_written, sender=GroupMember, dispatch_uid="group-member-save")
    post_delete.connect(_membership_written, sender=GroupMember, dispatch_uid="group-member-delete")


def membership(user: AnyUser, group: Any) -> Any:
    """The person's membership row in the group, or None (one query, once per request inside
    `memberships_read_once`)."""
    from innovera.spreading.models import GroupMember

    person = _employee(user)
    if person is None or group is None:
        return None
    memo = _read.get()
    if memo is not None and memo.changed:
        memo = None
    key = (person.pk, group.pk)
    if memo is not None and key in memo.rows:
        return memo.rows[key]
    member = GroupMember.objects.filter(group=group, person=person).first()
    if memo is not None:
        memo.rows[key] = member
    return member


def _reads(person: User | None, group: Any, is_member: Callable[[], bool]) -> bool:
    """The one rule of reading a group's posts: an employee reads an open group, and any group
    they are a member of. `is_member` is asked only when the access does not settle it, so a
    caller asking for many groups or people reads the memberships once, and only if needed."""
    from innovera.spreading.models import GroupAccess

    return person is not None and (group.access == GroupAccess.OPEN or is_member())


def readable_among(user: AnyUser, groups: list[Any]) -> set[int]:
    """The ids of those `groups` the person reads: `_reads` asked for many groups at once, in
    one query at most (when some are not open)."""
    from innovera.spreading.models import GroupMember

    person = _employee(user)

    @cache
    def member_of() -> set[int]:
        rows = GroupMember.objects.filter(person=person, group_id__in={g.pk for g in groups})
        return set(rows.values_list("group_id", flat=True))

    def is_member(group: Any) -> Callable[[], bool]:
        return lambda: group.pk in member_of()

    return {group.pk for group in groups if _reads(person, group, is_member(group))}


def readers(group: Any, people: list[User]) -> list[User]:
    """Those of `people` who may read the group, in their order: `_reads` asked for many people
    at once, in one query at most (for a group that is not open)."""
    from innovera.spreading.models import GroupMember

    @cache
    def members() -> set[int]:
        rows = GroupMember.objects.filter(group=group, person_id__in=[p.pk for p in people])
        return set(rows.values_list("person_id", flat=True))

    def is_member(person: User) -> Callable[[], bool]:
        return lambda: person.pk in members()

    return [person for person in people if _reads(_employee(person), group, is_member(person))]


def _member_group_ids(person: User) -> QuerySet[Any]:
    from innovera.spreading.models import GroupMember

    return GroupMember.objects.filter(person=person).values("group_id")


def visible_groups(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """The groups a person sees listed: open and closed ones, and hidden ones they are in."""
    from innovera.spreading.models import DiscussionGroup, GroupAccess

    groups = queryset if queryset is not None else DiscussionGroup.objects.all()
    person = _employee(user)
    if person is None:
        return groups.none()
    return groups.filter(
        Q(access__in=(GroupAccess.OPEN, GroupAccess.CLOSED)) | Q(pk__in=_member_group_ids(person))
    )


def readable_groups(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """The groups whose posts a person reads: open ones, and any they are a member of."""
    from innovera.spreading.models import DiscussionGroup, GroupAccess

    groups = queryset if queryset is not None else DiscussionGroup.objects.all()
    person = _employee(user)
    if person is None:
        return groups.none()
    return groups.filter(Q(access=GroupAccess.OPEN) | Q(pk__in=_member_group_ids(person)))


def visible_posts(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """Posts a person may read: in the groups they read, visible ones. (A hidden post is shown
    on its thread to its author and the moderators, never in lists, search or the API.)"""
    from innovera.spreading.models import Post, PostStatus

    posts = queryset if queryset is not None else Post.objects.all()
    person = _employee(user)
    if person is None:
        return posts.none()
    return posts.filter(
        group__in=readable_groups(person).values("pk"),
        status=PostStatus.VISIBLE,
    ).filter(Q(parent__isnull=True) | Q(parent__status=PostStatus.VISIBLE))


# --- predicates ------------------------------------------------------------------------------


def is_employee(user: AnyUser, obj: Any = None) -> bool:
    return _employee(user) is not None


def can_view_group(user: AnyUser, group: Any) -> bool:
    from innovera.spreading.models import GroupAccess

    if _employee(user) is None:
        return False
    if group.access in (GroupAccess.OPEN, GroupAccess.CLOSED):
        return True
    return membership(user, group) is not None


def can_read_group(user: AnyUser, group: Any) -> bool:
    return _reads(_employee(user), group, lambda: membership(user, group) is not None)


def can_join_group(user: AnyUser, group: Any) -> bool:
    """Open groups: an employee joins at once."""
    from innovera.spreading.models import GroupAccess

    return (
        _employee(user) is not None
        and group.access == GroupAccess.OPEN
        and membership(user, group) is None
    )


def can_ask_to_join(user: AnyUser, group: Any) -> bool:
    """Closed groups: an employee asks; a moderator decides. (Hidden ones: invitation only.)"""
    from innovera.spreading.models import GroupAccess

    return (
        _employee(user) is not None
        and group.access == GroupAccess.CLOSED
        and membership(user, group) is None
    )


def can_post(user: AnyUser, group: Any) -> bool:
    member = membership(user, group)
    return member is not None and member.muted_at is None


def is_group_member(user: AnyUser, group: Any) -> bool:
    return membership(user, group) is not None


def can_moderate_group(user: AnyUser, group: Any) -> bool:
    member = membership(user, group)
    return member is not None and member.moderates


def can_manage_group(user: AnyUser, group: Any) -> bool:
    from innovera.spreading.models import GroupRole

    member = membership(user, group)
    return member is not None and member.role == GroupRole.OWNER


def can_view_post(user: AnyUser, post: Any) -> bool:
    """A visible post for those who read the group; a hidden one also for its author and the
    group's moderators; a removed one's line (without its text) for the readers."""
    from innovera.spreading.models import PostStatus

    if not can_read_group(user, post.group):
        return False
    if post.status == PostStatus.HIDDEN:
        person = _employee(user)
        return (person is not None and post.author_id == person.pk) or can_moderate_group(
            user, post.group
        )
    return True


def can_report_post(user: AnyUser, post: Any) -> bool:
    from innovera.spreading.models import PostStatus

    person = _employee(user)
    return (
        person is not None
        and post.status == PostStatus.VISIBLE
        and post.author_id != person.pk
        and is_group_member(person, post.group)
    )


def can_moderate_post(user: AnyUser, post: Any) -> bool:
    return can_moderate_group(user, post.group)


def can_reply(user: AnyUser, post: Any) -> bool:
    from innovera.spreading.models import PostStatus

    return post.status == PostStatus.VISIBLE and can_post(user, post.group)


def can_respond_to_invitation(user: AnyUser, invitation: Any) -> bool:
    person = _employee(user)
    return person is not None and invitation.person_id == person.pk


GROUP_PERMISSIONS: dict[str, Predicate] = {
    "group.list": is_employee,  # filtered by visible_groups
    "group.create": is_employee,
    "group.view": can_view_group,
    "group.read": can_read_group,
    "group.join": can_join_group,
    "group.ask_to_join": can_ask_to_join,
    "group.leave": is_group_member,
    "group.follow": can_read_group,
    "group.post": can_post,
    "group.moderate": can_moderate_group,
    "group.manage": can_manage_group,
    "group_post.view": can_view_post,
    "group_post.reply": can_reply,
    "group_post.report": can_report_post,
    "group_post.moderate": can_moderate_post,
    "group_post.attachment": can_view_post,
    "group_invitation.list_own": is_signed_in,
    "group_invitation.respond": can_respond_to_invitation,
}

_FOR_EMPLOYEES = _("Discussion groups are for the city's employees.")
_MEMBERS_WRITE = _(
    "Only the group's members may write in it; a muted member may not. Ask to join the group first."
)
GROUP_REFUSALS = {
    "group.list": _FOR_EMPLOYEES,
    "group.create": _FOR_EMPLOYEES,
    "group.post": _MEMBERS_WRITE,
    "group_post.reply": _MEMBERS_WRITE,
    "group.moderate": _("Only the group's moderators may do this."),
    "group_post.moderate": _("Only the group's moderators may do this."),
    "group.manage": _("Only the group's owners may do this."),
}
