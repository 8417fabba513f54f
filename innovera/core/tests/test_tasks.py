"""Background work runs inline without Redis and goes to the RQ queue with it."""

from __future__ import annotations

import pytest
import redis
from django.core import mail

from innovera.core.tasks import enqueue, send_email


def test_without_redis_the_work_is_done_at_once(settings) -> None:
    settings.REDIS_URL = ""

    enqueue(send_email, subject="Hej", body="Text", to=["a@example.org"])

    assert [m.subject for m in mail.outbox] == ["Hej"]


def test_with_redis_the_work_waits_in_the_queue(settings) -> None:
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("No Redis on 127.0.0.1:6379; .ci/run starts one.")
    settings.REDIS_URL = url
    settings.RQ_QUEUES = {"default": {"URL": url}}
    import django_rq

    django_rq.get_queue("default").empty()

    job = enqueue(send_email, subject="Hej", body="Text", to=["a@example.org"])

    assert mail.outbox == []
    assert job.get_status() == "queued"
    assert django_rq.get_queue("default").count == 1
    django_rq.get_queue("default").empty()
