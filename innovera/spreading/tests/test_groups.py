"""Discussion groups: joining, asking, inviting, posting, mentions, following, moderation."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from innovera.core.exceptions import ApplicationError, PermissionRefused
from innovera.core.models import AuditEntry
from innovera.organisations.tests.factories import make_user
from innovera.spreading.groups import markup, selectors, services
from innovera.spreading.models import GroupMember, JoinRequest, Notice, Post, PostStatus
from innovera.spreading.tests.group_factories import (
    add_member,
    make_employee,
    make_group,
    open_invitation,
)

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_an_employee_creates_a_group_through_the_api_and_is_its_owner_and_member() -> None:
    creator = make_employee()
    response = client_for(creator).post(
        "/api/v1/groups/",
        {"slug": "lyft-och-forflyttning", "name": "Lyft", "purpose": "Tips", "access": "closed"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["member_count"] == 1 and body["access"] == "closed"
    assert body["url"].endswith("/grupper/lyft-och-forflyttning/")
    assert GroupMember.objects.get(group__slug="lyft-och-forflyttning").person == creator
    assert GroupMember.objects.get(person=creator).role == "owner"


def test_a_resident_may_not_create_or_list_groups() -> None:
    resident = make_user()
    client = client_for(resident)
    created = client.post(
        "/api/v1/groups/",
        {"name": "X", "purpose": "Y", "access": "open"},
        content_type="application/json",
    )
    assert created.status_code == 403
    assert "medarbetare" in created.json()["detail"]
    assert client.get(reverse("spreading:group_list")).status_code == 403


def test_bad_group_input_names_the_field_in_swedish() -> None:
    creator = make_employee()
    make_group(owner=creator, slug="tagen")
    response = client_for(creator).post(
        "/api/v1/groups/",
        {"slug": "tagen", "name": "Ny", "purpose": "Ja", "access": "open"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"slug": ["En annan grupp har det här adressnamnet."]}
    page = client_for(creator).post(
        reverse("spreading:group_create"),
        {"name": "Namnet stannar", "purpose": "", "access": "open"},
    )
    text = page.content.decode()
    assert page.status_code == 200 and "Namnet stannar" in text


def test_an_employee_joins_an_open_group_at_once_and_reads_before_joining() -> None:
    group = make_group(access="open")
    author = make_employee()
    add_member(group, author)
    services.post_create(user=author, group=group, text="Öppet för alla medarbetare")
    reader = make_employee()
    page = client_for(reader).get(group.get_absolute_url()).content.decode()
    assert "Öppet för alla medarbetare" in page and "Gå med i gruppen" in page
    client_for(reader).post(reverse("spreading:group_join", kwargs={"slug": group.slug}))
    assert GroupMember.objects.filter(group=group, person=reader).exists()


def test_a_closed_group_request_is_accepted_by_a_moderator_and_the_new_member_posts() -> None:
    owner = make_employee()
    group = make_group(access="closed", owner=owner)
    asker = make_employee(full_name="Amir Ansökare")
    client = client_for(asker)
    client.post(reverse("spreading:group_ask", kwargs={"slug": group.slug}), {"message": "Hej!"})
    request = JoinRequest.objects.get(group=group, person=asker)
    assert Notice.objects.filter(user=owner, text__contains="Amir Ansökare").exists()
    # Not a member yet: still refused.
    refused = client.post(
        reverse("spreading:group_post_create", kwargs={"slug": group.slug}), {"text": "Hej"}
    )
    assert refused.status_code == 403

    members_page = client_for(owner).get(
        reverse("spreading:group_members", kwargs={"slug": group.slug})
    )
    assert "Amir Ansökare" in members_page.content.decode()
    client_for(owner).post(
        reverse("spreading:group_request_decide", kwargs={"slug": group.slug, "pk": request.pk}),
        {"accept": "1"},
    )
    assert GroupMember.objects.filter(group=group, person=asker).exists()
    assert AuditEntry.objects.filter(action="group.request_accept", person=asker).exists()
    posted = client.post(
        reverse("spreading:group_post_create", kwargs={"slug": group.slug}),
        {"text": "Tack för att jag fick vara med"},
    )
    assert posted.status_code == 302
    assert group.posts.get().author == asker


def test_a_declined_request_leaves_the_person_outside_and_tells_them() -> None:
    owner = make_employee()
    group = make_group(access="closed", owner=owner)
    asker = make_employee()
    request = services.join_request_create(user=asker, group=group)
    services.join_request_decide(user=owner, request_id=request.pk, accept=False)
    assert not GroupMember.objects.filter(group=group, person=asker).exists()
    notice = Notice.objects.get(user=asker)
    assert "avböjdes" in notice.text and notice.url == reverse("spreading:group_list")
    with pytest.raises(ApplicationError):
        services.join_request_decide(user=owner, request_id=request.pk, accept=True)


def test_only_moderators_answer_requests() -> None:
    group = make_group(access="closed")
    member = make_employee()
    add_member(group, member)
    request = services.join_request_create(user=make_employee(), group=group)
    with pytest.raises(PermissionRefused):
        services.join_request_decide(user=member, request_id=request.pk, accept=True)


def test_an_expired_invitation_is_refused_even_after_a_password_reset() -> None:
    group = make_group(access="hidden")
    invited = make_employee(email="ines@example.org")
    invitation = open_invitation(group, invited, days=1)
    client = Client()
    client.post(reverse("organisations:password_reset"), {"email": "ines@example.org"})
    match = re.search(r"/konto/losenord/(\S+)/(\S+)/", str(mail.outbox[-1].body))
    assert match is not None
    form_page = client.get(match.group(0), follow=True)
    new = "ny-lång-fras-om-vintern-7"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    signed_in = client.post(
        reverse("organisations:login"), {"username": "ines@example.org", "password": new}
    )
    assert signed_in.status_code == 302
    type(invitation).objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = client.post(
        reverse("spreading:group_invitation_respond", kwargs={"pk": invitation.pk}),
        {"accept": "1"},
        follow=True,
    )
    assert "Inbjudan gick ut" in page.content.decode()
    assert not GroupMember.objects.filter(group=group, person=invited).exists()
    assert client.get(group.get_absolute_url()).status_code == 404
    api = client.get(f"/api/v1/groups/{group.slug}/posts/")
    assert api.status_code == 404


def test_a_valid_invitation_lets_the_person_into_a_hidden_group() -> None:
    group = make_group(access="hidden")
    invited = make_employee()
    invitation = open_invitation(group, invited)
    assert client_for(invited).get(group.get_absolute_url()).status_code == 404
    listing = client_for(invited).get(reverse("spreading:group_invitations")).content.decode()
    assert group.name in listing
    client_for(invited).post(
        reverse("spreading:group_invitation_respond", kwargs={"pk": invitation.pk}),
        {"accept": "1"},
    )
    assert client_for(invited).get(group.get_absolute_url()).status_code == 200


def test_markdown_is_rendered_and_sanitised() -> None:
    html = markup.render(
        "**Fet** och [länk](javascript:alert(1)) <script>alert(2)</script> [ok](https://stad.se)",
        markdown=True,
    )
    assert "<strong>Fet</strong>" in html
    assert 'href="javascript' not in html and "<script" not in html
    assert 'href="https://stad.se"' in html and "noopener" in html
    plain = markup.render("<b>inte fet</b>\nrad två", markdown=False)
    assert "&lt;b&gt;" in plain and "<br>" in plain


def test_a_mention_notifies_the_mentioned_member_by_notice_and_mail(
    django_capture_on_commit_callbacks,
) -> None:
    group = make_group(access="closed")
    author, named = make_employee(), make_employee(email="nina.nyfiken@example.org")
    add_member(group, author)
    add_member(group, named)
    Notice.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(
            user=author, group=group, text="Vad tycker @nina.nyfiken?", markdown=True
        )
    notice = Notice.objects.get(user=named)
    assert "nämnde dig" in notice.text and notice.url == post.get_absolute_url()
    assert [m.to for m in mail.outbox if "nämnde dig" in m.subject] == [[named.email]]


def test_followers_of_a_group_and_of_a_thread_are_told() -> None:
    group = make_group(access="open")
    author, follower, thread_follower = make_employee(), make_employee(), make_employee()
    for person in (author, follower, thread_follower):
        add_member(group, person)
    services.follow_set(user=thread_follower, group=group, follow=False)
    Notice.objects.all().delete()
    post = services.post_create(user=author, group=group, text="En ny tråd")
    assert Notice.objects.filter(user=follower, text__contains="Nytt inlägg").exists()
    assert not Notice.objects.filter(user=thread_follower).exists()
    services.follow_set(user=thread_follower, group=group, thread=post, follow=True)
    services.post_create(user=follower, group=group, parent=post, text="Ett svar")
    assert Notice.objects.filter(user=thread_follower, text__contains="Nytt svar").exists()
    assert Notice.objects.filter(user=author, text__contains="Nytt svar").exists()


def test_a_reported_post_is_hidden_by_a_moderator_the_author_is_told_and_it_is_logged() -> None:
    owner = make_employee()
    group = make_group(access="closed", owner=owner)
    author, reporter = make_employee(), make_employee()
    add_member(group, author)
    add_member(group, reporter)
    post = services.post_create(user=author, group=group, text="Köp mina grejer")
    client_for(reporter).post(
        reverse("spreading:group_post_report", kwargs={"slug": group.slug, "pk": post.pk}),
        {"reason": "Reklam"},
    )
    queue = (
        client_for(owner)
        .get(reverse("spreading:group_moderation", kwargs={"slug": group.slug}))
        .content.decode()
    )
    assert "Reklam" in queue and "Köp mina grejer" in queue
    client_for(owner).post(
        reverse("spreading:group_post_moderate", kwargs={"slug": group.slug, "pk": post.pk}),
        {"action": "hide", "reason": "Reklam hör inte hit"},
    )
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    assert Notice.objects.filter(user=author, text__contains="Reklam hör inte hit").exists()
    assert AuditEntry.objects.filter(action="group.report").exists()
    assert AuditEntry.objects.filter(action="group.post_hide", person=author).exists()
    assert (
        "Köp mina grejer" not in client_for(reporter).get(group.get_absolute_url()).content.decode()
    )
    assert client_for(reporter).get(post.get_absolute_url()).status_code == 404
    assert "Köp mina grejer" in client_for(author).get(post.get_absolute_url()).content.decode()
    assert selectors.reported_posts(group=group) == []


def test_a_removed_post_loses_its_text_and_attachments() -> None:
    owner = make_employee()
    group = make_group(access="open", owner=owner)
    post = services.post_create(
        user=owner,
        group=group,
        text="Fel fil",
        uploads=[SimpleUploadedFile("a.txt", b"x", content_type="text/plain")],
    )
    services.post_moderate(user=owner, post_id=post.pk, action="remove", reason="Fel fil")
    post.refresh_from_db()
    assert post.text == "" and post.html == "" and not post.attachments.exists()
    assert AuditEntry.objects.filter(action="group.post_remove").exists()


def test_a_moderator_must_say_why() -> None:
    owner = make_employee()
    group = make_group(owner=owner)
    post = services.post_create(user=owner, group=group, text="Text")
    with pytest.raises(ApplicationError) as refused:
        services.post_moderate(user=owner, post_id=post.pk, action="hide", reason=" ")
    assert refused.value.field == "reason"


def test_a_muted_member_reads_but_may_not_write_and_a_removed_one_is_outside() -> None:
    owner = make_employee()
    group = make_group(access="closed", owner=owner)
    member = make_employee()
    add_member(group, member)
    row = GroupMember.objects.get(group=group, person=member)
    services.member_mute(user=owner, group=group, member_id=row.pk, muted=True, reason="Ton")
    with pytest.raises(PermissionRefused) as refused:
        services.post_create(user=member, group=group, text="Hallå")
    assert "tystad" in str(refused.value.message)
    assert client_for(member).get(group.get_absolute_url()).status_code == 200
    services.member_remove(user=owner, group=group, member_id=row.pk, reason="Upprepat")
    assert not GroupMember.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(action="group.mute").exists()
    assert AuditEntry.objects.filter(action="group.remove_member", person=member).exists()
    assert Post.objects.filter(group=group).count() == 0


def test_empty_text_and_a_bad_attachment_are_refused_at_their_field_and_nothing_is_stored() -> None:
    owner = make_employee()
    group = make_group(owner=owner)
    url = reverse("spreading:group_post_create", kwargs={"slug": group.slug})
    empty = client_for(owner).post(url, {"text": "   "})
    assert empty.status_code == 400
    disguised = SimpleUploadedFile("bild.png", b"not a png", content_type="image/png")
    bad = client_for(owner).post(url, {"text": "Min text stannar", "attachment": disguised})
    page = bad.content.decode()
    assert bad.status_code == 400 and "Min text stannar" in page
    assert "(.png)" in page
    assert group.posts.count() == 0


def test_the_group_list_answers_in_a_fixed_number_of_queries(django_assert_num_queries) -> None:
    person = make_employee()
    for n in range(3):
        make_group(name=f"Grupp {n}", access="open", members=(person,))
    with django_assert_num_queries(1):
        groups = selectors.group_list(user=person)
    assert [getattr(g, "member_count", None) for g in groups] == [2, 2, 2]
    assert all(getattr(g, "is_member", False) for g in groups)
    for n in range(3):
        make_group(name=f"Fler {n}", access="closed")
    with django_assert_num_queries(1):
        assert len(selectors.group_list(user=person)) == 6


def _membership_reads(queries: CaptureQueriesContext) -> int:
    """How often a page read one person's membership row of the group."""
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "spreading_groupmember"."id"')
    )


