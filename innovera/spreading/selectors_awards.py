"""Reads of awards and competitions, each in a fixed number of queries.

Every list starts from `permissions_awards`: `visible_rounds`, `visible_nominations`; the jury
sheet hides conflicted entries' scores and others' scores until the juror has submitted; the
chair's overview leaves out the chair's own conflicted entries' figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from innovera.core.registry import WorkItem
from innovera.organisations.models import User
from innovera.spreading import awards_scoring
from innovera.spreading.awards_scoring import EntryResult, Ranked
from innovera.spreading.models import (
    Assessment,
    AwardCriterion,
    AwardRound,
    ConflictOfInterest,
    Juror,
    Nomination,
    NominationStatus,
    RoundStatus,
    SubjectKind,
)
from innovera.spreading.models.awards import token_digest
from innovera.spreading.permissions_awards import (
    can_see_nominations,
    chairs,
    jury_seats,
    own_unit_conflict,
    visible_nominations,
    visible_rounds,
)


def rounds_list(*, user: Any) -> list[AwardRound]:
    return list(
        visible_rounds(user)
        .select_related("programme")
        .annotate(
            entry_count=Count("nominations", filter=Q(nominations__status=NominationStatus.ENTERED))
        )
        .order_by("programme__name", "-nomination_opens", "-id")
    )


def round_for(*, user: Any, slug: str) -> AwardRound:
    """The round, or 404 for someone who may not see it."""
    found = visible_rounds(user).select_related("programme").filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def round_page(*, round_: AwardRound) -> dict[str, Any]:
    from innovera.organisations.models import UnitType

    return {
        "criteria": list(round_.criteria.all()),
        "eligible_types": [str(UnitType(t).label) for t in round_.eligible_unit_types],
    }


def _entries(round_: AwardRound) -> QuerySet[Nomination]:
    return Nomination.objects.filter(round=round_).select_related(
        "category", "unit__parent", "nominating_unit__parent", "example", "idea"
    )


def nominations_shown(*, user: Any, round_: AwardRound) -> list[Nomination]:
    return list(
        visible_nominations(user, round_)
        .select_related("category", "unit", "nominating_unit", "example")
        .order_by("category__order", "title", "id")
    )


def my_nominations(*, user: User) -> list[Nomination]:
    return list(
        Nomination.objects.filter(nominator=user)
        .select_related("round", "category")
        .order_by("-created_at", "-id")
    )


def nomination_for(*, user: Any, round_: AwardRound, pk: int) -> Nomination:
    found = _entries(round_).filter(pk=pk).first()
    from innovera.spreading.permissions_awards import can_view_nomination

    if found is None or not can_view_nomination(user, found):
        raise Http404
    return found


def entry_for_juror(*, user: Any, round_: AwardRound, pk: int) -> Nomination:
    """An entered nomination of a category the juror sits on; anyone else: 404."""
    found = _entries(round_).filter(pk=pk, status=NominationStatus.ENTERED).first()
    if found is None or not any(
        seat_round == round_.pk and seat_category in (None, found.category_id)
        for seat_round, seat_category, _chair in jury_seats(user)
    ):
        raise Http404
    return found


# --- the jury's sheet --------------------------------------------------------------------------


@dataclass
class JurorScores:
    juror: str
    figure: float
    scores: dict[int, int]
    comment: str


@dataclass
class SheetEntry:
    nomination: Nomination
    conflicted: bool
    conflict_reason: str  # "own unit" or the declared reason
    mine: JurorScores | None
    others: list[JurorScores] = field(default_factory=list)  # only once mine is submitted

    @property
    def waiting(self) -> bool:
        return not self.conflicted and self.mine is None


def _weights(criteria: Sequence[AwardCriterion]) -> dict[int, Any]:
    return {criterion.pk: criterion.weight for criterion in criteria}


def _juror_scores(assessment: Assessment, weights: dict[int, Any]) -> JurorScores | None:
    scores = {score.criterion_id: score.value for score in assessment.scores.all()}
    try:
        figure = awards_scoring.weighted_mean(scores, weights)
    except awards_scoring.ScoringError:
        # A criterion added after the juror scored: the assessment is incomplete, not counted.
        return None
    return JurorScores(
        assessment.juror.full_name,
        figure,
        scores,
        assessment.comment,
    )


def _assessments(entries: QuerySet[Nomination]) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(nomination__in=entries)
        .select_related("juror")
        .prefetch_related("scores")
        .order_by("submitted_at", "id")
    )


def jury_sheet(*, user: User, round_: AwardRound, only: int | None = None) -> dict[str, Any]:
    """The entries of the categories the juror sits on, each with its conflict, the juror's
    own scores, and the others' only once the juror has submitted. Five queries."""
    seats = {c for r, c, _chair in jury_seats(user) if r == round_.pk}
    entries = _entries(round_).filter(status=NominationStatus.ENTERED)
    if None not in seats:
        entries = entries.filter(category_id__in=seats)
    if only is not None:
        entries = entries.filter(pk=only)
    entries = entries.order_by("category__order", "title", "id")
    criteria = list(round_.criteria.all())
    weights = _weights(criteria)
    declared = dict(
        ConflictOfInterest.objects.filter(nomination__in=entries, juror=user).values_list(
            "nomination_id", "reason"
        )
    )
    entry_list = list(entries)
    mine_ids = set(
        Assessment.objects.filter(nomination__in=entries, juror=user).values_list(
            "nomination_id", flat=True
        )
    )
    by_entry: dict[int, list[Assessment]] = defaultdict(list)
    # Only the entries the juror has scored and is not conflicted on: nothing else is read.
    readable = [e.pk for e in entry_list if e.pk in mine_ids and e.pk not in declared]
    if readable:
        for assessment in _assessments(Nomination.objects.filter(pk__in=readable)):
            by_entry[assessment.nomination_id].append(assessment)
    sheet: list[SheetEntry] = []
    for entry in entry_list:
        own = own_unit_conflict(user, entry)
        conflicted = own or entry.pk in declared
        reason = _("Own unit") if own else declared.get(entry.pk, "")
        mine: JurorScores | None = None
        others: list[JurorScores] = []
        if not conflicted:
            for assessment in by_entry.get(entry.pk, []):
                scored = _juror_scores(assessment, weights)
                if scored is None:
                    continue
                if assessment.juror_id == user.pk:
                    mine = scored
                else:
                    others.append(scored)
            if entry.pk in mine_ids and mine is None:
                mine = JurorScores("", 0.0, {}, "")
        sheet.append(SheetEntry(entry, conflicted, reason, mine, others))
    return {
        "entries": sheet,
        "criteria": criteria,
        "waiting": sum(1 for item in sheet if item.waiting),
        "is_chair": chairs(user, round_),
    }


