"""The innovation office's pages: rounds, invitations, imports, results and reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innovera.organisations.models import User
from innovera.surveys import reports, selectors, services
from innovera.surveys.analysis import SurveyAnalysisError
from innovera.surveys.forms import (
    ImportUploadForm,
    InviteForm,
    RoundCreateForm,
    TemplateCopyForm,
    TemplateEditForm,
)
from innovera.surveys.instrument import TEMPLATES
from innovera.surveys.models import ImportJob, Round, SurveyTemplate
from innovera.surveys.permissions import can
from innovera.surveys.template_editing import TemplateEditError


def _require(request: HttpRequest, action: str, obj: Any = None) -> None:
    if not can(request.user, action, obj):
        raise PermissionDenied


def _template_choices() -> list[tuple[str, str]]:
    built_in = [(key, template.title_sv) for key, template in TEMPLATES.items()]
    stored = SurveyTemplate.objects.order_by("key").values_list("key", flat=True).distinct()
    return built_in + [(key, key) for key in stored]


@login_required
@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest) -> HttpResponse:
    _require(request, "round.list")
    form = RoundCreateForm(request.POST or None, templates=_template_choices())
    if request.method == "POST":
        _require(request, "round.create")
        if form.is_valid():
            survey_round = form.save(commit=False)
            # A round asks the newest version of its template, and keeps it.
            survey_round.template_version = selectors.template_latest_version(survey_round.template)
            survey_round.save()
            messages.success(request, _("The round %(name)s was created.") % {"name": survey_round})
            return redirect("surveys:round_detail", name=survey_round.name)
    rounds = Round.objects.order_by("-created_at")
    return render(request, "surveys/office/round_list.html", {"rounds": rounds, "form": form})


def _round(request: HttpRequest, name: str, action: str) -> Round:
    _require(request, action)
    return get_object_or_404(Round, name=name)


def _detail_context(
    survey_round: Round, upload_form: ImportUploadForm | None = None
) -> dict[str, Any]:
    rates = selectors.round_response_rates(survey_round)
    return {
        "round": survey_round,
        "rates": rates,
        "total_invited": sum(rate.invited for rate in rates),
        "total_responded": sum(rate.responded for rate in rates),
        "invite_form": InviteForm(),
        "upload_form": upload_form or ImportUploadForm(),
        # The page's error summary reads `form`.
        "form": upload_form,
        "jobs": survey_round.import_jobs.order_by("-created_at")[:5],
        "pending_invitations": survey_round.invitations.filter(answered=False).count(),
    }


@login_required
def round_detail(request: HttpRequest, name: str) -> HttpResponse:
    survey_round = _round(request, name, "round.view_results")
    return render(request, "surveys/office/round_detail.html", _detail_context(survey_round))


@login_required
@require_POST
def round_invite(request: HttpRequest, name: str) -> HttpResponse:
    survey_round = _round(request, name, "round.invite")
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one kind of organisation to invite."))
        return redirect("surveys:round_detail", name=name)
    outcome = services.invitations_send(
        survey_round=survey_round, org_types=form.cleaned_data["org_types"], by=request.user
    )
    messages.success(request, _("%(n)s invitations were sent.") % {"n": len(outcome.invited)})
    if outcome.without_address:
        messages.warning(
            request,
            _("Not invited, since no head's e-mail address is recorded: %(units)s.")
            % {"units": ", ".join(unit.name for unit in outcome.without_address)},
        )
    return redirect("surveys:round_detail", name=name)


@login_required
@require_POST
def round_remind(request: HttpRequest, name: str) -> HttpResponse:
    survey_round = _round(request, name, "round.invite")
    count = services.reminders_send(survey_round=survey_round, by=request.user)
    messages.success(request, _("%(n)s reminders were sent.") % {"n": count})
    return redirect("surveys:round_detail", name=name)


@login_required
@require_POST
def round_import(request: HttpRequest, name: str) -> HttpResponse:
    survey_round = _round(request, name, "round.import")
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "surveys/office/round_detail.html",
            _detail_context(survey_round, upload_form=form),
            status=400,
        )
    upload = form.cleaned_data["file"]
    user = request.user if isinstance(request.user, User) else None
    job = services.import_job_create(
        survey_round=survey_round,
        upload_name=upload.name,
        content=upload.chunks(),
        replace=form.cleaned_data["replace"],
        user=user,
    )
    return redirect("surveys:import_job", name=name, job_id=job.pk)


@login_required
def import_job_detail(request: HttpRequest, name: str, job_id: int) -> HttpResponse:
    survey_round = _round(request, name, "round.import")
    job = get_object_or_404(ImportJob, pk=job_id, round=survey_round)
    template = (
        "surveys/partials/_import_progress.html"
        if request.htmx  # type: ignore[attr-defined]
        else "surveys/office/import_job.html"
    )
    return render(request, template, {"round": survey_round, "job": job})


def _language() -> str:
    return "en" if get_language() == "en" else "sv"


@login_required
def round_results(request: HttpRequest, name: str) -> HttpResponse:
    survey_round = _round(request, name, "round.view_results")
    try:
        context = reports.report_context(survey_round, lang=_language())
    except SurveyAnalysisError:
        return render(
            request, "surveys/office/no_answers.html", {"round": survey_round}, status=200
        )
    return render(request, "surveys/office/results.html", {"round": survey_round, **context})


@login_required
def round_report(request: HttpRequest, name: str, file_format: str) -> HttpResponse:
    survey_round = _round(request, name, "round.report")
    if file_format not in reports.FORMATS:
        raise Http404
    try:
        content, content_type = reports.render_report(survey_round, file_format, lang=_language())
    except SurveyAnalysisError:
        return render(
            request, "surveys/office/no_answers.html", {"round": survey_round}, status=200
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="innovationsformaga-{survey_round.name}.{file_format}"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def template_list(request: HttpRequest) -> HttpResponse:
    _require(request, "template.edit")
    form = TemplateCopyForm(request.POST or None, templates=_template_choices())
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.template_copy(
                source_key=form.cleaned_data["source"], new_key=form.cleaned_data["key"]
            )
        except TemplateEditError:
            form.add_error("key", _("A template with this name already exists."))
        else:
            return redirect("surveys:template_edit", key=copy.key)
    templates = SurveyTemplate.objects.order_by("key", "-version")
    return render(
        request,
        "surveys/office/template_list.html",
        {"form": form, "templates": templates, "built_in": list(TEMPLATES.values())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, key: str) -> HttpResponse:
    _require(request, "template.edit")
    latest = SurveyTemplate.objects.filter(key=key).order_by("-version").first()
    if latest is None:
        raise Http404
    form = TemplateEditForm(request.POST or None, definition=latest.definition)
    if request.method == "POST" and form.is_valid():
        saved = services.template_save_edits(key=key, edits=form.edits())
        if saved.version != latest.version:
            messages.success(
                request,
                _(
                    "Rounds have answered version %(old)s, so the changes were saved as version %(new)s."
                )
                % {"old": latest.version, "new": saved.version},
            )
        else:
            messages.success(request, _("The template was saved."))
        return redirect("surveys:template_edit", key=key)
    return render(request, "surveys/office/template_edit.html", {"form": form, "template": latest})
