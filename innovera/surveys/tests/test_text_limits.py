"""Text people send to surveys: control characters and over-long texts are refused at the field
or at the import's row and column, and nothing is stored (issue 8, findings 2 and 13)."""

from __future__ import annotations

import importlib
import io
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from innovera.core.exports import clean_text
from innovera.surveys import selectors, tallying
from innovera.surveys.importing import parse_responses
from innovera.surveys.models import Draft, Round, SurveyMode, SurveyResponse
from innovera.surveys.tests.factories import make_invitation, make_office_user, make_round

pytestmark = pytest.mark.django_db

CONTROL = "osynligt styrtecken"


def parse(content: str):
    return parse_responses(io.BytesIO(content.encode()), file_format="csv")


def text_page(client: Client, token: str) -> str:
    """The address of the page that asks the free-text question innovation_examples."""
    for number in range(1, 30):
        url = reverse("surveys:answer_page", kwargs={"token": token, "number": number})
        if 'name="innovation_examples"' in client.get(url).content.decode():
            return url
    raise AssertionError("no page asks innovation_examples")


def test_the_round_form_refuses_a_vertical_tab_in_the_title_and_keeps_the_name() -> None:
    office = Client()
    office.force_login(make_office_user())

    page = office.post(
        reverse("surveys:round_list"),
        {
            "name": "stockholm-2026",
            "title": "Enkät\x0b2026",
            "template": "stockholm-2014",
            "mode": "confidential",
        },
    )

    text = page.content.decode()
    assert CONTROL in text and 'value="stockholm-2026"' in text
    assert not Round.objects.filter(name="stockholm-2026").exists()


def test_a_free_text_answer_with_a_control_character_is_refused_at_its_question(
    client: Client,
) -> None:
    _, token = make_invitation(make_round(mode=SurveyMode.IDENTIFIED))
    url = text_page(client, token)

    page = client.post(url, {"innovation_examples": "Vi\x0bprovade", "action": "save"})

    assert CONTROL in page.content.decode()
    assert "Vi\x0bprovade" in page.content.decode()
    assert not Draft.objects.filter(answers__has_key="innovation_examples").exists()


def test_a_free_text_answer_over_5000_characters_is_refused(client: Client) -> None:
    _, token = make_invitation(make_round(mode=SurveyMode.IDENTIFIED))
    url = text_page(client, token)

    page = client.post(url, {"innovation_examples": "x" * 5001, "action": "save"})

    assert "Skriv högst 5000 tecken (du har skrivit 5001)" in page.content.decode()
    assert not Draft.objects.filter(answers__has_key="innovation_examples").exists()


# --- imports ----------------------------------------------------------------------------------


def test_an_import_refuses_a_control_character_naming_the_row_and_column() -> None:
    result = parse(
        "respondent_id,org_type,innovation_examples\n1,district,bra\n2,district,Vi\x0bprovade\n"
    )

    assert result.responses == []
    assert [(e.row, e.column) for e in result.errors] == [(3, "innovation_examples")]
    assert "styrtecken" in result.errors[0].message_sv


def test_an_import_refuses_a_control_character_in_the_respondent_id_and_the_unit() -> None:
    result = parse(
        "respondent_id,org_type,org_unit\n1\x01,district,Bromma\n2,district,Sk\x1farholmen\n"
    )

    assert result.responses == []
    assert [(e.row, e.column) for e in result.errors] == [(2, "respondent_id"), (3, "org_unit")]


def test_an_import_refuses_a_text_answer_over_5000_characters() -> None:
    result = parse(f"respondent_id,org_type,other_comments\n1,district,{'x' * 5001}\n")

    assert result.responses == []
    assert [(e.row, e.column) for e in result.errors] == [(2, "other_comments")]
    assert "högst 5000" in result.errors[0].message_sv


def test_tabs_and_line_breaks_in_an_imported_answer_are_kept() -> None:
    result = parse('respondent_id,org_type,other_comments\n1,district,"rad ett\nrad\ttvå"\n')

    assert result.errors == []
    assert result.responses[0].answers == {"other_comments": "rad ett\nrad\ttvå"}


