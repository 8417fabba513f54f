"""The innovation office's process settings: stages, transitions, criteria and topic routing.

Every page declares `process.configure` (`@requires`): others get 403, and people not signed in
are sent to sign in. The services ask the same action again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from innovera.core.forms import add_service_error
from innovera.core.http import AuthenticatedHttpRequest
from innovera.core.permissions import requires
from innovera.ideas import process_selectors, process_services
from innovera.ideas.forms_process import (
    CriterionForm,
    RoutingRuleForm,
    StageForm,
    TransitionTableForm,
)
from innovera.ideas.models import Criterion, Stage, Transition
from innovera.organisations.models import Role

OFFICE = "process.configure"


def _overview(anchor: str) -> HttpResponse:
    return redirect(f"{reverse('ideas:process_overview')}#{anchor}")


def _transition_rows(
    stages: Sequence[Stage], transitions: Iterable[Transition]
) -> list[tuple[Stage, list[str | None]]]:
    """The table of allowed moves: a row per stage moved from, a cell per stage moved to with
    who may make the move ("" when nobody may; None for the stage itself). "Both" keeps the
    nine columns of the default process within the page."""
    labels = dict(Role.choices)
    roles = {(t.from_stage_id, t.to_stage_id): t.role_list for t in transitions}

    def cell(source: Stage, target: Stage) -> str | None:
        if source.pk == target.pk:
            return None
        allowed = roles.get((source.pk, target.pk), [])
        if set(allowed) >= set(process_services.TRANSITION_ROLES):
            return _("Both")
        return ", ".join(str(labels.get(role, role)) for role in allowed)

    return [(source, [cell(source, target) for target in stages]) for source in stages]


@requires(OFFICE)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    stages = process_selectors.stages_with_idea_counts()
    context: dict[str, Any] = {
        "stages": stages,
        "transition_rows": _transition_rows(stages, process_selectors.transitions()),
        "criteria": process_selectors.criteria_in_order(),
        "rules": process_selectors.routing_rules(),
    }
    return render(request, "ideas/process/overview.html", context)


def _stage_page(
    request: AuthenticatedHttpRequest, stage: Stage | None, form: StageForm
) -> HttpResponse:
    """The stage form, for a new stage (``stage`` None) or one that exists."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = process_services.stage_save(user=request.user, stage=stage, **form.cleaned_data)
        except process_services.ProcessRuleError as error:
            add_service_error(form, error)
        else:
            done = (
                _("The stage “%(name)s” was added.")
                if stage is None
                else _("The stage “%(name)s” was saved.")
            )
            messages.success(request, done % {"name": saved})
            return _overview("steg")
    return render(request, "ideas/process/stage_form.html", {"form": form, "stage": stage})


@requires(OFFICE)
@require_http_methods(["GET", "POST"])
def stage_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StageForm(request.POST or None, initial={"order": process_selectors.next_stage_order()})
    return _stage_page(request, None, form)


@requires(OFFICE)
@require_http_methods(["GET", "POST"])
def stage_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    stage = process_selectors.stage_or_404(pk)
    return _stage_page(request, stage, StageForm(request.POST or None, stage=stage))


@requires(OFFICE)
@require_http_methods(["GET", "POST"])
def stage_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    stage = process_selectors.stage_or_404(pk)
    refusal = process_services.stage_delete_refusal(stage=stage)
    if request.method == "POST" and refusal is None:
        try:
            process_services.stage_delete(user=user, stage=stage)
        except process_services.ProcessRuleError as error:
            refusal = str(error)
        else:
            messages.success(request, _("The stage “%(name)s” was deleted.") % {"name": stage})
            return _overview("steg")
    return render(request, "ideas/process/stage_delete.html", {"stage": stage, "refusal": refusal})


@requires(OFFICE)
@require_http_methods(["GET", "POST"])
def transitions(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = TransitionTableForm(
        request.POST or None,
        stages=process_selectors.stages_in_order(),
        transitions=process_selectors.transitions(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = process_services.transition_table_set(
                user=user, roles_by_pair=form.roles_by_pair()
            )
        except process_services.ProcessRuleError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The allowed moves were saved; %(n)s move changed.",
                    "The allowed moves were saved; %(n)s moves changed.",
                    changed,
                )
                % {"n": changed},
            )
            return _overview("overgangar")
    return render(request, "ideas/process/transitions.html", {"form": form})


def _criterion_page(
    request: AuthenticatedHttpRequest, criterion: Criterion | None, initial: dict[str, Any]
) -> HttpResponse:
    user = request.user
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = process_services.criterion_save(
                user=user, criterion=criterion, **form.cleaned_data
            )
        except process_services.ProcessRuleError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The criterion “%(name)s” was saved.") % {"name": saved})
            return _overview("kriterier")
    context = {"form": form, "criterion": criterion}
    return render(request, "ideas/process/criterion_form.html", context)


@requires(OFFICE)
@require_http_methods(["GET", "POST"])
def criterion_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _criterion_page(request, None, {"weight": 1, "active": True})


@requires(OFFICE)
@require_http_methods(["GET", "POST"])
def criterion_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    criterion = process_selectors.criterion_or_404(pk)
    initial = {
        "name_sv": criterion.name_sv,
        "name_en": criterion.name_en,
        "weight": criterion.weight,
        "active": criterion.active,
        "scale_low_sv": criterion.scale_low_sv,
        "scale_high_sv": criterion.scale_high_sv,
        "scale_low_en": criterion.scale_low_en,
        "scale_high_en": criterion.scale_high_en,
    }
    return _criterion_page(request, criterion, initial)


@requires(OFFICE)
@require_http_methods(["GET", "POST"])
def routing(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = RoutingRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rule = process_services.routing_rule_set(
                user=user, topic=data["topic"] or data["new_topic"], unit=data["unit"]
            )
        except process_services.ProcessRuleError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Ideas on “%(topic)s” now go to %(unit)s.")
                % {"topic": rule.topic, "unit": rule.unit},
            )
            return redirect("ideas:process_routing")
    rules = process_selectors.routing_rules()
    return render(request, "ideas/process/routing.html", {"form": form, "rules": rules})


@requires(OFFICE)
@require_POST
def routing_rule_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    rule = process_selectors.routing_rule_or_404(pk)
    process_services.routing_rule_remove(user=user, rule=rule)
    messages.success(request, _("The rule for “%(topic)s” was removed.") % {"topic": rule.topic})
    return redirect("ideas:process_routing")
