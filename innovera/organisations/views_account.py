"""Pages of a person's data rights, sign-out at the provider, and placing new employees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from innovera.core import audit
from innovera.core.exports import CSV_TYPE, csv_lines
from innovera.core.http import attachment
from innovera.core.notices import notice_view
from innovera.core.permissions import requires
from innovera.organisations import gdpr, oidc, selectors, services
from innovera.organisations import notices as pages
from innovera.organisations.forms import AuditFilterForm, EraseConfirmForm, PlaceForm
from innovera.organisations.models import User


@requires("account.export_own")
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    """The page explains; the button posts and gets the ZIP straight back: the file is made
    for this signed-in person only and never has an address of its own to share."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        content = gdpr.personal_data_export_bytes(user=user)
        stamp = timezone.localdate().isoformat()
        response = attachment(
            content, content_type="application/zip", filename=f"mina-uppgifter-{stamp}.zip"
        )
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "organisations/my_data.html")


@requires("account.erase_own")
@require_http_methods(["GET", "POST"])
def erase_account(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    by_provider = not user.has_usable_password()
    fresh = oidc.fresh_sign_in(request)
    form = EraseConfirmForm(request.POST or None, user=user) if not by_provider else None
    if request.method == "POST":
        confirmed = fresh if by_provider else bool(form and form.is_valid())
        if confirmed:
            gdpr.account_erase(user=user)
            logout(request)
            return redirect("organisations:erased")
        if by_provider:
            messages.error(request, _("Sign in with the city's account again to confirm."))
    return render(
        request,
        "organisations/erase_account.html",
        {"form": form, "by_provider": by_provider, "fresh": fresh},
    )


erased = notice_view(pages.ERASED, action="account.sign_in")
signed_out = notice_view(pages.SIGNED_OUT, action="account.sign_in")


@requires("account.place")
@require_http_methods(["GET", "POST"])
def people_to_place(request: HttpRequest) -> HttpResponse:
    """People the provider named an unknown unit for; the office chooses their unit."""
    office: User = request.user  # type: ignore[assignment]
    errors: dict[int, PlaceForm] = {}
    if request.method == "POST":
        person = selectors.person_to_place(pk=request.POST.get("person", ""))
        if person is None:
            raise Http404
        form = PlaceForm(request.POST)
        if form.is_valid():
            services.user_place(user=person, unit=form.cleaned_data["unit"], by=office)
            messages.success(
                request,
                _("%(name)s now works in %(unit)s.")
                % {"name": person.full_name, "unit": form.cleaned_data["unit"].name},
            )
            return redirect("organisations:people_to_place")
        errors[person.pk] = form
    people = [
        (identity, errors.get(identity.user_id) or PlaceForm(prefix=None))
        for identity in selectors.people_to_place()
    ]
    return render(request, "organisations/people_to_place.html", {"people": people})


def _audit_filter(request: HttpRequest) -> tuple[AuditFilterForm, audit.AuditFilter]:
    params = request.GET.copy()
    params.pop("fore", None)
    form = AuditFilterForm(params or None)
    if not form.is_bound:
        return form, audit.AuditFilter()
    if not form.is_valid():
        return form, audit.AuditFilter(person_ids=())
    data = form.cleaned_data
    object_type, _sep, object_id = (data.get("object") or "").strip().partition(":")
    person_ids = selectors.people_matching(data["person"].strip()) if data.get("person") else None
    return form, audit.AuditFilter(
        person_ids=person_ids,
        object_type=object_type.strip(),
        object_id=object_id.strip(),
        action=data.get("action") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


@requires("audit.view")
def audit_log(request: HttpRequest) -> HttpResponse:
    form, criteria = _audit_filter(request)
    try:
        before = int(request.GET.get("fore", "") or 0) or None
    except ValueError:
        before = None
    entries, next_cursor = audit.audit_page(criteria, before=before)
    query = request.GET.copy()
    query.pop("fore", None)
    return render(
        request,
        "organisations/audit_log.html",
        {
            "form": form,
            "entries": [(entry, audit.action_label(entry.action)) for entry in entries],
            "next_cursor": next_cursor,
            "query": query.urlencode(),
        },
    )


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


@requires("audit.view")
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, criteria = _audit_filter(request)
    user: User = request.user  # type: ignore[assignment]
    services.audit_export_record(by=user)
    header = [
        _("When"),
        _("Who"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Person concerned"),
        _("Details"),
        _("Channel"),
        _("Network"),
    ]

    def rows() -> Iterator[list[str]]:
        for entry in audit.audit_entries(criteria).iterator(chunk_size=1000):
            yield [
                _cell(timezone.localtime(entry.at).isoformat(timespec="seconds")),
                _cell(entry.actor.full_name if entry.actor else _("System")),
                _cell(audit.action_label(entry.action)),
                _cell(entry.object_type),
                _cell(entry.object_id),
                _cell(entry.object_label),
                _cell(entry.person.full_name if entry.person else ""),
                _cell(entry.details),
                _cell(entry.get_source_display()),
                _cell(entry.network),
            ]

    # Core's safe-cell writer: no spreadsheet runs a cell as a formula (CSV injection).
    lines = csv_lines(header, rows())
    response = StreamingHttpResponse(
        ("\ufeff" + line if index == 0 else line for index, line in enumerate(lines)),
        content_type=CSV_TYPE,
    )
    response["Content-Disposition"] = 'attachment; filename="granskningslogg.csv"'
    return response
