"""Writes for governing documents and concept families. Keyword-only and atomic."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from innovera.core.exceptions import ApplicationError
from innovera.core.tasks import run_in_background
from innovera.documents import analysis
from innovera.documents.models import ConceptFamily, Document, RecountJob
from innovera.documents.readers import DocumentReadError, ReadText, read_document
from innovera.organisations.models import User

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _current_families() -> list[analysis.Family]:
    return [
        family.as_family()
        for family in ConceptFamily.objects.filter(is_current=True).order_by("position", "code")
    ]


def _versions() -> dict[str, int]:
    return dict(ConceptFamily.objects.filter(is_current=True).values_list("code", "version"))


@transaction.atomic
def families_ensure_defaults() -> bool:
    """The five families of the report, unless families exist; returns whether it made them."""
    if ConceptFamily.objects.exists():
        return False
    ConceptFamily.objects.bulk_create(
        ConceptFamily(
            code=family.code,
            label=family.label,
            stems=list(family.stems),
            exclusions=list(family.exclusions),
            position=position,
        )
        for position, family in enumerate(analysis.DEFAULT_FAMILIES)
    )
    return True


def _clean_terms(terms: Sequence[str], field: str, *, required: bool) -> list[str]:
    cleaned = list(analysis.normalise_terms(terms))
    if required and not cleaned:
        raise ApplicationError(_("Give at least one stem."), field=field)
    for term in cleaned:
        if not all(char.isalpha() for char in term):
            raise ApplicationError(
                _("“%(term)s” is not a word stem: use letters only.") % {"term": term},
                field=field,
            )
    return cleaned


def _family_terms(
    label: str, stems: Sequence[str], exclusions: Sequence[str]
) -> tuple[str, list[str], list[str]]:
    """A family's label, stems and exclusions as stored, or the refusal at the wrong field."""
    label = label.strip()
    if not label:
        raise ApplicationError(_("Give the family a label."), field="label")
    return (
        label,
        _clean_terms(stems, "stems", required=True),
        _clean_terms(exclusions, "exclusions", required=False),
    )


def _family_store(
    *,
    code: str,
    terms: tuple[str, list[str], list[str]],
    previous: ConceptFamily | None,
    user: User | None,
) -> ConceptFamily:
    """The next version of a family in its column, or a new family as the last column; every
    document is recounted with it in the background."""
    label, stems, exclusions = terms
    if previous is None:
        version = 1
        position = (ConceptFamily.objects.aggregate(last=Max("position"))["last"] or 0) + 1
        reason = _("%(family)s added") % {"family": label}
    else:
        version, position = previous.version + 1, previous.position
        reason = _("%(family)s edited") % {"family": label}
    family = ConceptFamily.objects.create(
        code=code,
        version=version,
        label=label,
        stems=stems,
        exclusions=exclusions,
        position=position,
        created_by=user,
    )
    recount_start(reason=reason, user=user)
    return family


@transaction.atomic
def family_edit(
    *,
    code: str,
    label: str,
    stems: Sequence[str],
    exclusions: Sequence[str],
    user: User | None,
) -> ConceptFamily:
    """The family's next version; every document is recounted in the background."""
    current = ConceptFamily.objects.select_for_update().filter(code=code, is_current=True).first()
    if current is None:
        raise ApplicationError(_("There is no such concept family."), status=404)
    terms = _family_terms(label, stems, exclusions)
    if terms == (current.label, list(current.stems), list(current.exclusions)):
        return current
    current.is_current = False
    current.save(update_fields=["is_current"])
    return _family_store(code=code, terms=terms, previous=current, user=user)


@transaction.atomic
def family_create(
    *,
    code: str,
    label: str,
    stems: Sequence[str],
    exclusions: Sequence[str],
    user: User | None,
) -> ConceptFamily:
    """A new family, added as the last column; every document is recounted in the background."""
    code = code.strip().lower()
    if not CODE.match(code):
        raise ApplicationError(
            _("The code is lower-case letters a–z, digits and _, starting with a letter."),
            field="code",
        )
    if ConceptFamily.objects.filter(code=code).exists():
        raise ApplicationError(_("A family with this code exists."), field="code")
    terms = _family_terms(label, stems, exclusions)
    return _family_store(code=code, terms=terms, previous=None, user=user)


