"""Pages of the ideas app: parse with a form, ask the permission table, call one service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from innovera.core.exceptions import ApplicationError
from innovera.core.http import AuthenticatedHttpRequest, HtmxRequest
from innovera.core.limits import rate
from innovera.core.permissions import can, require, requires
from innovera.ideas import exports, permissions, selectors, services
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
from innovera.ideas.models import Attachment, Idea, Pilot
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
    filterset = IdeaFilter(
        request.GET or None, challenges=selectors.challenge_list(user=request.user)
    )
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
    form = IdeaForm(request.POST or None, request.FILES or None, challenges=challenges)
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
            messages.success(request, _("Thank you! Your idea has been submitted."))
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


@requires("idea.view", on_object=True)
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.idea_detail(user=request.user, pk=pk)
    if idea is None:
        raise Http404
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
        "comment_form": CommentForm(prefix="comment"),
        **selectors.person_marks(idea=idea, user=request.user),
    }
    if handler:
        user = request.user
        criteria = selectors.active_criteria()
        mine = selectors.scores_by(idea=idea, user=user)
        moves = services.allowed_moves(user=user, idea=idea)
        # Several forms share a page: each has a prefix so that no two inputs share an id.
        context.update(
            move_form=MoveForm(
                prefix="move",
                stages=selectors.stages_by_pk([t.to_stage_id for t in moves]),
            ),
            score_form=ScoreForm(prefix="score", criteria=criteria, initial_scores=mine),
            pilot_form=PilotForm(prefix="pilot"),
            effect_form=EffectForm(prefix="effect"),
            lesson_form=LessonForm(prefix="lesson"),
            route_form=RouteForm(prefix="route"),
            classify_form=ClassifyForm(prefix="classify", instance=idea),
        )
        for pilot in idea.pilots.all():
            pilot.decision_form = PilotDecisionForm(prefix=f"decision-{pilot.pk}")  # type: ignore[attr-defined]
    return render(request, "ideas/idea_detail.html", context)


def _refuse(request: HttpRequest, idea: Idea, error: ApplicationError) -> HttpResponse:
    messages.error(request, str(error))
    return redirect(idea.get_absolute_url())


@requires("idea.move", on_object=True)
@login_required
@require_POST
def idea_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    require(request.user, "idea.move", idea)
    form = MoveForm(request.POST, prefix="move", stages=selectors.all_stages())
    if not form.is_valid():
        messages.error(request, _("Choose the stage to move the idea to."))
        return redirect(idea.get_absolute_url())
    merge_into = None
    if form.cleaned_data.get("merge_into"):
        merge_into = (
            permissions.visible_ideas(request.user)
            .filter(pk=form.cleaned_data["merge_into"])
            .first()
        )
    try:
        services.idea_move(
            user=request.user,
            idea_id=idea.pk,
            to_stage=form.cleaned_data["to_stage"],
            reason=form.cleaned_data["reason"],
            merge_into=merge_into,
        )
    except ApplicationError as error:
        return _refuse(request, idea, error)
    messages.success(request, _("The idea was moved."))
    return redirect(idea.get_absolute_url())


@requires("idea.support", on_object=True)
@login_required
@require_POST
def idea_support(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    try:
        if request.POST.get("remove"):
            services.support_remove(user=request.user, idea=idea)
        else:
            services.support_add(user=request.user, idea=idea)
    except ApplicationError as error:
        return _refuse(request, idea, error)
    return redirect(idea.get_absolute_url())


@requires("idea.follow", on_object=True)
@login_required
@require_POST
def idea_follow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea = _visible_idea(request, pk)
    try:
        services.follow_set(user=request.user, idea=idea, following=not request.POST.get("remove"))
    except ApplicationError as error:
        return _refuse(request, idea, error)
    return redirect(idea.get_absolute_url())


@requires("idea.comment", on_object=True)
@login_required
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
@login_required
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
        messages.error(request, _("Score every criterion from 1 to 5."))
        return redirect(idea.get_absolute_url())
    services.idea_score(user=user, idea=idea, values=form.values())
    messages.success(request, _("Your scores were saved."))
    return redirect(idea.get_absolute_url())


@requires("idea.pilot", on_object=True)
@login_required
@require_POST
def idea_pilot(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.pilot")
    form = PilotForm(request.POST, prefix="pilot")
    if not form.is_valid():
        messages.error(request, _("Fill in phase, plan and test site of the pilot."))
        return redirect(idea.get_absolute_url())
    services.pilot_record(user=user, idea=idea, fields=form.cleaned_data)
    return redirect(idea.get_absolute_url())


@requires("idea.pilot", on_object=True)
@login_required
@require_POST
def pilot_decide(request: AuthenticatedHttpRequest, pk: int, pilot_id: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.pilot")
    pilot = get_object_or_404(Pilot, pk=pilot_id, idea=idea)
    form = PilotDecisionForm(request.POST, prefix=f"decision-{pilot.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the decision, the results and the reason."))
        return redirect(idea.get_absolute_url())
    try:
        services.pilot_decide(user=user, pilot=pilot, **form.cleaned_data)
    except ApplicationError as error:
        return _refuse(request, idea, error)
    return redirect(idea.get_absolute_url())


@requires("idea.evaluate", on_object=True)
@login_required
@require_POST
def idea_effect(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.evaluate")
    form = EffectForm(request.POST, prefix="effect")
    if form.is_valid():
        services.effect_add(user=user, idea=idea, **form.cleaned_data)
    else:
        messages.error(request, _("Give the kind of effect and a description."))
    return redirect(idea.get_absolute_url())


@requires("idea.evaluate", on_object=True)
@login_required
@require_POST
def idea_lesson(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.evaluate")
    form = LessonForm(request.POST, prefix="lesson")
    if form.is_valid():
        services.lesson_add(user=user, idea=idea, **form.cleaned_data)
    else:
        messages.error(request, _("Write the lesson."))
    return redirect(idea.get_absolute_url())


@requires("idea.route", on_object=True)
@login_required
@require_POST
def idea_route(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.route")
    form = RouteForm(request.POST, prefix="route")
    if not form.is_valid():
        messages.error(request, _("Choose the unit and give a reason."))
        return redirect(idea.get_absolute_url())
    services.idea_route(user=user, idea=idea, **form.cleaned_data)
    return redirect(idea.get_absolute_url())


@requires("idea.classify", on_object=True)
@login_required
@require_POST
def idea_classify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    idea, user = _handler_post(request, pk, "idea.classify")
    form = ClassifyForm(request.POST, prefix="classify", instance=idea)
    if form.is_valid():
        services.idea_classify(user=user, idea=idea, **form.cleaned_data)
    else:
        messages.error(request, _("The classification could not be saved."))
    return redirect(idea.get_absolute_url())


@requires("idea.attachment", on_object=True)
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    idea = _visible_idea(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, idea=idea)
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
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ideer.{file_format}"'
    return response


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


@requires("challenge.list")
def challenge_list(request: HttpRequest) -> HttpResponse:
    challenges = selectors.challenge_list(user=request.user)
    return render(request, "ideas/challenge_list.html", {"challenges": challenges})


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