# --- the chair's overview ----------------------------------------------------------------------


@dataclass
class OverviewRow:
    rank: int | None
    nomination: Nomination
    result: EntryResult
    jurors: list[JurorScores]
    conflicts: int  # jurors conflicted on it (declared or own unit)


def chair_overview(*, user: User, round_: AwardRound) -> dict[str, Any]:
    """Per entry: the jurors' weighted means, the spread (large disagreement highlighted)
    and the ranking by category. Entries the chair is conflicted on are ranked (the others
    scored them) but their jurors' figures are not shown to the chair. Five queries."""
    criteria = list(round_.criteria.all())
    weights = _weights(criteria)
    entries = _entries(round_).filter(status=NominationStatus.ENTERED)
    entry_list = list(entries.order_by("category__order", "title", "id"))
    declared_by_entry: dict[int, set[int]] = defaultdict(set)
    for nomination_id, juror_id in ConflictOfInterest.objects.filter(
        nomination__in=entries
    ).values_list("nomination_id", "juror_id"):
        declared_by_entry[nomination_id].add(juror_id)
    seated = list(Juror.objects.filter(round=round_).select_related("user__unit__parent"))
    by_entry: dict[int, list[JurorScores]] = defaultdict(list)
    for assessment in _assessments(entries):
        scored = _juror_scores(assessment, weights)
        if scored is not None:
            by_entry[assessment.nomination_id].append(scored)
    categories: dict[int, dict[str, Any]] = {}
    for category in round_.categories.all():
        categories[category.pk] = {"category": category, "rows": []}
    results: dict[int, dict[int, EntryResult]] = defaultdict(dict)
    for entry in entry_list:
        results[entry.category_id][entry.pk] = awards_scoring.entry_result(
            [scored.figure for scored in by_entry.get(entry.pk, [])]
        )
    entry_by_pk = {entry.pk: entry for entry in entry_list}
    for category_id, category_results in results.items():
        ranked: list[Ranked[int]] = awards_scoring.ranking(category_results)
        for item in ranked:
            entry = entry_by_pk[item.key]
            hidden = user.pk in declared_by_entry[entry.pk] or own_unit_conflict(user, entry)
            conflicted = {
                seat.user_id
                for seat in seated
                if seat.user_id in declared_by_entry[entry.pk]
                or own_unit_conflict(seat.user, entry)
            }
            categories[category_id]["rows"].append(
                OverviewRow(
                    item.rank,
                    entry,
                    item.result,
                    [] if hidden else by_entry.get(entry.pk, []),
                    len(conflicted),
                )
            )
    return {
        "categories": [group for group in categories.values() if group["rows"]],
        "criteria": criteria,
        "disagreement": awards_scoring.DISAGREEMENT,
    }


