"""Every write of awards and competitions. Keyword-only, atomic; refusals are
`ApplicationError`s naming their field (a round's, all raised together as `Refusals`), in
Swedish through the catalogue, and nothing is stored when one is raised.

The rules: nominations only while the round's period is open (the day in Stockholm, both ends
included); an external entry counts once its address is confirmed through the mailed link
(only a digest of the link's token is kept); a nominator withdraws until the period closes; a
juror submits every criterion of an entry at once, on the scale, once — independence means a
juror who has seen the others' scores cannot change their own; a conflicted juror scores
nothing; a round has one chair, whichever category the chair's seat is in, who records the
winners of every category with their public motivation; publishing makes the results and the entries public.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innovera.core.audit import audit_record
from innovera.core.exceptions import ApplicationError, RefusalCollector
from innovera.core.permissions import can, require
from innovera.core.slugs import unique_slug
from innovera.core.tasks import send_email_in_background
from innovera.ideas.models import Idea
from innovera.organisations.models import Unit, UnitType, User
from innovera.spreading.awards_scoring import SCALE
from innovera.spreading.models import (
    Assessment,
    AwardCategory,
    AwardCriterion,
    AwardProgramme,
    AwardRound,
    ConflictOfInterest,
    CriterionScore,
    Entrants,
    GoodExample,
    Juror,
    Nomination,
    NominationStatus,
    ProgrammeKind,
    RoundStatus,
    SubjectKind,
)
from innovera.spreading.models.awards import token_digest
from innovera.spreading.permissions_awards import forget_jury_seats, is_conflicted

# The order a round moves in; the office moves it on, the chair's decision and publishing
# are their own services.
NEXT_STATUS = {
    RoundStatus.PREPARING: RoundStatus.NOMINATING,
    RoundStatus.NOMINATING: RoundStatus.SCORING,
}


def _today() -> Any:
    return timezone.localdate()


# --- programmes and rounds (the innovation office) -------------------------------------------


@transaction.atomic
def programme_create(
    *, user: User, name: str, kind: str = ProgrammeKind.AWARD, description: str = ""
) -> AwardProgramme:
    require(user, "award.manage")
    if not name.strip():
        raise ApplicationError(_("Give the programme a name."), field="name")
    return AwardProgramme.objects.create(
        name=name.strip(),
        slug=unique_slug(AwardProgramme, slugify(name) or "program"),
        kind=kind,
        description=description,
    )


def _levels(levels: Iterable[str], at: int) -> list[str]:
    texts = [str(text).strip() for text in levels]
    low, high = SCALE
    if len(texts) != high - low + 1 or not all(texts):
        raise ApplicationError(
            _("Describe what each score from 1 to 5 means: five lines."),
            field=f"criteria.{at}.levels",
        )
    return texts


def _weight(value: Any, criterion: str, at: int) -> Decimal:
    try:
        weight = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        weight = Decimal(0)
    if not weight.is_finite() or weight <= 0 or weight >= 1000:
        raise ApplicationError(
            _("Criterion “%(name)s”: the weight is a number above zero, such as 1 or 1,5.")
            % {"name": criterion},
            field=f"criteria.{at}.weight",
        )
    return weight.quantize(Decimal("0.01"))


@transaction.atomic
def round_create(
    *,
    user: User,
    programme: AwardProgramme | None,
    programme_name: str = "",
    programme_kind: str = ProgrammeKind.AWARD,
    title: str,
    award_name: str,
    nomination_opens: Any,
    nomination_closes: Any,
    categories: Iterable[tuple[str, str]],
    criteria: Iterable[Mapping[str, Any]],
    entrants: str = Entrants.INTERNAL,
    eligible_unit_types: Iterable[str] = (),
    description: str = "",
) -> AwardRound:
    """A round with its categories and criteria, being prepared (not yet public), in
    `programme` or, when that is None, in a new programme of `programme_name` (both or neither
    are stored). The one place of a round's rules: a refusal names its field, a criterion's as
    `criteria.<n>.<part>` (n counting from 0 in `criteria`), for the form to show it there;
    when several rules fail they are raised together (`Refusals`), and nothing is stored."""
    require(user, "award.manage")
    # Every rule is checked before any is said, so the office sees all its problems at once.
    refused = RefusalCollector()
    if programme is None and not programme_name.strip():
        refused.add(
            _("Choose a programme, or name a new one for the round."), field="programme_name"
        )
    if not title.strip():
        refused.add(_("Give the round a title."), field="title")
    if nomination_closes < nomination_opens:
        refused.add(
            _("The nomination period cannot close before it opens."), field="nomination_closes"
        )
    types = list(eligible_unit_types)
    if unknown := set(types) - set(UnitType.values):
        refused.add(
            _("Unknown unit type: %(types)s.") % {"types": ", ".join(sorted(unknown))},
            field="eligible_unit_types",
        )
    category_list = [(name.strip(), text) for name, text in categories if name.strip()]
    if not category_list:
        refused.add(_("A round has at least one category."), field="categories")
    elif len({name for name, _text in category_list}) != len(category_list):
        refused.add(_("Two categories have the same name."), field="categories")
    criterion_list = [
        {
            "name": str(spec["name"]).strip(),
            "description": str(spec.get("description", "")),
            "weight": refused.checked(_weight, spec.get("weight", 1), str(spec["name"]), n),
            "levels": refused.checked(_levels, spec.get("levels", ()), n),
        }
        for n, spec in enumerate(criteria)
    ]
    if not criterion_list:
        refused.add(_("A round has at least one criterion."), field="criteria")
    refused.raise_any()
    if programme is None:
        kind = programme_kind or ProgrammeKind.AWARD
        programme = programme_create(user=user, name=programme_name, kind=kind)
    round_ = AwardRound.objects.create(
        programme=programme,
        title=title.strip(),
        slug=unique_slug(AwardRound, slugify(title) or "omgang"),
        award_name=award_name.strip() or programme.name,
        description=description,
        nomination_opens=nomination_opens,
        nomination_closes=nomination_closes,
        entrants=entrants,
        eligible_unit_types=types,
    )
    AwardCategory.objects.bulk_create(
        AwardCategory(round=round_, name=name, description=text, order=n)
        for n, (name, text) in enumerate(category_list)
    )
    AwardCriterion.objects.bulk_create(
        AwardCriterion(round=round_, order=n, **spec) for n, spec in enumerate(criterion_list)
    )
    audit_record(action="award_round.create", actor=user, obj=round_)
    return round_


@transaction.atomic
def juror_add(
    *,
    user: User,
    round_: AwardRound,
    juror: User,
    category: AwardCategory | None = None,
    is_chair: bool = False,
) -> Juror:
    require(user, "award.manage")
    if category is not None and category.round_id != round_.pk:
        raise ApplicationError(_("The category belongs to another round."), field="category")
    if not juror.is_active:
        raise ApplicationError(_("The person's account is not active."), field="juror")
    if is_chair:
        AwardRound.objects.select_for_update().get(pk=round_.pk)  # one chair change at a time
        if others := list(_other_chairs(round_=round_, category=category, person=juror)):
            raise ApplicationError(
                _("The jury already has a chair: %(names)s.") % {"names": _names(others)},
                field="is_chair",
            )
    seat, created = Juror.objects.get_or_create(
        round=round_, category=category, user=juror, defaults={"is_chair": is_chair}
    )
    # Seating someone again without "chair" ticked leaves their chair alone: the chair is
    # taken away by its own button (`juror_chair_remove`), never by an unticked box.
    if not created and is_chair and not seat.is_chair:
        seat.is_chair = True
        seat.save(update_fields=["is_chair"])
    forget_jury_seats(juror)
    _seat_audited(action="award_juror.add", user=user, seat=seat)
    return seat


def _seat_audited(*, action: str, user: User, seat: Juror, **details: Any) -> None:
    audit_record(
        action=action,
        actor=user,
        obj=seat.round,
        person=seat.user,
        details={"category": seat.category_id, "chair": seat.is_chair, **details},
    )


def _other_chairs(*, round_: AwardRound, category: AwardCategory | None, person: User) -> Any:
    """The chair seats of the round other than the person's seat in `category`: the chair
    records the winners of every category, so a round has one (the person's own chair seat
    in another category counts too)."""
    seats = Juror.objects.filter(round=round_, is_chair=True).exclude(
        user=person, category=category
    )
    return seats.select_related("user").order_by("pk")


def _names(seats: Iterable[Juror]) -> str:
    return ", ".join(seat.user.full_name for seat in seats)


@transaction.atomic
def juror_make_chair(*, user: User, seat: Juror) -> list[Juror]:
    """The office moves the chair to `seat`: the jury's chair until now stays on it as a juror.
    The former chairs' seats are returned."""
    # The round first, then the seat: the order `juror_add` locks them in (no deadlock).
    AwardRound.objects.select_for_update().get(pk=seat.round_id)
    locked = Juror.objects.select_for_update().select_related("round", "user").get(pk=seat.pk)
    require(user, "award.manage", locked.round)
    if not locked.user.is_active:
        raise ApplicationError(_("The person's account is not active."), field="juror")
    former = list(_other_chairs(round_=locked.round, category=locked.category, person=locked.user))
    Juror.objects.filter(pk__in=[other.pk for other in former]).update(is_chair=False)
    locked.is_chair = True
    locked.save(update_fields=["is_chair"])
    for other in former:
        forget_jury_seats(other.user)
    forget_jury_seats(locked.user)
    _seat_audited(
        action="award_juror.chair",
        user=user,
        seat=locked,
        former_chairs=[other.user_id for other in former],
    )
    return former


