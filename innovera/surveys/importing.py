"""Reading survey responses collected elsewhere, and writing them back (contract §2).

Many cities already run their survey in another tool. This module turns such a CSV or XLSX file,
one row per respondent, into the plain :class:`~innovera.surveys.analysis.Response` records the
analysis consumes, and checks every cell on the way. It is pure Python without Django, so the
``innovera survey import`` command and the web upload page call the same code and report the
same problems.

The parser never half-succeeds: it collects *every* problem it finds (not just the first) as a
:class:`CellError` naming the row as a person sees it in a spreadsheet (the header is row 1) and
the column, and when there is any problem :attr:`ImportResult.responses` is empty, so a caller
cannot store part of a bad file by mistake.

Decisions beyond the contract's wording, all deliberate:

* ``vet ej``/``dk`` in a factor's *importance* column is an error. The instrument offers no
  "vet ej" on the importance scale (§1), so such a cell means the file does not match the
  questionnaire; a skipped importance is simply an empty cell. (The analysis would tolerate
  ``"dk"`` there, but the importer keeps the data honest.) Whether a scale allows "vet ej" is
  read from the template's :class:`~innovera.surveys.instrument.Scale`, not hard-coded.
* Header names are matched after stripping spaces, in any letter case.
* Cells are compared after stripping spaces and ignoring letter case; ``3.0`` counts as ``3``
  (XLSX numbers always do; in CSV this accepts files from tools that write whole numbers as
  floats). A text answer is stripped and its line breaks normalised to ``\\n``.
* An XLSX boolean cell (TRUE/FALSE) reads as ``ja``/``nej``, a date or time cell as ISO text
  such as ``2014-05-01`` (no column of the format holds dates), a formula as its last computed
  value, and a cell showing an Excel error such as ``#N/A`` as empty (calamine does not pass
  error values on).
* A column without a header is ignored while it is empty; holding data it is an error, unless
  ``ignore_unknown`` (it is then just another unknown column). A CSV row with more cells than
  the header is treated the same way.
* Duplicate ``respondent_id`` values are compared exactly after stripping (``R1`` and ``r1``
  differ); the error is given on each later row and names the first one.
* A file that is not UTF-8, a semicolon-separated CSV (as Swedish Excel writes by default), an
  old ``.xls`` and an unreadable XLSX each give one clear error (on row 1, or for a CSV on the
  row where reading failed) rather than an exception.
* At most :data:`MAX_STORED_ERRORS` problems are kept as objects (a wrong 40,000-row file could
  otherwise produce millions); :attr:`ImportResult.error_count` always counts all of them and
  :meth:`ImportResult.summary` reports the true number.
* XLSX is read with python-calamine (Rust's calamine, also pandas' ``engine="calamine"``): the
  first worksheet, values only. It is much faster than openpyxl's read-only mode but loads the
  whole sheet at once, so a workbook broken inside the sheet is reported on row 1 rather than
  on the row where it breaks. Before that, :data:`MAX_XLSX_PART_BYTES` and
  :data:`MAX_XLSX_CELLS` refuse a ZIP bomb and a sheet too large to hold in memory.

The writers (:func:`write_responses_csv`, :func:`write_responses_xlsx`) are the exact inverse, so
a round can be exported and imported again; with no responses they give an empty import file of
the template to fill in.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final, Literal, TypeAlias

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from innovera.surveys.analysis import DONT_KNOW, Response
from innovera.surveys.instrument import (
    STOCKHOLM_2014,
    QuestionType,
    Scale,
    Template,
    factor_code,
)

__all__ = [
    "MAX_STORED_ERRORS",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_PART_BYTES",
    "ORG_TYPE_CODES",
    "CellError",
    "FileFormat",
    "ImportResult",
    "describe",
    "parse_responses",
    "template_columns",
    "write_responses_csv",
    "write_responses_xlsx",
]

FileFormat: TypeAlias = Literal["csv", "xlsx"]
Language: TypeAlias = Literal["sv", "en"]
Source: TypeAlias = "str | os.PathLike[str] | IO[bytes] | IO[str]"
Progress: TypeAlias = Callable[[int, int], None]

MAX_STORED_ERRORS: Final = 10_000
"""Problems beyond this many are counted but not kept (see :attr:`ImportResult.error_count`)."""

PROGRESS_CALLS: Final = 100
"""Roughly how many times ``progress`` is called for a large file."""

RESPONDENT_ID: Final = "respondent_id"
ORG_TYPE: Final = "org_type"
ORG_UNIT: Final = "org_unit"
MULTI_SEPARATOR: Final = "__"
DONT_KNOW_CELL: Final = "vet ej"
"""How the writers spell a "vet ej" answer."""

ORG_TYPE_CODES: Final = ("district", "department", "company")
_ORG_TYPES: Final = {
    "district": "district",
    "department": "department",
    "company": "company",
    "stadsdelsförvaltning": "district",
    "fackförvaltning": "department",
    "bolag": "company",
}
"""Accepted org_type cells, case-folded, to the stored code (contract §2)."""

_YES_NO: Final[dict[str, object]] = {"ja": True, "nej": False, "yes": True, "no": False, "": None}
_TICKS: Final = {"1": True, "x": True, "ja": True, "yes": True, "": False, "0": False}
_DONT_KNOW_CELLS: Final = ("vet ej", "dk")
_DASH: Final = "\N{EN DASH}"
_BAD: Final = object()
"""Sentinel for a cell that is not in a lookup table."""


# --- errors -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellError:
    """One problem in an import file.

    ``row`` is the row number a person sees in a spreadsheet (the header is row 1, the first
    data row 2); ``column`` the column's header (empty when the problem concerns the whole row
    or file); ``value`` the cell as read; ``message`` English text. ``str()`` gives e.g.
    ``row 12, column sa_customer: '5' is not 1-4 or 'vet ej'`` (with an en dash in 1-4);
    :func:`describe` gives the same in Swedish. ``message_sv`` is the Swedish message; it is
    not compared, so a test may build a ``CellError`` from the four English parts alone.
    """

    row: int
    column: str
    value: str
    message: str
    message_sv: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        return describe(self, "en")


def describe(error: CellError, language: Language = "sv") -> str:
    """The problem as one line in Swedish (default) or English, with row and column.

    ``rad 12, kolumn sa_customer: '5' är inte 1-4 eller 'vet ej'`` (en dash in 1-4). An error
    without a Swedish message falls back to the English one.
    """
    if language == "en":
        place = f"row {error.row}" + (f", column {error.column}" if error.column else "")
        return f"{place}: {error.message}"
    place = f"rad {error.row}" + (f", kolumn {error.column}" if error.column else "")
    return f"{place}: {error.message_sv or error.message}"


def _shown(value: str, limit: int = 40) -> str:
    """A cell value quoted for a message, on one line and shortened to ``limit`` characters."""
    flat = " ".join(value.split()) if value.strip() else value
    return f"'{flat[:limit]}…'" if len(flat) > limit else f"'{flat}'"


def _column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class _Errors:
    """Collects problems: all are counted, the first :data:`MAX_STORED_ERRORS` kept."""

    def __init__(self) -> None:
        self.items: list[CellError] = []
        self.count = 0

    def add(self, row: int, column: str, value: str, message: str, message_sv: str) -> None:
        self.count += 1
        if len(self.items) < MAX_STORED_ERRORS:
            self.items.append(CellError(row, column, value, message, message_sv))


# --- the result -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What :func:`parse_responses` read from one file.

    ``responses`` and ``org_units`` (respondent_id → org_unit, for rows that give one) are empty
    whenever ``errors`` is not: a file with any problem yields nothing to store. ``rows`` counts
    the data rows read (completely empty rows are skipped and not counted); ``columns`` is the
    header as written in the file (stripped). ``error_count`` counts every problem, also those
    beyond the :data:`MAX_STORED_ERRORS` kept in ``errors``.
    """

    responses: list[Response] = field(default_factory=list)
    org_units: dict[str, str] = field(default_factory=dict)
    errors: list[CellError] = field(default_factory=list)
    rows: int = 0
    columns: list[str] = field(default_factory=list)
    error_count: int = 0

    def __post_init__(self) -> None:
        self.error_count = max(self.error_count, len(self.errors))

    @property
    def ok(self) -> bool:
        """Whether the file had no problems (it may still hold zero responses)."""
        return self.error_count == 0

    def summary(self, limit: int = 20, language: Language = "sv") -> str:
        """The first ``limit`` problems, one per line, then "… och N till"/"… and N more".

        An empty string when there are no problems; the caller writes its own headline.
        """
        lines = [describe(error, language) for error in self.errors[:limit]]
        more = self.error_count - len(lines)
        if more > 0:
            lines.append(f"… och {more} till" if language == "sv" else f"… and {more} more")
        return "\n".join(lines)