@transaction.atomic
def document_add(
    *,
    title: str,
    file_name: str,
    content: bytes,
    category: str = "",
    year: int | None = None,
    appendix_of: Document | None = None,
    user: User | None = None,
    is_demo: bool = False,
) -> Document:
    """Read, normalise and count one file. A file that cannot be read stores nothing."""
    title = title.strip()
    if not title:
        raise ApplicationError(_("Give the document a title."), field="title")
    if Document.objects.filter(title=title).exists():
        raise ApplicationError(_("A document with this title exists."), field="title")
    if appendix_of is not None and appendix_of.appendix_of_id is not None:
        raise ApplicationError(
            _("“%(title)s” is itself an appendix; attach to its main document.")
            % {"title": appendix_of.title},
            field="appendix_of",
        )
    try:
        read = read_document(file_name, content)
    except DocumentReadError as exc:
        raise ApplicationError(str(exc), field="file") from None
    return _document_store(
        title=title,
        file_name=file_name,
        sha256=hashlib.sha256(content).hexdigest(),
        read=read,
        category=category.strip(),
        year=year,
        appendix_of=appendix_of,
        user=user,
        is_demo=is_demo,
    )


def _document_store(
    *,
    title: str,
    file_name: str,
    sha256: str,
    read: ReadText,
    category: str,
    year: int | None,
    appendix_of: Document | None,
    user: User | None,
    is_demo: bool,
) -> Document:
    pages = analysis.normalise_pages(read.pages)
    text = analysis.PAGE_BREAK.join(pages)
    counted = analysis.count(text, _current_families())
    if appendix_of is not None:
        # An appendix belongs to its document's category and year.
        category, year = appendix_of.category, appendix_of.year
    return Document.objects.create(
        title=title,
        category=category,
        year=year,
        appendix_of=appendix_of,
        file_name=file_name[:255],
        kind=read.kind,
        sha256=sha256,
        text=text,
        page_count=len(pages),
        words=counted.words,
        counts=counted.counts,
        counted_with=_versions(),
        uploaded_by=user,
        is_demo=is_demo,
    )


@transaction.atomic
def document_update(*, document: Document, title: str, category: str, year: int | None) -> Document:
    title = title.strip()
    if not title:
        raise ApplicationError(_("Give the document a title."), field="title")
    if Document.objects.filter(title=title).exclude(pk=document.pk).exists():
        raise ApplicationError(_("A document with this title exists."), field="title")
    document.title = title
    document.category = category.strip()
    document.year = year
    document.save(update_fields=["title", "category", "year"])
    # Appendices follow their document's category and year.
    document.appendices.update(category=document.category, year=document.year)
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Removes the document and its appendices."""
    document.delete()


@transaction.atomic
def recount_start(*, reason: str, user: User | None) -> RecountJob:
    job = RecountJob.objects.create(
        reason=reason[:200], total=Document.objects.count(), created_by=user
    )
    # Queued after commit so the job sees the family version that caused it.
    transaction.on_commit(lambda: run_in_background(recount_job_run, job.pk))
    return job


def recount_job_run(job_id: int) -> None:
    """Count every document again with the current families, reporting progress on the job.

    Each document is its own small write, so the table stays readable during a long recount;
    a later job supersedes this one, which then stops rather than write older counts.
    """
    families = _current_families()
    versions = _versions()
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    jobs = RecountJob.objects.filter(pk=job_id)
    # Started only if still waiting and not past the queue's allowance: one that recovery has
    # ended as interrupted, or whose page already says so, is not brought back to life by a
    # late worker (it is ended as recovery ends it).
    now = timezone.now()
    waiting = jobs.filter(status=RecountJob.Status.PENDING)
    if not waiting.exclude(pk__in=waiting.silent(now).values("pk")).beat(
        status=RecountJob.Status.RUNNING, total=len(ids), done=0
    ):
        if waiting.exists():
            recounts_recover(now=now)
        return
    for done, document_id in enumerate(ids, start=1):
        latest = RecountJob.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)[0]
        if latest != job_id:
            jobs.end(status=RecountJob.Status.SUPERSEDED)
            return
        text = Document.objects.filter(pk=document_id).values_list("text", flat=True).first()
        if text is not None:
            counted = analysis.count(text, families)
            Document.objects.filter(pk=document_id).update(
                words=counted.words, counts=counted.counts, counted_with=versions
            )
        jobs.beat(done=done)
    jobs.end(status=RecountJob.Status.DONE)


@transaction.atomic
def recounts_recover(*, now: datetime.datetime | None = None) -> int:
    """At start-up and by `innovera housekeeping`: end the recounts whose process died (a
    server stop), as interrupted and as of when they died, which is when their page has shown
    them ended (`RecountJob.interrupted`). A recount still reporting from another process is
    left alone. Returns how many were ended."""
    return RecountJob.objects.filter(
        status__in=(RecountJob.Status.PENDING, RecountJob.Status.RUNNING)
    ).end_silent(now or timezone.now(), status=RecountJob.Status.INTERRUPTED)
