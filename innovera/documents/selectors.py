"""Reads for the documents pages, exports and command, each in a fixed number of queries.

A document's text is large; lists defer it and only keyword in context and recounts read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from innovera.documents import analysis
from innovera.documents.models import ConceptFamily, Document, RecountJob

SORT_KEYS = ("title", "year", "words")


def current_families() -> list[ConceptFamily]:
    return list(ConceptFamily.objects.filter(is_current=True).order_by("position", "code"))


def family_history(*, code: str) -> list[ConceptFamily]:
    return list(
        ConceptFamily.objects.filter(code=code).select_related("created_by").order_by("-version")
    )


def _light() -> QuerySet[Document]:
    return Document.objects.defer("text")


def _with_appendices(documents: QuerySet[Document]) -> QuerySet[Document]:
    return documents.prefetch_related(
        Prefetch("appendices", queryset=_light().order_by("title"), to_attr="appendix_list")
    )


@dataclass(frozen=True)
class Cell:
    code: str
    count: int
    rate: float | None
    appendix_count: int | None  # None: the document has no appendix
    appendix_rate: float | None


@dataclass
class Row:
    document: Document
    appendices: list[Document]
    cells: list[Cell]
    appendix_words: int

    def value(self, code: str, per: bool) -> float:
        for cell in self.cells:
            if cell.code == code:
                value = cell.rate if per else cell.count
                return -1.0 if value is None else float(value)
        return -1.0


@dataclass
class Table:
    families: list[ConceptFamily]
    rows: list[Row]
    categories: list[str]
    years: list[int]
    recount: RecountJob | None
    sort: str
    descending: bool
    per: bool
    category: str = ""
    year: int | None = None
    demo_rows: int = field(default=0)


def table_row(document: Document, families: list[ConceptFamily]) -> Row:
    appendices: list[Document] = list(getattr(document, "appendix_list", []))
    combined = analysis.combine(appendix.text_count() for appendix in appendices)
    cells = []
    for family in families:
        n = int(document.counts.get(family.code, 0))
        extra = int(combined.counts.get(family.code, 0)) if appendices else None
        cells.append(
            Cell(
                code=family.code,
                count=n,
                rate=analysis.per_10000(n, document.words),
                appendix_count=extra,
                appendix_rate=(
                    analysis.per_10000(extra, combined.words) if extra is not None else None
                ),
            )
        )
    return Row(document=document, appendices=appendices, cells=cells, appendix_words=combined.words)


def document_table(
    *,
    category: str = "",
    year: int | None = None,
    sort: str = "",
    descending: bool = False,
    per: bool = False,
) -> Table:
    """The report's table: main documents × current families, appendices in parentheses.
    Sort by title, year, words or a family code (by count, or per 10,000 words with `per`)."""
    families = current_families()
    documents = _light().filter(appendix_of__isnull=True)
    if category:
        documents = documents.filter(category=category)
    if year is not None:
        documents = documents.filter(year=year)
    rows = [table_row(document, families) for document in _with_appendices(documents)]
    codes = {family.code for family in families}
    if sort not in codes and sort not in SORT_KEYS:
        sort = ""
    if sort == "title":
        rows.sort(key=lambda row: row.document.title.lower(), reverse=descending)
    elif sort == "year":
        rows.sort(key=lambda row: (row.document.year or 0, row.document.title), reverse=descending)
    elif sort == "words":
        rows.sort(key=lambda row: row.document.words, reverse=descending)
    elif sort:
        rows.sort(key=lambda row: row.value(sort, per), reverse=descending)
    main = Document.objects.filter(appendix_of__isnull=True)
    return Table(
        families=families,
        rows=rows,
        categories=sorted(
            {c for c in main.values_list("category", flat=True).distinct() if c}, key=str.lower
        ),
        years=sorted(
            {y for y in main.values_list("year", flat=True).distinct() if y is not None},
            reverse=True,
        ),
        recount=latest_recount(),
        sort=sort,
        descending=descending,
        per=per,
        category=category,
        year=year,
        demo_rows=sum(1 for row in rows if row.document.is_demo),
    )


def document_detail(*, pk: int) -> Document:
    """A document with its appendices (light) and, for an appendix, its main document."""
    return _with_appendices(_light().select_related("appendix_of")).get(pk=pk)


def document_choices() -> list[Document]:
    return list(_light().select_related("appendix_of").order_by("-year", "title"))


def main_document_choices() -> QuerySet[Document]:
    return _light().filter(appendix_of__isnull=True).order_by("title")


def family_current(*, code: str) -> ConceptFamily:
    return ConceptFamily.objects.get(code=code, is_current=True)


@dataclass(frozen=True)
class ContextSection:
    document: Document
    contexts: list[analysis.Context]


@dataclass(frozen=True)
class KeywordInContext:
    document: Document
    family: ConceptFamily
    sections: list[ContextSection]
    forms: list[tuple[str, int]]
    form: str | None

    @property
    def total(self) -> int:
        return sum(len(section.contexts) for section in self.sections)


def keyword_in_context(*, pk: int, code: str, form: str | None = None) -> KeywordInContext:
    """Every occurrence of a family's words in a document and its appendices (2 queries for
    the texts, 1 for the family). Raises DoesNotExist for an unknown document or family."""
    family = family_current(code=code)
    document = Document.objects.get(pk=pk)
    appendices = list(Document.objects.filter(appendix_of_id=pk).order_by("title"))
    matcher = family.as_family()
    forms: dict[str, int] = {}
    sections = []
    for item in [document, *appendices]:
        pages = item.pages()
        for word, n in analysis.forms_of(pages, matcher):
            forms[word] = forms.get(word, 0) + n
        sections.append(
            ContextSection(
                document=item,
                contexts=analysis.contexts(pages, matcher, paged=item.paged, form=form or None),
            )
        )
    ordered = sorted(forms.items(), key=lambda item: (-item[1], item[0]))
    return KeywordInContext(
        document=document, family=family, sections=sections, forms=ordered, form=form or None
    )


@dataclass(frozen=True)
class ComparisonRow:
    family: ConceptFamily
    before_count: int
    after_count: int
    change: analysis.Change


@dataclass(frozen=True)
class Comparison:
    before_label: str
    after_label: str
    before_words: int
    after_words: int
    rows: list[ComparisonRow]


def _combined(documents: list[Document]) -> analysis.TextCount:
    return analysis.combine(document.text_count() for document in documents)


def _compare(
    before_label: str, before: list[Document], after_label: str, after: list[Document]
) -> Comparison:
    families = current_families()
    a, b = _combined(before), _combined(after)
    changes = analysis.compare(a, b, [family.as_family() for family in families])
    return Comparison(
        before_label=before_label,
        after_label=after_label,
        before_words=a.words,
        after_words=b.words,
        rows=[
            ComparisonRow(
                family=family,
                before_count=int(a.counts.get(family.code, 0)),
                after_count=int(b.counts.get(family.code, 0)),
                change=change,
            )
            for family, change in zip(families, changes, strict=True)
        ],
    )


def compare_documents(*, before_pk: int, after_pk: int) -> Comparison:
    """Two documents, each with its appendices, per 10,000 words."""
    documents = {
        document.pk: document
        for document in _with_appendices(_light().filter(pk__in=(before_pk, after_pk)))
    }
    before, after = documents[before_pk], documents[after_pk]
    return _compare(
        str(before),
        [before, *getattr(before, "appendix_list", [])],
        str(after),
        [after, *getattr(after, "appendix_list", [])],
    )


def compare_years(*, category: str, before_year: int, after_year: int) -> Comparison:
    """A category's documents (with appendices) of one year against another year's."""
    documents = list(_light().filter(category=category, year__in=(before_year, after_year)))
    return _compare(
        f"{category} {before_year}",
        [d for d in documents if d.year == before_year],
        f"{category} {after_year}",
        [d for d in documents if d.year == after_year],
    )


def series() -> list[tuple[str, list[int]]]:
    """Categories with documents in two years or more: what "compare years" offers."""
    found: dict[str, set[int]] = {}
    for category, year in (
        Document.objects.filter(appendix_of__isnull=True, year__isnull=False)
        .exclude(category="")
        .values_list("category", "year")
        .distinct()
    ):
        if year is not None:
            found.setdefault(category, set()).add(year)
    return sorted(
        ((category, sorted(years)) for category, years in found.items() if len(years) > 1),
        key=lambda item: item[0].lower(),
    )


def latest_recount() -> RecountJob | None:
    return RecountJob.objects.order_by("-created_at", "-pk").first()


def recount_job(*, pk: int) -> RecountJob:
    return RecountJob.objects.get(pk=pk)


def table_data() -> dict[str, Any]:
    """The table as the command's JSON: families, then documents with their appendices."""
    families = current_families()
    documents = _with_appendices(_light().filter(appendix_of__isnull=True)).order_by(
        "year", "title"
    )
    codes = [family.code for family in families]

    def counts(document: Document) -> dict[str, int]:
        return {code: int(document.counts.get(code, 0)) for code in codes}

    return {
        "families": [
            {
                "code": family.code,
                "label": family.label,
                "stems": list(family.stems),
                "exclusions": list(family.exclusions),
            }
            for family in families
        ],
        "documents": [
            {
                "title": document.title,
                "category": document.category,
                "year": document.year,
                "words": document.words,
                "counts": counts(document),
                "appendices": [
                    {"title": appendix.title, "words": appendix.words, "counts": counts(appendix)}
                    for appendix in getattr(document, "appendix_list", [])
                ],
            }
            for document in documents
        ],
    }


def search_titles(*, query: str, limit: int) -> list[Document]:
    return list(_light().filter(title__icontains=query).order_by("-year", "title")[:limit])
