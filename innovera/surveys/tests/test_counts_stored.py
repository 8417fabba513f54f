"""The stored counts follow every change of the answers, and the pages read them, not the answers.

Runs on SQLite and PostgreSQL (issue 15): the stored analysis after imports, web answers and a
replace equals the analysis of every stored answer from scratch.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innovera.surveys import charts, selectors, services
from innovera.surveys.analysis import EmptyRoundError, Response
from innovera.surveys.models import AnswerTally, Round, SurveyMode
from innovera.surveys.tests.factories import make_invitation, make_office_user, make_round
from innovera.surveys.tests.test_analysis_counts import answers

pytestmark = pytest.mark.django_db

INVITED = {"district": 14, "department": 15, "company": 14}


def import_rows(survey_round: Round, responses: list[Response], *, replace: bool = False) -> None:
    services.round_import_responses(
        survey_round=survey_round,
        responses=responses,
        org_units={},
        file_name="svar.csv",
        sha256=secrets.token_hex(32),
        replace=replace,
    )


def people(
    prefix: str, how_many: int, org_type: str = "district", /, **answers: object
) -> list[Response]:
    return [Response(f"{prefix}{i}", org_type, dict(answers)) for i in range(how_many)]


def fresh(survey_round: Round) -> Round:
    return Round.objects.get(pk=survey_round.pk)


def stored_equals_answers(survey_round: Round) -> None:
    survey_round = fresh(survey_round)
    assert selectors.round_analysis(survey_round) == selectors.round_analysis_from_answers(
        survey_round
    )


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(answers(), st.sampled_from(["district", "department", "company"])),
        min_size=1,
        max_size=25,
    ),
    st.integers(min_value=0, max_value=25),
    st.booleans(),
)
def test_the_stored_analysis_equals_the_analysis_of_the_stored_answers(
    rows: list[tuple[dict[str, object], str]], cut: int, replace: bool
) -> None:
    survey_round = make_round(invited=INVITED)
    responses = [Response(f"r{i}", org, a) for i, (a, org) in enumerate(rows)]
    cut = min(cut, len(responses) - 1)  # the second import has rows, else there is no round
    import_rows(survey_round, responses[:cut])
    import_rows(survey_round, responses[cut:], replace=replace)
    stored_equals_answers(survey_round)


def test_a_sent_in_web_answer_is_counted_in_its_own_transaction() -> None:
    survey_round = make_round(mode=SurveyMode.IDENTIFIED, invited={"district": 2})
    import_rows(survey_round, people("a", 3, sa_overall=2))
    invitation, _token = make_invitation(survey_round)
    services.draft_save(invitation=invitation, answers={"sa_overall": 4, "other_comments": "Bra"})

    services.response_submit(invitation=invitation)

    survey_round = fresh(survey_round)
    analysis: Any = selectors.round_analysis(survey_round)
    assert analysis["responded"] == 4
    assert analysis["items"]["sa_overall"]["mean"] == (3 * 2 + 4) / 4
    assert selectors.round_text_excerpt(survey_round)["other_comments"] == {
        "count": 1,
        "first": ["Bra"],
    }
    stored_equals_answers(survey_round)


def test_a_replacing_import_removes_the_counts_of_the_answers_it_removes() -> None:
    survey_round = make_round()
    import_rows(survey_round, people("a", 6, sa_overall=1))
    import_rows(survey_round, people("b", 5, "company", sa_overall=4), replace=True)

    analysis: Any = selectors.round_analysis(fresh(survey_round))

    assert analysis["responded"] == 5
    assert analysis["items"]["sa_overall"]["distribution"] == {"1": 0, "2": 0, "3": 0, "4": 5}
    assert set(
        AnswerTally.objects.filter(round=survey_round).values_list("org_type", flat=True)
    ) == {"company"}


def test_a_change_of_the_invited_units_changes_the_stored_response_rate() -> None:
    survey_round = make_round(name="r", invited={"district": 10})
    import_rows(survey_round, people("a", 5))

    services.round_get_or_create(name="r", template="stockholm-2014", invited={"district": 20})

    assert selectors.round_analysis(fresh(survey_round))["response_rate"] == 5 / 20


def test_reading_the_analysis_makes_no_query_and_writes_nothing(
    django_assert_num_queries: Any,
) -> None:
    survey_round = make_round()
    import_rows(survey_round, people("a", 7, sa_overall=3))
    survey_round = fresh(survey_round)
    before = survey_round.analysis_cache

    with django_assert_num_queries(0):
        default = selectors.round_analysis(survey_round)
        moved = selectors.round_analysis(survey_round, thresholds="mean")

    assert default["ipa"]["importance_threshold"] == 3.0
    assert moved["ipa"]["importance_threshold"] is None  # no factor was rated
    assert fresh(survey_round).analysis_cache == before


def test_a_round_without_answers_has_no_analysis() -> None:
    with pytest.raises(EmptyRoundError):
        selectors.round_analysis(make_round())


def test_the_command_checks_the_counts_against_the_answers(capsys: Any) -> None:
    from django.core.management import CommandError, call_command

    survey_round = make_round(name="check", mode=SurveyMode.IDENTIFIED)
    import_rows(survey_round, people("a", 6, sa_overall=2))
    call_command("survey", "analyse", "--round", "check", "--format", "json", "--from-answers")
    assert '"responded": 6' in capsys.readouterr().out

    AnswerTally.objects.filter(round=survey_round).update(respondents=0, counts={})
    call_command("survey", "recount", "--round", "check")  # repairs
    call_command("survey", "analyse", "--round", "check", "--format", "json", "--from-answers")

    Round.objects.filter(pk=survey_round.pk).update(analysis_cache={"token": "x", "analysis": {}})
    with pytest.raises(CommandError, match="stämmer inte med dess svar"):
        call_command("survey", "analyse", "--round", "check", "--format", "json", "--from-answers")


# --- the results page ---------------------------------------------------------------------------


def results_queries(client: Client, name: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("surveys:round_results", args=[name]))
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_results_page_reads_no_answer_and_its_queries_do_not_grow_with_the_round(
    client: Client,
) -> None:
    client.force_login(make_office_user())
    rated = {"sa_overall": 3, "factor_curiosity_importance": 4, "factor_curiosity_current": 2}
    small, large = make_round(name="small"), make_round(name="large")
    import_rows(small, people("s", 6, other_comments="Små steg", **rated))
    import_rows(large, people("l", 60, other_comments="Stora steg", **rated))
    for earlier in range(3):  # a trend over four rounds, read in one query
        old = make_round(name=f"old-{earlier}")
        Round.objects.filter(pk=old.pk).update(created_at=large.created_at.replace(year=2020))
        import_rows(old, people(f"o{earlier}", 5, **rated))

    results_queries(client, "small")  # the first request of a session also writes the session
    small_queries = results_queries(client, "small")
    large_queries = results_queries(client, "large")

    assert len(large_queries) == len(small_queries)
    assert not [sql for sql in large_queries if "surveyresponse" in sql.lower()]
    page = client.get(reverse("surveys:round_results", args=["large"])).content.decode()
    assert "Stora steg" in page
    assert "Utveckling över omgångarna" in page


def test_the_charts_are_drawn_once_per_analysis(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(make_office_user())
    survey_round = make_round(name="drawn")
    rated = {"factor_curiosity_importance": 4, "factor_curiosity_current": 2}
    import_rows(survey_round, people("a", 6, **rated))
    drawn: list[str] = []
    real = charts.cross_diagram

    def counting(*args: Any, **kwargs: Any) -> str:
        drawn.append("cross")
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "cross_diagram", counting)
    first = client.get(reverse("surveys:round_results", args=["drawn"])).content.decode()
    second = client.get(reverse("surveys:round_results", args=["drawn"])).content.decode()
    assert first.count("<svg") == second.count("<svg") > 3
    assert drawn == ["cross"]

    import_rows(survey_round, people("b", 1, **rated))  # a new analysis: drawn again
    third = client.get(reverse("surveys:round_results", args=["drawn"])).content.decode()
    assert drawn == ["cross", "cross"]
    assert third != first


def test_sending_invitations_changes_the_stored_response_rate() -> None:
    from innovera.organisations.models import UnitType
    from innovera.organisations.services import unit_create

    survey_round = make_round(name="r", invited={"district": 10})
    import_rows(survey_round, people("a", 5))
    for n in range(20):
        unit_create(name=f"Stadsdel {n}", unit_type=UnitType.DISTRICT, head_email=f"c{n}@x.se")

    services.invitations_send(survey_round=fresh(survey_round), org_types=["district"])

    assert selectors.round_analysis(fresh(survey_round))["response_rate"] == 5 / 20
