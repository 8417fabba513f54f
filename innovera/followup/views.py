"""Pages of the followup app: parse with a form, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innovera.core.exceptions import ApplicationError
from innovera.core.forms import add_service_error
from innovera.core.http import AuthenticatedHttpRequest, attachment
from innovera.core.permissions import can, requires
from innovera.followup import dashboards, exports, opendata, selectors, services
from innovera.followup.forms import GoalForm, PeriodForm
from innovera.followup.indicators import BY_CODE, Period
from innovera.followup.models import Goal

SCOPES = {"city", "unit_type", "unit"}


def _period(request: HttpRequest) -> tuple[PeriodForm, Period]:
    form = PeriodForm(request.GET if request.GET else None)
    return form, form.chosen_period()


def _dashboard(request: HttpRequest, scope: str, key: str) -> HttpResponse:
    form, period = _period(request)
    board = services.dashboard_get(
        user=request.user, scope=scope, key=key, period=period, lang=get_language() or "sv"
    )
    if board is None:
        raise Http404
    query = request.GET.urlencode()
    may_refresh = can(request.user, "followup.refresh")
    return render(
        request,
        "followup/dashboard.html",
        {
            "board": board,
            "form": form,
            "period_query": query,
            "export_query": f"omfang={scope}&nyckel={key}" + (f"&{query}" if query else ""),
            "may_refresh": may_refresh,
            # Only the office sees (and polls) its recount.
            "recount": selectors.recount_shown() if may_refresh else None,
            "may_record_goals": can(request.user, "goal.create"),
            "goal_statuses": dashboards.GOAL_STATUSES,
        },
    )


@require_GET
@requires("followup.dashboard")
def city(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, "city", "")


@require_GET
@requires("followup.dashboard")
def unit_type(request: HttpRequest, kind: str) -> HttpResponse:
    return _dashboard(request, "unit_type", kind)


@require_GET
@requires("followup.dashboard")
def unit(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard(request, "unit", slug)


@require_GET
@requires("followup.export")
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """One table as CSV, or every table of a dashboard as an Excel workbook (a sheet each)."""
    scope, key = request.GET.get("omfang", "city"), request.GET.get("nyckel", "")
    code = request.GET.get("indikator", "")
    if file_format not in ("csv", "xlsx") or scope not in SCOPES:
        raise Http404
    if code and code not in BY_CODE:
        raise Http404
    if file_format == "csv" and not code:
        raise Http404
    _form, period = _period(request)
    board = services.dashboard_get(
        user=request.user, scope=scope, key=key, period=period, lang=get_language() or "sv"
    )
    if board is None:
        raise Http404
    current = _("This period (%(period)s)") % {"period": services.period_label(board.period)}
    previous = _("Previous period (%(period)s)") % {"period": services.period_label(board.previous)}
    tables = [
        (str(section.indicator.name), *dashboards.section_table(section, current, previous))
        for section in board.sections
        if section.available and (not code or section.code == code)
    ]
    name = f"uppfoljning-{scope}{'-' + key if key else ''}-{code or 'alla'}"
    if file_format == "csv":
        if not tables:
            # The indicator has no table for the period: not counted yet, or not available.
            raise Http404
        _title, headers, rows = tables[0]
        body, content_type = exports.table_csv(headers, rows), exports.CSV_TYPE
    else:
        body, content_type = exports.tables_xlsx(tables), exports.XLSX_TYPE
    return attachment(body, content_type=content_type, filename=f"{name}.{file_format}")


def _dashboard_path(target: str) -> str:
    """Where a recount leads back to: a follow-up page, never elsewhere."""
    return target if target.startswith("/uppfoljning/") else reverse("followup:city")


@require_POST
@requires("followup.refresh")
def refresh(request: HttpRequest) -> HttpResponse:
    _form, period = _period(request)
    try:
        _job, started = services.snapshots_refresh_later(period=period)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(_dashboard_path(request.POST.get("next", "")))
    if started:
        messages.success(
            request, _("The figures are being counted again; the page shows how far it has come.")
        )
    else:
        messages.info(
            request, _("A recount is already running; the page shows how far it has come.")
        )
    return redirect(_dashboard_path(request.POST.get("next", "")))


@require_GET
@requires("followup.refresh")
def recount(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """How far the office's recount has come: the status region the dashboard polls, or a
    page of its own without JavaScript."""
    job = selectors.recount_get(pk)
    if job is None:
        raise Http404
    back = _dashboard_path(request.GET.get("next", ""))
    if request.htmx:
        # The region alone, swapped into the live region that stays on the page.
        context = {"job": job, "recount_next": back}
        return render(request, "followup/partials/_recount_progress.html", context)
    return render(request, "followup/recount.html", {"recount": job, "recount_next": back})


# --- goals -------------------------------------------------------------------------------------


@require_GET
@requires("goal.create")
def goal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    units = selectors.goal_units(request.user)
    goals = list(selectors.goals_of(frozenset(units.values_list("pk", flat=True))))
    evaluated = services.goals_evaluate(goals, selectors.unit_tree())
    return render(request, "followup/goal_list.html", {"goals": evaluated})


def _goal_fields(form: GoalForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["indicator"] = data.get("indicator") or ""
    data["title"] = data.get("title") or ""
    return data


def _goal_form(request: AuthenticatedHttpRequest, goal: Goal | None) -> HttpResponse:
    """A new goal's form, or an existing one's: a refusal shows at its field, a saved goal
    leads to its unit's dashboard."""
    units = selectors.goal_units(request.user)
    form = GoalForm(request.POST or None, instance=goal, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            if goal is None:
                goal = services.goal_create(user=request.user, **_goal_fields(form))
            else:
                services.goal_update(user=request.user, goal=goal, fields=_goal_fields(form))
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect(reverse("followup:unit", kwargs={"slug": goal.unit.slug}))
    return render(request, "followup/goal_form.html", {"form": form, "goal": goal})


@require_http_methods(["GET", "POST"])
@requires("goal.create")
def goal_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _goal_form(request, None)


def _editable_goal(request: AuthenticatedHttpRequest, pk: int) -> Goal:
    goal = selectors.goal_get(pk)
    # A goal the person may not edit is not there for them: 404, not 403.
    if goal is None or not can(request.user, "goal.edit", goal):
        raise Http404
    return goal


@require_http_methods(["GET", "POST"])
@requires("goal.edit", on_object=True)
def goal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _goal_form(request, _editable_goal(request, pk))


@require_POST
@requires("goal.delete", on_object=True)
def goal_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = _editable_goal(request, pk)
    slug = goal.unit.slug
    services.goal_delete(user=request.user, goal=goal)
    messages.success(request, _("The goal was removed."))
    return redirect(reverse("followup:unit", kwargs={"slug": slug}))


# --- open data ---------------------------------------------------------------------------------


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
@requires("opendata.view")
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "followup/open_data.html",
        {
            "datasets": opendata.datasets(),
            "licence": opendata.LICENCE_PAGE,
            "publisher": opendata.publisher(),
            "now": timezone.now(),
        },
    )


@require_GET
@requires("opendata.view")
def datapackage(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        opendata.datapackage(_base(request)), json_dumps_params={"ensure_ascii": False}
    )


@require_GET
@requires("opendata.view")
def catalogue(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        opendata.catalogue_rdf(_base(request)), content_type="application/rdf+xml; charset=utf-8"
    )


@require_GET
@requires("opendata.view")
def dataset_download(request: HttpRequest, code: str, file_format: str) -> StreamingHttpResponse:
    dataset = opendata.dataset_get(code)
    if dataset is None or file_format not in ("csv", "json"):
        raise Http404
    if file_format == "csv":
        names = [field.name for field in dataset.fields]
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in exports.csv_lines(names, opendata.csv_rows(dataset))),
            content_type=exports.CSV_TYPE,
        )
    else:
        response = StreamingHttpResponse(
            (chunk.encode("utf-8") for chunk in exports.json_lines(dataset.rows())),
            content_type="application/json",
        )
    response["Content-Disposition"] = f'inline; filename="{code}.{file_format}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
