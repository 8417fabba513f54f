"""Opening an import file: CSV or the first worksheet of an XLSX, with the ZIP-bomb guard.

A reader gives a :class:`Table`, the header and an iterator over the data rows as lists of
strings; a file that cannot be read raises :class:`FileProblem`, which the parser turns into
one :class:`~innovera.surveys.importing.errors.CellError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, Literal, TypeAlias

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

FileFormat: TypeAlias = Literal["csv", "xlsx"]
Source: TypeAlias = "str | os.PathLike[str] | IO[bytes] | IO[str]"

# --- reading the file -------------------------------------------------------------------------


class FileProblem(Exception):
    """The file as a whole cannot be read (further); becomes one :class:`CellError`."""

    def __init__(self, row: int, message: str, message_sv: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message
        self.message_sv = message_sv


@dataclass
class Table:
    """A file opened for reading: its header and an iterator over the data rows."""

    header: list[str]
    rows: Iterator[list[str]]
    """Data rows from row 2 on, each a list of strings ("" for an empty cell)."""
    total: int = 0
    """The number of rows after the header, empty ones included (for progress)."""


def _source_name(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", "")
    return name if isinstance(name, str) else ""


def _read_all(source: Source) -> bytes | str:
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    data = source.read()
    if isinstance(data, bytes | str):
        return data
    if isinstance(data, bytearray | memoryview):
        return bytes(data)
    raise TypeError(f"cannot read an import file from {type(source).__name__}")


def _resolve_format(source: Source, file_format: FileFormat | None) -> FileFormat | None:
    if file_format is not None:
        if file_format not in ("csv", "xlsx"):
            raise ValueError(f"file_format must be 'csv' or 'xlsx', got {file_format!r}")
        return file_format
    suffix = Path(_source_name(source)).suffix.lower()
    if suffix == ".xls":
        raise FileProblem(
            1,
            "the old Excel format .xls cannot be read; save the file as .xlsx or CSV UTF-8",
            "det gamla Excelformatet .xls kan inte läsas; spara filen som .xlsx eller CSV UTF-8",
        )
    if suffix == ".csv":
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    return None  # decided from the content


def no_header() -> FileProblem:
    return FileProblem(
        1, "the file is empty: there is no header row", "filen är tom: det finns ingen rubrikrad"
    )


def _csv_table(content: bytes | str) -> Table:
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = content[: error.start].count(b"\n") + 1
            raise FileProblem(
                line,
                "the file is not UTF-8 text; save it as CSV UTF-8 (comma-separated)",
                "filen är inte UTF-8-text; spara den som CSV UTF-8 (kommaavgränsad)",
            ) from None
    else:
        text = content.removeprefix("\ufeff")
    # A first pass counts the records (quoted fields may span lines) for exact progress and
    # finds a broken quote before anything else is done.
    total = -1  # the header is not a data row
    try:
        for _ in csv.reader(io.StringIO(text, newline="")):
            total += 1
    except csv.Error as error:
        raise csv_problem(total + 2, error) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    return Table(header, reader, max(total, 0))


def csv_problem(row: int, error: csv.Error) -> FileProblem:
    return FileProblem(
        row,
        f"the CSV file cannot be read from here on ({error})",
        f"CSV-filen kan inte läsas härifrån ({error})",
    )


def _xlsx_problem(row: int, error: Exception) -> FileProblem:
    reason = type(error).__name__
    return FileProblem(
        row,
        f"the file cannot be read as XLSX ({reason})",
        f"filen kan inte läsas som XLSX ({reason})",
    )


MAX_XLSX_PART_BYTES: Final = 1 << 30
"""Largest unpacked part of a workbook read (1 GiB; a 40,000-row export's sheet is about 72 MB).

A few megabytes of ZIP can unpack to many gigabytes. The sizes the ZIP directory declares are
checked before calamine reads anything, which refuses an oversized workbook at once. The check
trusts the declared sizes: calamine's ZIP reader inflates a part to its end, so an archive
forged to understate them is bounded only by the upload size (deflate unpacks at most about
1,000-fold).
"""

MAX_XLSX_CELLS: Final = 10_000_000
"""Largest worksheet area read, rows × columns (a 40,000-row export spans 2.8 million cells).

calamine holds the whole rectangle from the first to the last value in memory, about 64 bytes
a cell at its peak, empty cells included, so one stray value in cell XFD1048576 would need a
terabyte and end the process. The area is the one a sheet declares in its ``<dimension>``,
which Excel, LibreOffice and openpyxl write (openpyxl's write-only mode, and so
:func:`write_responses_xlsx`, does not); a sheet without it, or forged to understate it, is not
bounded by this check.
"""

_DIMENSION: Final = re.compile(
    rb'<(?:\w+:)?dimension\b[^>]*?\bref="(([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?)"'
)

_ZIP_ERRORS: Final = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
"""What zipfile raises for a broken, unsupported or encrypted archive."""


def _cell_text(value: object) -> str:
    """One calamine cell as text: 3 and 3.0 → "3", TRUE → "ja", a date → "2014-05-01"."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)  # int, date, datetime, time, timedelta


def _check_workbook_size(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook too large to read, from its ZIP directory and its sheets' dimensions."""
    parts = archive.infolist()
    if max((info.file_size for info in parts), default=0) > MAX_XLSX_PART_BYTES:
        raise FileProblem(
            1,
            "the workbook is too large to import; split it into several files",
            "arbetsboken är för stor för att importeras; dela upp den i flera filer",
        )
    for info in parts:
        # Every worksheet (which one comes first is calamine's business); the dimension is
        # near the start of a sheet, so only its first few kilobytes are unpacked.
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        with archive.open(info) as part:
            dimension = _DIMENSION.search(part.read(8192))
        if dimension is None:
            continue
        span, first_column, first_row, last_column, last_row = dimension.groups()
        rows = int(last_row or first_row) - int(first_row) + 1
        columns = _column_number(last_column or first_column) - _column_number(first_column) + 1
        if rows * columns > MAX_XLSX_CELLS:
            cells = span.decode()
            raise FileProblem(
                1,
                f"a sheet spans {cells}, too large to import; delete what lies outside the "
                "responses (perhaps a stray value far to the right or below)",
                f"ett blad sträcker sig över {cells}, för stort för att importeras; ta bort "
                "det som ligger utanför svaren (kanske ett värde långt till höger eller nedanför)",
            )


def _column_number(letters: bytes) -> int:
    """A column's number from its letters: A → 1, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _xlsx_table(source: str | bytes) -> Table:
    """The first worksheet of a workbook, a path or the file's bytes, read by calamine."""
    try:
        # A path that cannot be opened raises OSError: the caller's mistake, not the file's.
        with zipfile.ZipFile(source if isinstance(source, str) else io.BytesIO(source)) as archive:
            _check_workbook_size(archive)
    except _ZIP_ERRORS as error:
        raise _xlsx_problem(1, error) from None
    try:
        workbook = (
            CalamineWorkbook.from_path(source)
            if isinstance(source, str)
            else CalamineWorkbook.from_filelike(io.BytesIO(source))
        )
        with workbook:
            first = next(
                (
                    index
                    for index, sheet in enumerate(workbook.sheets_metadata)
                    if sheet.typ == SheetTypeEnum.WorkSheet  # not a chart sheet
                ),
                None,
            )
            if first is None:
                raise no_header()
            # Reads the whole sheet: it fails here, before any row, or not at all.
            sheet = workbook.get_sheet_by_index(first)
    except (CalamineError, OSError) as error:  # OSError: a bad deflate stream or checksum
        raise _xlsx_problem(1, error) from None
    start, end = sheet.start, sheet.end
    if start is None or end is None:
        raise no_header()
    # iter_rows() begins at row 1 but at the first column holding data; pad back to column A.
    # Every row is as wide as the widest, so the header loses the empty cells on its right.
    pad = [""] * start[1]
    text = _cell_text
    rows = (
        [*pad, *(value if type(value) is str else text(value) for value in row)]
        if pad
        else [value if type(value) is str else text(value) for value in row]
        for row in sheet.iter_rows()
    )
    header = next(rows, [])
    while header and not header[-1]:
        header.pop()
    return Table(header, rows, end[0])


def _starts_as_zip(path: str) -> bool:
    with open(path, "rb") as stream:
        return stream.read(4) == b"PK\x03\x04"


def _not_utf8_line(path: str) -> int:
    """The line of a file's first byte that is not UTF-8, found by decoding it piece by piece."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 16):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return lines + chunk[: max(error.start, 0)].count(b"\n")
            lines += chunk.count(b"\n")
    return lines


def _csv_path_table(path: str) -> Table:
    """A CSV file read as a stream: neither its bytes nor its text are ever held whole.

    A first pass counts the records (quoted fields may span lines) for exact progress and
    finds a broken quote or a byte that is not UTF-8 before anything is done; the rows then
    come from a second pass, read as they are consumed.
    """
    total = -1  # the header is not a data row
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            for _ in csv.reader(stream):
                total += 1
    except UnicodeDecodeError:
        raise FileProblem(
            _not_utf8_line(path),
            "the file is not UTF-8 text; save it as CSV UTF-8 (comma-separated)",
            "filen är inte UTF-8-text; spara den som CSV UTF-8 (kommaavgränsad)",
        ) from None
    except csv.Error as error:
        raise csv_problem(total + 2, error) from None

    def rows() -> Iterator[list[str]]:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            next(reader, None)
            yield from reader

    with open(path, encoding="utf-8-sig", newline="") as stream:
        header = next(csv.reader(stream), [])
    return Table(header, rows(), max(total, 0))


def open_table(source: Source, file_format: FileFormat | None) -> Table:
    chosen = _resolve_format(source, file_format)
    if chosen == "xlsx" and isinstance(source, str | os.PathLike):
        return _xlsx_table(os.fspath(source))
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        if chosen == "csv" or (chosen is None and not _starts_as_zip(path)):
            return _csv_path_table(path)
        return _xlsx_table(path)
    content = _read_all(source)
    if chosen is None:
        is_zip = isinstance(content, bytes) and content.startswith(b"PK\x03\x04")
        chosen = "xlsx" if is_zip else "csv"
    if chosen == "csv":
        return _csv_table(content)
    if isinstance(content, str):
        raise _xlsx_problem(1, TypeError("text, not a binary file"))
    return _xlsx_table(content)
