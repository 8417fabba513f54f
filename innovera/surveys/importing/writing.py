"""Writing responses back as an import file (CSV or XLSX): the exact inverse of the parser."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import IO

from innovera.core.exports import Sheet, write_csv, write_xlsx
from innovera.surveys.analysis import DONT_KNOW, Response
from innovera.surveys.importing.columns import (
    DONT_KNOW_CELL,
    ID,
    MULTI,
    ORG,
    SCALE,
    UNIT,
    YES_NO_KIND,
    Column,
    template_columns,
    template_plan,
)
from innovera.surveys.instrument import STOCKHOLM_2014, Template

# --- writing ----------------------------------------------------------------------------------


def _scale_cell(value: object, column: Column, respondent_id: str) -> int | str | None:
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
    plan = template_plan(template)
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
            if kind == ID:
                cells.append(rid)
            elif kind == ORG:
                cells.append(response.org_type)
            elif kind == UNIT:
                cells.append(org_units.get(rid) or None)
            elif kind == SCALE:
                cells.append(_scale_cell(answers.get(column.key), column, rid))
            elif kind == YES_NO_KIND:
                value = answers.get(column.key)
                if value is not None and not isinstance(value, bool):
                    raise ValueError(f"respondent {rid!r}, {column.key}: not a bool: {value!r}")
                cells.append(None if value is None else "ja" if value else "nej")
            elif kind == MULTI:
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
    an open text or binary file. Cells go through :func:`innovera.core.exports.safe_cell`: a
    text answer starting like a formula (``=``, ``+``, ``-``, ``@``) gets a leading apostrophe,
    which the importer removes again (:func:`~innovera.core.exports.restore_cell`), so the file
    imports back unchanged.
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
    rows = (
        ["" if cell is None else cell for cell in row]
        for row in _export_rows(responses, org_units, template)
    )
    write_csv(template_columns(template), rows, stream, bom=False)


def write_responses_xlsx(
    responses: Sequence[Response],
    org_units: Mapping[str, str],
    path: str | os.PathLike[str] | IO[bytes],
    template: Template = STOCKHOLM_2014,
) -> None:
    """Write responses as an import file in XLSX, one sheet, every template column in order.

    Through :func:`innovera.core.exports.write_xlsx`: scale answers and ticks are numbers, the
    rest text; text that a spreadsheet would take as a formula or an error code (``=…``,
    ``#N/A``) is stored as text, control characters other than tab and line breaks are dropped,
    and a cell holds at most 32,767 characters (Excel's limit).
    """
    sheet = Sheet("Svar", template_columns(template), _export_rows(responses, org_units, template))
    if isinstance(path, str | os.PathLike):
        with open(path, "wb") as target:
            write_xlsx([sheet], target)
    else:
        write_xlsx([sheet], path)
