"""`innovera survey import|analyse`: the command contract of survey-instrument.md §2–3."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from innovera.surveys.analysis import analyse_round
from innovera.surveys.demo_data import DEMO_INVITED_2014, build_demo_2014
from innovera.surveys.models import Round, SurveyResponse
from innovera.surveys.tests.factories import survey

pytestmark = pytest.mark.django_db

DEMO_2014 = Path(__file__).resolve().parents[1] / "data" / "demo_2014.csv"
INVITED = "district=14,department=15,company=14"


def test_importing_creates_the_round_and_stores_every_respondent() -> None:
    output = survey("import", str(DEMO_2014), "--round", "r2014", "--invited", INVITED)

    assert "37" in output
    survey_round = Round.objects.get(name="r2014")
    assert survey_round.invited == {"district": 14, "department": 15, "company": 14}
    assert SurveyResponse.objects.filter(round=survey_round).count() == 37


def test_the_json_analysis_is_exactly_the_analysis_of_the_file() -> None:
    # An open round: a confidential one hides its small figures (test_privacy.py).
    survey("import", str(DEMO_2014), "--round", "r2014", "--invited", INVITED, "--mode", "open")

    printed = json.loads(survey("analyse", "--round", "r2014", "--format", "json"))

    responses, _units = build_demo_2014()
    expected = analyse_round(responses, DEMO_INVITED_2014, round_name="r2014")
    assert printed == json.loads(json.dumps(expected))
    assert printed["responded"] == 37
    assert printed["factors"]["curiosity"]["importance"]["mean"] == pytest.approx(3.75)


def test_the_table_shows_the_reports_factor_figures_in_swedish_format() -> None:
    survey("import", str(DEMO_2014), "--round", "r2014", "--invited", INVITED)

    table = survey("analyse", "--round", "r2014", "--format", "table")

    assert "Nyfikenhet" in table
    assert "3,75       3,05      -0,70" in table
    assert "Stockholms stads ledning" in table


def test_a_bad_cell_stops_the_import_naming_row_and_column_and_stores_nothing(
    tmp_path: Path,
) -> None:
    with DEMO_2014.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    rows[11][rows[0].index("sa_customer")] = "5"  # row 12 as a spreadsheet numbers it
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows(rows)

    with pytest.raises(CommandError) as refused:
        survey("import", str(bad), "--round", "r2014")

    assert "row 12, column sa_customer: '5' is not 1–4 or 'vet ej'" in str(refused.value)
    assert not SurveyResponse.objects.exists()


def test_the_same_file_twice_is_refused_unless_replace() -> None:
    survey("import", str(DEMO_2014), "--round", "r2014")

    with pytest.raises(CommandError, match="--replace"):
        survey("import", str(DEMO_2014), "--round", "r2014")
    survey("import", str(DEMO_2014), "--round", "r2014", "--replace")

    assert SurveyResponse.objects.count() == 37


def test_analysing_a_round_without_answers_says_so() -> None:
    Round.objects.create(name="tom", template="stockholm-2014")

    with pytest.raises(CommandError, match="har inga svar ännu"):
        survey("analyse", "--round", "tom")


def test_a_wrong_invited_argument_names_the_part() -> None:
    with pytest.raises(CommandError, match="bolag=3"):
        survey("import", str(DEMO_2014), "--round", "x", "--invited", "district=14,bolag=3")


def test_a_kept_analysis_is_made_again_when_answers_are_added(tmp_path: Path) -> None:
    survey("import", str(DEMO_2014), "--round", "r2014", "--invited", INVITED)
    assert json.loads(survey("analyse", "--round", "r2014"))["responded"] == 37
    extra = tmp_path / "extra.csv"
    extra.write_text("respondent_id,org_type,sa_overall\nny-1,company,4\n", encoding="utf-8")

    survey("import", str(extra), "--round", "r2014", "--ignore-unknown")

    again = json.loads(survey("analyse", "--round", "r2014"))
    assert again["responded"] == 38
    assert again["items"]["sa_overall"]["n"] == 37
