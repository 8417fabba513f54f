"""`innovera survey fake-responses` and `innovera survey report`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from openpyxl import load_workbook

from innovera.surveys.analysis import analyse_round
from innovera.surveys.fake import fake_responses, org_type_counts
from innovera.surveys.instrument import STOCKHOLM_2014, QuestionType
from innovera.surveys.models import Round, SurveyResponse
from innovera.surveys.tests.factories import survey

pytestmark = pytest.mark.django_db

INVITED = "district=90,department=80,company=70"


def test_fake_responses_are_deterministic_valid_and_plausible() -> None:
    responses, units = fake_responses(500, seed=7)

    assert (responses, units) == fake_responses(500, seed=7)
    assert responses != fake_responses(500, seed=8)[0]
    assert responses[:100] == fake_responses(100, seed=7)[0]
    assert set(units) == {r.respondent_id for r in responses}
    counts = org_type_counts(responses)
    assert set(counts) == {"district", "department", "company"}
    assert all(100 < n < 250 for n in counts.values())
    analysis = analyse_round(responses, counts, round_name="x")  # refuses invalid answers
    scale = [
        analysis["items"][q.code] for q in STOCKHOLM_2014.questions_of_type(QuestionType.SCALE)
    ]
    assert all(item["dont_know"] > 0 and item["missing"] > 0 for item in scale)  # type: ignore[typeddict-item]
    texts = [q.code for q in STOCKHOLM_2014.questions_of_type(QuestionType.TEXT)]
    filled = sum(1 for r in responses for code in texts if code in r.answers)
    assert 0.25 < filled / (len(responses) * len(texts)) < 0.42
    ticks = [len(r.answers.get("collaboration_partners") or ()) for r in responses]  # type: ignore[arg-type]
    assert sum(1 for t in ticks if t >= 2) > len(ticks) / 2
    curiosity = analysis["factors"]["curiosity"]
    assert curiosity["paired"]["n"] > 400


def test_fake_responses_into_a_round_are_stored_and_analysed() -> None:
    output = survey("fake-responses", "--round", "prov", "--n", "200")

    assert "200" in output
    survey_round = Round.objects.get(name="prov")
    assert survey_round.template == "stockholm-2014"
    assert SurveyResponse.objects.filter(round=survey_round).count() == 200
    assert sum(survey_round.invited.values()) == 200  # defaults to the made-up counts
    analysis = json.loads(survey("analyse", "--round", "prov", "--format", "json"))
    assert analysis["responded"] == 200
    means = [item["mean"] for item in analysis["items"].values() if item["type"] == "scale"]
    means += [
        f[part]["mean"] for f in analysis["factors"].values() for part in ("importance", "current")
    ]
    assert len(means) == 7 + 2 * 16
    assert all(1 <= mean <= 4 for mean in means)


def test_the_same_made_up_batch_twice_is_refused_but_another_seed_adds() -> None:
    survey("fake-responses", "--round", "prov", "--n", "20")

    with pytest.raises(CommandError, match="--replace"):
        survey("fake-responses", "--round", "prov", "--n", "20")
    survey("fake-responses", "--round", "prov", "--n", "20", "--seed", "1")
    survey("fake-responses", "--round", "prov", "--n", "20", "--replace")

    assert SurveyResponse.objects.count() == 20


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_written_file_imports_to_the_same_analysis(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"svar{suffix}"
    survey("fake-responses", "--round", "direkt", "--n", "200", "--invited", INVITED)
    survey("fake-responses", "--n", "200", "--output", str(path))

    assert path.is_file()
    assert not Round.objects.filter(name="fil").exists()
    survey("import", str(path), "--round", "fil", "--invited", INVITED)

    direct = json.loads(survey("analyse", "--round", "direkt", "--format", "json"))
    imported = json.loads(survey("analyse", "--round", "fil", "--format", "json"))
    assert direct.pop("round") == "direkt"
    assert imported.pop("round") == "fil"
    assert imported == direct
    assert SurveyResponse.objects.filter(round__name="fil").count() == 200


def test_fake_responses_needs_a_round_or_a_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--round"):
        survey("fake-responses", "--n", "10")
    with pytest.raises(CommandError, match=r"\.txt"):
        survey("fake-responses", "--n", "10", "--output", str(tmp_path / "svar.txt"))
    assert not Round.objects.exists()


@pytest.fixture
def small_round() -> Round:
    survey("fake-responses", "--round", "liten", "--n", "30")
    return Round.objects.get(name="liten")


def test_the_pdf_report_is_a_pdf(small_round: Round, tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"

    output = survey("report", "--round", "liten", "--format", "pdf", "--output", str(path))

    assert path.read_bytes().startswith(b"%PDF")
    assert str(path) in output


def test_the_xlsx_report_has_a_sheet_per_table(small_round: Round, tmp_path: Path) -> None:
    path = tmp_path / "rapport.xlsx"

    survey("report", "--round", "liten", "--format", "xlsx", "--output", str(path))

    workbook = load_workbook(path, read_only=True)
    assert "Gynnande faktorer" in workbook.sheetnames


def test_the_html_report_in_english(small_round: Round, tmp_path: Path) -> None:
    path = tmp_path / "report.html"

    survey(
        "report", "--round", "liten", "--format", "html", "--output", str(path), "--language", "en"
    )

    html = path.read_text(encoding="utf-8")
    assert "<table" in html
    assert "Favourable factors" in html


def test_a_report_of_a_round_without_answers_says_so(tmp_path: Path) -> None:
    Round.objects.create(name="tom", template="stockholm-2014")
    path = tmp_path / "tom.pdf"

    with pytest.raises(CommandError, match="har inga svar ännu"):
        survey("report", "--round", "tom", "--format", "pdf", "--output", str(path))
    with pytest.raises(CommandError, match="ingen omgång som heter saknas"):
        survey("report", "--round", "saknas", "--format", "pdf", "--output", str(path))
    assert not path.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--round", "liten", "--format", "pdf"],
        ["fake-responses", "--round", "liten", "--n", "5"],
    ],
    ids=["report", "fake-responses"],
)
def test_a_file_that_cannot_be_written_is_a_message_not_a_traceback(
    small_round: Round, tmp_path: Path, command: list[str]
) -> None:
    taken = tmp_path / ("rapport.pdf" if command[0] == "report" else "svar.csv")
    taken.mkdir()  # a folder stands where the file would go

    with pytest.raises(CommandError, match=f"Filen {taken} kan inte skrivas"):
        survey(*command, "--output", str(taken))