@transaction.atomic
def juror_chair_remove(*, user: User, seat: Juror) -> None:
    """The seat stays on the jury, no longer the chair's (the round has no chair until the
    office makes one)."""
    locked = Juror.objects.select_for_update().select_related("round").get(pk=seat.pk)
    require(user, "award.manage", locked.round)
    locked.is_chair = False
    locked.save(update_fields=["is_chair"])
    forget_jury_seats(locked.user)
    _seat_audited(action="award_juror.unchair", user=user, seat=locked)


@transaction.atomic
def juror_remove(*, user: User, seat: Juror) -> None:
    """Unseat a juror, until the jury's scoring starts (after that their scores are the
    round's record)."""
    locked = Juror.objects.select_for_update().select_related("round", "user").get(pk=seat.pk)
    require(user, "award.manage", locked.round)
    if locked.round.status not in (RoundStatus.PREPARING, RoundStatus.NOMINATING):
        raise ApplicationError(
            _("The jury's scoring has started: a juror can no longer be unseated."),
            field="juror",
        )
    _seat_audited(action="award_juror.remove", user=user, seat=locked)
    locked.delete()
    forget_jury_seats(locked.user)
    forget_jury_seats(seat.user)


@transaction.atomic
def round_advance(*, user: User, round_: AwardRound) -> AwardRound:
    """Open the round for nominations, or close nominations and start the jury's scoring."""
    require(user, "award.manage", round_)
    locked = AwardRound.objects.select_for_update().get(pk=round_.pk)
    following = NEXT_STATUS.get(RoundStatus(locked.status))
    if following is None:
        raise ApplicationError(_("The round cannot be moved on from here."), field="status")
    if following == RoundStatus.SCORING and not locked.jurors.exists():
        raise ApplicationError(_("Seat a jury before scoring starts."), field="status")
    locked.status = following
    locked.save(update_fields=["status"])
    return locked


