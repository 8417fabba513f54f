"""Writes of the stored counts and of the analysis made from them (issue 15).

The answers of a round change in three ways, and each updates the counts in its own
transaction: an import adds the tally of its rows (:func:`tallies_add`), a sent-in web answer
the tally of one response (the same), and a replacing import first counts the answers that
stay again from scratch (:func:`tallies_rebuild`). After each, the analysis at the default
thresholds and the free-text excerpt are computed from the counts — a few hundred numbers,
whatever the size of the round — and stored on the round (:func:`analysis_store`), so every
page, report and command reads them back instead of the answers.

Selectors never write: these are the only writers of ``AnswerTally`` and
``Round.analysis_cache``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from innovera.core.exports import clean_text
from innovera.surveys.analysis import SurveyAnalysisError
from innovera.surveys.analysis_counts import (
    Tally,
    analyse_tallies,
    tally_responses,
    text_excerpt,
)
from innovera.surveys.instrument import Template
from innovera.surveys.models import AnswerTally, Round
from innovera.surveys.selectors import round_responses_iter, round_tallies, round_template


def _store_rows(survey_round: Round, tallies: Mapping[str, Tally]) -> None:
    AnswerTally.objects.filter(round=survey_round).delete()
    AnswerTally.objects.bulk_create(
        AnswerTally(
            round=survey_round,
            org_type=org_type,
            respondents=tally.respondents,
            counts=tally.to_json(),
        )
        for org_type, tally in tallies.items()
        if tally.respondents
    )


def stored_excerpt(tallies: Mapping[str, Tally], template: Template) -> dict[str, dict[str, Any]]:
    """The free-text excerpt as every channel shows it, cleaned once here when it is stored.

    Answers kept before the forms and the import refused control characters still hold them;
    they are stripped on the way in, so the pages, the PDF and the commands read the excerpt
    as stored and never clean it again (migration 0003_clean_stored_text_excerpts cleaned the
    excerpts stored before).
    """
    excerpt = text_excerpt(tallies, template)
    for entry in excerpt.values():
        entry["first"] = [clean_text(answer) for answer in entry["first"]]
    return excerpt


@transaction.atomic
def analysis_store(
    *,
    survey_round: Round,
    tallies: Mapping[str, Tally] | None = None,
    template: Template | None = None,
) -> None:
    """Compute the analysis and the free-text excerpt from the counts and keep them on the round.

    Also after a change of the invited units (the response rates). A round without answers, or
    with answers the analysis refuses, keeps the reason instead, which the pages show.
    """
    if tallies is None:
        tallies = round_tallies(survey_round)
    if template is None:
        template = round_template(survey_round)
    token = uuid.uuid4().hex
    try:
        analysis = analyse_tallies(
            tallies, survey_round.invited, round_name=survey_round.name, template=template
        )
    except SurveyAnalysisError as error:
        cache: dict[str, object] = {"token": token, "error": str(error)}
    else:
        # Through JSON, so that a fresh analysis and a stored one are the same plain data.
        cache = {
            "token": token,
            "analysis": json.loads(json.dumps(analysis)),
            "text": stored_excerpt(tallies, template),
        }
    survey_round.analysis_cache = cache
    Round.objects.filter(pk=survey_round.pk).update(analysis_cache=cache)


@transaction.atomic
def tallies_add(
    *, survey_round: Round, tallies: Mapping[str, Tally], template: Template | None = None
) -> None:
    """Add the counts of new responses (an import's, one web answer's) and re-analyse.

    The round's row is locked first, so two answers sent in at the same moment add up instead
    of one overwriting the other's counts.
    """
    Round.objects.select_for_update().only("pk").get(pk=survey_round.pk)
    stored = round_tallies(survey_round)
    for org_type, tally in tallies.items():
        stored.setdefault(org_type, Tally()).add(tally)
    rows = {row.org_type: row for row in AnswerTally.objects.filter(round=survey_round)}
    for org_type in tallies:
        tally = stored[org_type]
        row = rows.get(org_type)
        if row is None:
            AnswerTally.objects.create(
                round=survey_round,
                org_type=org_type,
                respondents=tally.respondents,
                counts=tally.to_json(),
            )
        else:
            row.respondents, row.counts = tally.respondents, tally.to_json()
            row.save(update_fields=["respondents", "counts"])
    analysis_store(survey_round=survey_round, tallies=stored, template=template)


@transaction.atomic
def tallies_rebuild(*, survey_round: Round) -> dict[str, Tally]:
    """Count the round's answers again from scratch (after a replace, or to repair) and
    re-analyse. Reads the answers as a stream; the counts are small whatever the round."""
    Round.objects.select_for_update().only("pk").get(pk=survey_round.pk)
    template = round_template(survey_round)
    tallies = tally_responses(round_responses_iter(survey_round), template)
    _store_rows(survey_round, tallies)
    analysis_store(survey_round=survey_round, tallies=tallies, template=template)
    return tallies
