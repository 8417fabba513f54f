"""The awards part of the spreading app's permission table (merged into `permissions.PERMISSIONS`).

- A round being prepared is the innovation office's (and its jury's); every other round is
  public: its page, its criteria, the public entry form when it takes external entrants.
- Nominations are seen by their nominator, the office and the round's jury until the results
  are published; then the entered ones are public (pages and API alike — others get 404).
- A juror sits on a round, for one category or all of them. A juror conflicted on an entry
  (declared, or the entry is of the juror's own unit) neither scores it nor sees its scores.
- The chair of the round sees the spread and the ranking and records the winners; the chair or
  the office publishes.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innovera.organisations.models import Role, UnitType, User
from innovera.organisations.permissions import (
    AnyUser,
    Predicate,
    is_innovation_office,
    is_signed_in,
    memberships_of,
)

SEATS_CACHE = "_innovera_jury_seats"
Seat = tuple[int, int | None, bool]  # round id, category id (None: all), chair


def _person(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and is_signed_in(user) else None


def jury_seats(user: AnyUser) -> frozenset[Seat]:
    """The seats a person holds, read once per user object (a page asks many times)."""
    person = _person(user)
    if person is None:
        return frozenset()
    cached: frozenset[Seat] | None = getattr(person, SEATS_CACHE, None)
    if cached is None:
        from innovera.spreading.models import Juror

        cached = frozenset(
            Juror.objects.filter(user=person).values_list("round_id", "category_id", "is_chair")
        )
        setattr(person, SEATS_CACHE, cached)
    return cached


def forget_jury_seats(user: AnyUser) -> None:
    user.__dict__.pop(SEATS_CACHE, None)


def _round_of(obj: Any) -> Any:
    return getattr(obj, "round", obj)


def sits_on(user: AnyUser, round_: Any, category_id: int | None = None) -> bool:
    """On the round's jury; with a category, on that category's (a seat for all counts)."""
    if round_ is None:
        return False
    return any(
        seat_round == round_.pk and (category_id is None or seat_category in (None, category_id))
        for seat_round, seat_category, _chair in jury_seats(user)
    )


def chairs(user: AnyUser, round_: Any) -> bool:
    return round_ is not None and any(
        seat_round == round_.pk and chair for seat_round, _category, chair in jury_seats(user)
    )


def is_jury_member(user: AnyUser, obj: Any = None) -> bool:
    """Holds the jury role or a seat on any round: has a jury page."""
    return any(role == Role.JURY for role, _unit in memberships_of(user)) or bool(jury_seats(user))


def _is_office(user: AnyUser, obj: Any = None) -> bool:
    return is_innovation_office(user)


def _employee(user: AnyUser) -> User | None:
    person = _person(user)
    return person if person is not None and person.unit_id is not None else None


# --- rounds --------------------------------------------------------------------------------


def visible_rounds(user: AnyUser, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    from innovera.spreading.models import AwardRound, RoundStatus

    rounds = queryset if queryset is not None else AwardRound.objects.all()
    if is_innovation_office(user):
        return rounds
    rule = ~Q(status=RoundStatus.PREPARING)
    seats = {seat_round for seat_round, _c, _chair in jury_seats(user)}
    if seats:
        rule |= Q(pk__in=seats)
    return rounds.filter(rule)


def can_view_round(user: AnyUser, round_: Any) -> bool:
    from innovera.spreading.models import RoundStatus

    round_ = _round_of(round_)
    return (
        round_.status != RoundStatus.PREPARING
        or is_innovation_office(user)
        or sits_on(user, round_)
    )


def can_nominate(user: AnyUser, round_: Any = None) -> bool:
    """City employees nominate their own unit's or others' work to a round for the city's
    units. The period is the service's to check: a late nomination is told why."""
    if _employee(user) is None:
        return False
    return round_ is None or (can_view_round(user, round_) and round_.takes_internal)


def can_enter_externally(user: AnyUser, round_: Any = None) -> bool:
    return round_ is None or (can_view_round(user, round_) and round_.takes_external)


def can_jury(user: AnyUser, round_: Any) -> bool:
    return sits_on(user, _round_of(round_))


def can_chair(user: AnyUser, round_: Any) -> bool:
    return chairs(user, _round_of(round_))


def can_publish(user: AnyUser, round_: Any) -> bool:
    round_ = _round_of(round_)
    return chairs(user, round_) or is_innovation_office(user)


def can_see_nominations(user: AnyUser, round_: Any) -> bool:
    """The round's list of entries: public once its results are published; before that the
    office's and its jury's."""
    round_ = _round_of(round_)
    return round_.is_published or is_innovation_office(user) or sits_on(user, round_)


def can_see_results(user: AnyUser, round_: Any) -> bool:
    round_ = _round_of(round_)
    return round_.is_published or is_innovation_office(user) or sits_on(user, round_)