# --- results -----------------------------------------------------------------------------------


def winner_sentence(round_: AwardRound, entry: Nomination) -> str:
    """ "… vann förnyelsepriset 2026 med motiveringen …" """
    return _("%(winner)s won %(award)s with the motivation: “%(motivation)s”") % {
        "winner": entry_name(entry),
        "award": round_.award_name,
        "motivation": entry.public_motivation,
    }


def entry_name(entry: Nomination) -> str:
    if entry.subject_kind == SubjectKind.EXTERNAL:
        who = entry.entrant_organisation or entry.entrant_name
        return f"{entry.title} ({who})" if who else entry.title
    if entry.unit is None or entry.title == entry.unit.name:
        return entry.title
    return f"{entry.title} ({entry.unit.name})"


def example_link(entry: Nomination) -> str | None:
    """Where a winner is told as a good example: the nominated example, or the idea's."""
    example = entry.example
    if example is None and entry.idea is not None:
        example = getattr(entry.idea, "good_example", None)
    if example is not None and example.is_published:
        return example.get_absolute_url()
    return None


@dataclass
class Winner:
    nomination: Nomination
    sentence: str
    example_url: str | None


def results(*, user: Any, round_: AwardRound) -> dict[str, Any]:
    entries = list(
        _entries(round_)
        .filter(status=NominationStatus.ENTERED)
        .select_related("idea__good_example")
        .order_by("category__order", "-is_winner", "title", "id")
    )
    by_category: dict[int, dict[str, Any]] = {}
    for category in round_.categories.all():
        by_category[category.pk] = {"category": category, "winners": [], "entries": []}
    for entry in entries:
        group = by_category[entry.category_id]
        if entry.is_winner:
            group["winners"].append(
                Winner(entry, winner_sentence(round_, entry), example_link(entry))
            )
        group["entries"].append(entry)
    return {
        "categories": list(by_category.values()),
        "show_entries": can_see_nominations(user, round_),
    }


# --- my work -----------------------------------------------------------------------------------


