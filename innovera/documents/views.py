"""Pages of the documents app: the table, keyword in context, comparison, upload, families."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from innovera.core.exceptions import ApplicationError
from innovera.core.forms import add_service_error
from innovera.core.http import AuthenticatedHttpRequest, HtmxRequest, attachment
from innovera.core.permissions import can, requires
from innovera.documents import exports, selectors, services
from innovera.documents.analysis import per_10000
from innovera.documents.forms import (
    CompareDocumentsForm,
    DocumentForm,
    FamilyForm,
    NewFamilyForm,
    TableFilterForm,
    UploadForm,
    terms,
)
from innovera.documents.models import ConceptFamily, Document, RecountJob

ORDER_DESCENDING = "fallande"


def _table_from(request: HtmxRequest) -> tuple[selectors.Table, TableFilterForm]:
    unfiltered = selectors.document_table()
    form = TableFilterForm(
        request.GET or None, categories=unfiltered.categories, years=unfiltered.years
    )
    category, year, per = "", None, False
    if form.is_valid():
        category = form.cleaned_data["kategori"] or ""
        year = form.cleaned_data["ar"]
        per = form.cleaned_data["per"]
    table = selectors.document_table(
        category=category,
        year=year,
        sort=request.GET.get("sortera", ""),
        descending=request.GET.get("ordning") == ORDER_DESCENDING,
        per=per,
    )
    return table, form


@require_GET
@requires("document.list")
def table(request: HtmxRequest) -> HttpResponse:
    document_table, form = _table_from(request)
    context = {
        "table": document_table,
        "filter_form": form,
        "query": request.GET.copy(),
        "may_upload": can(request.user, "document.upload"),
        "may_edit_families": can(request.user, "family.edit"),
        "series": selectors.series(),
    }
    if request.htmx and request.htmx.target == "document-table":
        return render(request, "documents/partials/_table.html", context)
    return render(request, "documents/table.html", context)


@require_GET
@requires("document.export")
def table_export(request: HtmxRequest, file_format: str) -> HttpResponse:
    document_table, _form = _table_from(request)
    header, rows = exports.table_rows(document_table)
    content = exports.write(header, rows, file_format=file_format, sheet=_("Documents"))
    return attachment(
        content, content_type=exports.FORMATS[file_format], filename=f"styrdokument.{file_format}"
    )


@require_http_methods(["GET", "POST"])
@requires("document.upload")
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        main_documents=selectors.main_document_choices(),
    )
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            document = services.document_add(
                title=form.cleaned_data["title"],
                file_name=upload_file.name,
                content=upload_file.read(),
                category=form.cleaned_data["category"],
                year=form.cleaned_data["year"],
                appendix_of=form.cleaned_data["appendix_of"],
                user=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” was read and counted: %(words)s words.")
                % {"title": document.title, "words": document.words},
            )
            if request.htmx:
                return HttpResponseClientRedirect(document.get_absolute_url())
            return redirect(document)
    context = {"form": form}
    if request.htmx:
        # htmx swaps only successful responses; the form with its errors is one.
        return render(request, "documents/partials/_upload_form.html", context)
    return render(request, "documents/upload.html", context, status=400 if form.errors else 200)


def _document(pk: int) -> Document:
    try:
        return selectors.document_detail(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None


@require_GET
@requires("document.view")
def document_detail(request: HtmxRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    edit_form = None
    if can(request.user, "document.upload"):
        edit_form = DocumentForm(
            initial={"title": document.title, "category": document.category, "year": document.year}
        )
    return _detail(request, document, edit_form)


def _detail(
    request: HtmxRequest, document: Document, edit_form: DocumentForm | None, status: int = 200
) -> HttpResponse:
    families = selectors.current_families()
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "row": selectors.table_row(document, families)
            if document.appendix_of_id is None
            else None,
            "families": families,
            "counts": [
                (family, n, per_10000(n, document.words))
                for family in families
                for n in [int(document.counts.get(family.code, 0))]
            ],
            "edit_form": edit_form,
            "may_delete": can(request.user, "document.delete"),
        },
        status=status,
    )


@require_POST
@requires("document.upload")
def document_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    form = DocumentForm(request.POST)
    if form.is_valid():
        try:
            services.document_update(
                document=document,
                title=form.cleaned_data["title"],
                category=form.cleaned_data["category"],
                year=form.cleaned_data["year"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The document was saved."))
            return redirect(document)
    return _detail(request, _document(pk), form, status=400)


@require_POST
@requires("document.delete")
def document_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    services.document_delete(document=document)
    messages.success(request, _("“%(title)s” was removed.") % {"title": document.title})
    return redirect("documents:table")


def _kwic(request: HtmxRequest, pk: int, code: str) -> selectors.KeywordInContext:
    form = request.GET.get("ordform", "").strip().lower()[:100]
    try:
        return selectors.keyword_in_context(pk=pk, code=code, form=form or None)
    except (Document.DoesNotExist, ConceptFamily.DoesNotExist):
        raise Http404 from None


@require_GET
@requires("document.view")
def keyword_in_context(request: HtmxRequest, pk: int, code: str) -> HttpResponse:
    kwic = _kwic(request, pk, code)
    template = (
        "documents/partials/_contexts.html"
        if request.htmx and request.htmx.target == "contexts"
        else "documents/keyword_in_context.html"
    )
    # The occurrences' downloads keep the word form the page shows.
    download_query = urlencode({"ordform": kwic.form}) if kwic.form else ""
    return render(request, template, {"kwic": kwic, "download_query": download_query})


@require_GET
@requires("document.export")
def contexts_export(request: HtmxRequest, pk: int, code: str, file_format: str) -> HttpResponse:
    kwic = _kwic(request, pk, code)
    header, rows = exports.contexts_rows(kwic)
    content = exports.write(header, rows, file_format=file_format, sheet=kwic.family.label)
    return attachment(
        content,
        content_type=exports.FORMATS[file_format],
        filename=f"sammanhang-{kwic.document.pk}-{kwic.family.code}.{file_format}",
    )


@require_GET
@requires("document.view")
def compare(request: HtmxRequest) -> HttpResponse:
    documents = selectors.document_choices()
    form = CompareDocumentsForm(request.GET if "fore" in request.GET else None, documents=documents)
    comparison = None
    if form.is_valid():
        comparison = selectors.compare_documents(
            before_pk=form.cleaned_data["fore"], after_pk=form.cleaned_data["efter"]
        )
    series = selectors.series()
    category = request.GET.get("kategori", "")
    years = dict(series).get(category)
    if comparison is None and years:
        try:
            before_year = int(request.GET.get("fore_ar", years[0]))
            after_year = int(request.GET.get("efter_ar", years[-1]))
        except ValueError:
            before_year, after_year = years[0], years[-1]
        if before_year in years and after_year in years:
            comparison = selectors.compare_years(
                category=category, before_year=before_year, after_year=after_year
            )
    return render(
        request,
        "documents/compare.html",
        {"form": form, "comparison": comparison, "series": series},
    )


@require_GET
@requires("family.list")
def family_list(request: HtmxRequest) -> HttpResponse:
    return render(
        request,
        "documents/family_list.html",
        {
            "families": selectors.current_families(),
            "new_form": NewFamilyForm() if can(request.user, "family.edit") else None,
            "recount": selectors.latest_recount(),
        },
    )


def _family_fields(form: FamilyForm) -> dict[str, Any]:
    return {
        "label": form.cleaned_data["label"],
        "stems": terms(form.cleaned_data["stems"]),
        "exclusions": terms(form.cleaned_data["exclusions"]),
    }


@require_POST
@requires("family.edit")
def family_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewFamilyForm(request.POST)
    if form.is_valid():
        try:
            services.family_create(
                code=form.cleaned_data["code"], user=request.user, **_family_fields(form)
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect(_latest_recount_url())
    return render(
        request,
        "documents/family_list.html",
        {"families": selectors.current_families(), "new_form": form},
        status=400,
    )


@require_http_methods(["GET", "POST"])
@requires("family.edit")
def family_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    history = selectors.family_history(code=code)
    current = next((family for family in history if family.is_current), None)
    if current is None:
        raise Http404
    initial = {
        "label": current.label,
        "stems": ", ".join(current.stems),
        "exclusions": ", ".join(current.exclusions),
    }
    form = FamilyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.family_edit(code=code, user=request.user, **_family_fields(form))
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            if edited.pk == current.pk:
                messages.info(request, _("Nothing was changed."))
                return redirect("documents:family_list")
            return redirect(_latest_recount_url())
    return render(
        request,
        "documents/family_edit.html",
        {"family": current, "history": history, "form": form},
        status=400 if form.errors else 200,
    )


def _latest_recount_url() -> str:
    job = selectors.latest_recount()
    if job is None:
        return reverse("documents:table")
    return reverse("documents:recount", kwargs={"pk": job.pk})


@require_GET
@requires("document.list")
def recount(request: HtmxRequest, pk: int) -> HttpResponse:
    try:
        job = selectors.recount_job(pk=pk)
    except RecountJob.DoesNotExist:
        raise Http404 from None
    template = (
        "documents/partials/_recount_progress.html" if request.htmx else "documents/recount.html"
    )
    return render(request, template, {"job": job})
