"""Every write of the ideas app. Keyword-only, atomic, and the only place rules are enforced."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from innovera.core.audit import audit_record
from innovera.core.exceptions import ApplicationError, PermissionRefused
from innovera.core.language import in_site_language
from innovera.core.permissions import can, require
from innovera.core.registry import innovera_apps
from innovera.core.slugs import unique_slug
from innovera.core.tasks import enqueue, send_email
from innovera.core.uploads import stored_file
from innovera.ideas.models import (
    Attachment,
    Audience,
    Challenge,
    Comment,
    Criterion,
    Effect,
    Follow,
    Idea,
    Lesson,
    Notification,
    NotificationSetting,
    Pilot,
    PilotDecision,
    RouteChange,
    RoutingRule,
    Score,
    Stage,
    StageMove,
    Support,
    Topic,
    Transition,
    Visibility,
)
from innovera.ideas.permissions import idea_viewers, roles_for_idea, visible_ideas
from innovera.organisations.models import Unit, User


@transaction.atomic
def challenge_publish(
    *, user: User, owner_unit: Unit, fields: dict[str, Any], topics: Iterable[Topic] = ()
) -> Challenge:
    require(user, "challenge.create", owner_unit)
    slug = unique_slug(Challenge, slugify(fields["title"]) or "utmaning")
    challenge = Challenge.objects.create(
        owner_unit=owner_unit, slug=slug, created_by=user, **fields
    )
    challenge.topics.set(topics)
    return challenge


def route_for(*, challenge: Challenge | None, topics: Iterable[Topic]) -> Unit | None:
    """The owner unit of the challenge, else the first topic rule the office has set."""
    if challenge is not None:
        return challenge.owner_unit
    rule = (
        RoutingRule.objects.filter(topic__in=list(topics))
        .select_related("unit")
        .order_by("topic__name")
        .first()
    )
    return rule.unit if rule else None


@transaction.atomic
def idea_submit(
    *,
    user: User,
    submission_key: Any,
    fields: dict[str, Any],
    topics: Iterable[Topic] = (),
    challenge: Challenge | None = None,
) -> tuple[Idea, bool]:
    """Create the idea once per form: a second submit of the same form returns the first idea.

    Returns (idea, created).
    """
    require(user, "idea.submit")
    existing = Idea.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    topics = list(topics)
    if challenge is not None and challenge.audience == Audience.INTERNAL:
        # An idea for an internal challenge is as internal as the challenge unless said otherwise.
        fields = {"visibility": Visibility.CITY, **fields}
    initial = Stage.objects.get(is_initial=True)
    try:
        with transaction.atomic():
            idea = Idea.objects.create(
                submitter=user,
                submission_key=submission_key,
                challenge=challenge,
                owner_unit=route_for(challenge=challenge, topics=topics),
                stage=initial,
                **fields,
            )
    except IntegrityError:
        # Two submits of the same form raced; the other one made the idea.
        return Idea.objects.get(submission_key=submission_key), False
    idea.topics.set(topics)
    StageMove.objects.create(idea=idea, from_stage=None, to_stage=initial, actor=user)
    Follow.objects.create(idea=idea, user=user)
    # The submitter is told who will look at the idea, also when it has nobody yet.
    Notification.objects.create(
        user=user,
        idea=idea,
        text=_("“%(title)s” was submitted. %(who)s")
        % {"title": idea.title, "who": who_handles(idea)},
    )
    return idea, True


def who_handles(idea: Idea) -> str:
    """A sentence for the submitter: who will look at the idea. An idea with no challenge and
    no topic rule has no unit: the innovation office reads it and routes it."""
    if idea.owner_unit is None:
        return _(
            "The innovation office will read it and send it to the unit that should handle it."
        )
    return _("%(unit)s will look at it.") % {"unit": idea.owner_unit.name}


def allowed_moves(*, user: User | Any, idea: Idea) -> list[Transition]:
    if not can(user, "idea.move", idea):
        return []
    return list(
        Transition.objects.filter(from_stage=idea.stage)
        .select_related("to_stage")
        .order_by("to_stage__order")
    )


# Ideas that are closed by a decision: nothing is merged into them.
CLOSED_STAGE_KEYS = frozenset({"declined"})


@transaction.atomic
def idea_move(
    *, user: User, idea_id: int, to_stage: Stage, reason: str = "", merge_into: Idea | None = None
) -> Idea:
    """Move an idea along an allowed transition. The row is locked, so two coordinators moving
    the same idea at once are applied one after the other, and the second is checked against
    the stage the first left it in."""
    # Lock the idea's row only: owner_unit may be empty, and PostgreSQL cannot lock the
    # nullable side of an outer join.
    idea = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("stage", "owner_unit")
        .get(pk=idea_id)
    )
    require(user, "idea.move", idea)
    transition = Transition.objects.filter(from_stage=idea.stage, to_stage=to_stage).first()
    if transition is None:
        raise ApplicationError(
            _("An idea cannot go from “%(from)s” to “%(to)s”.")
            % {"from": idea.stage.display_name, "to": to_stage.display_name},
            field="to_stage",
        )
    if not roles_for_idea(user, idea) & set(transition.role_list):
        raise PermissionRefused(
            _("Your role may not make the move to “%(to)s”.") % {"to": to_stage.display_name}
        )
    reason = reason.strip()
    if to_stage.requires_reason and not reason:
        raise ApplicationError(
            _("Give a reason for the move to “%(to)s”.") % {"to": to_stage.display_name},
            field="reason",
        )
    if to_stage.is_merge:
        if merge_into is None or merge_into.pk == idea.pk:
            raise ApplicationError(
                _("Choose another idea to merge this one into."), field="merge_into"
            )
        # The target gains supports and followers: a change to an idea like any other.
        if not can(user, "idea.handle", merge_into):
            raise ApplicationError(
                _("You may merge only into an idea that you may handle yourself."),
                field="merge_into",
            )
        if merge_into.merged_into_id is not None or merge_into.stage.is_merge:
            raise ApplicationError(
                _("That idea has itself been merged into another."), field="merge_into"
            )
        if merge_into.stage.key in CLOSED_STAGE_KEYS:
            raise ApplicationError(
                _("An idea cannot be merged into a declined idea."), field="merge_into"
            )
        _merge(idea=idea, into=merge_into)
    from_stage = idea.stage
    idea.stage = to_stage
    idea.stage_changed_at = timezone.now()
    idea.save(update_fields=["stage", "stage_changed_at", "merged_into"])
    StageMove.objects.create(
        idea=idea,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=user,
        reason=reason,
        score=idea.score,
    )
    audit_record(
        action="idea.stage_move",
        actor=user,
        obj=idea,
        details={
            "from": from_stage.name_sv,
            "to": to_stage.name_sv,
            "score": str(idea.score) if idea.score is not None else None,
            **({"merged_into": merge_into.pk} if to_stage.is_merge and merge_into else {}),
        },
    )
    notify_followers(
        idea=idea,
        message=gettext_lazy("“%(title)s” moved to %(stage)s."),
        # The stage itself, not its name: it is named (`str`) when the notice is composed, in
        # the site's language, not in the language of the page the mover is on.
        params={"title": idea.title, "stage": to_stage},
        exclude=user,
    )
    return idea


def _merge(*, idea: Idea, into: Idea) -> None:
    """Supports and followers go with the idea into the one it is merged with."""
    idea.merged_into = into
    for model in (Support, Follow):
        already = set(model.objects.filter(idea=into).values_list("user_id", flat=True))
        model.objects.filter(idea=idea).exclude(user_id__in=already).update(idea=into)
        model.objects.filter(idea=idea).delete()
    Idea.objects.filter(pk=into.pk).update(support_count=Support.objects.filter(idea=into).count())
    Idea.objects.filter(pk=idea.pk).update(support_count=0)
    idea.support_count = 0


@transaction.atomic
def idea_route(*, user: User, idea: Idea, to_unit: Unit, reason: str) -> Idea:
    require(user, "idea.route", idea)
    if not reason.strip():
        raise ApplicationError(_("Give a reason for the re-routing."), field="reason")
    RouteChange.objects.create(
        idea=idea, from_unit=idea.owner_unit, to_unit=to_unit, actor=user, reason=reason.strip()
    )
    audit_record(
        action="idea.route",
        actor=user,
        obj=idea,
        details={
            "from": idea.owner_unit.name if idea.owner_unit else None,
            "to": to_unit.name,
        },
    )
    idea.owner_unit = to_unit
    idea.save(update_fields=["owner_unit"])
    notify_followers(
        idea=idea,
        message=gettext_lazy("“%(title)s” is now handled by %(unit)s."),
        params={"title": idea.title, "unit": to_unit.name},
        exclude=user,
    )
    return idea


@transaction.atomic
def idea_classify(
    *,
    user: User,
    idea: Idea,
    innovation_type: str,
    degree: str,
    visibility: str,
    topics: Iterable[Topic],
) -> Idea:
    """The handlers' classification of the idea: kind and degree of innovation, who may see
    it, and its topics."""
    require(user, "idea.classify", idea)
    idea.innovation_type = innovation_type
    idea.degree = degree
    idea.save(update_fields=["innovation_type", "degree"])
    idea.topics.set(topics)
    # Who may see the idea is a recorded decision.
    return idea_visibility_set(user=user, idea=idea, visibility=visibility)


@transaction.atomic
def idea_score(*, user: User, idea: Idea, values: dict[Criterion, int]) -> Decimal | None:
    """Record one coordinator's scores; the idea's score is the weighted mean over criteria of
    the scorers' mean per criterion, on the 1–5 scale."""
    require(user, "idea.score", idea)
    for criterion, value in values.items():
        if not 1 <= int(value) <= 5:
            raise ApplicationError(
                _("Scores are 1–5; %(c)s got %(v)s.") % {"c": criterion.name_sv, "v": value}
            )
        Score.objects.update_or_create(
            idea=idea, criterion=criterion, scorer=user, defaults={"value": int(value)}
        )
    idea.score = weighted_score(idea)
    idea.save(update_fields=["score"])
    audit_record(
        action="idea.score",
        actor=user,
        obj=idea,
        details={
            "scores": {criterion.key: int(value) for criterion, value in values.items()},
            "idea_score": str(idea.score) if idea.score is not None else None,
        },
    )
    return idea.score


