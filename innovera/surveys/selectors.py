"""Reads for survey rounds: answers come back as plain data, never as model instances."""

from __future__ import annotations

import datetime
import json
import sys
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet

from innovera.surveys import privacy
from innovera.surveys.analysis import Response, RoundAnalysis, analyse_round
from innovera.surveys.instrument import TEMPLATES, Template
from innovera.surveys.models import Invitation, OrgType, Round, SurveyResponse, SurveyTemplate
from innovera.surveys.template_codec import template_from_dict


def template_get(key: str, version: int = 0) -> Template:
    """A built-in template (version 0) or an office's stored copy; KeyError when unknown."""
    if version == 0 and key in TEMPLATES:
        return TEMPLATES[key]
    stored = SurveyTemplate.objects.filter(key=key)
    stored = stored.filter(version=version) if version else stored.order_by("-version")
    row = stored.values_list("definition", flat=True).first()
    if row is None:
        raise KeyError(key)
    return template_from_dict(row)


def template_latest_version(key: str) -> int:
    """0 for a built-in template, else the newest stored version."""
    if key in TEMPLATES:
        return 0
    version = (
        SurveyTemplate.objects.filter(key=key)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    if version is None:
        raise KeyError(key)
    return version


def round_template(survey_round: Round) -> Template:
    return template_get(survey_round.template, survey_round.template_version)


def round_responses(survey_round: Round) -> list[Response]:
    rows = (
        SurveyResponse.objects.filter(round=survey_round)
        .order_by("pk")
        .values_list("respondent_id", "org_type", "answers")
    )
    # JSON gives every row its own copy of each question code; one shared copy per code (and
    # org type) keeps a 100,000-row round at a fraction of the memory.
    intern = sys.intern
    return [
        Response(
            respondent_id=respondent_id,
            org_type=intern(org_type),
            answers={intern(code): value for code, value in answers.items()},
        )
        for respondent_id, org_type, answers in rows.iterator(chunk_size=5000)
    ]


DEFAULT_THRESHOLD = 3.0


def _answers_state(survey_round: Round) -> str:
    """What the analysis depends on: the answers (responses are never edited, only added or
    replaced, so the count, the highest id or the newest import batch change with them — an
    anonymous answer's id is random, so the highest id alone would not do), the template
    version, the invited."""
    state = SurveyResponse.objects.filter(round=survey_round).aggregate(
        n=Count("pk"), last=Max("pk"), batch=Max("batch")
    )
    invited = json.dumps(survey_round.invited, sort_keys=True)
    return (
        f"{state['n']}:{state['last']}:{state['batch']}:{survey_round.template_version}:{invited}"
    )


def round_analysis(
    survey_round: Round,
    *,
    thresholds: float | Literal["mean"] = DEFAULT_THRESHOLD,
    responses: list[Response] | None = None,
) -> RoundAnalysis:
    """The §3 analysis; at the default thresholds it is kept on the round until answers change."""
    cacheable = thresholds == DEFAULT_THRESHOLD
    state = _answers_state(survey_round) if cacheable else ""
    cached = survey_round.analysis_cache or {}
    if cacheable and cached.get("state") == state:
        analysis: RoundAnalysis = cached["analysis"]
        return analysis
    analysis = analyse_round(
        responses if responses is not None else round_responses(survey_round),
        survey_round.invited,
        round_name=survey_round.name,
        template=round_template(survey_round),
        thresholds=thresholds,
    )
    if cacheable:
        # Through JSON, so a fresh analysis and a cached one are the same plain data.
        stored = json.loads(json.dumps(analysis))
        survey_round.analysis_cache = {"state": state, "analysis": stored}
        Round.objects.filter(pk=survey_round.pk).update(analysis_cache=survey_round.analysis_cache)
        analysis = stored
    return analysis


def round_analysis_shown(
    survey_round: Round,
    *,
    thresholds: float | Literal["mean"] = DEFAULT_THRESHOLD,
    responses: list[Response] | None = None,
) -> RoundAnalysis:
    """The analysis as every channel shows it: in confidential and anonymous rounds no figure
    from fewer than ``SURVEY_MIN_RESPONDENTS`` respondents (see :mod:`~innovera.surveys.privacy`)."""
    analysis = round_analysis(survey_round, thresholds=thresholds, responses=responses)
    return privacy.shown_analysis(
        analysis, mode=survey_round.mode, min_respondents=settings.SURVEY_MIN_RESPONDENTS
    )


def round_free_text_allowed(survey_round: Round, analysis: RoundAnalysis) -> bool:
    return privacy.free_text_allowed(
        mode=survey_round.mode,
        responded=analysis["responded"],
        min_respondents=settings.SURVEY_MIN_RESPONDENTS,
    )


@dataclass(frozen=True)
class TypeRate:
    org_type: str
    label: str
    invited: int
    responded: int

    @property
    def rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


def round_response_rates(survey_round: Round) -> list[TypeRate]:
    """Live response rate per unit type: invitations answered, or imported answers."""
    invited = survey_round.invited
    if survey_round.invitations.exists():
        counts = survey_round.invitations.values("org_type").annotate(
            invited=Count("pk"), responded=Count("pk", filter=Q(answered=True))
        )
        by_type = {row["org_type"]: (row["invited"], row["responded"]) for row in counts}
    else:
        answered = survey_round.responses.values("org_type").annotate(n=Count("pk"))
        responded = {row["org_type"]: row["n"] for row in answered}
        by_type = {t: (invited.get(t, 0), responded.get(t, 0)) for t in OrgType.values}
    return [
        TypeRate(t.value, str(t.label), *by_type.get(t.value, (0, 0)))
        for t in OrgType
        if by_type.get(t.value, (0, 0)) != (0, 0)
    ]


def invitation_by_token(token: str) -> Invitation | None:
    from innovera.surveys.models import token_digest

    return (
        Invitation.objects.select_related("round", "unit")
        .filter(token_digest=token_digest(token))
        .first()
    )


def rounds_with_answers(*, until: datetime.date | None = None) -> list[Round]:
    """Rounds that have answers, oldest first (for trends over rounds); with `until`, those
    created up to that day."""
    rounds = Round.objects.annotate(answer_count=Count("responses")).filter(answer_count__gt=0)
    if until is not None:
        rounds = rounds.filter(created_at__date__lte=until)
    return list(rounds.order_by("created_at", "pk"))


def rounds_newest_first() -> QuerySet[Round]:
    return Round.objects.order_by("-created_at")
