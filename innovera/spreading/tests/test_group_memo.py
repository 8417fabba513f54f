"""The membership memo of a group request (`memberships_read_once`) never answers from a row that
changed: every write of a membership marks it, whichever service or query makes the write, so
a new service cannot forget to. And the questions asked for many groups or people at once
answer by the same reading rule as the one asked for one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from innovera.core.permissions import can
from innovera.organisations.models import User
from innovera.organisations.tests.factories import make_user
from innovera.spreading.groups import permissions as group_permissions
from innovera.spreading.groups import services
from innovera.spreading.models import DiscussionGroup, GroupMember, GroupRole
from innovera.spreading.personal_data import erase_personal_data
from innovera.spreading.tests.group_factories import (
    add_member,
    make_employee,
    make_group,
    open_invitation,
)

pytestmark = pytest.mark.django_db

ACCESSES = ("open", "closed", "hidden")


def _owner(group: DiscussionGroup) -> User:
    return GroupMember.objects.get(group=group, role=GroupRole.OWNER).person


def _row(group: DiscussionGroup, person: User) -> GroupMember:
    return GroupMember.objects.get(group=group, person=person)


def _joins(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    return lambda: services.group_join(user=person, group=group)


def _leaves(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    return lambda: services.group_leave(user=person, group=group)


def _is_accepted(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    request = services.join_request_create(user=person, group=group)
    return lambda: services.join_request_decide(
        user=_owner(group), request_id=request.pk, accept=True
    )


def _accepts_invitation(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    invitation = open_invitation(group, person)
    return lambda: services.invitation_respond(
        user=person, invitation_id=invitation.pk, accept=True
    )


def _made_moderator(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    member = _row(group, person)
    return lambda: services.member_set_role(
        user=_owner(group), group=group, member_id=member.pk, role=GroupRole.MODERATOR
    )


def _muted(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    member = _row(group, person)
    return lambda: services.member_mute(
        user=_owner(group), group=group, member_id=member.pk, muted=True, reason="Ton"
    )


def _removed(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    member = _row(group, person)
    return lambda: services.member_remove(
        user=_owner(group), group=group, member_id=member.pk, reason="Lämnat staden"
    )


def _erased(group: DiscussionGroup, person: User) -> Callable[[], Any]:
    return lambda: erase_personal_data(person)


# (the group's access, whether the person is a member first, the change, the action asked)
SERVICES = {
    "group_join": ("open", False, _joins, "group.leave"),
    "group_leave": ("open", True, _leaves, "group.leave"),
    "join_request_decide": ("closed", False, _is_accepted, "group.read"),
    "invitation_respond": ("hidden", False, _accepts_invitation, "group.view"),
    "member_set_role": ("closed", True, _made_moderator, "group.moderate"),
    "member_mute": ("closed", True, _muted, "group.post"),
    "member_remove": ("closed", True, _removed, "group.read"),
    "erase_personal_data": ("closed", True, _erased, "group.read"),
}


@pytest.mark.parametrize("name", SERVICES)
def test_a_service_that_changes_a_membership_leaves_no_stale_answer_in_the_request(
    name: str,
) -> None:
    access, member, change, action = SERVICES[name]
    group = make_group(access=access)
    person = make_employee()
    if member:
        add_member(group, person)
    run = change(group, person)
    with group_permissions.memberships_read_once():
        before = can(person, action, group)  # the row is remembered from here
        run()
        after = can(person, action, group)
    assert after != before
    assert after == can(person, action, group)  # what the table says outside the memo


def _ask_then(write: Callable[[DiscussionGroup, User], Any], *, member: bool) -> tuple[bool, bool]:
    """Whether `person` moderates the closed group before and after `write`, in one request."""
    group = make_group(access="closed")
    person = make_employee()
    if member:
        add_member(group, person)
    with group_permissions.memberships_read_once():
        before = can(person, "group.moderate", group)
        write(group, person)
        return before, can(person, "group.moderate", group)


def _save_as_moderator(group: DiscussionGroup, person: User) -> None:
    row = _row(group, person)
    row.role = GroupRole.MODERATOR
    row.save(update_fields=["role"])


WRITES: dict[str, tuple[bool, Callable[[DiscussionGroup, User], Any]]] = {
    "create": (
        False,
        lambda g, p: GroupMember.objects.create(group=g, person=p, role=GroupRole.MODERATOR),
    ),
    "get_or_create": (
        False,
        lambda g, p: GroupMember.objects.get_or_create(
            group=g, person=p, defaults={"role": GroupRole.MODERATOR}
        ),
    ),
    "bulk_create": (
        False,
        lambda g, p: GroupMember.objects.bulk_create(
            [GroupMember(group=g, person=p, role=GroupRole.MODERATOR)]
        ),
    ),
    "save": (True, _save_as_moderator),
    "update": (
        True,
        lambda g, p: GroupMember.objects.filter(group=g, person=p).update(role=GroupRole.MODERATOR),
    ),
}


@pytest.mark.parametrize("name", WRITES)
def test_every_way_of_writing_a_membership_row_marks_the_memo(name: str) -> None:
    member, write = WRITES[name]
    assert _ask_then(write, member=member) == (False, True)


@pytest.mark.parametrize(
    "delete",
    [
        lambda g, p: _row(g, p).delete(),
        lambda g, p: GroupMember.objects.filter(group=g, person=p).delete(),
    ],
    ids=["instance", "queryset"],
)
def test_deleting_a_membership_row_marks_the_memo(
    delete: Callable[[DiscussionGroup, User], Any],
) -> None:
    group = make_group(access="closed")
    person = make_employee()
    add_member(group, person)
    with group_permissions.memberships_read_once():
        assert can(person, "group.read", group)
        delete(group, person)
        assert not can(person, "group.read", group)


def test_the_many_at_once_questions_answer_as_can_read_group_in_one_query_at_most(
    django_assert_max_num_queries,
) -> None:
    """`readable_among` (the digest) and `readers` (every notice) ask the one reading rule for
    many groups or people; each says what `can_read_group` says about each."""
    member, outsider = make_employee(), make_employee()
    resident = make_user()
    groups = [make_group(access=access, name=f"Grupp {access}") for access in ACCESSES]
    others = [make_group(access=access, name=f"Andra {access}") for access in ACCESSES]
    for group in groups:
        add_member(group, member)
    people = [member, outsider, resident]
    everything = groups + others
    for person in people:
        with django_assert_max_num_queries(1):
            read = group_permissions.readable_among(person, everything)
        assert read == {g.pk for g in everything if group_permissions.can_read_group(person, g)}
    for group in everything:
        with django_assert_max_num_queries(1):
            allowed = group_permissions.readers(group, people)
        assert allowed == [p for p in people if group_permissions.can_read_group(p, group)]
    # Open groups are read by every employee without asking for memberships.
    with django_assert_max_num_queries(0):
        assert group_permissions.readers(groups[0], people) == [member, outsider]
