from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from innovera.core.http import is_api, json_error
from innovera.core.permissions import requires
from innovera.core.search import SearchForm, site_search
from innovera.core.selectors import accessibility_facts, module_links
from innovera.core.selectors import my_work as my_work_groups


@requires("site.view")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"modules": module_links(user=request.user)})


@requires("work.view")
@never_cache
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    """ "Mitt arbete": where a person lands after signing in; what waits for them in every app,
    each line linking to where the work is done."""
    return render(request, "core/my_work.html", {"groups": my_work_groups(user=request.user)})


@requires("search.query")
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """One search over every app; a plain GET form, so it works without JavaScript."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = site_search(user=request.user, query=form.cleaned_data["q"])
    return render(request, "core/search.html", {"form": form, "results": results})


@requires("site.view")
@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, _prose_template("accessibility"), accessibility_facts())


@requires("site.view")
@require_safe
def privacy_notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        _prose_template("privacy"),
        {
            "resident_retention_months": settings.RESIDENT_RETENTION_MONTHS,
            "audit_retention_months": settings.AUDIT_RETENTION_MONTHS,
        },
    )


def _prose_template(name: str) -> str:
    # Long legal texts are kept as one template per language: easier to review than fragments.
    return f"core/{name}_{'en' if get_language() == 'en' else 'sv'}.html"


@requires("site.health")
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "error"
    if settings.REDIS_URL:
        from django.core.cache import cache

        try:
            cache.set("healthz", "ok", 5)
            checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
        except Exception:  # any client error means the cache is not usable
            checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


# Under /api/ Django's own error answers keep the API's shape (core.api.errors): an address no
# view matches (an unknown path, a non-integer id), a body Django refuses, a crash.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(400, _("The request could not be read."))
    return render(request, "core/error.html", {"status": 400}, status=400)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(404, _("Not found."))
    return render(request, "core/error.html", {"status": 404}, status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(403, _("You do not have permission to perform this action."))
    return render(request, "core/error.html", {"status": 403}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return json_error(500, _("Something went wrong on our side. Try again later."))
    return render(request, "core/error.html", {"status": 500}, status=500)