@pytest.mark.parametrize("access", ["open", "closed", "hidden"])
def test_a_group_page_and_a_thread_read_the_membership_once_and_not_more_for_more_posts(
    access: str,
) -> None:
    owner = make_employee()
    group = make_group(access=access, owner=owner)
    reader = make_employee()
    add_member(group, reader)
    client = client_for(reader)
    page = reverse("spreading:group_detail", kwargs={"slug": group.slug})

    def queries_with(threads: int, members: int) -> tuple[int, int, int, int]:
        while group.members.count() < members:
            add_member(group, make_employee())
        while group.posts.filter(parent__isnull=True).count() < threads:
            thread = services.post_create(user=owner, group=group, text="En tråd")
            services.post_create(user=reader, group=group, parent=thread, text="Ett svar")
        first = group.posts.filter(parent__isnull=True).earliest("id").get_absolute_url()
        client.get(page)  # the menu's counts are cached per person after the first page
        with CaptureQueriesContext(connection) as on_page:
            assert client.get(page).status_code == 200
        with CaptureQueriesContext(connection) as on_thread:
            assert client.get(first).status_code == 200
        return (
            len(on_page),
            _membership_reads(on_page),
            len(on_thread),
            _membership_reads(on_thread),
        )

    few, many = queries_with(2, 3), queries_with(6, 8)
    assert few == many
    assert few[1] == 1 and few[3] == 1