@transaction.atomic
def idea_visibility_set(*, user: User, idea: Idea, visibility: Visibility | str) -> Idea:
    """Who may see an idea is a decision of its handlers, and is recorded as one."""
    require(
        user,
        "idea.classify",
        idea,
        message=_(
            "Only the owner unit's coordinators and the innovation office may change who sees this idea."
        ),
    )
    if visibility not in Visibility.values:
        raise ApplicationError(_("Choose who may see the idea."), field="visibility")
    previous = idea.visibility
    if previous != visibility:
        idea.visibility = visibility
        idea.save(update_fields=["visibility"])
        audit_record(
            action="idea.visibility",
            actor=user,
            obj=idea,
            details={"from": previous, "to": str(visibility)},
        )
    return idea


def weighted_score(idea: Idea) -> Decimal | None:
    means = (
        Score.objects.filter(idea=idea, criterion__active=True)
        .values("criterion_id", "criterion__weight")
        .annotate(mean=Avg("value"))
    )
    total_weight = sum((row["criterion__weight"] for row in means), Decimal(0))
    if not total_weight:
        return None
    weighted = sum(
        (Decimal(str(row["mean"])) * row["criterion__weight"] for row in means), Decimal(0)
    )
    return (weighted / total_weight).quantize(Decimal("0.01"))


