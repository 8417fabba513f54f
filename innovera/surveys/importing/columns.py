"""The columns of the import format (contract §2): names, kinds, cell tables, the header check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from innovera.surveys.analysis import DONT_KNOW
from innovera.surveys.importing.errors import Errors, column_letter, quote_cell
from innovera.surveys.instrument import STOCKHOLM_2014, QuestionType, Scale, Template, factor_code

RESPONDENT_ID: Final = "respondent_id"
ORG_TYPE: Final = "org_type"
ORG_UNIT: Final = "org_unit"
MULTI_SEPARATOR: Final = "__"
DONT_KNOW_CELL: Final = "vet ej"
"""How the writers spell a "vet ej" answer."""

ORG_TYPE_CODES: Final = ("district", "department", "company")
ORG_TYPES: Final = {
    "district": "district",
    "department": "department",
    "company": "company",
    "stadsdelsförvaltning": "district",
    "fackförvaltning": "department",
    "bolag": "company",
}
"""Accepted org_type cells, case-folded, to the stored code (contract §2)."""

YES_NO: Final[dict[str, object]] = {"ja": True, "nej": False, "yes": True, "no": False, "": None}
TICKS: Final = {"1": True, "x": True, "ja": True, "yes": True, "": False, "0": False}
DONT_KNOW_CELLS: Final = ("vet ej", "dk")
DASH: Final = "\N{EN DASH}"
BAD: Final = object()
"""Sentinel for a cell that is not in a lookup table."""


# --- the template's columns -------------------------------------------------------------------

ID, ORG, UNIT, SCALE, YES_NO_KIND, MULTI, TEXT = range(7)


@dataclass(frozen=True)
class Column:
    """How to read and write one column of the import format."""

    name: str
    kind: int
    key: str = ""
    """The answer key: question code, factor code, or the multi question's code."""
    option: str = ""
    scale: Scale | None = None


def template_plan(template: Template) -> list[Column]:
    """Every column of the import format, in template order (also the export's order)."""
    columns = [Column(RESPONDENT_ID, ID), Column(ORG_TYPE, ORG), Column(ORG_UNIT, UNIT)]
    for question in template.questions:
        code = question.code
        if question.type is QuestionType.SCALE:
            columns.append(Column(code, SCALE, code, scale=question.scale))
        elif question.type is QuestionType.YES_NO:
            columns.append(Column(code, YES_NO_KIND, code))
        elif question.type is QuestionType.TEXT:
            columns.append(Column(code, TEXT, code))
        elif question.type is QuestionType.MULTI:
            columns.extend(
                Column(f"{code}{MULTI_SEPARATOR}{option.key}", MULTI, code, option.key)
                for option in question.options
            )
        elif question.type is QuestionType.FACTOR_GRID:
            for factor in question.factors:
                importance = factor_code(factor.key, "importance")
                current = factor_code(factor.key, "current")
                columns.append(
                    Column(importance, SCALE, importance, scale=question.importance_scale)
                )
                columns.append(Column(current, SCALE, current, scale=question.current_scale))
    return columns


def template_columns(template: Template = STOCKHOLM_2014) -> list[str]:
    """The import format's column names in template order (the header the writers use)."""
    return [column.name for column in template_plan(template)]


def scale_range(scale: Scale | None) -> str:
    values = scale.values if scale is not None else (1, 4)
    return f"{values[0]}{DASH}{values[-1]}"


def scale_table(scale: Scale | None) -> dict[str, object]:
    if scale is None:  # guaranteed by Question.__post_init__; keeps mypy honest
        raise ValueError("a scale column needs a scale")
    table: dict[str, object] = {str(value): value for value in scale.values}
    table[""] = None
    if scale.allows_dont_know:
        table.update(dict.fromkeys(DONT_KNOW_CELLS, DONT_KNOW))
    return table


def normalise_cell(raw: str) -> str:
    """The slow path for a cell missing from a lookup table: spaces, case and ``3.0``."""
    text = " ".join(raw.split()).casefold()
    whole, dot, zeros = text.partition(".")
    if dot and zeros and whole.isdigit() and not zeros.strip("0"):
        return whole
    return text


# --- checking the header ----------------------------------------------------------------------


@dataclass
class Plan:
    """Which file column (0-based index) is read how; built once from the header."""

    respondent_id: int | None = None
    org_type: int | None = None
    org_unit: int | None = None
    cells: list[tuple[int, int, str, dict[str, object], Column]] = field(default_factory=list)
    """Scale, yes/no and text columns in file order: (index, kind, answer key, lookup, column)."""
    multi: list[tuple[str, list[tuple[int, Column]]]] = field(default_factory=list)
    """Per multi question: its option columns."""
    unnamed: list[int] = field(default_factory=list)
    """Columns without a header: an error if they hold data (unless ignore_unknown)."""
    width: int = 0


def plan_columns(
    header: list[str], template: Template, ignore_unknown: bool, errors: Errors
) -> Plan:
    known = {column.name.casefold(): column for column in template_plan(template)}
    multi_codes = {q.code.casefold() for q in template.questions_of_type(QuestionType.MULTI)}
    plan = Plan(width=len(header))
    seen: dict[str, int] = {}
    multi: dict[str, list[tuple[int, Column]]] = {}
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
            first, again = column_letter(seen[column.name]), column_letter(index)
            errors.add(
                1,
                column.name,
                name,
                f"{quote_cell(name)} appears more than once in the header (columns {first} and {again})",
                f"{quote_cell(name)} förekommer mer än en gång i rubrikraden (kolumn {first} och {again})",
            )
            continue
        seen[column.name] = index
        if column.kind == ID:
            plan.respondent_id = index
        elif column.kind == ORG:
            plan.org_type = index
        elif column.kind == UNIT:
            plan.org_unit = index
        elif column.kind == MULTI:
            multi.setdefault(column.key, []).append((index, column))
        else:
            lookup = (
                scale_table(column.scale)
                if column.kind == SCALE
                else dict(YES_NO)
                if column.kind == YES_NO_KIND
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


def _unknown_column(name: str, template: Template, multi_codes: set[str], errors: Errors) -> None:
    message = f"{quote_cell(name)} is not a column of template {template.key}"
    message_sv = f"{quote_cell(name)} är ingen kolumn i mallen {template.key}"
    if name.casefold() in multi_codes:
        hint = f"{name}{MULTI_SEPARATOR}<option>"
        message += f"; a multi-choice question has one column per option, {hint}"
        message_sv += f"; en flervalsfråga har en kolumn per alternativ, {hint}"
    errors.add(1, name, name, message, message_sv)
