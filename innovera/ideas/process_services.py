"""The innovation office's process settings: stages, transitions, criteria and topic routing.

Every write is keyword-only and atomic, and checks `process.configure` itself, so no caller can
skip the check. A refusal is a `ProcessRuleError` whose message says why, in the person's
language (an `ApplicationError`); `field` names the form field it belongs to, when there is
one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Max, ProtectedError, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innovera.core.audit import audit_record
from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import require
from innovera.core.slugs import unique_slug
from innovera.ideas.models import (
    Criterion,
    Idea,
    RoutingRule,
    Score,
    Stage,
    StageMove,
    Topic,
    Transition,
)
from innovera.organisations.models import Role, Unit, User

# The roles a transition may name, in the order they are stored and shown.
TRANSITION_ROLES = (Role.COORDINATOR.value, Role.INNOVATION_OFFICE.value)
MAX_WEIGHT = Decimal(10)


# A refused change to the process is the core's one error type; the name says where it came from.
ProcessRuleError = ApplicationError


def _require_office(user: User) -> None:
    require(user, "process.configure")


@transaction.atomic
def stage_save(
    *,
    user: User,
    stage: Stage | None,
    name_sv: str,
    name_en: str,
    order: int,
    is_initial: bool,
    requires_reason: bool,
    key: str = "",
) -> Stage:
    """Create a stage (with `key`) or change one. Exactly one stage is where new ideas start:
    marking another stage moves the mark there, and the mark cannot simply be removed."""
    _require_office(user)
    # Lock every stage: two people moving the first-stage mark at once are applied in turn.
    stages = {s.pk: s for s in Stage.objects.select_for_update().order_by("pk")}
    if stage is None:
        key = key.strip().lower()
        if not key:
            raise ProcessRuleError(_("Give the stage a key."), field="key")
        if any(s.key == key for s in stages.values()):
            raise ProcessRuleError(
                _("Another stage has the key “%(key)s”; choose another.") % {"key": key},
                field="key",
            )
        stage = Stage(key=key)
    else:
        stage = stages.get(stage.pk) or Stage.objects.get(pk=stage.pk)
        if stage.is_initial and not is_initial:
            raise ProcessRuleError(
                _(
                    "New ideas must start in one stage, and now they start in “%(stage)s”. "
                    "To let them start in another stage, edit that stage and mark it instead."
                )
                % {"stage": stage.name_sv},
                field="is_initial",
            )
    stage.name_sv = name_sv.strip()
    stage.name_en = name_en.strip()
    stage.order = order
    stage.requires_reason = requires_reason
    try:
        with transaction.atomic():
            if is_initial and not stage.is_initial:
                # The database allows one first stage: take the mark off the old one first.
                Stage.objects.filter(is_initial=True).update(is_initial=False)
            stage.is_initial = is_initial
            stage.save()
    except IntegrityError:
        raise ProcessRuleError(
            _("The stage could not be saved because the process changed meanwhile. Try again.")
        ) from None
    return stage


def stage_delete_refusal(*, stage: Stage) -> str | None:
    """Why the stage cannot be deleted, or None when it can."""
    if stage.is_initial:
        return _(
            "New ideas start in this stage. Mark another stage as the one they start in before "
            "you delete this one."
        )
    in_stage = Idea.objects.filter(stage=stage).count()
    if in_stage:
        return ngettext(
            "%(n)s idea is in this stage. Move it to another stage before you delete this one.",
            "%(n)s ideas are in this stage. Move them to another stage before you delete this one.",
            in_stage,
        ) % {"n": in_stage}
    passed = (
        StageMove.objects.filter(Q(from_stage=stage) | Q(to_stage=stage))
        .values("idea_id")
        .distinct()
        .count()
    )
    if passed:
        return ngettext(
            "%(n)s idea has passed through this stage, and what has happened to it must stay on "
            "record. Rename the stage or take away the transitions to it instead.",
            "%(n)s ideas have passed through this stage, and what has happened to them must stay "
            "on record. Rename the stage or take away the transitions to it instead.",
            passed,
        ) % {"n": passed}
    return None


@transaction.atomic
def stage_delete(*, user: User, stage: Stage) -> None:
    """Delete a stage no idea is in or has passed through; its transitions go with it."""
    _require_office(user)
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    refusal = stage_delete_refusal(stage=stage)
    if refusal is not None:
        raise ProcessRuleError(refusal)
    try:
        with transaction.atomic():
            stage.delete()
    except ProtectedError:
        # An idea reached the stage after the check above.
        raise ProcessRuleError(
            _("Ideas use this stage, so it cannot be deleted. Rename it instead.")
        ) from None


def _roles_value(roles: Collection[str]) -> str:
    unknown = set(roles) - set(TRANSITION_ROLES)
    if unknown:
        raise ProcessRuleError(
            _("Unknown role: %(roles)s.") % {"roles": ", ".join(sorted(unknown))}
        )
    return ",".join(role for role in TRANSITION_ROLES if role in roles)


@transaction.atomic
def transition_set(
    *, user: User, from_stage: Stage, to_stage: Stage, roles: Collection[str]
) -> Transition | None:
    """Allow the move for these roles; with no roles the move is no longer allowed."""
    _require_office(user)
    return _transition_write(from_stage=from_stage, to_stage=to_stage, roles=_roles_value(roles))


def _transition_write(*, from_stage: Stage, to_stage: Stage, roles: str) -> Transition | None:
    if from_stage.pk == to_stage.pk:
        raise ProcessRuleError(_("A stage cannot lead to itself."))
    if not roles:
        Transition.objects.filter(from_stage=from_stage, to_stage=to_stage).delete()
        return None
    transition, _created = Transition.objects.update_or_create(
        from_stage=from_stage, to_stage=to_stage, defaults={"roles": roles}
    )
    return transition


@transaction.atomic
def transition_table_set(
    *, user: User, roles_by_pair: Mapping[tuple[Stage, Stage], Collection[str]]
) -> int:
    """Set every move in the table at once; returns how many moves changed. Pairs the table
    does not name (a stage added meanwhile) are left as they are."""
    _require_office(user)
    current = {
        (t.from_stage_id, t.to_stage_id): t.roles
        for t in Transition.objects.select_for_update().order_by("pk")
    }
    changed = 0
    for (from_stage, to_stage), roles in roles_by_pair.items():
        value = _roles_value(roles)
        if current.get((from_stage.pk, to_stage.pk), "") != value:
            _transition_write(from_stage=from_stage, to_stage=to_stage, roles=value)
            changed += 1
    return changed


@transaction.atomic
def criterion_save(
    *,
    user: User,
    criterion: Criterion | None,
    name_sv: str,
    name_en: str,
    weight: Decimal,
    active: bool,
    scale_low_sv: str = "",
    scale_high_sv: str = "",
    scale_low_en: str = "",
    scale_high_en: str = "",
) -> Criterion:
    """Create a criterion or change one, with what the ends of its 1–5 scale mean. A new
    weight, or a criterion switched on or off, changes the stored score of every idea scored
    on it, so the ranking follows at once."""
    _require_office(user)
    if not Decimal(0) <= weight <= MAX_WEIGHT:
        raise ProcessRuleError(_("The weight is a number from 0 to 10."), field="weight")
    if criterion is None:
        last = Criterion.objects.aggregate(last=Max("order"))["last"]
        criterion = Criterion(
            key=unique_slug(
                Criterion, slugify(name_en or name_sv) or "kriterium", field="key", max_length=40
            ),
            order=0 if last is None else last + 10,
        )
        rescore = False
    else:
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
        rescore = criterion.weight != weight or criterion.active != active
    criterion.name_sv = name_sv.strip()
    criterion.name_en = name_en.strip()
    criterion.weight = weight
    criterion.active = active
    criterion.scale_low_sv = scale_low_sv.strip()
    criterion.scale_high_sv = scale_high_sv.strip()
    criterion.scale_low_en = scale_low_en.strip()
    criterion.scale_high_en = scale_high_en.strip()
    criterion.save()
    if rescore:
        _scores_recompute(criterion=criterion)
    return criterion


def _scores_recompute(*, criterion: Criterion) -> int:
    """Store again the score of every idea scored on the criterion, with the formula of
    `services.weighted_score`, in one read and one batch of updates."""
    idea_ids = set(
        Score.objects.filter(criterion=criterion).values_list("idea_id", flat=True).distinct()
    )
    means = (
        Score.objects.filter(idea_id__in=idea_ids, criterion__active=True)
        .values("idea_id", "criterion_id", "criterion__weight")
        .annotate(mean=Avg("value"))
    )
    rows: dict[int, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for row in means:
        rows[row["idea_id"]].append((Decimal(str(row["mean"])), row["criterion__weight"]))
    ideas = list(Idea.objects.filter(pk__in=idea_ids).only("pk", "score"))
    for idea in ideas:
        total_weight = sum((weight for _mean, weight in rows[idea.pk]), Decimal(0))
        weighted = sum((mean * weight for mean, weight in rows[idea.pk]), Decimal(0))
        idea.score = (weighted / total_weight).quantize(Decimal("0.01")) if total_weight else None
    Idea.objects.bulk_update(ideas, ["score"], batch_size=500)
    return len(ideas)


@transaction.atomic
def topic_create(*, user: User, name: str) -> Topic:
    _require_office(user)
    name = " ".join(name.split())
    if not name:
        raise ProcessRuleError(_("Write the name of the topic."), field="new_topic")
    if Topic.objects.filter(name__iexact=name).exists():
        raise ProcessRuleError(
            _("The topic “%(name)s” exists already; choose it in the list instead.")
            % {"name": name},
            field="new_topic",
        )
    slug = unique_slug(Topic, slugify(name) or "amne", max_length=100)
    return Topic.objects.create(name=name, slug=slug)


@transaction.atomic
def routing_rule_set(*, user: User, topic: Topic | str, unit: Unit) -> RoutingRule:
    """Ideas on the topic go to the unit from now on; a topic has one rule, so a new rule for
    it replaces the old one. Ideas already submitted keep their unit. A name instead of a
    topic creates the topic first."""
    _require_office(user)
    if isinstance(topic, str):
        topic = topic_create(user=user, name=topic)
    rule, _created = RoutingRule.objects.update_or_create(topic=topic, defaults={"unit": unit})
    audit_record(
        action="routing_rule.set",
        actor=user,
        obj=rule,
        details={"topic": topic.name, "unit": unit.name},
    )
    return rule


@transaction.atomic
def routing_rule_remove(*, user: User, rule: RoutingRule) -> None:
    _require_office(user)
    audit_record(action="routing_rule.remove", actor=user, obj=rule)
    RoutingRule.objects.filter(pk=rule.pk).delete()