def work_items(*, user: User) -> list[WorkItem]:
    """Jurors: entries waiting for my score, per round in scoring. The office: rounds in jury
    scoring. A constant number of queries (seats, entries, conflicts, assessments)."""
    from innovera.organisations.permissions import is_innovation_office

    group = _("Awards")
    items: list[WorkItem] = []
    seat_rounds = {r for r, _c, _chair in jury_seats(user)}
    if seat_rounds:
        scoring = AwardRound.objects.filter(pk__in=seat_rounds, status=RoundStatus.SCORING)
        seats = jury_seats(user)
        entries = list(
            Nomination.objects.filter(round__in=scoring, status=NominationStatus.ENTERED)
            .select_related("round", "unit__parent", "nominating_unit__parent")
            .order_by("round_id", "id")
        )
        declared = set(
            ConflictOfInterest.objects.filter(
                juror=user, nomination__in=[e.pk for e in entries]
            ).values_list("nomination_id", flat=True)
        )
        done = set(
            Assessment.objects.filter(
                juror=user, nomination__in=[e.pk for e in entries]
            ).values_list("nomination_id", flat=True)
        )
        waiting: dict[int, list[Nomination]] = defaultdict(list)
        for entry in entries:
            if not any(
                r == entry.round_id and c in (None, entry.category_id) for r, c, _chair in seats
            ):
                continue
            if entry.pk in declared or entry.pk in done or own_unit_conflict(user, entry):
                continue
            waiting[entry.round_id].append(entry)
        for entries_waiting in waiting.values():
            round_ = entries_waiting[0].round
            items.append(
                WorkItem(
                    group,
                    _("Entries waiting for your score in “%(round)s”") % {"round": round_.title},
                    reverse("spreading:award_jury", kwargs={"slug": round_.slug}),
                    count=len(entries_waiting),
                    order=40,
                )
            )
    if is_innovation_office(user):
        for round_ in AwardRound.objects.filter(status=RoundStatus.SCORING).order_by("title"):
            items.append(
                WorkItem(
                    group,
                    _("“%(round)s” is in jury scoring") % {"round": round_.title},
                    round_.get_absolute_url(),
                    order=41,
                )
            )
    return items


# --- the forms' choices --------------------------------------------------------------------


def nomination_choices(*, round_: AwardRound) -> dict[str, QuerySet[Any]]:
    from innovera.organisations.models import Unit, UnitType
    from innovera.spreading.models import GoodExample, Publication

    return {
        "categories": round_.categories.all(),
        "units": Unit.objects.exclude(unit_type=UnitType.CITY).order_by("name"),
        "examples": GoodExample.objects.filter(publication=Publication.PUBLISHED)
        .select_related(None)
        .only("pk", "title")
        .order_by("title"),
    }


def idea_by_number(*, pk: int | None) -> Any:
    from innovera.ideas.models import Idea

    if pk is None:
        return None
    return Idea.objects.select_related("owner_unit__parent").filter(pk=pk).first()


def my_seats(*, user: User) -> list[Juror]:
    return list(
        Juror.objects.filter(user=user)
        .select_related("round__programme", "category")
        .order_by("-round__nomination_opens", "round_id")
    )


def entry_by_token(*, token: str) -> Nomination | None:
    return (
        Nomination.objects.filter(
            confirm_digest=token_digest(token), subject_kind=SubjectKind.EXTERNAL
        )
        .select_related("round")
        .first()
    )


def sheet_entry(*, user: User, round_: AwardRound, nomination: Nomination) -> SheetEntry:
    """One entry of the juror's sheet (the scoring page)."""
    sheet = jury_sheet(user=user, round_=round_, only=nomination.pk)
    (item,) = sheet["entries"]
    return item


def rounds_with_parts(*, user: Any) -> list[AwardRound]:
    """The rounds for the API: programme, categories and criteria in three queries."""
    return list(
        visible_rounds(user)
        .select_related("programme")
        .prefetch_related("categories", "criteria")
        .order_by("programme__name", "-nomination_opens", "-id")
    )


# --- the innovation office's set-up pages ------------------------------------------------------


def programmes() -> QuerySet[Any]:
    from innovera.spreading.models import AwardProgramme

    return AwardProgramme.objects.order_by("name", "id")


def jury_page(*, round_: AwardRound) -> dict[str, Any]:
    """The round's seats with each juror's unit and category, in one query."""
    seats = list(
        Juror.objects.filter(round=round_)
        .select_related("user__unit", "category")
        .order_by("-is_chair", "user__full_name", "category__order", "id")
    )
    return {
        "seats": seats,
        "can_unseat": round_.status in (RoundStatus.PREPARING, RoundStatus.NOMINATING),
    }


def seat_for(*, round_: AwardRound, pk: int) -> Juror:
    """A seat of this round, or 404."""
    found = Juror.objects.filter(round=round_, pk=pk).select_related("user", "category").first()
    if found is None:
        raise Http404
    return found


def employee_by_email(*, email: str) -> User | None:
    """An active employee of the city (a person placed in a unit) with this address."""
    return (
        User.objects.filter(is_active=True, unit__isnull=False, email__iexact=email.strip())
        .select_related("unit__parent")
        .first()
    )