# --- nominations ---------------------------------------------------------------------------


def visible_nominations(user: AnyUser, round_: Any) -> QuerySet[Any]:
    """A round's entries this person may see (entered ones; their own of any status)."""
    from innovera.spreading.models import Nomination, NominationStatus

    entries = Nomination.objects.filter(round=round_)
    seen = can_see_nominations(user, round_)
    rule = Q(status=NominationStatus.ENTERED) if seen else Q(pk__in=[])
    person = _person(user)
    if person is not None:
        rule |= Q(nominator=person)
    return entries.filter(rule)


def can_view_nomination(user: AnyUser, nomination: Any) -> bool:
    person = _person(user)
    if person is not None and nomination.nominator_id == person.pk:
        return True
    return nomination.is_entered and can_see_nominations(user, nomination.round)


def can_withdraw(user: AnyUser, nomination: Any) -> bool:
    """The nominator, until the period closes (the service says so when it has)."""
    person = _person(user)
    return person is not None and nomination.nominator_id == person.pk


def _same_unit_below_the_city(a: Any, b: Any) -> bool:
    """One unit is the other or contains it, the city itself excepted (the jury account sits
    at the city and is not conflicted on every entry)."""
    if a is None or b is None:
        return False

    def chain(unit: Any) -> set[int]:
        found: set[int] = set()
        while unit is not None and unit.unit_type != UnitType.CITY:
            found.add(unit.pk)
            unit = unit.parent
        return found

    return a.pk in chain(b) or b.pk in chain(a)


def own_unit_conflict(juror: Any, nomination: Any) -> bool:
    """An entry of the juror's own unit, or nominated by it, is conflicted automatically."""
    unit = getattr(juror, "unit", None)
    return _same_unit_below_the_city(unit, nomination.unit) or _same_unit_below_the_city(
        unit, nomination.nominating_unit
    )


def is_conflicted(user: AnyUser, nomination: Any) -> bool:
    person = _person(user)
    if person is None:
        return False
    if own_unit_conflict(person, nomination):
        return True
    return nomination.conflicts.filter(juror=person).exists()


def _judges(user: AnyUser, nomination: Any) -> bool:
    """On the entry's jury: seated for its category (or all), or the round's chair, who records
    the winners of every category whatever category the chair's seat is in."""
    return sits_on(user, nomination.round, nomination.category_id) or chairs(user, nomination.round)


def can_declare_conflict(user: AnyUser, nomination: Any) -> bool:
    return nomination.is_entered and _judges(user, nomination)


def can_score(user: AnyUser, nomination: Any) -> bool:
    from innovera.spreading.models import RoundStatus

    return (
        nomination.is_entered
        and nomination.round.status == RoundStatus.SCORING
        and sits_on(user, nomination.round, nomination.category_id)
        and not is_conflicted(user, nomination)
    )


def can_see_scores(user: AnyUser, nomination: Any) -> bool:
    """Others' scores: the chair (unless conflicted), and a juror after submitting their own."""
    if not _judges(user, nomination) or is_conflicted(user, nomination):
        return False
    if chairs(user, nomination.round):
        return True
    return nomination.assessments.filter(juror=user).exists()


def anyone(user: AnyUser, obj: Any = None) -> bool:
    return True


AWARD_PERMISSIONS: dict[str, Predicate] = {
    "award.list": anyone,  # filtered by visible_rounds
    "award.view": can_view_round,
    "award.manage": _is_office,
    "award.nominate": can_nominate,
    "award.enter": can_enter_externally,
    # The confirmation link is reached by its secret address; the view finds the entry by it.
    "award.confirm_entry": anyone,
    # The same secret address lets the entrant withdraw (the service checks the period).
    "award.withdraw_entry": anyone,
    "award.nominations": can_see_nominations,
    "award.results": can_see_results,
    "award.jury": can_jury,
    "award.jury_work": is_jury_member,
    "award.chair": can_chair,
    "award.publish": can_publish,
    "award.my_nominations": is_signed_in,
    "nomination.view": can_view_nomination,
    "nomination.withdraw": can_withdraw,
    "nomination.declare_conflict": can_declare_conflict,
    "nomination.score": can_score,
    "nomination.see_scores": can_see_scores,
}

AWARD_REFUSALS = {
    "award.nominate": _("Only the city's employees may nominate to this round."),
    "award.enter": _("This round does not take entries from companies or residents."),
    "award.jury": _("Only the round's jury may do this."),
    "award.chair": _("Only the chair of the round's jury may do this."),
    "award.publish": _("Only the chair of the jury or the innovation office may publish."),
    "nomination.withdraw": _("Only the one who nominated may withdraw the nomination."),
    "nomination.declare_conflict": _("Only the jury of this category may declare a conflict."),
    "nomination.score": _(
        "You cannot score this entry: you have a conflict of interest, you are not on its "
        "jury, or the round is not in jury scoring."
    ),
}
