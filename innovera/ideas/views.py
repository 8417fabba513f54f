"""Pages of the ideas app: parse with a form, ask the permission table, call one service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from innovera.core.exceptions import ApplicationError
from innovera.core.formatting import decimal
from innovera.core.http import AuthenticatedHttpRequest, HtmxRequest, attachment, sign_in_required
from innovera.core.limits import rate
from innovera.core.permissions import can, require, requires
from innovera.ideas import exports, permissions, selectors, selectors_work, services
from innovera.ideas.filters import IdeaFilter
from innovera.ideas.forms import (
    ChallengeForm,
    ClassifyForm,
    CommentForm,
    EffectForm,
    IdeaForm,
    LessonForm,
    MoveForm,
    NotificationSettingForm,
    PilotDecisionForm,
    PilotForm,
    RouteForm,
    ScoreForm,
)
from innovera.ideas.models import Idea
from innovera.organisations.models import User


def _visible_idea(request: HttpRequest, pk: int) -> Idea:
    idea = (
        permissions.visible_ideas(request.user)
        .select_related("stage", "owner_unit__parent__parent")
        .filter(pk=pk)
        .first()
    )
    if idea is None:
        raise Http404
    return idea


@requires("idea.list")
def idea_list(request: HtmxRequest) -> HttpResponse:
    challenges = selectors.challenge_list(user=request.user)
    # A page link alone (`?efter=`) is no filter: the form stays unbound, as its cached HTML.
    data = request.GET if IdeaFilter.filters_in(request.GET) else None
    filterset = IdeaFilter(data, challenges=challenges)
    filters = filterset.chosen
    try:
        page = selectors.idea_list(
            user=request.user,
            filters=filters,
            sort=filters.get("sort") or "newest",
            cursor=request.GET.get("efter", ""),
        )
    except ApplicationError as error:
        return render(
            request, "core/error.html", {"status": 400, "message": error.message}, status=400
        )
    query = request.GET.copy()
    query.pop("efter", None)
    context = {
        "form": filterset.form,
        "page": page,
        "query": query.urlencode(),
        "may_configure": can(request.user, "process.configure"),
        "may_rank": can(request.user, "idea.ranking"),
    }
    if request.htmx:
        return render(request, "ideas/partials/_idea_rows.html", context)
    return render(request, "ideas/idea_list.html", context)


@requires("idea.submit", refusal_template="ideas/verify_first.html")
@require_http_methods(["GET", "POST"])
@ratelimit(key="user_or_ip", rate=rate("idea_submit"), method="POST")
def idea_submit(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    challenges = selectors.challenge_list(user=user).filter(status="open")
    form = IdeaForm(
        request.POST or None, request.FILES or None, challenges=challenges, submitter=user
    )
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in ("title", "description", "value", "for_whom", "situation", "submitter_role")
        }
        idea, created = services.idea_submit(
            user=user,
            submission_key=form.cleaned_data["submission_key"],
            fields=data,
            topics=form.cleaned_data["topics"],
            challenge=form.cleaned_data.get("challenge"),
        )
        if created and form.cleaned_data.get("attachment"):
            services.attachment_add(idea=idea, upload=form.cleaned_data["attachment"])
        if created:
            messages.success(
                request,
                _("Thank you! Your idea has been submitted.") + " " + services.who_handles(idea),
            )
        return redirect(idea.get_absolute_url())
    if request.GET.get("utmaning"):
        form.initial["challenge"] = challenges.filter(slug=request.GET["utmaning"]).first()
    return render(request, "ideas/idea_form.html", {"form": form})


@requires("idea.similar")
@ratelimit(key="ip", rate=rate("similar_ideas"))
def idea_similar(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("title", "")
    ideas = selectors.similar_ideas(user=request.user, text=text)
    return render(request, "ideas/partials/_similar.html", {"ideas": ideas})


# What the handling section offers in each stage of the default process: only what fits
# (a just-submitted idea is assessed, routed and classified; pilots come when it is tested).
# A stage the office added offers moves only.
STAGE_PANELS: dict[str, tuple[str, ...]] = {
    "submitted": ("route", "move", "classify"),
    "in_review": ("score", "move", "classify"),
    "prioritised": ("pilot", "move"),
    "testing": ("pilot", "move"),
    "implemented": ("effect", "lesson", "move"),
    "spread": ("effect", "lesson"),
}
DEFAULT_PANELS = ("move",)
# After a pilot's decision, the moves the page offers first: go towards implemented (or into
# testing from prioritised), no-go to parked or declined.
SUGGESTED_AFTER = {
    "go": ("implemented", "testing"),
    "no_go": ("parked", "declined"),
}


def _suggested_moves(idea: Idea, moves: list[Any]) -> tuple[Any, list[Any]]:
    """The latest decided pilot, when decided since the idea last moved, and the allowed
    moves its decision suggests."""
    decided = [(p.decided_at, p) for p in idea.pilots.all() if p.decided_at is not None]
    if not decided:
        return None, []
    decided_at, pilot = max(decided, key=lambda pair: pair[0])
    if decided_at < idea.stage_changed_at:
        return None, []
    keys = SUGGESTED_AFTER.get(pilot.decision, ())
    by_key = {t.to_stage.key: t for t in moves}
    suggested = [by_key[key] for key in keys if key in by_key]
    if pilot.decision == "go":
        suggested = suggested[:1]
    return pilot, suggested


@dataclass(frozen=True)
class HistoryEntry:
    """One line of "What has happened": a move or a routing, and who decided it."""

    at: Any
    move: Any = None
    route: Any = None

    @property
    def actor(self) -> Any:
        return (self.move or self.route).actor


def _history(idea: Idea) -> list[HistoryEntry]:
    entries = [HistoryEntry(move.created_at, move=move) for move in idea.moves.all()]
    entries += [HistoryEntry(route.created_at, route=route) for route in idea.route_changes.all()]
    return sorted(entries, key=lambda entry: entry.at)


def _idea_page(
    request: HttpRequest, idea: Idea, *, status: int = 200, **bound: Any
) -> HttpResponse:
    """The idea page; `bound` holds a handler's form that came back with errors, shown with
    what the person chose and typed."""
    handler = can(request.user, "idea.handle", idea)
    # The challenge and the merge target are other objects: named only to those who may see
    # them, as in the API.
    context: dict[str, Any] = {
        "idea": idea,
        "shown_challenge": idea.challenge
        if idea.challenge and can(request.user, "challenge.view", idea.challenge)
        else None,
        "shown_merged_into": idea.merged_into
        if idea.merged_into and can(request.user, "idea.view", idea.merged_into)
        else None,
        "handler": handler,
        "can_take_part": can(request.user, "idea.comment", idea),
        "comment_form": bound.get("comment_form") or CommentForm(prefix="comment"),
        # People of the city see who decided; everyone sees the unit.
        "show_deciders": permissions.is_employee(request.user),
        "history": _history(idea),
        **selectors.person_marks(idea=idea, user=request.user),
    }
    if handler:
        user = request.user
        moves = services.allowed_moves(user=user, idea=idea)
        panels = STAGE_PANELS.get(idea.stage.key, DEFAULT_PANELS)
        if idea.owner_unit is None and "route" not in panels:
            # Nobody owns it: sending it to a unit comes first, whatever the stage.
            panels = ("route", *panels)
        decided_pilot, suggested = _suggested_moves(idea, moves)
        # Several forms share a page: each has a prefix so that no two inputs share an id.
        context.update(
            panels=panels,
            decided_pilot=decided_pilot,
            suggested_moves=suggested,
            move_form=bound.get("move_form")
            or MoveForm(
                prefix="move",
                stages=selectors.stages_by_pk([t.to_stage_id for t in moves]),
            ),
            route_form=bound.get("route_form") or RouteForm(prefix="route"),
        )
        if "score" in panels:
            criteria = selectors.active_criteria()
            context["score_form"] = bound.get("score_form") or ScoreForm(
                prefix="score",
                criteria=criteria,
                initial_scores=selectors.scores_by(idea=idea, user=user),
            )
        if "pilot" in panels:
            context["pilot_form"] = bound.get("pilot_form") or PilotForm(prefix="pilot")
        if "effect" in panels:
            context["effect_form"] = bound.get("effect_form") or EffectForm(prefix="effect")
        if "lesson" in panels:
            context["lesson_form"] = bound.get("lesson_form") or LessonForm(prefix="lesson")
        if "classify" in panels:
            context["classify_form"] = bound.get("classify_form") or ClassifyForm(
                prefix="classify", instance=idea
            )
        decision_form = bound.get("decision_form")
        for pilot in idea.pilots.all():
            pilot.decision_form = (  # type: ignore[attr-defined]
                decision_form
                if decision_form is not None and decision_form.prefix == f"decision-{pilot.pk}"
                else PilotDecisionForm(prefix=f"decision-{pilot.pk}")
            )
    return render(request, "ideas/idea_detail.html", context, status=status)


def _page_of(request: HttpRequest, pk: int) -> Idea:
    idea = selectors.idea_detail(user=request.user, pk=pk)
    if idea is None:
        raise Http404
    return idea


@requires("idea.view", on_object=True)
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _idea_page(request, _page_of(request, pk))


def _refuse(request: HttpRequest, idea: Idea, error: ApplicationError) -> HttpResponse:
    messages.error(request, str(error))
    return redirect(idea.get_absolute_url())


def _again(request: HttpRequest, pk: int, name: str, form: Any) -> HttpResponse:
    """The page once more with the form that has errors: each error at its field, the choices
    and the text kept (400)."""
    return _idea_page(request, _page_of(request, pk), status=400, **{name: form})


def _handled(idea: Idea, anchor: str = "#hantera") -> HttpResponse:
    return redirect(idea.get_absolute_url() + anchor)


@requires("idea.move", on_object=True)
@sign_in_required
@require_POST
def idea_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    require(request.user, "idea.move", idea)
    moves = services.allowed_moves(user=request.user, idea=idea)
    form = MoveForm(
        request.POST,
        prefix="move",
        stages=selectors.stages_by_pk([t.to_stage_id for t in moves]),
    )
    if not form.is_valid():
        return _again(request, pk, "move_form", form)
    merge_into = None
    if form.cleaned_data.get("merge_into"):
        merge_into = (
            permissions.visible_ideas(request.user)
            .filter(pk=form.cleaned_data["merge_into"])
            .first()
        )
    to_stage = form.cleaned_data["to_stage"]
    try:
        services.idea_move(
            user=request.user,
            idea_id=idea.pk,
            to_stage=to_stage,
            reason=form.cleaned_data["reason"],
            merge_into=merge_into,
        )
    except ApplicationError as error:
        if error.field in form.fields:
            form.add_error(error.field, str(error.message))
            return _again(request, pk, "move_form", form)
        return _refuse(request, idea, error)
    messages.success(
        request, _("The idea was moved to “%(stage)s”.") % {"stage": to_stage.display_name}
    )
    return _handled(idea)


@requires("idea.support", on_object=True)
@sign_in_required
@require_POST
def idea_support(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    change = services.support_remove if request.POST.get("remove") else services.support_add
    return _on_idea(request, pk, lambda idea: change(user=request.user, idea=idea))


@requires("idea.follow", on_object=True)
@sign_in_required
@require_POST
def idea_follow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    following = not request.POST.get("remove")
    return _on_idea(
        request,
        pk,
        lambda idea: services.follow_set(user=request.user, idea=idea, following=following),
    )


def _on_idea(request: HttpRequest, pk: int, change: Callable[[Idea], object]) -> HttpResponse:
    """A one-button change to an idea the person may see, then back to the idea's page (with
    the service's refusal, if it refuses)."""
    idea = _visible_idea(request, pk)
    try:
        change(idea)
    except ApplicationError as error:
        return _refuse(request, idea, error)
    return redirect(idea.get_absolute_url())


