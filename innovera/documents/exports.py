"""The table and the keyword-in-context lists as CSV and XLSX.

CSV is for machines: comma-separated UTF-8 with a header row, numbers with a decimal point.
XLSX keeps numbers as numbers, so a Swedish spreadsheet shows them with a decimal comma.
Both go through core's safe-cell writer (innovera.core.exports), so no spreadsheet runs a cell
as a formula and control characters are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from innovera.core.exports import CSV_TYPE, XLSX_TYPE, Sheet, write_csv, write_xlsx
from innovera.documents.selectors import KeywordInContext, Table

FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def table_rows(table: Table) -> tuple[list[str], list[list[Any]]]:
    """One line per document and one per appendix (with the document it belongs to)."""
    header = [_("Document"), _("Appendix of"), _("Category"), _("Year"), _("Words")]
    for family in table.families:
        header += [family.label, _("%(family)s per 10,000 words") % {"family": family.label}]
    rows: list[list[Any]] = []
    for row in table.rows:
        for document, parent in [
            (row.document, ""),
            *((appendix, row.document.title) for appendix in row.appendices),
        ]:
            line: list[Any] = [
                document.title,
                parent,
                document.category,
                document.year,
                document.words,
            ]
            for family in table.families:
                n = int(document.counts.get(family.code, 0))
                line += [n, _rate(n * 10_000 / document.words if document.words else None)]
            rows.append(line)
    return header, rows


def contexts_rows(kwic: KeywordInContext) -> tuple[list[str], list[list[Any]]]:
    header = [_("Document"), _("Page"), _("Before"), _("Match"), _("After"), _("Word form")]
    rows = [
        [
            section.document.title,
            context.page,
            context.before,
            context.match,
            context.after,
            context.form,
        ]
        for section in kwic.sections
        for context in section.contexts
    ]
    return header, rows


def write(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, file_format: str, sheet: str
) -> bytes:
    if file_format == "csv":
        # A byte-order mark lets spreadsheet programs see UTF-8 (å, ä, ö) when opening CSV.
        return write_csv(header, rows)
    return write_xlsx([Sheet(sheet or "Data", header, rows)])
