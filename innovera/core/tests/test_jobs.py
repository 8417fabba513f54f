"""One shape for background jobs (core/jobs.py): the same percentage, the same "silent for too
long, so it died" rule in Python and in the database (a waiting job with the queue's
allowance), and one progress region whose poll stops at the second error answer in a row."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from django.contrib.staticfiles import finders
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from innovera.core.jobs import QUEUE_ALLOWANCE, SILENT_FOR, Job
from innovera.documents.models import RecountJob as DocumentsRecount
from innovera.followup.models import RecountJob as FollowupRecount
from innovera.surveys.models import ImportJob

# Every job of every app is one of these.
JOB_MODELS = [ImportJob, FollowupRecount, DocumentsRecount]
NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
POLL_ERROR = 'data-poll-error="Förloppet kunde inte läsas. Ladda om sidan."'


def test_every_apps_job_has_the_one_shape() -> None:
    for model in JOB_MODELS:
        assert issubclass(model, Job), model
        names = {field.name for field in model._meta.get_fields()}
        assert {"created_at", "done", "total", "heartbeat_at", "finished_at"} <= names, model


@given(
    model=st.sampled_from(JOB_MODELS),
    total=st.integers(min_value=0, max_value=10**7),
    done=st.integers(min_value=0, max_value=10**7),
)
def test_percent_is_the_whole_percentage_done_and_never_past_100(
    model: type[Job], total: int, done: int
) -> None:
    percent = model(done=done, total=total).percent
    assert 0 <= percent <= 100
    if total == 0:
        assert percent == 0  # nothing known yet to count
    elif done <= total:
        assert percent == 100 * done // total
        assert (percent == 100) == (done == total)


@given(
    model=st.sampled_from(JOB_MODELS),
    asked=st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=2)),
    beat=st.one_of(
        st.none(),
        st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=2)),
    ),
)
def test_a_started_job_dies_silent_for_the_one_limit_and_a_waiting_one_after_the_queues(
    model: type[Job], asked: datetime.timedelta, beat: datetime.timedelta | None
) -> None:
    created_at = NOW - asked
    heartbeat_at = None if beat is None else NOW - min(beat, asked)  # never before it was asked
    job = model(created_at=created_at, heartbeat_at=heartbeat_at)
    last_seen = heartbeat_at or created_at
    assert job.last_seen == last_seen
    # Its first beat says it started: until then it waits in the queue, perhaps behind a long job.
    allowed = SILENT_FOR if heartbeat_at is not None else QUEUE_ALLOWANCE
    assert job.died_at == last_seen + allowed
    assert job.is_silent(NOW) == (last_seen < NOW - allowed)


@pytest.mark.django_db
def test_the_database_takes_the_same_jobs_for_dead_and_ends_them_when_they_died() -> None:
    now = timezone.now()
    ages = [
        (datetime.timedelta(hours=3), datetime.timedelta(hours=1)),  # beat an hour ago
        (datetime.timedelta(hours=3), SILENT_FOR - datetime.timedelta(seconds=5)),  # just alive
        (datetime.timedelta(hours=3), SILENT_FOR + datetime.timedelta(seconds=5)),  # just dead
        (QUEUE_ALLOWANCE + datetime.timedelta(seconds=5), None),  # waited too long: lost
        (QUEUE_ALLOWANCE - datetime.timedelta(seconds=5), None),  # still waits its turn
        (SILENT_FOR + datetime.timedelta(minutes=5), None),  # waits: silence is for running ones
        (datetime.timedelta(minutes=5), None),  # never beat, asked for a moment ago
    ]
    jobs = [
        DocumentsRecount.objects.create(
            reason=f"{asked} {beat}",
            created_at=now - asked,
            heartbeat_at=None if beat is None else now - beat,
        )
        for asked, beat in ages
    ]
    silent = {job.pk for job in jobs if job.is_silent(now)}
    assert len(silent) == 3

    assert set(DocumentsRecount.objects.silent(now).values_list("pk", flat=True)) == silent
    assert DocumentsRecount.objects.end_silent(now) == 3
    for job in jobs:
        stored = DocumentsRecount.objects.get(pk=job.pk)
        assert stored.finished_at == (job.died_at if job.pk in silent else None)


@pytest.mark.django_db
def test_a_beat_is_a_sign_of_life_with_progress_and_the_end_is_recorded() -> None:
    job = DocumentsRecount.objects.create(
        reason="x", created_at=timezone.now() - QUEUE_ALLOWANCE - SILENT_FOR
    )
    jobs = DocumentsRecount.objects.filter(pk=job.pk)
    assert jobs.silent(timezone.now()).exists()

    jobs.beat(done=3, total=4)
    job.refresh_from_db()
    assert (job.done, job.total, job.percent) == (3, 4, 75)
    assert not job.is_silent(timezone.now()) and job.finished_at is None

    jobs.end(status=DocumentsRecount.Status.DONE)
    job.refresh_from_db()
    assert job.status == "done" and job.finished_at is not None


# --- the progress region -----------------------------------------------------------------------


def region(active: bool) -> str:
    job = SimpleNamespace(is_active=active, percent=40, done=2, total=5)
    return (
        engines["django"]
        .from_string(
            '{% extends "core/_job_progress.html" %}'
            '{% block attributes %}id="job"{% endblock attributes %}'
            "{% block poll_url %}/jobb/1/{% endblock poll_url %}"
            "{% block outcome %}<p>Klart</p>{% endblock outcome %}"
        )
        .render({"job": job})
    )


def test_an_active_job_polls_and_carries_the_words_for_a_poll_that_fails() -> None:
    html = region(active=True)
    [tag] = re.findall(r"<div [^>]*>", html)[:1]
    assert 'hx-get="/jobb/1/"' in tag and 'hx-trigger="every 1s"' in tag
    assert POLL_ERROR in tag  # on the polled element itself, which the script replaces
    assert '<progress id="job-bar" max="100" value="40">40 %</progress>' in html
    assert '<noscript><p class="ds-paragraph"><a class="ds-link" href="/jobb/1/">' in html


def test_an_ended_job_neither_polls_nor_says_a_poll_failed() -> None:
    html = region(active=False)
    assert "hx-get" not in html and "data-poll-error" not in html
    assert "<p>Klart</p>" in html and "<progress" not in html


def test_every_page_loads_the_script_that_ends_a_poll_answered_with_an_error() -> None:
    page = (
        engines["django"]
        .from_string('{% extends "core/page.html" %}{% block title %}T{% endblock title %}')
        .render({"request": RequestFactory().get("/")})
    )
    assert re.search(r'<script src="[^"]*core/job-progress[.\w]*js" defer></script>', page)
    path = finders.find("core/job-progress.js")
    assert isinstance(path, str)
    with open(path, encoding="utf-8") as script:
        source = script.read()
    # An error answer (4xx/5xx) and no answer at all: both put the message in the region's place.
    assert 'addEventListener("htmx:responseError", stop)' in source
    assert 'addEventListener("htmx:sendError", stop)' in source
    assert 'addEventListener("htmx:afterRequest", answered)' in source  # a success resets
    assert 'getAttribute("data-poll-error")' in source and "region.replaceWith(" in source


NODE_STUB_DOM = r"""
const listeners = {};
function element(tag) {
  const attributes = {};
  return {
    tag, children: [], className: "", textContent: "",
    setAttribute(name, value) { attributes[name] = String(value); },
    getAttribute(name) { return name in attributes ? attributes[name] : null; },
    hasAttribute(name) { return name in attributes; },
    appendChild(child) { this.children.push(child); },
    replaceWith(other) { this.replacedBy = other; },
  };
}
global.document = {
  addEventListener(name, handler) { listeners[name] = handler; },
  createElement: element,
};
let clock = 1000000;  // ms; the script reads the time through Date.now
Date.now = () => clock;
require(process.argv[1]);
const WORDS = "Förloppet kunde inte läsas. Ladda om sidan.";
function region() {
  const polled = element("div");
  polled.setAttribute("data-poll-error", WORDS);
  return polled;
}
function answer(elt, name) {
  // htmx tells an error by its own event, then every answer by htmx:afterRequest.
  if (name !== "ok") { listeners[name]({ detail: { elt } }); }
  listeners["htmx:afterRequest"]({ detail: { elt, successful: name === "ok" } });
}
const out = {};
for (const name of ["htmx:responseError", "htmx:sendError"]) {
  const polled = region();
  answer(polled, name);
  clock += 1000;
  answer(polled, name);  // a second failure a second later: a deploy may take longer
  const afterTwo = polled.replacedBy === undefined;
  clock += 30000;
  answer(polled, name);  // still failing half a minute later
  const alert = polled.replacedBy;
  out[name] = [afterTwo, alert && [alert.getAttribute("role"), alert.children[0].textContent]];
}
const mixed = region();
answer(mixed, "htmx:responseError");
clock += 31000;
answer(mixed, "htmx:sendError");
out.mixed = mixed.replacedBy !== undefined;  // failing for 31 s, whatever the kind
const deploy = region();
for (const name of ["htmx:responseError", "ok", "htmx:responseError", "ok"]) {
  answer(deploy, name);
  clock += 20000;
}
out.reset = deploy.replacedBy === undefined;  // 80 s, but an answer every 20 s
answer(deploy, "htmx:responseError");
clock += 31000;
answer(deploy, "htmx:responseError");
out.afterReset = deploy.replacedBy !== undefined;
const other = element("form");
answer(other, "htmx:responseError");
answer(other, "htmx:responseError");
out.other = other.replacedBy === undefined;
console.log(JSON.stringify(out));
"""


def test_a_poll_failing_for_half_a_minute_with_an_error_or_no_answer_is_replaced_by_its_words() -> (
    None
):
    """The script itself, on a stand-in for the page and its clock (no browser): failed polls
    are let pass for 30 s (a 502 while a deploy restarts the server) and an answer in between
    starts the count again; when the polls have failed for 30 s the polled region leaves the
    page (so htmx polls it no more) and an alert with its words takes its place; an element
    without the words (a form htmx sent) is left alone."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("no Node.js to run the script with")
    path = finders.find("core/job-progress.js")
    assert isinstance(path, str)
    answer = subprocess.run(  # noqa: S603 - our own script, our own stand-in
        [node, "-e", NODE_STUB_DOM, path], capture_output=True, text=True, check=True, timeout=30
    )
    told = json.loads(answer.stdout)
    words = "Förloppet kunde inte läsas. Ladda om sidan."
    assert told["htmx:responseError"] == [True, ["alert", words]]
    assert told["htmx:sendError"] == [True, ["alert", words]]
    assert told["mixed"] is True
    assert told["reset"] is True and told["afterReset"] is True
    assert told["other"] is True
