"""Groups for tests: made through the services, as people make them."""

from __future__ import annotations

from typing import Any

from innovera.organisations.models import User
from innovera.organisations.tests.factories import make_unit, make_user
from innovera.spreading.groups import services
from innovera.spreading.models import DiscussionGroup, GroupInvitation


def make_employee(**fields: Any) -> User:
    return make_user(unit=fields.pop("unit", None) or make_unit(), **fields)


def make_group(
    *,
    access: str = "open",
    owner: User | None = None,
    members: tuple[User, ...] = (),
    name: str = "Förbättringsgruppen",
    **fields: Any,
) -> DiscussionGroup:
    owner = owner or make_employee()
    group = services.group_create(
        user=owner,
        name=name,
        purpose=fields.pop("purpose", "Vi delar det som fungerar."),
        access=access,
        **fields,
    )
    for person in members:
        add_member(group, person)
    return group


def add_member(group: DiscussionGroup, person: User) -> None:
    """Through an invitation, the way into every kind of group."""
    owner = group.members.filter(role="owner").select_related("person").first()
    assert owner is not None
    invitation = services.invitation_create(user=owner.person, group=group, person=person)
    services.invitation_respond(user=person, invitation_id=invitation.pk, accept=True)


def open_invitation(group: DiscussionGroup, person: User, **kwargs: Any) -> GroupInvitation:
    owner = group.members.filter(role="owner").select_related("person").first()
    assert owner is not None
    return services.invitation_create(user=owner.person, group=group, person=person, **kwargs)