# --- nominations -------------------------------------------------------------------------------


def _period_open(round_: AwardRound) -> None:
    today = _today()
    if round_.nomination_open_on(today):
        return
    if today < round_.nomination_opens and round_.status in (
        RoundStatus.PREPARING,
        RoundStatus.NOMINATING,
    ):
        raise ApplicationError(
            _("The nomination period opens on %(day)s.") % {"day": _day(round_.nomination_opens)},
            field="round",
        )
    raise ApplicationError(
        _("The nomination period closed on %(day)s.") % {"day": _day(round_.nomination_closes)},
        field="round",
    )


def _day(day: Any) -> str:
    from innovera.core.formatting import date_long

    return date_long(day)


def _category(round_: AwardRound, category: AwardCategory | int | None) -> AwardCategory:
    category_id = category.pk if isinstance(category, AwardCategory) else category
    found = (
        AwardCategory.objects.filter(round=round_, pk=category_id).first()
        if category_id is not None
        else None
    )
    if found is None:
        raise ApplicationError(_("Choose one of the round's categories."), field="category")
    return found


def _eligible(round_: AwardRound, unit: Unit) -> None:
    if not round_.eligible_unit_types:
        return
    kinds: set[str] = set()
    walker: Unit | None = unit
    while walker is not None:
        kinds.add(walker.unit_type)
        walker = walker.parent
    if not kinds & set(round_.eligible_unit_types):
        names = ", ".join(str(UnitType(t).label).lower() for t in round_.eligible_unit_types)
        raise ApplicationError(
            _("%(unit)s may not be nominated to this round: it is open to %(types)s.")
            % {"unit": unit.name, "types": names},
            field="subject",
        )


