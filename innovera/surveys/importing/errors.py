"""The problems an import file can have, and the result of reading one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias

from innovera.surveys.analysis import Response

Language: TypeAlias = Literal["sv", "en"]

MAX_STORED_ERRORS: Final = 10_000
"""Problems beyond this many are counted but not kept (see :attr:`ImportResult.error_count`)."""


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


def quote_cell(value: str, limit: int = 40) -> str:
    """A cell value quoted for a message, on one line and shortened to ``limit`` characters."""
    flat = " ".join(value.split()) if value.strip() else value
    return f"'{flat[:limit]}…'" if len(flat) > limit else f"'{flat}'"


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class Errors:
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
