"""CSV and XLSX of the dashboards' tables, and streamed CSV and JSON for the open data.

CSV and XLSX are written by core's safe-cell writer (`innovera.core.exports`): a cell starting
with = + - @ (or a tab or carriage return) would otherwise run as a formula when the file is
opened in a spreadsheet.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from innovera.core.exports import CSV_TYPE, XLSX_TYPE, Sheet, csv_lines, write_csv, write_xlsx

__all__ = ["CSV_TYPE", "XLSX_TYPE", "csv_lines", "json_lines", "table_csv", "tables_xlsx"]


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
    return write_csv(headers, rows)


def tables_xlsx(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    return write_xlsx(Sheet(title, headers, rows) for title, headers, rows in sheets)