@transaction.atomic
def pilot_record(*, user: User, idea: Idea, fields: dict[str, Any]) -> Pilot:
    require(user, "idea.pilot", idea)
    return Pilot.objects.create(idea=idea, **fields)


@transaction.atomic
def pilot_decide(
    *, user: User, pilot: Pilot, decision: str, reason: str, results: str = ""
) -> Pilot:
    require(
        user,
        "idea.pilot",
        pilot.idea,
        message=_(
            "Only the owner unit's coordinators and the innovation office may decide on pilots."
        ),
    )
    if decision not in (PilotDecision.GO, PilotDecision.NO_GO):
        raise ApplicationError(_("The decision is go or no go."))
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the decision."))
    pilot.decision = decision
    pilot.decision_reason = reason.strip()
    if results.strip():
        pilot.results = results.strip()
    pilot.decided_by = user
    pilot.decided_at = timezone.now()
    pilot.save(update_fields=["decision", "decision_reason", "results", "decided_by", "decided_at"])
    return pilot


@transaction.atomic
def effect_add(
    *,
    user: User,
    idea: Idea,
    kind: str,
    text: str,
    number: Decimal | None = None,
    unit: str = "",
) -> Effect:
    require(user, "idea.evaluate", idea)
    if unit and number is None:
        raise ApplicationError(_("Give the number the unit belongs to."), field="number")
    return Effect.objects.create(
        idea=idea, kind=kind, text=text.strip(), number=number, unit=unit or ""
    )


@transaction.atomic
def lesson_add(*, user: User, idea: Idea, text: str, did_not_work: bool) -> Lesson:
    require(
        user,
        "idea.evaluate",
        idea,
        message=_(
            "Only the owner unit's coordinators and the innovation office may record lessons."
        ),
    )
    return Lesson.objects.create(idea=idea, text=text.strip(), did_not_work=did_not_work)


@transaction.atomic
def comment_add(*, user: User, idea: Idea, body: str, official: bool = False) -> Comment:
    require(user, "idea.comment", idea)
    if official:
        require(
            user,
            "idea.handle",
            idea,
            message=_("Only the owner unit's coordinators give official answers."),
        )
    comment = Comment.objects.create(
        idea=idea, author=user, body=body.strip(), is_official=official
    )
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    if official:
        notify_followers(
            idea=idea,
            message=gettext_lazy("“%(title)s” got an official answer."),
            params={"title": idea.title},
            exclude=user,
        )
    return comment


