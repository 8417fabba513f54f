"""Answering through a one-time link: page by page, saved on the way, sent in once."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from innovera.surveys.models import Draft, SurveyMode, SurveyResponse
from innovera.surveys.tests.factories import make_invitation, make_round

pytestmark = pytest.mark.django_db


def page_url(token: str, number: int) -> str:
    return reverse("surveys:answer_page", kwargs={"token": token, "number": number})


def test_a_respondent_answers_saves_comes_back_and_sends_in(client: Client) -> None:
    survey_round = make_round(mode=SurveyMode.IDENTIFIED)
    invitation, token = make_invitation(survey_round)

    start = client.get(reverse("surveys:answer_start", kwargs={"token": token}))
    assert start.status_code == 200
    first = client.post(
        page_url(token, 1),
        {"uses_concept": "ja", "sa_overall": "3", "sa_managers": "dk", "action": "save"},
    )
    assert "Dina svar är sparade" in first.content.decode()

    again = client.get(page_url(token, 1)).content.decode()
    assert re.search(r'name="sa_managers" value="dk"[^>]*checked', again)

    client.post(page_url(token, 2), {"sa_spread": "4", "action": "next"})
    sent = client.post(reverse("surveys:answer_review", kwargs={"token": token}))

    assert "Tack för dina svar" in sent.content.decode()
    response = SurveyResponse.objects.get(round=survey_round)
    assert response.answers == {
        "uses_concept": True,
        "sa_overall": 3,
        "sa_managers": "dk",
        "sa_spread": 4,
    }
    assert response.org_unit == invitation.unit.name  # type: ignore[union-attr]
    assert not Draft.objects.exists()


def test_confidential_answers_keep_no_link_to_the_unit(client: Client) -> None:
    survey_round = make_round(mode=SurveyMode.CONFIDENTIAL)
    invitation, token = make_invitation(survey_round)
    client.post(page_url(token, 1), {"uses_concept": "nej", "action": "next"})

    client.post(reverse("surveys:answer_review", kwargs={"token": token}))

    response = SurveyResponse.objects.get(round=survey_round)
    assert response.org_unit == ""
    assert invitation.unit.slug not in response.respondent_id  # type: ignore[union-attr]
    assert response.org_type == "district"
    invitation.refresh_from_db()
    assert invitation.responded_at is not None


def test_a_used_link_shows_a_clear_page_and_changes_nothing(client: Client) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)
    client.post(page_url(token, 1), {"uses_concept": "ja", "action": "next"})
    client.post(reverse("surveys:answer_review", kwargs={"token": token}))

    again = client.post(page_url(token, 1), {"uses_concept": "nej", "action": "next"})

    assert again.status_code == 410
    assert "redan besvarats" in again.content.decode()
    assert SurveyResponse.objects.get().answers == {"uses_concept": True}


def test_a_closed_round_keeps_the_saved_answers(client: Client) -> None:
    survey_round = make_round()
    invitation, token = make_invitation(survey_round)
    client.post(page_url(token, 1), {"sa_overall": "2", "action": "save"})
    survey_round.closes_on = datetime.date(2020, 1, 1)
    survey_round.save()

    closed = client.get(reverse("surveys:answer_start", kwargs={"token": token}))

    assert closed.status_code == 410
    assert "Enkäten är stängd" in closed.content.decode()
    assert Draft.objects.get(invitation=invitation).answers == {"sa_overall": 2}


def test_an_unknown_link_is_a_clear_404(client: Client) -> None:
    response = client.get(reverse("surveys:answer_start", kwargs={"token": "fel"}))

    assert response.status_code == 404
    assert "Länken fungerar inte" in response.content.decode()


def test_a_tampered_answer_is_refused_with_the_question_named(client: Client) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)

    response = client.post(page_url(token, 1), {"sa_overall": "7", "action": "next"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "ds-error-summary" in page
    assert "Hur bedömer du innovationsförmågan" in page
    assert not Draft.objects.exists()


def test_the_factor_grid_page_asks_both_ratings_for_every_factor(client: Client) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)
    page_number = next(
        n for n in range(1, 8) if "Nyfikenhet" in client.get(page_url(token, n)).content.decode()
    )

    client.post(
        page_url(token, page_number),
        {"factor_curiosity_importance": "4", "factor_curiosity_current": "dk", "action": "save"},
    )

    draft = Draft.objects.get()
    assert draft.answers == {"factor_curiosity_importance": 4, "factor_curiosity_current": "dk"}
    page = client.get(page_url(token, page_number)).content.decode()
    assert page.count("<fieldset") >= 16 * 3


def test_the_review_page_shows_the_answers_in_words_not_counts(client: Client) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)
    client.post(
        page_url(token, 1),
        {"uses_concept": "ja", "sa_overall": "3", "sa_managers": "dk", "action": "next"},
    )
    grid = next(
        n for n in range(1, 8) if "Nyfikenhet" in client.get(page_url(token, n)).content.decode()
    )
    client.post(
        page_url(token, grid),
        {"factor_curiosity_importance": "4", "factor_curiosity_current": "dk", "action": "save"},
    )

    review = client.get(reverse("surveys:answer_review", kwargs={"token": token}))

    text = review.content.decode()
    answers = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    assert "<dd>Ja</dd>" in text
    assert re.search(r"<dd>3( – [^<]+)?</dd>", text)
    assert "Vet ej" in answers
    assert re.search(r"a\) Hur viktig generellt: 4 – Mycket viktig", answers)
    assert re.search(r"b\) [^:]+: Vet ej", answers)
    assert "inte besvarad" in answers
    assert "Besvarade frågor per sida" not in answers


def test_a_respondent_sees_no_site_menu_and_no_sign_up_link(client: Client) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)

    pages = [
        client.get(reverse("surveys:answer_start", kwargs={"token": token})),
        client.get(page_url(token, 1)),
        client.get(reverse("surveys:answer_review", kwargs={"token": token})),
        client.get(reverse("surveys:answer_start", kwargs={"token": "okand-lank"})),
    ]

    for page in pages:
        html = page.content.decode()
        assert 'aria-label="Huvudmeny"' not in html
        assert reverse("organisations:sign_up") not in html
        assert reverse("organisations:login") not in html
        assert "Enkät om innovationsförmåga" in html


def test_the_factor_grid_is_one_fieldset_per_factor_with_a_group_per_scale(
    client: Client,
) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)
    grid = next(
        n for n in range(1, 8) if "Nyfikenhet" in client.get(page_url(token, n)).content.decode()
    )

    html = client.get(page_url(token, grid)).content.decode()

    factors = html.split('<fieldset class="ds-fieldset factor">')[1:]
    assert len(factors) == 16
    for factor in factors:
        assert factor.count("<fieldset") == 2  # (a) and (b), inside the factor's own
        assert factor.count('type="radio"') == 4 + 5  # 1–4, and 1–4 or "vet ej"
    # The column heads of the wide layout are for the eye only; each button has its label.
    assert re.search(r'<div class="factor-grid__head" aria-hidden="true">', html)