def _text(value: str, field: str, message: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ApplicationError(message, field=field)
    if len(text) > limit:
        raise ApplicationError(
            _("At most %(n)s characters.") % {"n": f"{limit:,}".replace(",", " ")}, field=field
        )
    return text


@transaction.atomic
def nomination_create(
    *,
    user: User,
    round_: AwardRound,
    category: AwardCategory | int | None,
    subject_kind: str,
    motivation: str,
    idea: Idea | None = None,
    example: GoodExample | None = None,
    unit: Unit | None = None,
    title: str = "",
) -> Nomination:
    """A city employee nominates an idea, a good example or a unit (their own or another's)."""
    require(user, "award.nominate", round_)
    round_ = AwardRound.objects.select_for_update().get(pk=round_.pk)
    _period_open(round_)
    found_category = _category(round_, category)
    if subject_kind == SubjectKind.IDEA:
        if idea is None or not can(user, "idea.view", idea):
            raise ApplicationError(_("Choose the idea you nominate."), field="subject")
        subject_unit, default_title = idea.owner_unit, idea.title
    elif subject_kind == SubjectKind.EXAMPLE:
        if example is None or not can(user, "example.view", example) or not example.is_published:
            raise ApplicationError(_("Choose a published good example."), field="subject")
        subject_unit, default_title = example.unit, example.title
    elif subject_kind == SubjectKind.UNIT:
        if unit is None:
            raise ApplicationError(_("Choose the unit you nominate."), field="subject")
        subject_unit, default_title = unit, unit.name
    else:
        raise ApplicationError(_("Choose what you nominate."), field="subject_kind")
    if subject_unit is not None:
        _eligible(round_, subject_unit)
    return Nomination.objects.create(
        round=round_,
        category=found_category,
        subject_kind=subject_kind,
        idea=idea if subject_kind == SubjectKind.IDEA else None,
        example=example if subject_kind == SubjectKind.EXAMPLE else None,
        unit=subject_unit,
        nominating_unit=user.unit,
        nominator=user,
        title=_text(title or default_title, "title", _("Give the entry a title."), 200),
        motivation=_text(
            motivation, "motivation", _("Write why you nominate it (the motivation)."), 5000
        ),
        status=NominationStatus.ENTERED,
    )


@transaction.atomic
def nomination_enter_external(
    *,
    round_: AwardRound,
    category: AwardCategory | int | None,
    name: str,
    email: str,
    title: str,
    motivation: str,
    organisation: str = "",
    absolute: Callable[[str], str] | None = None,
) -> Nomination:
    """A company's or resident's entry through the public form. It is not an entry until the
    address is confirmed: a link is mailed to it."""
    require(AnonymousUser(), "award.enter", round_)
    round_ = AwardRound.objects.select_for_update().get(pk=round_.pk)
    _period_open(round_)
    found_category = _category(round_, category)
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    address = (email or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ApplicationError(
            _("Enter an e-mail address we can send the confirmation link to."), field="email"
        ) from None
    token = secrets.token_urlsafe(32)
    nomination = Nomination.objects.create(
        round=round_,
        category=found_category,
        subject_kind=SubjectKind.EXTERNAL,
        title=_text(title, "title", _("Give the entry a title."), 200),
        motivation=_text(motivation, "motivation", _("Describe the entry."), 5000),
        entrant_name=_text(name, "name", _("Write your name."), 200),
        entrant_organisation=(organisation or "").strip()[:200],
        entrant_email=address,
        status=NominationStatus.UNCONFIRMED,
        confirm_digest=token_digest(token),
    )
    # The page passes its request's absolute-address builder; without one (a script) the
    # link is the path alone.
    path = reverse("spreading:award_confirm", kwargs={"token": token})
    link = absolute(path) if absolute is not None else path
    body = _(
        "Hello %(name)s,\n\nconfirm your entry “%(title)s” to %(round)s by opening this link:"
        "\n\n%(link)s\n\nUntil you do, it is not an entry. If you did not send it, ignore this "
        "message. Through the same link you can withdraw the entry until the nomination period "
        "closes."
    ) % {
        "name": nomination.entrant_name,
        "title": nomination.title,
        "round": round_.title,
        "link": link,
    }
    transaction.on_commit(
        partial(
            send_email_in_background,
            subject=_("Confirm your entry to %(round)s") % {"round": round_.title},
            body=body,
            to=[address],
        )
    )
    return nomination


@transaction.atomic
def nomination_confirm(*, token: str) -> Nomination:
    """The entrant opened the mailed link: the entry counts (once; again is no change)."""
    nomination = _external_entry_locked(token)
    if nomination.status == NominationStatus.UNCONFIRMED:
        _period_open(nomination.round)
        nomination.status = NominationStatus.ENTERED
        nomination.confirmed_at = timezone.now()
        nomination.save(update_fields=["status", "confirmed_at"])
    return nomination


@transaction.atomic
def nomination_withdraw(*, user: User, nomination: Nomination) -> Nomination:
    require(user, "nomination.withdraw", nomination)
    locked = Nomination.objects.select_for_update().select_related("round").get(pk=nomination.pk)
    return _withdrawn(
        locked,
        closed=_("The nomination period has closed: the nomination can no longer be withdrawn."),
    )


@transaction.atomic
def nomination_withdraw_external(*, token: str) -> Nomination:
    """The entrant withdraws through the mailed link (a POST from its page), until the period
    closes; again is no change."""
    return _withdrawn(
        _external_entry_locked(token),
        closed=_("The nomination period has closed: the entry can no longer be withdrawn."),
    )


def _external_entry_locked(token: str) -> Nomination:
    """The external entry the mailed link names, locked for the change; else 404."""
    nomination = (
        Nomination.objects.select_for_update()
        .select_related("round")
        .filter(confirm_digest=token_digest(token), subject_kind=SubjectKind.EXTERNAL)
        .first()
    )
    if nomination is None:
        raise ApplicationError(_("This confirmation link is not valid."), field="token", status=404)
    return nomination


def _withdrawn(locked: Nomination, *, closed: str) -> Nomination:
    """The locked entry withdrawn, while its round still takes nominations (else `closed` is
    the refusal); one already withdrawn is no change."""
    if locked.status == NominationStatus.WITHDRAWN:
        return locked
    if locked.round.status != RoundStatus.NOMINATING or _today() > locked.round.nomination_closes:
        raise ApplicationError(closed, field="nomination")
    locked.status = NominationStatus.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["status", "withdrawn_at"])
    return locked


# --- the jury ----------------------------------------------------------------------------------


@transaction.atomic
def conflict_declare(*, user: User, nomination: Nomination, reason: str = "") -> ConflictOfInterest:
    """A juror declares a conflict on an entry; any scores they gave it no longer count."""
    require(user, "nomination.declare_conflict", nomination)
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        nomination=nomination, juror=user, defaults={"reason": (reason or "").strip()[:500]}
    )
    Assessment.objects.filter(nomination=nomination, juror=user).delete()
    return conflict


