"""Reads for survey rounds: answers come back as plain data, never as model instances."""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from innovera.surveys import privacy
from innovera.surveys.analysis import (
    EmptyRoundError,
    Response,
    RoundAnalysis,
    Thresholds,
    analyse_round,
)
from innovera.surveys.analysis_counts import Tally, at_thresholds
from innovera.surveys.instrument import TEMPLATES, Template
from innovera.surveys.models import (
    AnswerTally,
    ImportJob,
    Invitation,
    OrgType,
    Round,
    SurveyResponse,
    SurveyTemplate,
)
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


def round_responses_iter(survey_round: Round) -> Iterator[Response]:
    """The round's answers as a stream, in the order they were stored."""
    rows = (
        SurveyResponse.objects.filter(round=survey_round)
        .order_by("pk")
        .values_list("respondent_id", "org_type", "answers")
    )
    # JSON gives every row its own copy of each question code; one shared copy per code (and
    # org type) keeps a 100,000-row round at a fraction of the memory.
    intern = sys.intern
    for respondent_id, org_type, answers in rows.iterator(chunk_size=5000):
        yield Response(
            respondent_id=respondent_id,
            org_type=intern(org_type),
            answers={intern(code): value for code, value in answers.items()},
        )


def round_responses(survey_round: Round) -> list[Response]:
    return list(round_responses_iter(survey_round))


def round_tallies(survey_round: Round) -> dict[str, Tally]:
    """The round's stored counts per org type (see :mod:`~innovera.surveys.analysis_counts`)."""
    rows = AnswerTally.objects.filter(round=survey_round).values_list("org_type", "counts")
    return {org_type: Tally.from_json(counts) for org_type, counts in rows}


DEFAULT_THRESHOLD = 3.0


def _stored(survey_round: Round) -> dict[str, Any]:
    cache = survey_round.analysis_cache or {}
    if "analysis" not in cache:
        # No answers yet, or answers the analysis refused when they were counted.
        raise EmptyRoundError(
            cache.get("error") or "the round has no responses; there is nothing to analyse"
        )
    return cache


def round_analysis(
    survey_round: Round, *, thresholds: Thresholds = DEFAULT_THRESHOLD
) -> RoundAnalysis:
    """The §3 analysis, as stored with the round's counts; no query.

    Other thresholds only move the quadrants, so they are derived from the stored analysis
    (:func:`~innovera.surveys.analysis_counts.at_thresholds`), never recomputed.
    """
    analysis: RoundAnalysis = _stored(survey_round)["analysis"]
    if thresholds == DEFAULT_THRESHOLD:
        return analysis
    return at_thresholds(analysis, thresholds)


def round_analysis_from_answers(
    survey_round: Round, *, thresholds: Thresholds = DEFAULT_THRESHOLD
) -> RoundAnalysis:
    """The from-scratch path, for verification: the analysis of every stored answer.

    Through JSON, as the stored analysis, so the two compare as equal plain data.
    """
    analysis = analyse_round(
        round_responses(survey_round),
        survey_round.invited,
        round_name=survey_round.name,
        template=round_template(survey_round),
        thresholds=thresholds,
    )
    fresh: RoundAnalysis = json.loads(json.dumps(analysis))
    return fresh


def round_analysis_token(survey_round: Round) -> str:
    """Changes whenever the stored analysis does: the key of everything drawn from it."""
    return str((survey_round.analysis_cache or {}).get("token", ""))


def round_text_excerpt(survey_round: Round) -> dict[str, dict[str, Any]]:
    """Per text question: ``{"count": answers, "first": the first answers in Swedish order}``."""
    excerpt: dict[str, dict[str, Any]] = _stored(survey_round).get("text", {})
    return excerpt


def round_analysis_shown(
    survey_round: Round,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLD,
) -> RoundAnalysis:
    """The analysis as every channel shows it: in confidential and anonymous rounds no figure
    from fewer than ``SURVEY_MIN_RESPONDENTS`` respondents (see :mod:`~innovera.surveys.privacy`)."""
    analysis = round_analysis(survey_round, thresholds=thresholds)
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

    digest = token_digest(token)
    invitations = Invitation.objects.select_related("round", "unit")
    # The first e-mail's link, or one a reminder carried: each works until the head answers.
    return (
        invitations.filter(token_digest=digest).first()
        or invitations.filter(reminder_links__token_digest=digest).first()
    )


def reminder_recipients(survey_round: Round) -> list[Invitation]:
    """The invitations a reminder would go to now: those not answered, by unit name."""
    return list(
        survey_round.invitations.filter(answered=False)
        .select_related("unit")
        .order_by("unit__name", "pk")
    )


def rounds_with_answers(*, until: datetime.date | None = None) -> list[Round]:
    """Rounds that have answers, oldest first (for trends over rounds); with `until`, those
    created up to that day."""
    rounds = Round.objects.annotate(answer_count=Count("responses")).filter(answer_count__gt=0)
    if until is not None:
        rounds = rounds.filter(created_at__date__lte=until)
    return list(rounds.order_by("created_at", "pk"))


def rounds_for_trend(survey_round: Round) -> list[Round]:
    """The rounds of the same template created up to this one (itself included) that have an
    analysis, oldest first: one query, their stored analyses come with them."""
    rounds = Round.objects.filter(
        template=survey_round.template, created_at__lte=survey_round.created_at
    ).order_by("created_at", "pk")
    return [r for r in rounds if (r.analysis_cache or {}).get("analysis", {}).get("responded")]


def rounds_newest_first() -> QuerySet[Round]:
    return Round.objects.order_by("-created_at")


@dataclass(frozen=True)
class RoundProgress:
    """A round still running, for "Mitt arbete": invitations sent and answered."""

    round: Round
    invited: int
    answered: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None


# Rounds shown in "Mitt arbete": those not closed, and those closed at most this long ago.
ROUNDS_RECENT_DAYS = 30


def rounds_in_progress(
    *, today: datetime.date | None = None, limit: int = 5
) -> list[RoundProgress]:
    """Rounds that are open or closed lately, newest first, with their invitations counted.
    One query, however many rounds and invitations."""
    from django.utils import timezone

    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=ROUNDS_RECENT_DAYS)
    rounds = (
        Round.objects.filter(Q(closes_on__isnull=True) | Q(closes_on__gte=since))
        .annotate(
            invited_count=Count("invitations"),
            answered_count=Count("invitations", filter=Q(invitations__answered=True)),
        )
        .filter(invited_count__gt=0)
        .only("name", "title", "closes_on")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [RoundProgress(r, r.invited_count, r.answered_count) for r in rounds]


# The office's pages: the round by its name, its import jobs, the stored templates. The views
# have asked the action (`@requires`); a round and its jobs are the office's in every case.


def round_by_name_or_404(name: str) -> Round:
    return get_object_or_404(Round, name=name)


def import_job_or_404(survey_round: Round, job_id: int) -> ImportJob:
    return get_object_or_404(ImportJob, pk=job_id, round=survey_round)


def stored_template_keys() -> list[str]:
    return list(SurveyTemplate.objects.order_by("key").values_list("key", flat=True).distinct())


def stored_templates() -> QuerySet[SurveyTemplate]:
    """Every stored template, each key's versions newest first."""
    return SurveyTemplate.objects.order_by("key", "-version")


def stored_template_latest(key: str) -> SurveyTemplate | None:
    return SurveyTemplate.objects.filter(key=key).order_by("-version").first()
