"""The URL walk's samples for discussion groups (merged into url_samples.py).

The group is closed: the demo's coordinator owns it and the demo's employee is a member, so the
walk sees members allowed, other employees refused (or 404 for the posts) and residents 404.
A request that uses its object up (joining, leaving, answering) gets a fresh group or request
of the same shape each time, while `obj` stays the one the table is asked about.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from django.core.files.uploadedfile import SimpleUploadedFile

from innovera.core.url_walk import NOT_FOUND, OK, SIGN_IN, Sample
from innovera.organisations.models import Unit, User
from innovera.spreading.groups import services
from innovera.spreading.models import DiscussionGroup, GroupMember

_fresh = itertools.count(1)


def group_url_samples() -> dict[str, Sample]:
    owner = User.objects.get(email="samordnare@demo.example.org")
    member = User.objects.get(email="medarbetare@demo.example.org")
    jury = User.objects.get(email="jury@demo.example.org")

    def make(access: str, name: str) -> DiscussionGroup:
        group = services.group_create(
            user=owner, name=name, purpose="Vandringens grupp.", access=access
        )
        services.invitation_create(user=owner, group=group, person=member)
        invitation = member.group_invitations.get(group=group)
        services.invitation_respond(user=member, invitation_id=invitation.pk, accept=True)
        return group

    closed = make("closed", "Vandringens slutna grupp")
    opened = make("open", "Vandringens öppna grupp")
    post = services.post_create(
        user=member,
        group=closed,
        text="Vandringens inlägg",
        uploads=[SimpleUploadedFile("plan.txt", b"Plan", content_type="text/plain")],
    )
    attachment = post.attachments.get()
    membership = GroupMember.objects.get(group=closed, person=member)

    def fresh(access: str) -> dict[str, str]:
        return {"slug": make(access, f"Vandringens grupp {next(_fresh)}").slug}

    def fresh_request() -> dict[str, object]:
        asker = User.objects.create_user(
            email=f"vandrare{next(_fresh)}@example.org",
            full_name="Vandrare",
            password="x" * 16,
            unit=Unit.objects.get(slug="bromma"),
        )
        made = services.join_request_create(user=asker, group=closed)
        return {"slug": closed.slug, "pk": made.pk}

    def fresh_invitation() -> dict[str, int]:
        invited = services.invitation_create(
            user=owner, group=make("closed", f"Vandringens grupp {next(_fresh)}"), person=jury
        )
        return {"pk": invited.pk}

    on_group = Sample(
        {"slug": closed.slug}, obj=closed, hidden_unless="group.view", signed_in_only=True
    )
    group_post = replace(on_group, method="post")
    on_post = Sample(
        {"slug": closed.slug, "pk": post.pk},
        obj=post,
        hidden_unless="group_post.view",
        signed_in_only=True,
    )
    reader_only = replace(on_group, hidden_unless="group.read")
    others = ("resident", "employee", "coordinator", "innovation_office", "administrator")
    return {
        "spreading:group_list": Sample(),
        "spreading:group_create": Sample(),
        "spreading:group_invitations": Sample(),
        # One's own invitation: only the jury account is invited; for the others it is not
        # there (404).
        "spreading:group_invitation_respond": Sample(
            fresh_invitation,
            method="post",
            data={"accept": "0"},
            expect={"anonymous": SIGN_IN, "jury": OK, **dict.fromkeys(others, NOT_FOUND)},
        ),
        "spreading:group_detail": on_group,
        "spreading:group_post_create": replace(group_post, data={"text": "Ett inlägg"}),
        "spreading:group_join": replace(group_post, kwargs=lambda: fresh("open"), obj=opened),
        "spreading:group_ask": group_post,
        "spreading:group_leave": replace(group_post, kwargs=lambda: fresh("closed")),
        "spreading:group_follow": replace(group_post, data={"follow": "1"}),
        "spreading:group_members": on_group,
        "spreading:group_invite": replace(group_post, data={"email": jury.email}),
        "spreading:group_request_decide": replace(
            group_post, kwargs=fresh_request, data={"accept": "0"}
        ),
        "spreading:group_member_manage": replace(
            group_post,
            kwargs={"slug": closed.slug, "pk": membership.pk},
            data={"action": "unmute"},
        ),
        "spreading:group_moderation": on_group,
        "spreading:group_thread": on_post,
        "spreading:group_post_reply": replace(on_post, method="post", data={"text": "Ett svar"}),
        "spreading:group_thread_follow": replace(
            reader_only, kwargs={"slug": closed.slug, "pk": post.pk}, method="post"
        ),
        "spreading:group_post_report": replace(
            on_post, method="post", data={"reason": "Vandringens anmälan"}
        ),
        "spreading:group_post_moderate": replace(
            on_post, method="post", data={"action": "restore"}
        ),
        "spreading:group_post_attachment": replace(
            on_post, kwargs={"slug": closed.slug, "pk": post.pk, "attachment_id": attachment.pk}
        ),
        "api:spreading:group_list": Sample(),
        "api:spreading:group_posts": replace(reader_only),
    }