# --- the template's columns -------------------------------------------------------------------

_ID, _ORG, _UNIT, _SCALE, _YES_NO_KIND, _MULTI, _TEXT = range(7)


@dataclass(frozen=True)
class _Column:
    """How to read and write one column of the import format."""

    name: str
    kind: int
    key: str = ""
    """The answer key: question code, factor code, or the multi question's code."""
    option: str = ""
    scale: Scale | None = None


def _template_plan(template: Template) -> list[_Column]:
    """Every column of the import format, in template order (also the export's order)."""
    columns = [_Column(RESPONDENT_ID, _ID), _Column(ORG_TYPE, _ORG), _Column(ORG_UNIT, _UNIT)]
    for question in template.questions:
        code = question.code
        if question.type is QuestionType.SCALE:
            columns.append(_Column(code, _SCALE, code, scale=question.scale))
        elif question.type is QuestionType.YES_NO:
            columns.append(_Column(code, _YES_NO_KIND, code))
        elif question.type is QuestionType.TEXT:
            columns.append(_Column(code, _TEXT, code))
        elif question.type is QuestionType.MULTI:
            columns.extend(
                _Column(f"{code}{MULTI_SEPARATOR}{option.key}", _MULTI, code, option.key)
                for option in question.options
            )
        elif question.type is QuestionType.FACTOR_GRID:
            for factor in question.factors:
                importance = factor_code(factor.key, "importance")
                current = factor_code(factor.key, "current")
                columns.append(
                    _Column(importance, _SCALE, importance, scale=question.importance_scale)
                )
                columns.append(_Column(current, _SCALE, current, scale=question.current_scale))
    return columns