def _follower_queries(access: str, followers: int, on_commit: Any) -> tuple[int, list[str]]:
    """The queries of one new thread in a group with that many followers besides its author,
    and the addresses mailed at once (one follower chose the weekly digest)."""
    from innovera.ideas import services as idea_services

    author = make_employee()
    group = make_group(access=access, owner=author)
    people = [make_employee() for _ in range(followers)]
    for member in people:
        add_member(group, member)
    idea_services.notification_setting_save(user=people[0], weekly_digest=True)
    Notice.objects.all().delete()
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries, on_commit(execute=True):
        post = services.post_create(user=author, group=group, text="Något nytt")
    told = Notice.objects.filter(text__contains="Nytt inlägg", url=post.get_absolute_url())
    assert sorted(told.values_list("user_id", flat=True)) == sorted(p.pk for p in people)
    assert not told.filter(user=people[0], emailed_at__isnull=False).exists()
    assert told.filter(emailed_at__isnull=False).count() == followers - 1
    return len(queries), sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.parametrize("access", ["open", "closed"])
def test_a_new_post_tells_every_follower_in_the_same_queries_for_2_and_20(
    access: str, django_capture_on_commit_callbacks: Any
) -> None:
    few, few_mailed = _follower_queries(access, 2, django_capture_on_commit_callbacks)
    many, many_mailed = _follower_queries(access, 20, django_capture_on_commit_callbacks)
    assert few == many
    # Each follower mailed alone, and the one who chose the digest not at all.
    assert len(few_mailed) == 1 and len(many_mailed) == 19