@pytest.mark.django_db(transaction=True)
def test_the_import_page_names_the_row_and_column_of_a_control_character() -> None:
    make_round(name="r")
    office = Client()
    office.force_login(make_office_user())
    content = "respondent_id,org_type,innovation_examples\n1,district,Vi\x0bprovade\n"
    upload = SimpleUploadedFile("svar.csv", content.encode(), content_type="text/csv")

    page = office.post(
        reverse("surveys:round_import", args=["r"]), {"file": upload}, follow=True
    ).content.decode()

    assert "rad 2, kolumn innovation_examples" in page and "styrtecken" in page
    assert not SurveyResponse.objects.exists()


# --- output: text stored before the rule still cannot take a report down -----------------------


def _round_with_a_stored_control_character(tmp_path) -> Round:
    """A round of six whose one answer holds a control character, as stored before the rule."""
    from innovera.surveys.tests.test_privacy import import_round, respondents

    survey_round = import_round(tmp_path, respondents(["district"] * 6))
    stored = SurveyResponse.objects.filter(round=survey_round).first()
    assert stored is not None
    stored.answers = {**stored.answers, "innovation_examples": "Vertikal\x0btabb"}
    stored.save(update_fields=["answers"])
    # The pages show the excerpt kept with the counts: count again so that it holds the text.
    tallying.tallies_rebuild(survey_round=survey_round)
    return Round.objects.get(pk=survey_round.pk)


def test_a_stored_control_character_does_not_take_the_reports_down(tmp_path) -> None:
    from innovera.surveys.tests.test_privacy import reports

    survey_round = _round_with_a_stored_control_character(tmp_path)
    office = Client()
    office.force_login(make_office_user())

    shown = reports(office, survey_round.name)  # every channel answers 200

    free_text = [
        cell
        for row in shown["xlsx"]["Fritext"].iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]
    assert "Vertikaltabb" in free_text
    assert "Vertikaltabb" in shown["html"], "html"
    assert "Vertikaltabb" in shown["results"], "results"
    assert "\x0b" not in shown["results"] and "\x0b" not in shown["html"]


def test_the_excerpt_is_cleaned_once_when_it_is_stored(tmp_path) -> None:
    survey_round = _round_with_a_stored_control_character(tmp_path)

    first = selectors.round_text_excerpt(survey_round)["innovation_examples"]["first"]

    assert "Vertikaltabb" in first
    assert not any("\x0b" in answer for answer in first)


def test_the_pages_show_the_stored_excerpt_without_cleaning_it_again(tmp_path) -> None:
    survey_round = _round_with_a_stored_control_character(tmp_path)
    office = Client()
    office.force_login(make_office_user())

    # The results page, the HTML and the PDF report read the excerpt: none of them cleans.
    with mock.patch("innovera.surveys.reports.clean_text", wraps=clean_text) as cleaning:
        pages = [
            office.get(reverse("surveys:round_results", args=[survey_round.name])),
            office.get(reverse("surveys:round_report", args=[survey_round.name, "html"])),
            office.get(reverse("surveys:round_report", args=[survey_round.name, "pdf"])),
        ]

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "Vertikaltabb" in pages[0].content.decode()
    assert cleaning.call_count == 0


def test_the_migration_cleans_an_excerpt_stored_before_it_was_cleaned_when_stored(
    tmp_path,
) -> None:
    survey_round = _round_with_a_stored_control_character(tmp_path)
    # An excerpt as it was stored before: the answer with its control character.
    cache = survey_round.analysis_cache
    cache["text"]["innovation_examples"]["first"] = ["Vertikal\x0btabb", "Bra\x07"]
    Round.objects.filter(pk=survey_round.pk).update(analysis_cache=cache)
    migration = importlib.import_module(
        "innovera.surveys.migrations.0003_clean_stored_text_excerpts"
    )

    migration.clean_excerpts(django_apps, None)

    cleaned = Round.objects.get(pk=survey_round.pk).analysis_cache
    assert cleaned["text"]["innovation_examples"]["first"] == ["Vertikaltabb", "Bra"]
    assert cleaned["token"] == cache["token"] and cleaned["analysis"] == cache["analysis"]