def template_columns(template: Template = STOCKHOLM_2014) -> list[str]:
    """The import format's column names in template order (the header the writers use)."""
    return [column.name for column in _template_plan(template)]


def _scale_range(scale: Scale | None) -> str:
    values = scale.values if scale is not None else (1, 4)
    return f"{values[0]}{_DASH}{values[-1]}"


def _scale_table(scale: Scale | None) -> dict[str, object]:
    if scale is None:  # guaranteed by Question.__post_init__; keeps mypy honest
        raise ValueError("a scale column needs a scale")
    table: dict[str, object] = {str(value): value for value in scale.values}
    table[""] = None
    if scale.allows_dont_know:
        table.update(dict.fromkeys(_DONT_KNOW_CELLS, DONT_KNOW))
    return table


def _normalise(raw: str) -> str:
    """The slow path for a cell missing from a lookup table: spaces, case and ``3.0``."""
    text = " ".join(raw.split()).casefold()
    whole, dot, zeros = text.partition(".")
    if dot and zeros and whole.isdigit() and not zeros.strip("0"):
        return whole
    return text


# --- reading the file -------------------------------------------------------------------------


class _FileProblem(Exception):
    """The file as a whole cannot be read (further); becomes one :class:`CellError`."""

    def __init__(self, row: int, message: str, message_sv: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message
        self.message_sv = message_sv


@dataclass
class _Table:
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
        raise _FileProblem(
            1,
            "the old Excel format .xls cannot be read; save the file as .xlsx or CSV UTF-8",
            "det gamla Excelformatet .xls kan inte läsas; spara filen som .xlsx eller CSV UTF-8",
        )
    if suffix == ".csv":
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    return None  # decided from the content


def _no_header() -> _FileProblem:
    return _FileProblem(
        1, "the file is empty: there is no header row", "filen är tom: det finns ingen rubrikrad"
    )


def _csv_table(content: bytes | str) -> _Table:
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = content[: error.start].count(b"\n") + 1
            raise _FileProblem(
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
        raise _csv_problem(total + 2, error) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    return _Table(header, reader, max(total, 0))


def _csv_problem(row: int, error: csv.Error) -> _FileProblem:
    return _FileProblem(
        row,
        f"the CSV file cannot be read from here on ({error})",
        f"CSV-filen kan inte läsas härifrån ({error})",
    )


def _xlsx_problem(row: int, error: Exception) -> _FileProblem:
    reason = type(error).__name__
    return _FileProblem(
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
        raise _FileProblem(
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
            raise _FileProblem(
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


def _xlsx_table(source: str | bytes) -> _Table:
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
                raise _no_header()
            # Reads the whole sheet: it fails here, before any row, or not at all.
            sheet = workbook.get_sheet_by_index(first)
    except (CalamineError, OSError) as error:  # OSError: a bad deflate stream or checksum
        raise _xlsx_problem(1, error) from None
    start, end = sheet.start, sheet.end
    if start is None or end is None:
        raise _no_header()
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
    return _Table(header, rows, end[0])


def _open_table(source: Source, file_format: FileFormat | None) -> _Table:
    chosen = _resolve_format(source, file_format)
    if chosen == "xlsx" and isinstance(source, str | os.PathLike):
        return _xlsx_table(os.fspath(source))
    content = _read_all(source)
    if chosen is None:
        is_zip = isinstance(content, bytes) and content.startswith(b"PK\x03\x04")
        chosen = "xlsx" if is_zip else "csv"
    if chosen == "csv":
        return _csv_table(content)
    if isinstance(content, str):
        raise _xlsx_problem(1, TypeError("text, not a binary file"))
    return _xlsx_table(content)


# --- checking the header ----------------------------------------------------------------------


@dataclass
class _Plan:
    """Which file column (0-based index) is read how; built once from the header."""

    respondent_id: int | None = None
    org_type: int | None = None
    org_unit: int | None = None
    cells: list[tuple[int, int, str, dict[str, object], _Column]] = field(default_factory=list)
    """Scale, yes/no and text columns in file order: (index, kind, answer key, lookup, column)."""
    multi: list[tuple[str, list[tuple[int, _Column]]]] = field(default_factory=list)
    """Per multi question: its option columns."""
    unnamed: list[int] = field(default_factory=list)
    """Columns without a header: an error if they hold data (unless ignore_unknown)."""
    width: int = 0


def _plan_columns(
    header: list[str], template: Template, ignore_unknown: bool, errors: _Errors
) -> _Plan:
    known = {column.name.casefold(): column for column in _template_plan(template)}
    multi_codes = {q.code.casefold() for q in template.questions_of_type(QuestionType.MULTI)}
    plan = _Plan(width=len(header))
    seen: dict[str, int] = {}
    multi: dict[str, list[tuple[int, _Column]]] = {}
    for index, raw in enumerate(header):
        name = raw.strip()
        if not name:
            if not ignore_unknown:
                plan.unnamed.append(index)
            continue
        column = known.get(name.casefold())
        if column is None:
            if not ignore_unknown:
                _unknown_column(name, template, multi_codes, errors)
            continue
        if column.name in seen:
            first, again = _column_letter(seen[column.name]), _column_letter(index)
            errors.add(
                1,
                column.name,
                name,
                f"{_shown(name)} appears more than once in the header (columns {first} and {again})",
                f"{_shown(name)} förekommer mer än en gång i rubrikraden (kolumn {first} och {again})",
            )
            continue
        seen[column.name] = index
        if column.kind == _ID:
            plan.respondent_id = index
        elif column.kind == _ORG:
            plan.org_type = index
        elif column.kind == _UNIT:
            plan.org_unit = index
        elif column.kind == _MULTI:
            multi.setdefault(column.key, []).append((index, column))
        else:
            lookup = (
                _scale_table(column.scale)
                if column.kind == _SCALE
                else dict(_YES_NO)
                if column.kind == _YES_NO_KIND
                else {}
            )
            plan.cells.append((index, column.kind, column.key, lookup, column))
    plan.multi = list(multi.items())
    for required in (RESPONDENT_ID, ORG_TYPE):
        if required not in seen:
            errors.add(
                1,
                required,
                "",
                f"the required column {required} is missing",
                f"den obligatoriska kolumnen {required} saknas",
            )
    return plan


def _unknown_column(name: str, template: Template, multi_codes: set[str], errors: _Errors) -> None:
    message = f"{_shown(name)} is not a column of template {template.key}"
    message_sv = f"{_shown(name)} är ingen kolumn i mallen {template.key}"
    if name.casefold() in multi_codes:
        hint = f"{name}{MULTI_SEPARATOR}<option>"
        message += f"; a multi-choice question has one column per option, {hint}"
        message_sv += f"; en flervalsfråga har en kolumn per alternativ, {hint}"
    errors.add(1, name, name, message, message_sv)


# --- checking the cells -----------------------------------------------------------------------


def _scale_error(errors: _Errors, row: int, column: _Column, raw: str) -> None:
    scale = column.scale
    span = _scale_range(scale)
    shown = _shown(raw)
    if scale is not None and scale.allows_dont_know:
        message = f"{shown} is not {span} or 'vet ej'"
        message_sv = f"{shown} är inte {span} eller 'vet ej'"
    elif _normalise(raw) in _DONT_KNOW_CELLS:
        message = f"{shown} is not {span}: this scale has no 'vet ej' (leave the cell empty)"
        message_sv = f"{shown} är inte {span}: skalan har inget 'vet ej' (lämna cellen tom)"
    else:
        message = f"{shown} is not {span}"
        message_sv = f"{shown} är inte {span}"
    errors.add(row, column.name, raw, message, message_sv)


def _yes_no_error(errors: _Errors, row: int, column: _Column, raw: str) -> None:
    shown = _shown(raw)
    errors.add(
        row,
        column.name,
        raw,
        f"{shown} is not ja, nej, yes or no",
        f"{shown} är inte ja, nej, yes eller no",
    )


def _tick_error(errors: _Errors, row: int, column: _Column, raw: str) -> None:
    shown = _shown(raw)
    errors.add(
        row,
        column.name,
        raw,
        f"{shown} is not a tick (1, x, ja, yes) or empty/0",
        f"{shown} är inte ett kryss (1, x, ja, yes) eller tomt/0",
    )


def _text(raw: str) -> str:
    text = raw.strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class _Reporter:
    """Calls ``progress`` about :data:`PROGRESS_CALLS` times."""

    def __init__(self, progress: Progress | None, table: _Table) -> None:
        self.progress = progress
        self.total = table.total
        self.step = max(self.total // PROGRESS_CALLS, 1)
        self.next = self.step if progress is not None else 1 << 62

    def __call__(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done, max(self.total, done))
        self.next = done + self.step


def _read_rows(
    table: _Table,
    plan: _Plan,
    errors: _Errors,
    ignore_unknown: bool,
    progress: Progress | None,
) -> tuple[list[Response], dict[str, str], int]:
    """Check every data row; returns responses, org units and the number of data rows."""
    responses: list[Response] = []
    org_units: dict[str, str] = {}
    first_row_of: dict[str, int] = {}
    id_index, org_index, unit_index = plan.respondent_id, plan.org_type, plan.org_unit
    cells, multi, unnamed, width = plan.cells, plan.multi, plan.unnamed, plan.width
    org_types, ticks, normalise, bad, text_kind = _ORG_TYPES, _TICKS, _normalise, _BAD, _TEXT
    report = _Reporter(progress, table)
    data_rows = 0
    done = 0
    row_number = 1
    for row in table.rows:
        row_number += 1
        done += 1
        if done >= report.next:
            report(done)
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        if not "".join(row).strip():
            continue
        data_rows += 1

        respondent_id = ""
        if id_index is not None:
            respondent_id = row[id_index].strip()
            if not respondent_id:
                errors.add(
                    row_number,
                    RESPONDENT_ID,
                    row[id_index],
                    "empty, but every row needs a respondent_id",
                    "tom, men varje rad behöver ett respondent_id",
                )
            elif respondent_id in first_row_of:
                first = first_row_of[respondent_id]
                shown = _shown(respondent_id)
                errors.add(
                    row_number,
                    RESPONDENT_ID,
                    respondent_id,
                    f"{shown} is already used on row {first}",
                    f"{shown} används redan på rad {first}",
                )
            else:
                first_row_of[respondent_id] = row_number

        org_type = ""
        if org_index is not None:
            raw = row[org_index]
            code = org_types.get(raw) or org_types.get(normalise(raw))
            if code is not None:
                org_type = code
            elif not raw.strip():
                errors.add(
                    row_number,
                    ORG_TYPE,
                    raw,
                    "empty, but every row needs an org_type",
                    "tom, men varje rad behöver en org_type",
                )
            else:
                shown = _shown(raw)
                errors.add(
                    row_number,
                    ORG_TYPE,
                    raw,
                    f"{shown} is not district, department, company, "
                    "Stadsdelsförvaltning, Fackförvaltning or Bolag",
                    f"{shown} är inte district, department, company, "
                    "Stadsdelsförvaltning, Fackförvaltning eller Bolag",
                )

        answers: dict[str, object] = {}
        for index, kind, key, lookup, column in cells:
            raw = row[index]
            if kind == text_kind:
                if raw:
                    text = _text(raw)
                    if text:
                        answers[key] = text
                continue
            value = lookup.get(raw, bad)
            if value is bad:
                value = lookup.get(normalise(raw), bad)
                if value is bad:
                    if kind == _SCALE:
                        _scale_error(errors, row_number, column, raw)
                    else:
                        _yes_no_error(errors, row_number, column, raw)
                    continue
            if value is not None:
                answers[key] = value

        for code, options in multi:
            ticked: list[str] = []
            for index, column in options:
                raw = row[index]
                tick = ticks.get(raw)
                if tick is None:
                    tick = ticks.get(normalise(raw))
                    if tick is None:
                        _tick_error(errors, row_number, column, raw)
                        continue
                if tick:
                    ticked.append(column.option)
            if ticked:
                answers[code] = frozenset(ticked)

        if unnamed or len(row) > width:
            _check_unnamed(row, row_number, unnamed, width, ignore_unknown, errors)

        if not errors.count:  # after the first problem nothing more is kept
            responses.append(Response(respondent_id, org_type, answers))
            if unit_index is not None:
                unit = row[unit_index].strip()
                if unit:
                    org_units[respondent_id] = unit
    if progress is not None:
        progress(done, done)
    return responses, org_units, data_rows


def _check_unnamed(
    row: list[str],
    row_number: int,
    unnamed: list[int],
    width: int,
    ignore_unknown: bool,
    errors: _Errors,
) -> None:
    indices = unnamed if ignore_unknown else [*unnamed, *range(width, len(row))]
    for index in indices:
        raw = row[index]
        if raw.strip():
            letter = _column_letter(index)
            errors.add(
                row_number,
                "",
                raw,
                f"{_shown(raw)} is in column {letter}, which has no header",
                f"{_shown(raw)} står i kolumn {letter}, som saknar rubrik",
            )


def parse_responses(
    path_or_file: Source,
    *,
    template: Template = STOCKHOLM_2014,
    file_format: FileFormat | None = None,
    ignore_unknown: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Read and check an import file in the format of contract §2.

    ``path_or_file`` is a path or an open file (binary, or text for CSV; e.g. Django's
    ``UploadedFile``). The format is ``file_format``, else the name's suffix (``.csv``,
    ``.xlsx``), else the content (a ZIP archive is XLSX). XLSX reads the first worksheet.
    ``progress(done_rows, total_rows)`` is called about :data:`PROGRESS_CALLS` times and once at
    the end with ``done_rows == total_rows`` (rows after the header, empty ones included).

    Never raises for a bad file: every problem is a :class:`CellError` in the result, and then
    the result holds no responses. Raises ``ValueError`` for a wrong ``file_format`` and
    ``OSError`` for a path that cannot be opened (the caller's mistake, not the file's).
    """
    errors = _Errors()
    try:
        table = _open_table(path_or_file, file_format)
    except _FileProblem as problem:
        errors.add(problem.row, "", "", problem.message, problem.message_sv)
        return ImportResult(errors=errors.items, error_count=errors.count)
    columns = [name.strip() for name in table.header]
    rows = 0
    try:
        if not any(columns):
            raise _no_header()
        if len(columns) == 1 and ";" in columns[0]:
            raise _FileProblem(
                1,
                "the header is separated by semicolons; save the file as CSV UTF-8 with commas",
                "rubrikraden är semikolonavgränsad; spara filen som CSV UTF-8 med kommatecken",
            )
        plan = _plan_columns(table.header, template, ignore_unknown, errors)
        responses, org_units, rows = _read_rows(table, plan, errors, ignore_unknown, progress)
    except _FileProblem as problem:
        errors.add(problem.row, "", "", problem.message, problem.message_sv)
    if errors.count:
        return ImportResult(
            rows=rows, columns=columns, errors=errors.items, error_count=errors.count
        )
    return ImportResult(responses=responses, org_units=org_units, rows=rows, columns=columns)


# --- writing ----------------------------------------------------------------------------------


def _scale_cell(value: object, column: _Column, respondent_id: str) -> int | str | None:
    scale = column.scale
    if value is None:
        return None
    if value == DONT_KNOW and scale is not None and scale.allows_dont_know:
        return DONT_KNOW_CELL
    if isinstance(value, int) and not isinstance(value, bool) and scale and value in scale.values:
        return value
    raise ValueError(f"respondent {respondent_id!r}, {column.name}: cannot export {value!r}")


def _export_rows(
    responses: Sequence[Response], org_units: Mapping[str, str], template: Template
) -> Iterator[list[int | str | None]]:
    """Each response as the cells of one row (``None`` for empty), in template column order.

    Refuses (``ValueError``) answers the template does not allow, as the analysis does.
    """
    plan = _template_plan(template)
    known = template.answer_codes()
    for response in responses:
        rid = response.respondent_id
        unknown = sorted(set(response.answers) - known)
        if unknown:
            raise ValueError(f"respondent {rid!r}: answer codes {unknown} are not in the template")
        answers = response.answers
        cells: list[int | str | None] = []
        for column in plan:
            kind = column.kind
            if kind == _ID:
                cells.append(rid)
            elif kind == _ORG:
                cells.append(response.org_type)
            elif kind == _UNIT:
                cells.append(org_units.get(rid) or None)
            elif kind == _SCALE:
                cells.append(_scale_cell(answers.get(column.key), column, rid))
            elif kind == _YES_NO_KIND:
                value = answers.get(column.key)
                if value is not None and not isinstance(value, bool):
                    raise ValueError(f"respondent {rid!r}, {column.key}: not a bool: {value!r}")
                cells.append(None if value is None else "ja" if value else "nej")
            elif kind == _MULTI:
                ticked = answers.get(column.key) or ()
                if not isinstance(ticked, set | frozenset | list | tuple):
                    raise ValueError(f"respondent {rid!r}, {column.key}: not a set: {ticked!r}")
                cells.append(1 if column.option in ticked else None)
            else:
                text = answers.get(column.key)
                cells.append(None if text is None or text == "" else str(text))
        yield cells


def write_responses_csv(
    responses: Sequence[Response],
    org_units: Mapping[str, str],
    path: str | os.PathLike[str] | IO[str] | IO[bytes],
    template: Template = STOCKHOLM_2014,
    *,
    bom: bool = True,
) -> None:
    """Write responses as an import file in CSV (contract §2), every template column in order.

    UTF-8 with a byte-order mark by default, so that Excel shows å, ä and ö; the parser accepts
    both (to an open text stream the mark is written as ``\\ufeff``). ``path`` may be a path or
    an open text or binary file. Beware: a text answer starting with ``=`` is a formula to a
    spreadsheet program that opens the CSV (it is kept as written, so that the file imports
    again unchanged); the XLSX writer stores such answers as text.
    """
    encoding = "utf-8-sig" if bom else "utf-8"
    if isinstance(path, str | os.PathLike):
        with open(path, "w", encoding=encoding, newline="") as stream:
            _write_csv(responses, org_units, stream, template)
    elif isinstance(path, io.RawIOBase | io.BufferedIOBase):
        wrapper = io.TextIOWrapper(path, encoding=encoding, newline="")
        _write_csv(responses, org_units, wrapper, template)
        wrapper.flush()
        wrapper.detach()
    else:  # a text stream, e.g. Django's HttpResponse: the caller chose the encoding
        if bom:
            path.write("\ufeff")  # type: ignore[call-overload]
        _write_csv(responses, org_units, path, template)  # type: ignore[arg-type]


def _write_csv(
    responses: Sequence[Response],
    org_units: Mapping[str, str],
    stream: IO[str],
    template: Template,
) -> None:
    writer = csv.writer(stream)
    writer.writerow(template_columns(template))
    writer.writerows(
        ["" if cell is None else cell for cell in row]
        for row in _export_rows(responses, org_units, template)
    )


_LITERAL_ESCAPE: Final = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


def write_responses_xlsx(
    responses: Sequence[Response],
    org_units: Mapping[str, str],
    path: str | os.PathLike[str] | IO[bytes],
    template: Template = STOCKHOLM_2014,
) -> None:
    """Write responses as an import file in XLSX, one sheet, every template column in order.

    Scale answers and ticks are numbers, the rest text. Text that a spreadsheet would take as a
    formula or an error code (``=…``, ``#N/A``) is stored as text. Characters XLSX cannot hold
    (control characters other than tab and line breaks) are dropped, and a cell holds at most
    32,767 characters (Excel's limit); the CSV writer keeps everything.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Svar")
    sheet.append(template_columns(template))
    for row in _export_rows(responses, org_units, template):
        cells: list[object] = []
        for value in row:
            if isinstance(value, str):
                if ILLEGAL_CHARACTERS_RE.search(value):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if "_x" in value:  # a literal "_x000D_" must not read back as a character
                    value = _LITERAL_ESCAPE.sub("_x005F_", value)
                if value.startswith("=") or value in ERROR_CODES:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    cells.append(cell)
                    continue
            cells.append(value)
        sheet.append(cells)
    workbook.save(os.fspath(path) if isinstance(path, str | os.PathLike) else path)