def test_the_digest_reads_the_group_notices_in_the_same_queries_for_2_and_20() -> None:
    from django.utils import timezone as tz

    from innovera.ideas import services as idea_services

    reader, author = make_employee(), make_employee()
    open_group = make_group(access="open", owner=author, name="Öppen")
    closed_group = make_group(access="closed", owner=author, name="Sluten")
    left_group = make_group(access="closed", owner=author, name="Lämnad")
    for group in (open_group, closed_group, left_group):
        add_member(group, reader)
    idea_services.notification_setting_save(user=reader, weekly_digest=True)
    services.group_leave(user=reader, group=left_group)

    def digest_with(posts: int) -> tuple[int, int]:
        Notice.objects.filter(user=reader).delete()
        for n in range(posts):
            for group in (open_group, closed_group):
                services.post_create(user=author, group=group, text=f"Nyhet {n}")
            # Still a notice from before leaving: marked, never mailed.
            Notice.objects.create(user=reader, text="Gammalt", url="/", group=left_group)
        with CaptureQueriesContext(connection) as queries:
            lines = services.digest_lines(user=reader, now=tz.now())
        assert not Notice.objects.filter(user=reader, emailed_at__isnull=True).exists()
        assert all(line.text != "Gammalt" for line in lines)
        return len(queries), len(lines)

    few, many = digest_with(2), digest_with(20)
    assert few[1] == 4 and many[1] == 40
    assert few[0] == many[0]


