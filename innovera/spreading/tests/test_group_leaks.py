"""A closed or hidden group's posts never reach a non-member, on any channel: the group list,
the group page, the thread, the attachment, the cross-app search page and its API, the groups
API and the posts API, notices and e-mail, "Mitt arbete", the follow-up's figures. One test per
channel, for both kinds of group, and the member's view beside it so no test passes by showing
nothing to anyone."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from innovera.core.registry import innovera_apps
from innovera.organisations.tests.factories import make_user
from innovera.spreading.groups import services
from innovera.spreading.models import Notice
from innovera.spreading.tests.group_factories import add_member, make_employee, make_group

pytestmark = pytest.mark.django_db

SECRET = "Kvittoskannern i Tensta sparar tre timmar"
WORD = "kvittoskannern"
PRIVATE = ["closed", "hidden"]


def client_for(person) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


@pytest.fixture
def setting():
    """A private group with a post (and an attachment), a member and an outsider."""

    def make(access: str):
        member = make_employee(full_name="Maja Medlem")
        group = make_group(access=access, name=f"Gruppen {access}", members=(member,))
        post = services.post_create(
            user=member,
            group=group,
            text=SECRET,
            uploads=[SimpleUploadedFile("kvitto.txt", b"hemligt", content_type="text/plain")],
        )
        outsider = make_employee(full_name="Otto Utanför")
        return group, post, member, outsider

    return make


@pytest.mark.parametrize("access", PRIVATE)
def test_the_group_list_names_a_closed_group_and_never_a_hidden_one(setting, access) -> None:
    group, _post, member, outsider = setting(access)
    listing = client_for(outsider).get(reverse("spreading:group_list")).content.decode()
    assert (group.name in listing) is (access == "closed")
    assert SECRET not in listing
    assert group.name in client_for(member).get(reverse("spreading:group_list")).content.decode()


@pytest.mark.parametrize("access", PRIVATE)
def test_a_private_group_page_shows_an_outsider_no_post(setting, access) -> None:
    group, _post, member, outsider = setting(access)
    response = client_for(outsider).get(group.get_absolute_url())
    if access == "hidden":
        assert response.status_code == 404
    else:
        page = response.content.decode()
        assert response.status_code == 200 and group.purpose in page
        assert SECRET not in page and "Maja Medlem" not in page
    assert SECRET in client_for(member).get(group.get_absolute_url()).content.decode()


@pytest.mark.parametrize("access", PRIVATE)
@pytest.mark.parametrize("who", ["anonymous", "resident", "outsider"])
def test_a_private_thread_and_its_attachment_are_not_found_by_a_non_member(
    setting, access, who
) -> None:
    group, post, member, outsider = setting(access)
    person = {"anonymous": None, "resident": make_user(), "outsider": outsider}[who]
    attachment = post.attachments.get()
    file_url = reverse(
        "spreading:group_post_attachment",
        kwargs={"slug": group.slug, "pk": post.pk, "attachment_id": attachment.pk},
    )
    client = client_for(person)
    thread = client.get(post.get_absolute_url())
    download = client.get(file_url)
    if person is None:
        # Signed out: asked to sign in, before anything is looked up.
        assert thread.status_code == download.status_code == 302
    else:
        assert thread.status_code == download.status_code == 404
    member_client = client_for(member)
    assert SECRET in member_client.get(post.get_absolute_url()).content.decode()
    mine: Any = member_client.get(file_url)
    assert b"".join(mine.streaming_content) == b"hemligt"


@pytest.mark.parametrize("access", PRIVATE)
@pytest.mark.parametrize("who", ["anonymous", "resident", "outsider"])
def test_the_cross_app_search_finds_a_private_post_only_for_members(setting, access, who) -> None:
    _group, _post, member, outsider = setting(access)
    person = {"anonymous": None, "resident": make_user(), "outsider": outsider}[who]
    client = client_for(person)
    page = client.get(reverse("core:search"), {"q": WORD}).content.decode()
    api = client.get("/api/v1/search/", {"q": WORD}).json()
    assert SECRET not in page
    assert SECRET not in str(api)
    member_page = client_for(member).get(reverse("core:search"), {"q": WORD}).content.decode()
    assert SECRET in member_page
    assert SECRET in str(client_for(member).get("/api/v1/search/", {"q": WORD}).json())


@pytest.mark.parametrize("access", PRIVATE)
def test_the_search_providers_give_outsiders_nothing_of_the_group(setting, access) -> None:
    _group, _post, member, outsider = setting(access)
    for person in (AnonymousUser(), make_user(), outsider):
        for config in innovera_apps():
            hits = config.search(person, WORD, 10)
            assert all(SECRET not in hit.summary for hit in hits)
    spreading = next(c for c in innovera_apps() if c.label == "spreading")
    assert [hit.summary for hit in spreading.search(member, WORD, 10)] == [SECRET]


@pytest.mark.parametrize("access", PRIVATE)
def test_the_api_lists_a_hidden_group_to_members_only_and_its_posts_404(setting, access) -> None:
    group, _post, member, outsider = setting(access)
    outside = client_for(outsider)
    slugs = [row["slug"] for row in outside.get("/api/v1/groups/").json()["results"]]
    assert (group.slug in slugs) is (access == "closed")
    posts_url = f"/api/v1/groups/{group.slug}/posts/"
    assert outside.get(posts_url).status_code == 404
    assert client_for(make_user()).get(posts_url).status_code == 404
    assert Client().get(posts_url).status_code in (401, 403)
    inside = client_for(member).get(posts_url).json()
    assert [row["text"] for row in inside["results"]] == [SECRET]


@pytest.mark.parametrize("access", PRIVATE)
def test_posting_to_a_private_group_one_is_not_in_is_refused_and_nothing_is_stored(
    setting, access
) -> None:
    group, _post, _member, outsider = setting(access)
    before = group.posts.count()
    response = client_for(outsider).post(
        f"/api/v1/groups/{group.slug}/posts/",
        {"text": "Får jag vara med?"},
        content_type="application/json",
    )
    if access == "hidden":
        assert response.status_code == 404
    else:
        assert response.status_code == 403
        assert "medlemmar" in response.json()["detail"]
    page = client_for(outsider).post(
        reverse("spreading:group_post_create", kwargs={"slug": group.slug}), {"text": "Hej"}
    )
    assert page.status_code == (404 if access == "hidden" else 403)
    assert group.posts.count() == before


@pytest.mark.parametrize("access", PRIVATE)
def test_no_notice_or_mail_reaches_someone_who_left_or_was_never_in(setting, access) -> None:
    group, post, member, outsider = setting(access)
    leaver = make_employee(email="lena.lamnar@example.org")
    add_member(group, leaver)
    services.follow_set(user=leaver, group=group, thread=post, follow=True)
    services.group_leave(user=leaver, group=group)
    # A follow left behind (made while a member) must not carry notices either.
    from innovera.spreading.models import GroupFollow

    GroupFollow.objects.create(person=leaver, group=group, thread=post)
    Notice.objects.all().delete()
    mail.outbox.clear()
    local = outsider.email.split("@")[0]
    services.post_create(
        user=member, group=group, parent=post, text=f"Svar till @{local} och @lena.lamnar"
    )
    assert not Notice.objects.filter(user__in=[leaver, outsider]).exists()
    assert all(outsider.email not in m.to and leaver.email not in m.to for m in mail.outbox)
    notices = client_for(outsider).get(reverse("spreading:notices")).content.decode()
    assert group.name not in notices


@pytest.mark.parametrize("access", PRIVATE)
def test_my_work_shows_the_groups_queue_to_its_moderators_only(setting, access) -> None:
    group, post, member, outsider = setting(access)
    services.post_report(user=make_reporter(group), post=post, reason="Fel ställe")
    spreading = next(c for c in innovera_apps() if c.label == "spreading")
    owner = group.members.get(role="owner").person
    labels = [str(item.label) for item in spreading.my_work(owner)]
    assert any(group.name in label for label in labels)
    for person in (member, outsider):
        assert not any(group.name in str(item.label) for item in spreading.my_work(person))


def make_reporter(group):
    person = make_employee()
    add_member(group, person)
    return person
