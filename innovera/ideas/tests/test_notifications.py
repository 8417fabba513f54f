"""Notifications: single e-mails by default, or one weekly digest for those who choose it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from innovera.ideas import services
from innovera.ideas.models import Follow, Notification, Stage
from innovera.ideas.tests.factories import make_idea, make_office
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_follower_gets_an_email_for_each_move_by_default() -> None:
    idea = make_idea(unit=make_unit())
    follower = make_user()
    Follow.objects.create(idea=idea, user=follower)

    services.idea_move(
        user=make_office(), idea_id=idea.pk, to_stage=Stage.objects.get(key="in_review")
    )

    assert follower.email in [m.to[0] for m in mail.outbox]


def test_a_follower_who_chose_the_digest_gets_one_weekly_email(client: Client) -> None:
    idea = make_idea(unit=make_unit(), title="Sopsaltaren")
    follower = make_user()
    Follow.objects.create(idea=idea, user=follower)
    client.force_login(follower)
    client.post(reverse("ideas:notifications"), {"weekly_digest": "on"})
    office = make_office()

    services.idea_move(user=office, idea_id=idea.pk, to_stage=Stage.objects.get(key="in_review"))
    services.idea_move(user=office, idea_id=idea.pk, to_stage=Stage.objects.get(key="prioritised"))
    assert follower.email not in [m.to[0] for m in mail.outbox]

    assert services.digests_send() == 1
    digest = [m for m in mail.outbox if m.to == [follower.email]]
    assert len(digest) == 1
    assert digest[0].body.count("Sopsaltaren") == 2
    assert services.digests_send() == 0
    assert not Notification.objects.filter(user=follower, emailed_at__isnull=True).exists()


def test_a_move_by_a_coordinator_who_chose_english_tells_the_followers_in_swedish() -> None:
    from django.utils import translation

    idea = make_idea(unit=make_unit())
    follower = make_user()
    Follow.objects.create(idea=idea, user=follower)

    with translation.override("en"):  # as the middleware does for the English cookie
        services.idea_move(
            user=make_office(), idea_id=idea.pk, to_stage=Stage.objects.get(key="in_review")
        )

    notice = Notification.objects.get(user=follower)
    assert "har flyttats till" in notice.text and "moved to" not in notice.text
    # The stage is named in Swedish too, not in the mover's English.
    assert "Under bedömning" in notice.text and "In review" not in notice.text
    (sent,) = [message for message in mail.outbox if message.to == [follower.email]]
    assert "har flyttats till" in sent.subject and "Under bedömning" in sent.subject
    assert "You get this" not in sent.body and "moved to" not in sent.body


def test_on_an_english_site_the_followers_are_told_the_stage_in_english(
    settings: Any,
) -> None:
    settings.LANGUAGE_CODE = "en"
    idea = make_idea(unit=make_unit())
    follower = make_user()
    Follow.objects.create(idea=idea, user=follower)
    stage = Stage.objects.get(key="in_review")

    services.idea_move(user=make_office(), idea_id=idea.pk, to_stage=stage)

    notice = Notification.objects.get(user=follower)
    assert stage.name_en in notice.text and stage.name_sv not in notice.text


def _digest_reader() -> Any:
    from innovera.ideas.models import NotificationSetting

    reader = make_user(unit=make_unit())
    NotificationSetting.objects.create(user=reader, weekly_digest=True)
    return reader


def test_the_digest_leaves_out_an_idea_the_reader_may_no_longer_see() -> None:
    from innovera.ideas.models import Visibility

    reader = _digest_reader()
    shown = make_idea(unit=make_unit(), title="Sopsaltaren")
    hidden = make_idea(unit=make_unit(), title="Hemliga lådan")
    for idea in (shown, hidden):
        Notification.objects.create(user=reader, idea=idea, text=f"Nytt om {idea.title}")
    # The idea is made internal to its own unit after the notice was written.
    type(hidden).objects.filter(pk=hidden.pk).update(visibility=Visibility.UNIT)

    assert services.digests_send() == 1

    body = mail.outbox[-1].body
    assert "Sopsaltaren" in body
    assert "Hemliga lådan" not in body
    assert not Notification.objects.filter(user=reader, emailed_at__isnull=True).exists()


def test_the_digest_costs_the_same_queries_for_one_notice_as_for_six() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count: int) -> int:
        from innovera.ideas.models import NotificationSetting

        # Only this reader takes the digest: the queries per reader are what is compared.
        NotificationSetting.objects.update(weekly_digest=False)
        reader = _digest_reader()
        for number in range(count):
            idea = make_idea(unit=make_unit(), title=f"Idé {number}")
            Notification.objects.create(user=reader, idea=idea, text=f"Nytt om idé {number}")
        with CaptureQueriesContext(connection) as queries:
            assert services.digests_send() == 1
        return len(queries)

    assert queries_for(6) == queries_for(1)
