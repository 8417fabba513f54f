"""The one way the project writes CSV and XLSX: every cell safe to open in a spreadsheet.

Every export (survey reports and workbooks, survey answer files, idea exports, dashboards,
documents, the audit log) writes through here, and every new app should too:

* :func:`safe_cell` — one cell value as it may be written. Text loses control characters
  other than tab and line breaks (a ``\\x0b`` in a title made the XLSX writer fail and is
  invisible anyway), and text that a spreadsheet would run as a formula — starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP's list) — gets a leading
  apostrophe, so ``=HYPERLINK(…)`` in a free-text answer is shown as text, never followed.
  Numbers, dates, booleans and ``None`` pass unchanged.
* :func:`csv_lines` / :func:`write_csv` — RFC 4180 CSV (comma, CRLF), streamed in chunks or as
  bytes with a byte-order mark so that Excel reads å, ä and ö.
* :func:`write_xlsx` — a workbook of :class:`Sheet`\\ s (write-only openpyxl, constant memory).
  Text is stored as text, never as a formula: a cell that starts like a formula keeps its exact
  value and is marked "quote prefix" (Excel's own apostrophe), so it stays text even when
  edited. XML-illegal characters are dropped and a cell holds at most 32,767 characters.
* :func:`restore_cell` — the inverse of the apostrophe, for importers that read back files
  written here (the survey import format).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any, Final

__all__ = [
    "CSV_TYPE",
    "FORMULA_START",
    "XLSX_TYPE",
    "Number",
    "Sheet",
    "clean_text",
    "csv_lines",
    "restore_cell",
    "safe_cell",
    "sheet_name",
    "write_csv",
    "write_xlsx",
]

CSV_TYPE: Final = "text/csv; charset=utf-8"
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (or a DDE command)."""

XLSX_MAX_CELL: Final = 32_767
"""Excel's limit on the characters of one cell."""

_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters other than tab, line feed and carriage return."""

_LITERAL_ESCAPE: Final = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
"""A literal "_x000D_" in text would read back from XLSX as a character: escape its "_"."""

_CHUNK_ROWS: Final = 500


def clean_text(text: str) -> str:
    """``text`` without control characters other than tab and line breaks."""
    # str.isprintable() is one C loop and true for almost every cell (letters, digits,
    # spaces, å, ä, ö); only text with a tab, a line break or a control character goes on
    # to the expression. An export of 86,000 ideas cleans close to a million cells.
    if text.isprintable():
        return text
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def safe_cell(value: Any) -> Any:
    """One cell as it may be written to CSV: cleaned text, an apostrophe before a formula."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return "'" + text if _looks_like_formula(text) else text


def restore_cell(text: str) -> str:
    """A cell read back from a file written here: the apostrophe before a formula removed."""
    return text[1:] if text[:1] == "'" and _looks_like_formula(text[1:]) else text


def _looks_like_formula(text: str) -> bool:
    # A formula's start, after any apostrophes: a text that itself begins "'=" (or "'" and a
    # tab) gets an apostrophe too, so that reading back removes exactly the one written.
    return text.lstrip("'").startswith(FORMULA_START)


class _Line:
    """A file-like object whose write returns what was written: the csv module then formats
    one row at a time without a buffer that grows."""

    def write(self, text: str) -> str:
        return text


def csv_lines(headers: Sequence[Any] | None, rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV text (RFC 4180: comma, CRLF, quoted where needed), a few hundred rows per chunk.

    For a streamed response: ``StreamingHttpResponse(csv_lines(headers, rows))`` (prefix
    ``"\\ufeff"`` for Excel). ``headers`` may be ``None`` for no header row.
    """
    writer = csv.writer(_Line())
    if headers is not None:
        yield writer.writerow([safe_cell(value) for value in headers])
    chunk: list[str] = []
    for row in rows:
        chunk.append(writer.writerow([safe_cell(value) for value in row]))
        if len(chunk) >= _CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def write_csv(
    headers: Sequence[Any] | None,
    rows: Iterable[Sequence[Any]],
    target: IO[str] | None = None,
    *,
    bom: bool = True,
) -> bytes:
    """The CSV as UTF-8 bytes (with a byte-order mark unless ``bom=False``); with a text
    ``target`` it is written there too, chunk by chunk, and ``b""`` is returned."""
    if target is not None:
        if bom:
            target.write("\ufeff")
        for chunk in csv_lines(headers, rows):
            target.write(chunk)
        return b""
    return (("\ufeff" if bom else "") + "".join(csv_lines(headers, rows))).encode("utf-8")


@dataclass(frozen=True)
class Number:
    """A number with its own XLSX number format (``"0.00"``, ``"0%"``), where a column mixes."""

    value: float | int | None
    number_format: str


@dataclass
class Sheet:
    """One worksheet: its title, a bold header row, the rows, and per column a number format
    (``{1: "0.00", 3: "0%"}``, by 0-based column) and width in characters."""

    title: str
    headers: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    number_formats: Mapping[int, str] = field(default_factory=dict)
    widths: Mapping[int, float] = field(default_factory=dict)


def sheet_name(title: str, used: set[str], fallback: str = "Tabell") -> str:
    """A valid, unique sheet name: at most 31 characters, none of ``[]:*?/\\``; added to ``used``."""
    name = "".join(c for c in clean_text(title) if c not in "[]:*?/\\")[:31].strip() or fallback
    base, counter = name, 2
    while name in used:
        suffix = f" ({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    used.add(name)
    return name


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # XLSX has no time zones; callers pass local time
    return value


def _xlsx_cell(sheet: Any, value: Any, column_format: str | None, *, bold: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    own_format = value.number_format if isinstance(value, Number) else column_format
    value = _xlsx_value(value.value if isinstance(value, Number) else value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", clean_text(value))[:XLSX_MAX_CELL]
        if "_x" in value:
            value = _LITERAL_ESCAPE.sub("_x005F_", value)
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and (value.startswith(FORMULA_START) or value in ERROR_CODES):
        written.data_type = "s"  # text, never a formula or an error
        written.quotePrefix = True
    if bold is not None:
        written.font = bold
    elif own_format is not None and isinstance(value, int | float):
        written.number_format = own_format
    return written


def write_xlsx(sheets: Iterable[Sheet], target: IO[bytes] | None = None) -> bytes:
    """A workbook of ``sheets``, as bytes (or written to the binary ``target``, then ``b""``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(sheet_name(spec.title, used))
        for column, width in spec.widths.items():
            sheet.column_dimensions[_letter(column)].width = width
        sheet.append([_xlsx_cell(sheet, value, None, bold=bold) for value in spec.headers])
        formats = spec.number_formats
        for row in spec.rows:
            sheet.append(
                [_xlsx_cell(sheet, value, formats.get(index)) for index, value in enumerate(row)]
            )
    if target is not None:
        workbook.save(target)
        return b""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column + 1))
