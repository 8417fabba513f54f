"""CSV and XLSX of the dashboards' tables, and streamed CSV and JSON for the open data.

Every text cell passes `safe_cell`: a cell starting with = + - @ (or a tab or carriage
return) would run as a formula when the file is opened in a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Line:
    """A file-like object whose write returns what was written: csv.writer then formats one
    row at a time without a buffer that grows."""

    def write(self, text: str) -> str:
        return text


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV (comma, header row, CRLF as RFC 4180), yielded in chunks of a few hundred rows."""
    writer = csv.writer(_Line())
    yield writer.writerow(headers)
    chunk: list[str] = []
    for row in rows:
        chunk.append(writer.writerow([safe_cell(value) for value in row]))
        if len(chunk) >= 500:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)


def json_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array of objects, one object at a time."""
    yield "["
    first = True
    chunk: list[str] = []
    for row in rows:
        chunk.append(
            ("" if first else ",") + json.dumps(row, default=_json_default, ensure_ascii=False)
        )
        first = False
        if len(chunk) >= 500:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "]"


def table_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    # With a byte-order mark, so Excel reads the Swedish letters as UTF-8.
    return ("\ufeff" + "".join(csv_lines(headers, rows))).encode("utf-8")


def tables_xlsx(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, headers, rows in sheets:
        # Sheet names: at most 31 characters, none of []:*?/\ and unique.
        name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Tabell"
        base, counter = name, 2
        while name in used:
            suffix = f" ({counter})"
            name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append(list(headers))
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
