"""Checking every cell of an opened file and turning its rows into responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeAlias

from innovera.core.exports import restore_cell
from innovera.core.validators import CONTROL_CHARACTERS
from innovera.surveys.analysis import Response
from innovera.surveys.importing.columns import (
    BAD,
    DONT_KNOW_CELLS,
    ORG_TYPE,
    ORG_TYPES,
    ORG_UNIT,
    RESPONDENT_ID,
    SCALE,
    TEXT,
    TICKS,
    Column,
    Plan,
    normalise_cell,
    plan_columns,
    scale_range,
)
from innovera.surveys.importing.errors import (
    Errors,
    ImportResult,
    column_letter,
    quote_cell,
)
from innovera.surveys.importing.readers import (
    FileFormat,
    FileProblem,
    Source,
    Table,
    no_header,
    open_table,
)
from innovera.surveys.instrument import MAX_TEXT_ANSWER, STOCKHOLM_2014, Template

Progress: TypeAlias = Callable[[int, int], None]
Sink: TypeAlias = Callable[[Response, str], None]


PROGRESS_CALLS: Final = 100
"""Roughly how many times ``progress`` is called for a large file."""


# --- checking the cells -----------------------------------------------------------------------


def _not_error(errors: Errors, row: int, column: Column, raw: str, what: str, what_sv: str) -> None:
    """The cell at ``row`` and ``column`` is not what its column takes: "'x' is not …"."""
    shown = quote_cell(raw)
    errors.add(row, column.name, raw, f"{shown} is not {what}", f"{shown} är inte {what_sv}")


def _scale_error(errors: Errors, row: int, column: Column, raw: str) -> None:
    scale = column.scale
    span = scale_range(scale)
    if scale is not None and scale.allows_dont_know:
        what, what_sv = f"{span} or 'vet ej'", f"{span} eller 'vet ej'"
    elif normalise_cell(raw) in DONT_KNOW_CELLS:
        what = f"{span}: this scale has no 'vet ej' (leave the cell empty)"
        what_sv = f"{span}: skalan har inget 'vet ej' (lämna cellen tom)"
    else:
        what, what_sv = span, span
    _not_error(errors, row, column, raw, what, what_sv)


def _yes_no_error(errors: Errors, row: int, column: Column, raw: str) -> None:
    _not_error(errors, row, column, raw, "ja, nej, yes or no", "ja, nej, yes eller no")


def _tick_error(errors: Errors, row: int, column: Column, raw: str) -> None:
    _not_error(
        errors,
        row,
        column,
        raw,
        "a tick (1, x, ja, yes) or empty/0",
        "ett kryss (1, x, ja, yes) eller tomt/0",
    )


def _text_error(errors: Errors, row: int, column: str, raw: str) -> bool:
    """A control character or an over-long text in a cell that is stored as text: an error at
    its row and column (the pages and reports that show it would otherwise break)."""
    if CONTROL_CHARACTERS.search(raw):
        errors.add(
            row,
            column,
            CONTROL_CHARACTERS.sub("", raw),
            "contains an invisible control character (for example a vertical tab); remove it",
            "innehåller ett osynligt styrtecken (till exempel en vertikal tabb); ta bort det",
        )
        return True
    if len(raw) > MAX_TEXT_ANSWER:
        errors.add(
            row,
            column,
            raw[:40],
            f"is {len(raw)} characters long; at most {MAX_TEXT_ANSWER} are allowed",
            f"är {len(raw)} tecken lång; högst {MAX_TEXT_ANSWER} får plats",
        )
        return True
    return False


def text_cell(raw: str) -> str:
    """A text answer: stripped, line breaks as ``\\n``, and the apostrophe that the writers put
    before a formula-like answer (``'=…``, see :func:`innovera.core.exports.safe_cell`) removed."""
    text = raw.strip()
    if text[:1] == "'":
        text = restore_cell(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class _Reporter:
    """Calls ``progress`` about :data:`PROGRESS_CALLS` times."""

    def __init__(self, progress: Progress | None, table: Table) -> None:
        self.progress = progress
        self.total = table.total
        self.step = max(self.total // PROGRESS_CALLS, 1)
        self.next = self.step if progress is not None else 1 << 62

    def __call__(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done, max(self.total, done))
        self.next = done + self.step


def _read_rows(
    table: Table,
    plan: Plan,
    errors: Errors,
    ignore_unknown: bool,
    progress: Progress | None,
    sink: Sink | None = None,
) -> tuple[list[Response], dict[str, str], int]:
    """Check every data row; returns responses, org units and the number of data rows.

    With ``sink``, each good response goes there (with its org unit, or "") as it is read and
    nothing is kept: the caller stores them as a stream and discards them if errors follow.
    """
    responses: list[Response] = []
    org_units: dict[str, str] = {}
    first_row_of: dict[str, int] = {}
    id_index, org_index, unit_index = plan.respondent_id, plan.org_type, plan.org_unit
    cells, multi, unnamed, width = plan.cells, plan.multi, plan.unnamed, plan.width
    org_types, ticks, normalise, bad, text_kind = ORG_TYPES, TICKS, normalise_cell, BAD, TEXT
    control = CONTROL_CHARACTERS.search
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
            respondent_id = restore_cell(row[id_index].strip())
            if control(respondent_id):
                _text_error(errors, row_number, RESPONDENT_ID, respondent_id)
            elif not respondent_id:
                errors.add(
                    row_number,
                    RESPONDENT_ID,
                    row[id_index],
                    "empty, but every row needs a respondent_id",
                    "tom, men varje rad behöver ett respondent_id",
                )
            elif respondent_id in first_row_of:
                first = first_row_of[respondent_id]
                shown = quote_cell(respondent_id)
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
                shown = quote_cell(raw)
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
                    text = text_cell(raw)
                    if text and not _text_error(errors, row_number, column.name, text):
                        answers[key] = text
                continue
            value = lookup.get(raw, bad)
            if value is bad:
                value = lookup.get(normalise(raw), bad)
                if value is bad:
                    if kind == SCALE:
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

        unit = restore_cell(row[unit_index].strip()) if unit_index is not None else ""
        if unit and control(unit):
            _text_error(errors, row_number, ORG_UNIT, unit)

        if not errors.count:  # after the first problem nothing more is kept
            response = Response(respondent_id, org_type, answers)
            if sink is not None:
                sink(response, unit)
                continue
            responses.append(response)
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
    errors: Errors,
) -> None:
    indices = unnamed if ignore_unknown else [*unnamed, *range(width, len(row))]
    for index in indices:
        raw = row[index]
        if raw.strip():
            letter = column_letter(index)
            errors.add(
                row_number,
                "",
                raw,
                f"{quote_cell(raw)} is in column {letter}, which has no header",
                f"{quote_cell(raw)} står i kolumn {letter}, som saknar rubrik",
            )


def parse_responses(
    path_or_file: Source,
    *,
    template: Template = STOCKHOLM_2014,
    file_format: FileFormat | None = None,
    ignore_unknown: bool = False,
    progress: Progress | None = None,
    on_response: Sink | None = None,
) -> ImportResult:
    """Read and check an import file in the format of contract §2.

    ``path_or_file`` is a path or an open file (binary, or text for CSV; e.g. Django's
    ``UploadedFile``). The format is ``file_format``, else the name's suffix (``.csv``,
    ``.xlsx``), else the content (a ZIP archive is XLSX). XLSX reads the first worksheet.
    ``progress(done_rows, total_rows)`` is called about :data:`PROGRESS_CALLS` times and once at
    the end with ``done_rows == total_rows`` (rows after the header, empty ones included).

    With ``on_response(response, org_unit)``, responses are handed over one by one while the
    file is read and the result holds none (so a 100,000-row file is never held whole); any
    given before an error must then be discarded by the caller (the store's transaction).

    Never raises for a bad file: every problem is a :class:`CellError` in the result, and then
    the result holds no responses. Raises ``ValueError`` for a wrong ``file_format`` and
    ``OSError`` for a path that cannot be opened (the caller's mistake, not the file's).
    """
    errors = Errors()
    try:
        table = open_table(path_or_file, file_format)
    except FileProblem as problem:
        errors.add(problem.row, "", "", problem.message, problem.message_sv)
        return ImportResult(errors=errors.items, error_count=errors.count)
    columns = [name.strip() for name in table.header]
    rows = 0
    try:
        if not any(columns):
            raise no_header()
        if len(columns) == 1 and ";" in columns[0]:
            raise FileProblem(
                1,
                "the header is separated by semicolons; save the file as CSV UTF-8 with commas",
                "rubrikraden är semikolonavgränsad; spara filen som CSV UTF-8 med kommatecken",
            )
        plan = plan_columns(table.header, template, ignore_unknown, errors)
        responses, org_units, rows = _read_rows(
            table, plan, errors, ignore_unknown, progress, on_response
        )
    except FileProblem as problem:
        errors.add(problem.row, "", "", problem.message, problem.message_sv)
    if errors.count:
        return ImportResult(
            rows=rows, columns=columns, errors=errors.items, error_count=errors.count
        )
    return ImportResult(responses=responses, org_units=org_units, rows=rows, columns=columns)