def test_the_only_owner_may_not_leave() -> None:
    owner = make_employee()
    group = make_group(owner=owner)
    with pytest.raises(ApplicationError):
        services.group_leave(user=owner, group=group)
    assert GroupMember.objects.filter(group=group, person=owner).exists()


def test_the_only_owner_leaving_from_the_page_is_told_why_on_the_group_page() -> None:
    owner = make_employee()
    group = make_group(owner=owner)
    answer = client_for(owner).post(
        reverse("spreading:group_leave", kwargs={"slug": group.slug}), secure=True, follow=True
    )
    assert answer.redirect_chain[-1][0] == group.get_absolute_url()
    assert "Du är gruppens enda ägare" in answer.content.decode()
    assert GroupMember.objects.filter(group=group, person=owner).exists()


def test_the_weekly_digest_carries_group_notices_once_and_only_while_one_may_read_them(
    django_capture_on_commit_callbacks,
) -> None:
    from innovera.ideas import services as idea_services

    group = make_group(access="closed", name="Sluten grupp för sammanfattning")
    author, reader, leaver = make_employee(), make_employee(), make_employee()
    for person in (author, reader, leaver):
        add_member(group, person)
        idea_services.notification_setting_save(user=person, weekly_digest=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(user=author, group=group, text="Veckans nyhet")
    # Chose the digest: no single e-mail now.
    assert not [m for m in mail.outbox if reader.email in m.to]
    services.group_leave(user=leaver, group=group)

    with django_capture_on_commit_callbacks(execute=True):
        assert idea_services.digests_send() == 1
    digest = [m for m in mail.outbox if m.to == [reader.email]]
    assert len(digest) == 1 and "Sluten grupp för sammanfattning" in digest[0].body
    assert not [m for m in mail.outbox if leaver.email in m.to]
    assert idea_services.digests_send() == 0


def test_a_post_by_a_member_who_chose_english_tells_the_followers_in_swedish(
    django_capture_on_commit_callbacks,
) -> None:
    group = make_group(access="open")
    author, follower = make_employee(), make_employee(email="fia.foljare@example.org")
    for member in (author, follower):
        add_member(group, member)
    Notice.objects.all().delete()
    mail.outbox.clear()
    client = client_for(author)
    client.cookies["innovera_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("spreading:group_post_create", kwargs={"slug": group.slug}),
            {"text": "A new thread"},
            follow=True,
        )
    assert "Your post is published." in page.content.decode()  # the author's own page
    notice = Notice.objects.get(user=follower)
    assert "Nytt inlägg" in notice.text and "New post" not in notice.text
    (sent,) = [message for message in mail.outbox if follower.email in message.to]
    assert "Nytt inlägg" in sent.subject
    assert "New post" not in sent.body


def test_a_membership_change_rolled_back_is_not_remembered_for_the_rest_of_the_request() -> None:
    from django.db import transaction

    from innovera.core.permissions import can
    from innovera.spreading.groups import permissions as group_permissions

    group = make_group(access="closed")
    outsider = make_employee()
    with group_permissions.memberships_read_once():
        assert not can(outsider, "group.read", group)
        try:
            with transaction.atomic():
                # No call to forget: writing the row marks the memo by itself.
                GroupMember.objects.create(group=group, person=outsider)
                assert can(outsider, "group.read", group)
                raise RuntimeError("the rest of the service failed")
        except RuntimeError:
            pass
        assert not can(outsider, "group.read", group)
