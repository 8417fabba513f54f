"""The innovation office's pages: rounds, invitations, imports, results and reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from innovera.core.http import AuthenticatedHttpRequest, attachment
from innovera.core.notices import notice_response
from innovera.core.permissions import require, requires
from innovera.surveys import notices, reports, selectors, services
from innovera.surveys.analysis import SurveyAnalysisError
from innovera.surveys.forms import (
    ImportUploadForm,
    InviteForm,
    RoundCreateForm,
    TemplateCopyForm,
    TemplateEditForm,
)
from innovera.surveys.instrument import TEMPLATES
from innovera.surveys.models import Round
from innovera.surveys.template_editing import TemplateEditError


def _template_choices() -> list[tuple[str, str]]:
    built_in = [(key, template.title_sv) for key, template in TEMPLATES.items()]
    stored = selectors.stored_template_keys()
    return built_in + [(key, key) for key in stored]


@requires("round.list")
@require_http_methods(["GET", "POST"])
def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RoundCreateForm(request.POST or None, templates=_template_choices())
    if request.method == "POST":
        require(request.user, "round.create")
        if form.is_valid():
            survey_round = services.round_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("The round %(name)s was created.") % {"name": survey_round})
            return redirect("surveys:round_detail", name=survey_round.name)
    rounds = selectors.rounds_newest_first()
    return render(request, "surveys/office/round_list.html", {"rounds": rounds, "form": form})


def _round(name: str) -> Round:
    # The action was asked by the view's @requires: a round is the office's in every case.
    return selectors.round_by_name_or_404(name)


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


@requires("round.view_results")
def round_detail(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    survey_round = _round(name)
    return render(request, "surveys/office/round_detail.html", _detail_context(survey_round))


# The personal link is not known before sending (only its digest is stored); the preview
# shows where it goes.
PREVIEW_LINK = "https://…/enkat/…/"


def _confirmed(request: AuthenticatedHttpRequest) -> bool:
    return request.POST.get("confirm") == "yes"


@requires("round.invite")
@require_POST
def round_invite(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    """Sending asks first: the first POST shows how many heads will get the invitation and
    the message itself; the second, with ``confirm``, sends."""
    survey_round = _round(name)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one kind of organisation to invite."))
        return redirect("surveys:round_detail", name=name)
    org_types = form.cleaned_data["org_types"]
    if not _confirmed(request):
        plan = services.invitation_plan(survey_round=survey_round, org_types=org_types)
        subject, body = services.invitation_message(
            survey_round=survey_round,
            unit=plan.invited[0] if plan.invited else None,
            link=PREVIEW_LINK,
            reminder=False,
        )
        return render(
            request,
            "surveys/office/send_confirm.html",
            {
                "round": survey_round,
                "kind": "invitations",
                "recipients": plan.invited,
                "without_address": plan.without_address,
                "earlier": plan.already_invited,
                "org_types": org_types,
                "subject": subject,
                "body": body,
            },
        )
    outcome = services.invitations_send(
        survey_round=survey_round, org_types=org_types, by=request.user
    )
    _report_sent(request, len(outcome.invited), _("%(n)s invitations were sent."))
    if outcome.without_address:
        messages.warning(
            request,
            _("Not invited, since no head's e-mail address is recorded: %(units)s.")
            % {"units": ", ".join(unit.name for unit in outcome.without_address)},
        )
    return redirect("surveys:round_detail", name=name)


def _report_sent(request: AuthenticatedHttpRequest, count: int, sent: str) -> None:
    # Nothing sent is not a success: it is said plainly, without the green of a success.
    if count:
        messages.success(request, sent % {"n": count})
    else:
        messages.info(request, _("0 new recipients: nothing was sent."))


@requires("round.invite")
@require_POST
def round_remind(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    survey_round = _round(name)
    if not _confirmed(request):
        recipients = selectors.reminder_recipients(survey_round)
        subject, body = services.invitation_message(
            survey_round=survey_round,
            unit=recipients[0].unit if recipients else None,
            link=PREVIEW_LINK,
            reminder=True,
        )
        return render(
            request,
            "surveys/office/send_confirm.html",
            {
                "round": survey_round,
                "kind": "reminders",
                "recipients": [invitation.unit or invitation.email for invitation in recipients],
                "subject": subject,
                "body": body,
            },
        )
    count = services.reminders_send(survey_round=survey_round, by=request.user)
    _report_sent(request, count, _("%(n)s reminders were sent."))
    return redirect("surveys:round_detail", name=name)


@requires("round.import")
@require_POST
def round_import(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    survey_round = _round(name)
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "surveys/office/round_detail.html",
            _detail_context(survey_round, upload_form=form),
            status=400,
        )
    upload = form.cleaned_data["file"]
    job = services.import_job_create(
        survey_round=survey_round,
        upload_name=upload.name,
        content=upload.chunks(),
        replace=form.cleaned_data["replace"],
        user=request.user,
    )
    return redirect("surveys:import_job", name=name, job_id=job.pk)


@requires("round.import")
def import_job_detail(request: AuthenticatedHttpRequest, name: str, job_id: int) -> HttpResponse:
    survey_round = _round(name)
    job = selectors.import_job_or_404(survey_round, job_id)
    template = (
        "surveys/partials/_import_progress.html"
        if request.htmx
        else "surveys/office/import_job.html"
    )
    return render(request, template, {"round": survey_round, "job": job})


def _language() -> str:
    return "en" if get_language() == "en" else "sv"


@requires("round.view_results")
def round_results(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    survey_round = _round(name)
    try:
        context = reports.report_context(survey_round, lang=_language())
    except SurveyAnalysisError:
        return notice_response(request, notices.no_answers(survey_round))
    return render(request, "surveys/office/results.html", {"round": survey_round, **context})


@requires("round.report")
def round_report(request: AuthenticatedHttpRequest, name: str, file_format: str) -> HttpResponse:
    survey_round = _round(name)
    if file_format not in reports.FORMATS:
        raise Http404
    try:
        content, content_type = reports.render_report(survey_round, file_format, lang=_language())
    except SurveyAnalysisError:
        return notice_response(request, notices.no_answers(survey_round))
    return attachment(
        content,
        content_type=content_type,
        filename=f"innovationsformaga-{survey_round.name}.{file_format}",
    )


@requires("template.edit")
@require_http_methods(["GET", "POST"])
def template_list(request: AuthenticatedHttpRequest) -> HttpResponse:
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
    templates = selectors.stored_templates()
    return render(
        request,
        "surveys/office/template_list.html",
        {"form": form, "templates": templates, "built_in": list(TEMPLATES.values())},
    )


@requires("template.edit")
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    latest = selectors.stored_template_latest(key)
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