@transaction.atomic
def support_add(*, user: User, idea: Idea) -> bool:
    """One support per person, held by a unique constraint; returns whether it was new."""
    require(user, "idea.support", idea)
    _support, created = Support.objects.get_or_create(idea=idea, user=user)
    if created:
        Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    return created


@transaction.atomic
def support_remove(*, user: User, idea: Idea) -> bool:
    deleted, _rows = Support.objects.filter(idea=idea, user=user).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
    return bool(deleted)


@transaction.atomic
def follow_set(*, user: User, idea: Idea, following: bool) -> None:
    if following:
        require(user, "idea.follow", idea)
        Follow.objects.get_or_create(idea=idea, user=user)
    else:
        Follow.objects.filter(idea=idea, user=user).delete()


def notify_followers(
    *,
    idea: Idea,
    message: StrOrPromise,
    params: Mapping[str, Any] | None = None,
    exclude: User | None = None,
) -> int:
    """In-app notice to every follower who may still see the idea, and an e-mail unless they
    chose the weekly digest. Who may see it is decided for all followers at once, by the
    `idea.view` rule (`idea_viewers`): a notice never leaks, and a hundred followers cost no
    more queries than one. `message` (lazy, with `params`) is composed here in the site's
    language (`in_site_language`), not the actor's."""
    followers = User.objects.filter(
        pk__in=Follow.objects.filter(idea=idea).values("user_id"), is_active=True
    )
    if exclude is not None:
        followers = followers.exclude(pk=exclude.pk)
    digest = set(
        NotificationSetting.objects.filter(user__in=followers, weekly_digest=True).values_list(
            "user_id", flat=True
        )
    )
    people = list(followers.order_by("pk"))
    viewers = idea_viewers(idea, people)
    told = [follower for follower in people if follower.pk in viewers]
    # The same notice and e-mail for every follower: composed once, in the site's language.
    with in_site_language():
        text = message % params if params else str(message)
        body = render_to_string(
            "ideas/email/notification.txt",
            {"text": text, "link": settings.SITE_URL + idea.get_absolute_url()},
        )
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            user=follower,
            idea=idea,
            text=text,
            emailed_at=None if follower.pk in digest else now,
        )
        for follower in told
    )
    for follower in told:
        if follower.pk not in digest:
            transaction.on_commit(
                partial(enqueue, send_email, subject=text[:150], body=body, to=[follower.email])
            )
    return len(told)


@transaction.atomic
def attachment_add(*, idea: Idea, upload: Any) -> Attachment:
    """Stored under the data folder with a random name; served only through a checked view."""
    return Attachment.objects.create(idea=idea, **stored_file(upload))


@transaction.atomic
def notification_setting_save(*, user: User, weekly_digest: bool) -> NotificationSetting:
    setting, _created = NotificationSetting.objects.update_or_create(
        user=user, defaults={"weekly_digest": weekly_digest}
    )
    return setting


def digests_send(*, now: Any = None) -> int:
    """One e-mail per person who chose the weekly digest, listing the notices not yet mailed.
    Run it once a week (`innovera ideas_digest`). Returns the number of e-mails sent."""
    now = now or timezone.now()
    sent = 0
    # Everyone who chose the digest: other apps add their lines through the registry
    # (`digest_lines`, e.g. the discussion groups' notices), so a person without idea notices
    # may still have news.
    users = User.objects.filter(idea_notification_setting__weekly_digest=True, is_active=True)
    others = [config for config in innovera_apps() if config.label != "ideas"]
    for user in users:
        with transaction.atomic():
            notices = list(
                Notification.objects.select_for_update()
                .filter(user=user, emailed_at__isnull=True)
                .select_related("idea")
                .order_by("created_at")
            )
            # A notice about an idea the person may no longer see is not mailed: the `idea.view`
            # rule (`visible_ideas`) asked once for all of the person's notices, not per notice.
            seen = set(
                visible_ideas(user)
                .filter(pk__in={n.idea_id for n in notices})
                .values_list("pk", flat=True)
            )
            visible = [n for n in notices if n.idea_id in seen]
            lines = [line for config in others for line in config.digest_lines(user, now=now)]
            if visible or lines:
                body = render_to_string(
                    "ideas/email/digest.txt",
                    {
                        "notices": visible,
                        "lines": lines,
                        "site_url": settings.SITE_URL,
                    },
                )
                transaction.on_commit(
                    partial(
                        enqueue,
                        send_email,
                        subject=_("Innovera: this week's news on the ideas you follow"),
                        body=body,
                        to=[user.email],
                    )
                )
                sent += 1
            Notification.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=now)
    return sent
