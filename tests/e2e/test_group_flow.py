"""Discussion groups in the browser, with axe on every page state (issue 11, "done when").

An employee asks to join a closed group; its moderator accepts; the new member posts. A
non-member searches for a word of that post and finds nothing. Another member reports the post
and the moderator hides it from the moderation page. Every group page fits 390 px.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import User
from innovera.spreading.groups import services
from innovera.spreading.models import GroupMember, Post, PostStatus
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_foundation_pages import sign_in
from tests.e2e.test_spreading_flow import sign_out

pytestmark = pytest.mark.browser


def test_an_employee_joins_a_closed_group_posts_and_a_moderator_hides_the_reported_post(
    page: Any,
) -> None:
    demo_city_load()
    moderator = User.objects.get(email="samordnare@demo.example.org")
    reporter = User.objects.get(email="samordnare.farsta@demo.example.org")
    group = services.group_create(
        user=moderator,
        name="Nattpatrullens nätverk",
        purpose="Nattpersonal i hemtjänsten delar erfarenheter.",
        access="closed",
    )
    invitation = services.invitation_create(user=moderator, group=group, person=reporter)
    services.invitation_respond(user=reporter, invitation_id=invitation.pk, accept=True)

    # The employee finds the closed group by name, sees no posts, and asks to join.
    sign_in(page, "medarbetare@demo.example.org")
    page.goto("/grupper/")
    assert_accessible(page)
    page.get_by_role("link", name="Nattpatrullens nätverk").click()
    expect(page.get_by_text("Bara medlemmar läser gruppens inlägg.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Meddelande till moderatorerna (frivilligt)").fill(
        "Jag jobbar natt i Bromma."
    )
    page.get_by_role("button", name="Be om att få gå med").click()
    expect(page.get_by_text("Din begäran är skickad.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The moderator accepts from the member page.
    sign_in(page, "samordnare@demo.example.org")
    page.goto(group.get_absolute_url())
    page.get_by_role("link", name="Medlemmar").click()
    expect(page.get_by_text("Jag jobbar natt i Bromma.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Godkänn Mats Medarbetare").click()
    expect(page.get_by_text("Begäran är besvarad.")).to_be_visible()
    assert_accessible(page)
    assert GroupMember.objects.filter(group=group, person__email="medarbetare@demo.example.org")
    sign_out(page)

    # The new member writes a post with the keyboard.
    sign_in(page, "medarbetare@demo.example.org")
    page.goto(group.get_absolute_url())
    text = page.get_by_label("Text", exact=True)
    text.focus()
    page.keyboard.type("Vi testar nattkameror med samtycke i Bromma.")
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_text("Ditt inlägg är publicerat.")).to_be_visible()
    expect(page.get_by_text("Vi testar nattkameror med samtycke i Bromma.")).to_be_visible()
    assert_accessible(page)
    post = Post.objects.get(group=group)
    sign_out(page)

    # A non-member searches for a word of the post and finds nothing.
    sign_in(page, "jury@demo.example.org")
    page.goto("/sok/")
    page.get_by_label("Sökord").fill("nattkameror")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_role("heading", name="0 träffar för ”nattkameror”")).to_be_visible()
    assert "nattkameror med samtycke" not in page.content()
    assert_accessible(page)
    page.goto(post.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).not_to_have_text(
        "Tråd startad av Mats Medarbetare"
    )
    sign_out(page)

    # Another member reports the post; the moderator hides it from the moderation page.
    sign_in(page, "samordnare.farsta@demo.example.org")
    page.goto(post.get_absolute_url())
    page.get_by_text("Anmäl eller moderera").click()
    page.get_by_label("Varför anmäler du inlägget?").fill("Handlar om personuppgifter.")
    page.get_by_role("button", name="Anmäl till moderatorerna").click()
    expect(page.get_by_text("Tack. Moderatorerna tittar på inlägget.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "samordnare@demo.example.org")
    page.goto(group.get_absolute_url())
    page.get_by_role("link", name="Moderering").click()
    expect(page.get_by_text("Handlar om personuppgifter.")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Anmäl eller moderera").click()
    page.get_by_label("Vad ska göras").select_option(label="Dölj inlägget")
    page.get_by_label("Skäl (skribenten får veta det)").fill(
        "Känsliga uppgifter – skriv om utan namn."
    )
    page.get_by_role("button", name="Moderera").click()
    expect(page.get_by_text("Inlägget är modererat; skribenten får veta varför.")).to_be_visible()
    expect(page.get_by_text("Inga anmälda inlägg.")).to_be_visible()
    assert_accessible(page)
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