@requires("idea.comment", on_object=True)
@sign_in_required
@require_POST
@ratelimit(key="user", rate=rate("comment"))
def idea_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    form = CommentForm(request.POST, prefix="comment")
    if not form.is_valid():
        messages.error(request, _("Write a comment of at most 5,000 characters."))
        return redirect(idea.get_absolute_url())
    try:
        services.comment_add(
            user=request.user,
            idea=idea,
            body=form.cleaned_data["body"],
            official=form.cleaned_data["official"],
        )
    except ApplicationError as error:
        return _refuse(request, idea, error)
    return redirect(f"{idea.get_absolute_url()}#kommentarer")


def _handler_post(request: AuthenticatedHttpRequest, pk: int, action: str) -> tuple[Idea, User]:
    """The idea, when the person may see it (else 404) and do `action` to it (else 403)."""
    idea = _visible_idea(request, pk)
    require(request.user, action, idea)
    return idea, request.user


@requires("idea.score", on_object=True)
@sign_in_required
@require_POST
def idea_score(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.score")
    form = ScoreForm(
        request.POST,
        prefix="score",
        criteria=selectors.active_criteria(),
        initial_scores={},
    )
    if not form.is_valid():
        return _again(request, pk, "score_form", form)
    score = services.idea_score(user=user, idea=idea, values=form.values())
    messages.success(
        request,
        _("Your scores were saved. The idea's weighted result is %(score)s of 5.")
        % {"score": decimal(float(score)) if score is not None else "–"},
    )
    return _handled(idea)


@requires("idea.pilot", on_object=True)
@sign_in_required
@require_POST
def idea_pilot(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.pilot")
    form = PilotForm(request.POST, prefix="pilot")
    if not form.is_valid():
        return _again(request, pk, "pilot_form", form)
    pilot = services.pilot_record(user=user, idea=idea, fields=form.cleaned_data)
    messages.success(
        request,
        _(
            "The pilot “%(phase)s: %(site)s” was recorded. Record its decision when the test is done."
        )
        % {"phase": pilot.get_phase_display(), "site": pilot.test_site},
    )
    return _handled(idea, "#tester")


@requires("idea.pilot", on_object=True)
@sign_in_required
@require_POST
def pilot_decide(request: AuthenticatedHttpRequest, pk: int, pilot_id: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.pilot")
    pilot = selectors.idea_pilot_or_404(idea=idea, pk=pilot_id)
    form = PilotDecisionForm(request.POST, prefix=f"decision-{pilot.pk}")
    if not form.is_valid():
        return _again(request, pk, "decision_form", form)
    try:
        pilot = services.pilot_decide(user=user, pilot=pilot, **form.cleaned_data)
    except ApplicationError as error:
        return _refuse(request, idea, error)
    messages.success(
        request,
        _("The decision “%(decision)s” was recorded for the pilot.")
        % {"decision": pilot.get_decision_display()},
    )
    return _handled(idea)


@requires("idea.evaluate", on_object=True)
@sign_in_required
@require_POST
def idea_effect(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _evaluation_add(
        request, pk, EffectForm, "effect", services.effect_add, _("The effect was saved.")
    )


@requires("idea.evaluate", on_object=True)
@sign_in_required
@require_POST
def idea_lesson(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _evaluation_add(
        request, pk, LessonForm, "lesson", services.lesson_add, _("The lesson was saved.")
    )


def _evaluation_add(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: Any,
    prefix: str,
    service: Callable[..., object],
    saved: str,
) -> HttpResponse:
    """An effect or a lesson of the idea, from the form on its page at `#effekter`."""
    idea, user = _handler_post(request, pk, "idea.evaluate")
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        return _again(request, pk, f"{prefix}_form", form)
    try:
        service(user=user, idea=idea, **form.cleaned_data)
    except ApplicationError as error:
        if error.field not in form.fields:
            raise
        form.add_error(error.field, str(error.message))
        return _again(request, pk, f"{prefix}_form", form)
    messages.success(request, saved)
    return _handled(idea, "#effekter")


@requires("idea.route", on_object=True)
@sign_in_required
@require_POST
def idea_route(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.route")
    form = RouteForm(request.POST, prefix="route")
    if not form.is_valid():
        return _again(request, pk, "route_form", form)
    idea = services.idea_route(user=user, idea=idea, **form.cleaned_data)
    messages.success(
        request,
        _("The idea was sent to %(unit)s; its coordinators handle it now.")
        % {"unit": form.cleaned_data["to_unit"].name},
    )
    if can(user, "idea.handle", idea):
        return _handled(idea)
    # Sent away from the units one coordinates: back to where the work goes on.
    return redirect("ideas:unassigned" if can(user, "idea.assign") else "core:my_work")


@requires("idea.classify", on_object=True)
@sign_in_required
@require_POST
def idea_classify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.classify")
    form = ClassifyForm(request.POST, prefix="classify", instance=idea)
    if not form.is_valid():
        return _again(request, pk, "classify_form", form)
    services.idea_classify(user=user, idea=idea, **form.cleaned_data)
    messages.success(request, _("The classification was saved."))
    return _handled(idea)


@requires("idea.attachment", on_object=True)
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    idea = _visible_idea(request, pk)
    attachment = selectors.idea_attachment_or_404(idea=idea, pk=attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/octet-stream",
    )


@requires("idea.export")
def idea_export(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    user = request.user
    if file_format not in exports.FORMATS:
        raise Http404
    content, content_type = exports.ideas_export(user=user, file_format=file_format)
    return attachment(content, content_type=content_type, filename=f"ideer.{file_format}")


@requires("idea.ranking")
def ranking(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    units = selectors.coordinated_units(user=user)
    unit = (
        units.filter(pk=request.GET.get("enhet") or 0).first() if request.GET.get("enhet") else None
    )
    challenges = selectors.challenge_list(user=user)
    challenge = challenges.filter(slug=request.GET.get("utmaning", "")).first()
    ideas = selectors.ranked_ideas(user=user, unit=unit, challenge=challenge)
    return render(
        request,
        "ideas/ranking.html",
        {
            "ideas": ideas,
            "units": units,
            "unit": unit,
            "challenges": challenges,
            "challenge": challenge,
        },
    )


@requires("idea.assign")
def unassigned(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The innovation office's "Att fördela": ideas no challenge and no topic rule routed."""
    ideas = selectors_work.unassigned_ideas()[:200]
    return render(request, "ideas/unassigned.html", {"ideas": ideas})


@requires("challenge.list")
def challenge_list(request: HttpRequest) -> HttpResponse:
    challenges = selectors.challenge_list(user=request.user)
    return render(
        request,
        "ideas/challenge_list.html",
        {"challenges": challenges, "may_publish": can(request.user, "challenge.create")},
    )


@requires("challenge.view", on_object=True)
def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = selectors.challenge_list(user=request.user).filter(slug=slug).first()
    if challenge is None:
        raise Http404
    ideas = (
        permissions.visible_ideas(request.user)
        .filter(challenge=challenge)
        .select_related("stage")
        .order_by("-created_at")[:100]
    )
    return render(request, "ideas/challenge_detail.html", {"challenge": challenge, "ideas": ideas})


@requires("challenge.create")
@require_http_methods(["GET", "POST"])
def challenge_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    units = selectors.challenge_owner_units(user=user)
    form = ChallengeForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in {"owner_unit", "topics"}}
        challenge = services.challenge_publish(
            user=user,
            owner_unit=form.cleaned_data["owner_unit"],
            fields=fields,
            topics=form.cleaned_data["topics"],
        )
        return redirect(challenge.get_absolute_url())
    return render(request, "ideas/challenge_form.html", {"form": form})


@requires("notification.list")
@require_http_methods(["GET", "POST"])
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    setting = selectors.notification_setting(user=user)
    form = NotificationSettingForm(
        request.POST or None, initial={"weekly_digest": bool(setting and setting.weekly_digest)}
    )
    if request.method == "POST" and form.is_valid():
        services.notification_setting_save(
            user=user, weekly_digest=form.cleaned_data["weekly_digest"]
        )
        messages.success(request, _("Your choice was saved."))
        return redirect("ideas:notifications")
    notices = selectors.notices_of(user=user)
    return render(request, "ideas/notifications.html", {"notices": notices, "form": form})
