"""The survey's part of "Mitt arbete": the office sees running rounds and their response rates."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from innovera.core.selectors import my_work
from innovera.organisations.tests.factories import make_user
from innovera.surveys.tests.factories import make_invitation, make_office_user, make_round

pytestmark = pytest.mark.django_db


def survey_lines(user: object) -> list[tuple[str, str, bool]]:
    with translation.override("sv"):
        return [
            (str(item.label), str(item.detail), item.waiting)
            for group in my_work(user=user)
            for item in group.items
            if str(group.label) == "Enkäter"
        ]


def test_the_office_sees_a_running_round_with_its_response_rate() -> None:
    office = make_office_user()
    survey_round = make_round(title="Innovationsförmåga 2026")
    answered, _token = make_invitation(survey_round)
    answered.answered = True
    answered.save()
    for _n in range(3):
        make_invitation(survey_round)

    assert survey_lines(office) == [("Innovationsförmåga 2026", "1 av 4 har svarat (25 %)", True)]


def test_a_round_closed_long_ago_and_others_than_the_office_see_nothing() -> None:
    office = make_office_user()
    today = timezone.localdate()
    old = make_round(
        opens_on=today - datetime.timedelta(days=200),
        closes_on=today - datetime.timedelta(days=100),
    )
    make_invitation(old)
    running = make_round(title="Pågående")
    make_invitation(running)

    assert [line[0] for line in survey_lines(office)] == ["Pågående"]
    assert survey_lines(make_user()) == []


def test_the_rounds_cost_one_query_however_many_invitations() -> None:
    from innovera.surveys.selectors import rounds_in_progress

    for n in range(3):
        survey_round = make_round(title=f"Runda {n}")
        for _i in range(n + 1):
            make_invitation(survey_round)

    with CaptureQueriesContext(connection) as captured:
        progress = rounds_in_progress()

    assert len(captured) == 1
    assert sorted((p.invited, p.answered) for p in progress) == [(1, 0), (2, 0), (3, 0)]