def _score(value: Any, criterion: AwardCriterion) -> int:
    low, high = SCALE
    text = str(value if value is not None else "").strip()
    if not text:
        raise ApplicationError(
            _("“%(name)s”: choose a score.") % {"name": criterion.name},
            field=f"criterion-{criterion.pk}",
        )
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise ApplicationError(
            _("“%(name)s”: the score is a whole number from %(low)s to %(high)s, not “%(value)s”.")
            % {"name": criterion.name, "low": low, "high": high, "value": text[:20]},
            field=f"criterion-{criterion.pk}",
        )
    return number


@transaction.atomic
def assessment_submit(
    *, user: User, nomination: Nomination, scores: Mapping[int, Any], comment: str = ""
) -> Assessment:
    """A juror's scores for one entry, every criterion on the scale, submitted once."""
    nomination = Nomination.objects.select_related(
        "round", "unit__parent", "nominating_unit__parent"
    ).get(pk=nomination.pk)
    if is_conflicted(user, nomination) and can(user, "award.jury", nomination.round):
        raise ApplicationError(
            _(
                "You have a conflict of interest on this entry, so you neither score it nor see "
                "its scores."
            ),
            field="nomination",
            status=403,
        )
    require(user, "nomination.score", nomination)
    if Assessment.objects.filter(nomination=nomination, juror=user).exists():
        raise ApplicationError(
            _(
                "You have already submitted your scores for this entry; after seeing the others' "
                "they cannot be changed."
            ),
            field="nomination",
        )
    criteria = list(AwardCriterion.objects.filter(round=nomination.round))
    values = {criterion.pk: _score(scores.get(criterion.pk), criterion) for criterion in criteria}
    if unknown := set(scores) - set(values):
        raise ApplicationError(
            _("Scores for criteria of another round: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in sorted(unknown))},
            field="scores",
        )
    assessment = Assessment.objects.create(
        nomination=nomination, juror=user, comment=(comment or "").strip()[:2000]
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(assessment=assessment, criterion_id=pk, value=value)
        for pk, value in values.items()
    )
    return assessment


@transaction.atomic
def round_decide(*, user: User, round_: AwardRound, winners: Mapping[int, str]) -> AwardRound:
    """The chair records the winners (nomination id → public motivation); the others lose."""
    require(user, "award.chair", round_)
    locked = AwardRound.objects.select_for_update().get(pk=round_.pk)
    if locked.status not in (RoundStatus.SCORING, RoundStatus.DECIDED):
        raise ApplicationError(
            _(
                "Winners are decided after the nominations close and before the results are published."
            ),
            field="winners",
        )
    if not winners:
        raise ApplicationError(_("Choose at least one winner."), field="winners")
    entries = {
        entry.pk: entry
        for entry in Nomination.objects.filter(
            round=locked, status=NominationStatus.ENTERED, pk__in=list(winners)
        )
    }
    if missing := set(winners) - set(entries):
        raise ApplicationError(
            _("Not an entry of this round: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in sorted(missing))},
            field="winners",
        )
    for pk, text in winners.items():
        motivation = (text or "").strip()
        if not motivation:
            raise ApplicationError(
                _("Write the public motivation for “%(title)s”.") % {"title": entries[pk].title},
                field=f"motivation-{pk}",
            )
        if len(motivation) > 2000:
            raise ApplicationError(
                _("The motivation for “%(title)s” is longer than 2 000 characters.")
                % {"title": entries[pk].title},
                field=f"motivation-{pk}",
            )
    Nomination.objects.filter(round=locked).exclude(pk__in=list(winners)).update(
        is_winner=False, public_motivation=""
    )
    for pk, text in winners.items():
        Nomination.objects.filter(pk=pk).update(is_winner=True, public_motivation=text.strip())
    locked.status = RoundStatus.DECIDED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def round_publish(*, user: User, round_: AwardRound) -> AwardRound:
    require(user, "award.publish", round_)
    locked = AwardRound.objects.select_for_update().get(pk=round_.pk)
    if locked.status != RoundStatus.DECIDED:
        raise ApplicationError(
            _("The chair records the winners before the results are published."), field="status"
        )
    locked.status = RoundStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    return locked
