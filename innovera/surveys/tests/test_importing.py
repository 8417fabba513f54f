"""Behaviour of the response importer and exporter (contract: survey-instrument.md §2).

No database: the parser reads files into plain records. Every bad-cell test asserts the exact
message with its row (as a spreadsheet shows it, header = row 1) and column.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from innovera.surveys import importing
from innovera.surveys.analysis import DONT_KNOW, Response, analyse_round
from innovera.surveys.importing import (
    CellError,
    ImportResult,
    describe,
    parse_responses,
    template_columns,
    write_responses_csv,
    write_responses_xlsx,
)
from innovera.surveys.instrument import STOCKHOLM_2014, QuestionType, factor_code

DASH = "\N{EN DASH}"
INVITED = {"district": 14, "department": 15, "company": 14}


def csv_bytes(rows: list[list[Any]], *, bom: bool = False) -> bytes:
    stream = io.StringIO(newline="")
    csv.writer(stream).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + stream.getvalue().encode("utf-8")


def parse_csv(rows: list[list[Any]], **kwargs: Any) -> ImportResult:
    return parse_responses(io.BytesIO(csv_bytes(rows)), file_format="csv", **kwargs)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """An XLSX as Excel would save it (shared strings, numbers as numbers), not write-only."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def only_error(rows: list[list[Any]], **kwargs: Any) -> CellError:
    result = parse_csv(rows, **kwargs)
    assert result.responses == []
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


HEADER = ["respondent_id", "org_type", "sa_customer", "uses_concept"]


# --- good files -------------------------------------------------------------------------------


def test_it_reads_a_good_csv_with_quoted_commas_quotes_and_line_breaks() -> None:
    text = (
        "respondent_id,org_type,org_unit,uses_concept,sa_overall,idea_sources__employees,"
        "idea_sources__managers,factor_curiosity_importance,factor_curiosity_current,"
        "innovation_examples\r\n"
        'r1,district,"Skarpnäck, stadsdelsförvaltning",ja,3,1,,4,vet ej,'
        '"Vi testar ""piloter"", bland annat\r\nmed e-tjänster."\r\n'
        "r2,company,,nej,,,x,,2,\r\n"
    )
    result = parse_responses(io.BytesIO(text.encode("utf-8")), file_format="csv")

    assert result.errors == []
    assert result.rows == 2
    assert result.responses == [
        Response(
            "r1",
            "district",
            {
                "uses_concept": True,
                "sa_overall": 3,
                "idea_sources": frozenset({"employees"}),
                "factor_curiosity_importance": 4,
                "factor_curiosity_current": DONT_KNOW,
                "innovation_examples": 'Vi testar "piloter", bland annat\nmed e-tjänster.',
            },
        ),
        Response(
            "r2",
            "company",
            {
                "uses_concept": False,
                "idea_sources": frozenset({"managers"}),
                "factor_curiosity_current": 2,
            },
        ),
    ]
    assert result.org_units == {"r1": "Skarpnäck, stadsdelsförvaltning"}
    assert result.columns[:3] == ["respondent_id", "org_type", "org_unit"]


def test_it_counts_a_quoted_line_break_as_one_spreadsheet_row() -> None:
    result = parse_csv(
        [
            ["respondent_id", "org_type", "sa_customer", "other_comments"],
            ["r1", "district", "3", "rad ett\nrad två\nrad tre"],
            ["r2", "district", "7", ""],
        ]
    )

    assert [str(e) for e in result.errors] == [
        f"row 3, column sa_customer: '7' is not 1{DASH}4 or 'vet ej'"
    ]


def test_it_accepts_a_byte_order_mark() -> None:
    data = csv_bytes([HEADER, ["r1", "district", "2", "ja"]], bom=True)

    result = parse_responses(io.BytesIO(data), file_format="csv")

    assert result.errors == []
    assert result.columns == HEADER
    assert result.responses == [
        Response("r1", "district", {"sa_customer": 2, "uses_concept": True})
    ]


def test_it_accepts_columns_in_any_order() -> None:
    result = parse_csv(
        [
            ["uses_concept", "factor_open_climate_current", "org_type", "respondent_id"],
            ["nej", "1", "department", "r9"],
        ]
    )

    assert result.responses == [
        Response("r9", "department", {"uses_concept": False, "factor_open_climate_current": 1})
    ]


def test_it_normalises_swedish_org_type_labels_in_any_letter_case() -> None:
    result = parse_csv(
        [
            ["respondent_id", "org_type"],
            ["a", "STADSDELSFÖRVALTNING"],
            ["b", "fackFörvaltning"],
            ["c", " bolag "],
            ["d", "Company"],
        ]
    )

    assert [(r.respondent_id, r.org_type) for r in result.responses] == [
        ("a", "district"),
        ("b", "department"),
        ("c", "company"),
        ("d", "company"),
    ]


def test_it_reads_dont_know_in_any_case_and_an_empty_scale_cell_as_no_answer() -> None:
    result = parse_csv(
        [
            ["respondent_id", "org_type", "sa_overall", "sa_culture", "sa_spread", "sa_receive"],
            ["r1", "district", " Vet Ej ", "DK", "", "4"],
        ]
    )

    assert result.responses[0].answers == {
        "sa_overall": DONT_KNOW,
        "sa_culture": DONT_KNOW,
        "sa_receive": 4,
    }


def test_it_reads_yes_no_and_ticks_in_any_case() -> None:
    result = parse_csv(
        [
            [
                "respondent_id",
                "org_type",
                "uses_concept",
                "knows_awards",
                "has_idea_routines",
                "collaboration_partners__academia",
                "collaboration_partners__suppliers",
                "collaboration_partners__other",
                "collaboration_partners__companies",
                "collaboration_partners__city_units",
            ],
            ["r1", "company", "YES", "No", "", "X", "Ja", "yes", "0", ""],
        ]
    )

    assert result.responses[0].answers == {
        "uses_concept": True,
        "knows_awards": False,
        "collaboration_partners": frozenset({"academia", "suppliers", "other"}),
    }


def test_it_leaves_a_multi_question_unanswered_when_no_option_is_ticked() -> None:
    result = parse_csv(
        [
            ["respondent_id", "org_type", "idea_sources__employees", "idea_sources__other"],
            ["r1", "company", "0", ""],
        ]
    )

    assert result.responses == [Response("r1", "company", {})]


def test_it_strips_text_answers_and_drops_empty_ones() -> None:
    result = parse_csv(
        [
            ["respondent_id", "org_type", "other_comments", "idea_routines"],
            ["  r1 ", "district", "  Bra enkät.  ", "   "],
        ]
    )

    assert result.responses == [Response("r1", "district", {"other_comments": "Bra enkät."})]


def test_it_skips_completely_empty_rows_and_keeps_spreadsheet_row_numbers() -> None:
    result = parse_csv(
        [
            HEADER,
            ["r1", "district", "1", "ja"],
            ["", " ", "", ""],
            [],
            ["r2", "district", "9", "ja"],
        ]
    )

    assert result.rows == 2
    assert [str(e) for e in result.errors] == [
        f"row 5, column sa_customer: '9' is not 1{DASH}4 or 'vet ej'"
    ]


def test_it_accepts_a_header_without_data_rows_as_zero_responses() -> None:
    result = parse_csv([HEADER])

    assert result == ImportResult(responses=[], rows=0, columns=HEADER)
    assert result.ok


def test_it_reports_an_empty_file_on_row_1() -> None:
    result = parse_responses(io.BytesIO(b""), file_format="csv")

    assert result.errors == [CellError(1, "", "", "the file is empty: there is no header row")]
    assert describe(result.errors[0]) == "rad 1: filen är tom: det finns ingen rubrikrad"


def test_it_matches_header_names_after_stripping_and_in_any_case() -> None:
    result = parse_csv([[" Respondent_ID", "ORG_TYPE ", "SA_Customer"], ["r1", "bolag", "2"]])

    assert result.responses == [Response("r1", "company", {"sa_customer": 2})]


# --- bad cells: every message exact -----------------------------------------------------------


def test_it_refuses_a_scale_answer_outside_1_to_4() -> None:
    error = only_error([HEADER, ["r1", "district", "3", "ja"], ["r2", "district", "5", "ja"]])

    assert error == CellError(3, "sa_customer", "5", f"'5' is not 1{DASH}4 or 'vet ej'")
    assert str(error) == f"row 3, column sa_customer: '5' is not 1{DASH}4 or 'vet ej'"
    assert describe(error) == f"rad 3, kolumn sa_customer: '5' är inte 1{DASH}4 eller 'vet ej'"
    assert describe(error, "en") == str(error)


def test_it_refuses_vet_ej_on_the_importance_scale_which_has_none() -> None:
    error = only_error(
        [["respondent_id", "org_type", "factor_curiosity_importance"], ["r1", "company", "vet ej"]]
    )

    assert str(error) == (
        f"row 2, column factor_curiosity_importance: 'vet ej' is not 1{DASH}4: "
        "this scale has no 'vet ej' (leave the cell empty)"
    )
    assert describe(error) == (
        f"rad 2, kolumn factor_curiosity_importance: 'vet ej' är inte 1{DASH}4: "
        "skalan har inget 'vet ej' (lämna cellen tom)"
    )


def test_it_refuses_a_number_outside_the_importance_scale_without_mentioning_vet_ej() -> None:
    error = only_error(
        [["respondent_id", "org_type", "factor_curiosity_importance"], ["r1", "company", "0"]]
    )

    assert str(error) == f"row 2, column factor_curiosity_importance: '0' is not 1{DASH}4"


def test_it_refuses_kanske_in_a_yes_no_column() -> None:
    error = only_error([HEADER, ["r1", "district", "", "kanske"]])

    assert str(error) == "row 2, column uses_concept: 'kanske' is not ja, nej, yes or no"
    assert describe(error) == "rad 2, kolumn uses_concept: 'kanske' är inte ja, nej, yes eller no"


def test_it_refuses_a_multi_cell_that_is_not_a_tick() -> None:
    error = only_error(
        [["respondent_id", "org_type", "idea_sources__managers"], ["r1", "district", "2"]]
    )

    assert error == CellError(
        2, "idea_sources__managers", "2", "'2' is not a tick (1, x, ja, yes) or empty/0"
    )
    assert describe(error) == (
        "rad 2, kolumn idea_sources__managers: '2' är inte ett kryss (1, x, ja, yes) eller tomt/0"
    )


def test_it_refuses_a_duplicate_respondent_id_naming_the_first_row() -> None:
    error = only_error(
        [HEADER, ["r1", "district", "1", "ja"], ["r2", "district", "", ""], ["r1", "bolag", "", ""]]
    )

    assert str(error) == "row 4, column respondent_id: 'r1' is already used on row 2"
    assert describe(error) == "rad 4, kolumn respondent_id: 'r1' används redan på rad 2"


def test_it_refuses_an_unknown_org_type() -> None:
    error = only_error([HEADER, ["r1", "kommun", "", ""]])

    assert str(error) == (
        "row 2, column org_type: 'kommun' is not district, department, company, "
        "Stadsdelsförvaltning, Fackförvaltning or Bolag"
    )


def test_it_refuses_a_missing_org_type() -> None:
    error = only_error([HEADER, ["r1", " ", "2", ""]])

    assert str(error) == "row 2, column org_type: empty, but every row needs an org_type"


def test_it_refuses_a_row_without_respondent_id() -> None:
    error = only_error([HEADER, ["", "district", "2", "ja"]])

    assert error == CellError(2, "respondent_id", "", "empty, but every row needs a respondent_id")
    assert (
        describe(error)
        == "rad 2, kolumn respondent_id: tom, men varje rad behöver ett respondent_id"
    )


def test_it_refuses_an_unknown_column_unless_told_to_ignore_it() -> None:
    rows = [[*HEADER, "favourite_colour"], ["r1", "district", "2", "ja", "blå"]]

    error = only_error(rows)
    ignored = parse_csv(rows, ignore_unknown=True)

    assert str(error) == (
        "row 1, column favourite_colour: 'favourite_colour' is not a column of template "
        "stockholm-2014"
    )
    assert ignored.errors == []
    assert ignored.responses == [
        Response("r1", "district", {"sa_customer": 2, "uses_concept": True})
    ]
    assert ignored.columns == [*HEADER, "favourite_colour"]


def test_it_explains_that_a_multi_question_needs_one_column_per_option() -> None:
    error = only_error([["respondent_id", "org_type", "idea_sources"], ["r1", "district", "x"]])

    assert error.message == (
        "'idea_sources' is not a column of template stockholm-2014; a multi-choice question "
        "has one column per option, idea_sources__<option>"
    )


def test_it_refuses_a_file_without_a_required_column() -> None:
    result = parse_csv([["respondent_id", "sa_customer"], ["r1", "2"]])

    assert result.responses == []
    assert [str(e) for e in result.errors] == [
        "row 1, column org_type: the required column org_type is missing"
    ]
    assert describe(result.errors[0]) == (
        "rad 1, kolumn org_type: den obligatoriska kolumnen org_type saknas"
    )


def test_it_refuses_a_duplicate_column_header() -> None:
    error = only_error(
        [["respondent_id", "org_type", "sa_customer", "SA_customer"], ["r1", "bolag", "1", "2"]]
    )

    assert str(error) == (
        "row 1, column sa_customer: 'SA_customer' appears more than once in the header "
        "(columns C and D)"
    )


def test_it_refuses_data_in_a_column_without_a_header() -> None:
    rows = [[*HEADER, ""], ["r1", "district", "", "", "x"], ["r2", "district", "", "", ""]]

    error = only_error(rows)

    assert str(error) == "row 2: 'x' is in column E, which has no header"
    assert parse_csv(rows, ignore_unknown=True).errors == []


def test_it_refuses_a_row_with_more_cells_than_the_header() -> None:
    error = only_error([HEADER, ["r1", "district", "2", "ja", "", "över"]])

    assert str(error) == "row 2: 'över' is in column F, which has no header"
    assert describe(error) == "rad 2: 'över' står i kolumn F, som saknar rubrik"


def test_it_collects_every_problem_and_then_returns_no_responses() -> None:
    result = parse_csv(
        [
            HEADER,
            ["r1", "district", "5", "ja"],
            ["r2", "district", "2", "ja"],
            ["r3", "town", "0", "kanske"],
        ]
    )

    assert result.responses == []
    assert result.org_units == {}
    assert result.rows == 3
    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (2, "sa_customer", "5"),
        (4, "org_type", "town"),
        (4, "sa_customer", "0"),
        (4, "uses_concept", "kanske"),
    ]


def test_it_summarises_more_than_20_problems_as_20_and_a_count() -> None:
    rows = [HEADER] + [[f"r{i}", "district", "5", ""] for i in range(25)]

    result = parse_csv(rows)
    swedish = result.summary().split("\n")
    english = result.summary(language="en").split("\n")

    assert result.error_count == 25
    assert len(swedish) == 21
    assert swedish[0] == f"rad 2, kolumn sa_customer: '5' är inte 1{DASH}4 eller 'vet ej'"
    assert swedish[19] == f"rad 21, kolumn sa_customer: '5' är inte 1{DASH}4 eller 'vet ej'"
    assert swedish[20] == "… och 5 till"
    assert english[20] == "… and 5 more"
    assert parse_csv(rows[:4]).summary(language="en").count("\n") == 2  # three lines, no count


def test_it_counts_all_problems_but_keeps_only_the_first_ten_thousand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importing.errors, "MAX_STORED_ERRORS", 3)

    result = parse_csv([HEADER] + [[f"r{i}", "district", "5", ""] for i in range(5)])

    assert len(result.errors) == 3
    assert result.error_count == 5
    assert result.summary(limit=2, language="en").endswith("… and 3 more")


def test_it_reports_a_file_that_is_not_utf8() -> None:
    data = "respondent_id,org_type,other_comments\nr1,bolag,Bra\nr2,bolag,Gärna\n".encode("cp1252")

    result = parse_responses(io.BytesIO(data), file_format="csv")

    assert [str(e) for e in result.errors] == [
        "row 3: the file is not UTF-8 text; save it as CSV UTF-8 (comma-separated)"
    ]


def test_it_reports_a_semicolon_separated_file() -> None:
    result = parse_responses(io.BytesIO(b"respondent_id;org_type\nr1;bolag\n"), file_format="csv")

    assert [e.message for e in result.errors] == [
        "the header is separated by semicolons; save the file as CSV UTF-8 with commas"
    ]


def test_it_reports_an_old_xls_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "svar.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really")

    result = parse_responses(path)

    assert [e.message for e in result.errors] == [
        "the old Excel format .xls cannot be read; save the file as .xlsx or CSV UTF-8"
    ]


def test_it_reports_a_broken_xlsx_instead_of_raising() -> None:
    result = parse_responses(io.BytesIO(b"PK\x03\x04 broken"), file_format="xlsx")

    assert [str(e) for e in result.errors] == [
        "row 1: the file cannot be read as XLSX (BadZipFile)"
    ]


def test_it_refuses_a_wrong_file_format_argument() -> None:
    with pytest.raises(ValueError, match="file_format must be 'csv' or 'xlsx'"):
        parse_responses(io.BytesIO(b""), file_format="ods")  # type: ignore[arg-type]


# --- XLSX -------------------------------------------------------------------------------------


def test_it_reads_numeric_xlsx_cells_as_the_text_a_person_sees() -> None:
    data = xlsx_bytes(
        [
            ["respondent_id", "org_type", "sa_overall", "sa_culture", "idea_sources__other"],
            [1001, "Bolag", 3, 2.0, 1.0],
            ["r2", "district", "vet ej", None, 0],
            [3.0, "district", None, 4, None],
        ]
    )

    result = parse_responses(io.BytesIO(data), file_format="xlsx")

    assert result.errors == []
    assert result.responses == [
        Response(
            "1001",
            "company",
            {"sa_overall": 3, "sa_culture": 2, "idea_sources": frozenset({"other"})},
        ),
        Response("r2", "district", {"sa_overall": DONT_KNOW}),
        Response("3", "district", {"sa_culture": 4}),
    ]


def test_it_reports_a_non_whole_number_in_an_xlsx_scale_cell() -> None:
    data = xlsx_bytes([["respondent_id", "org_type", "sa_overall"], ["r1", "bolag", 2.5]])

    result = parse_responses(io.BytesIO(data), file_format="xlsx")

    assert [str(e) for e in result.errors] == [
        f"row 2, column sa_overall: '2.5' is not 1{DASH}4 or 'vet ej'"
    ]


def test_it_reads_xlsx_booleans_as_ja_and_nej() -> None:
    data = xlsx_bytes(
        [
            ["respondent_id", "org_type", "uses_concept", "knows_awards"],
            ["r1", "bolag", True, False],
        ]
    )

    result = parse_responses(io.BytesIO(data), file_format="xlsx")

    assert result.responses[0].answers == {"uses_concept": True, "knows_awards": False}


def test_it_skips_empty_xlsx_rows_and_keeps_spreadsheet_row_numbers() -> None:
    data = xlsx_bytes(
        [
            HEADER,
            ["r1", "district", 1, "ja"],
            [],
            [None, None, None, None],
            ["r2", "district", 6, "ja"],
        ]
    )

    result = parse_responses(io.BytesIO(data), file_format="xlsx")

    assert result.rows == 2
    assert [str(e) for e in result.errors] == [
        f"row 5, column sa_customer: '6' is not 1{DASH}4 or 'vet ej'"
    ]


def test_it_reads_the_first_sheet_only(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.append(HEADER)
    first.append(["r1", "district", 4, "nej"])
    other = workbook.create_sheet("Anteckningar")
    other.append(["inte", "en", "svarsrad"])
    path = tmp_path / "svar.xlsx"
    workbook.save(path)

    result = parse_responses(path)

    assert result.responses == [
        Response("r1", "district", {"sa_customer": 4, "uses_concept": False})
    ]


def test_it_skips_a_chart_sheet_before_the_first_worksheet(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["r1", "district", 3, "ja"])
    workbook.create_chartsheet("Diagram", 0)
    path = tmp_path / "svar.xlsx"
    workbook.save(path)

    result = parse_responses(path)

    assert result.responses == [
        Response("r1", "district", {"sa_customer": 3, "uses_concept": True})
    ]


def test_it_keeps_column_letters_when_column_a_of_an_xlsx_is_empty() -> None:
    data = xlsx_bytes(
        [
            [None, *HEADER],
            [None, "r1", "district", 9, "ja", "stray"],
        ]
    )

    result = parse_responses(io.BytesIO(data), file_format="xlsx")

    assert result.columns == ["", *HEADER]
    assert [str(e) for e in result.errors] == [
        f"row 2, column sa_customer: '9' is not 1{DASH}4 or 'vet ej'",
        "row 2: 'stray' is in column F, which has no header",
    ]


def test_it_reads_xlsx_dates_rich_text_and_excel_escapes_as_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["respondent_id", "org_type", "org_unit", "other_comments"])
    sheet.append(["r1", "district", date(2014, 5, 1), "rad ett_x000D_"])
    sheet["D2"] = CellRichText("rad ett_x000D_\n", TextBlock(InlineFont(b=True), "rad två"))
    stream = io.BytesIO()
    workbook.save(stream)

    result = parse_responses(io.BytesIO(stream.getvalue()), file_format="xlsx")

    assert result.org_units == {"r1": "2014-05-01"}
    assert result.responses[0].answers == {"other_comments": "rad ett\nrad två"}


def test_it_reports_a_truncated_xlsx_sheet_on_row_1_instead_of_raising() -> None:
    original = xlsx_bytes([HEADER] + [[f"r{i}", "district", 2, "ja"] for i in range(5)])
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet[: sheet.index(b'<row r="5"') + 20]
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)

    result = parse_responses(io.BytesIO(broken.getvalue()), file_format="xlsx")

    assert result.responses == []
    # calamine reads the whole sheet before the first row, so the error is on row 1.
    assert [str(e) for e in result.errors] == ["row 1: the file cannot be read as XLSX (XmlError)"]


def test_it_refuses_a_workbook_that_unpacks_to_more_than_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importing.readers, "MAX_XLSX_PART_BYTES", 500)
    data = xlsx_bytes([HEADER] + [[f"r{i}", "district", 2, "ja"] for i in range(20)])

    result = parse_responses(io.BytesIO(data), file_format="xlsx")

    assert [e.message for e in result.errors] == [
        "the workbook is too large to import; split it into several files"
    ]


def test_it_refuses_a_sheet_whose_stray_last_cell_would_not_fit_in_memory() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["r1", "district", 3, "ja"])
    sheet["XFD1048576"] = "x"  # read as a whole, A1:XFD1048576 needs a terabyte
    stream = io.BytesIO()
    workbook.save(stream)

    result = parse_responses(io.BytesIO(stream.getvalue()), file_format="xlsx")

    assert [e.message for e in result.errors] == [
        "a sheet spans A1:XFD1048576, too large to import; delete what lies outside the "
        "responses (perhaps a stray value far to the right or below)"
    ]


# --- files, formats and progress --------------------------------------------------------------


def test_it_chooses_the_format_from_the_file_name_or_the_content(tmp_path: Path) -> None:
    rows = [HEADER, ["r1", "district", "2", "ja"]]
    csv_path = tmp_path / "svar.CSV"
    csv_path.write_bytes(csv_bytes(rows))
    xlsx_path = tmp_path / "svar.xlsx"
    xlsx_path.write_bytes(xlsx_bytes(rows))
    unnamed = io.BytesIO(xlsx_bytes(rows))  # no name: a ZIP archive is XLSX
    uploaded = io.BytesIO(csv_bytes(rows))
    uploaded.name = "svar.csv"  # as Django's UploadedFile has

    expected = [Response("r1", "district", {"sa_customer": 2, "uses_concept": True})]
    for source in (csv_path, str(xlsx_path), unnamed, uploaded):
        assert parse_responses(source).responses == expected


def test_it_reads_csv_from_a_text_stream() -> None:
    stream = io.StringIO("respondent_id,org_type\nr1,district\n")

    assert parse_responses(stream, file_format="csv").responses == [Response("r1", "district", {})]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_reports_progress_about_a_hundred_times_ending_with_the_total(
    file_format: importing.FileFormat,
) -> None:
    rows = [HEADER] + [[f"r{i}", "district", "2", "ja"] for i in range(5000)]
    data = csv_bytes(rows) if file_format == "csv" else xlsx_bytes(rows)
    calls: list[tuple[int, int]] = []

    parse_responses(
        io.BytesIO(data),
        file_format=file_format,
        progress=lambda done, total: calls.append((done, total)),
    )

    assert 90 <= len(calls) <= 102, len(calls)
    assert calls[-1] == (5000, 5000)
    assert all(done <= total for done, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


# --- writing and the round trip ---------------------------------------------------------------


def test_it_writes_every_template_column_in_template_order() -> None:
    columns = template_columns()

    assert len(columns) == 3 + 3 + 7 + 8 + 16 + 32  # ids, yes/no, scales, texts, ticks, factors
    assert columns[:5] == ["respondent_id", "org_type", "org_unit", "uses_concept", "sa_overall"]
    assert columns[16:19] == [
        "idea_sources__employees",
        "idea_sources__managers",
        "idea_sources__customers",
    ]
    assert columns[-5:] == [
        "factor_employee_competence_current",
        "factor_external_collaboration_importance",
        "factor_external_collaboration_current",
        "knows_awards",
        "other_comments",
    ]


def test_it_writes_dont_know_as_vet_ej_yes_no_as_ja_nej_and_ticks_as_1() -> None:
    response = Response(
        "r1",
        "company",
        {
            "uses_concept": False,
            "sa_overall": DONT_KNOW,
            "sa_managers": 4,
            "idea_sources": {"managers"},
            "other_comments": 'Säg "hej", tack',
        },
    )
    stream = io.StringIO(newline="")

    write_responses_csv([response], {"r1": "Stockholm Vatten"}, stream)
    header, row = list(csv.reader(io.StringIO(stream.getvalue().removeprefix("\ufeff"))))
    cells = dict(zip(header, row, strict=True))

    assert stream.getvalue().startswith("\ufeffrespondent_id,org_type,org_unit,")
    assert cells["org_unit"] == "Stockholm Vatten"
    assert cells["uses_concept"] == "nej"
    assert cells["sa_overall"] == "vet ej"
    assert cells["sa_managers"] == "4"
    assert cells["sa_customer"] == ""
    assert cells["idea_sources__managers"] == "1"
    assert cells["idea_sources__employees"] == ""
    assert cells["other_comments"] == 'Säg "hej", tack'


def test_it_refuses_to_write_an_answer_the_template_does_not_allow() -> None:
    with pytest.raises(ValueError, match="sa_overall: cannot export 5"):
        write_responses_csv([Response("r1", "bolag", {"sa_overall": 5})], {}, io.StringIO())
    with pytest.raises(ValueError, match="cannot export 'dk'"):
        write_responses_csv(
            [Response("r1", "bolag", {"factor_curiosity_importance": DONT_KNOW})], {}, io.StringIO()
        )


def test_it_writes_an_empty_import_file_of_the_template_when_there_are_no_responses(
    tmp_path: Path,
) -> None:
    write_responses_xlsx([], {}, tmp_path / "mall.xlsx")

    result = parse_responses(tmp_path / "mall.xlsx")

    assert result == ImportResult(columns=template_columns())


def test_it_keeps_formula_like_text_and_escape_like_text_as_text_in_xlsx(
    tmp_path: Path,
) -> None:
    texts = {
        "other_comments": "=1+1",
        "idea_routines": "#N/A",
        "collaboration_examples": "_x000D_ och _x0041__x0042_",
        "innovation_examples": "rad ett\r\nrad två\x07",
    }
    path = tmp_path / "svar.xlsx"

    write_responses_xlsx([Response("r1", "district", texts)], {"r1": "=A1"}, path)
    result = parse_responses(path)

    assert result.responses[0].answers == {**texts, "innovation_examples": "rad ett\nrad två"}
    assert result.org_units == {"r1": "=A1"}


def _text() -> st.SearchStrategy[str]:
    characters = st.characters(blacklist_categories=("Cc", "Cs", "Cn")) | st.just("\n")
    return st.text(characters, min_size=1, max_size=20).map(str.strip).filter(bool)


@st.composite
def responses(draw: st.DrawFn) -> tuple[list[Response], dict[str, str]]:
    ids = draw(
        st.lists(
            st.text("abcåäö-_0123456789 ", min_size=1, max_size=6).map(str.strip).filter(bool),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    result = []
    org_units = {}
    for respondent_id in ids:
        answers: dict[str, object] = {}
        for question in STOCKHOLM_2014.questions:
            code = question.code
            value: object
            if question.type is QuestionType.SCALE:
                value = draw(st.sampled_from([None, 1, 2, 3, 4, DONT_KNOW]))
            elif question.type is QuestionType.YES_NO:
                value = draw(st.sampled_from([None, True, False]))
            elif question.type is QuestionType.TEXT:
                value = draw(st.none() | _text())
            elif question.type is QuestionType.MULTI:
                value = draw(st.frozensets(st.sampled_from([o.key for o in question.options])))
                value = value or None
            else:
                for factor in question.factors:
                    importance = draw(st.sampled_from([None, 1, 2, 3, 4]))
                    current = draw(st.sampled_from([None, 1, 2, 3, 4, DONT_KNOW]))
                    if importance is not None:
                        answers[factor_code(factor.key, "importance")] = importance
                    if current is not None:
                        answers[factor_code(factor.key, "current")] = current
                continue
            if value is not None:
                answers[code] = value
        org_type = draw(st.sampled_from(["district", "department", "company"]))
        result.append(Response(respondent_id, org_type, answers))
        unit = draw(st.none() | _text())
        if unit is not None:
            org_units[respondent_id] = unit
    return result, org_units


@settings(max_examples=40, deadline=None)
@given(responses())
def test_it_reads_back_exactly_what_it_wrote_in_csv_and_xlsx(
    generated: tuple[list[Response], dict[str, str]],
) -> None:
    original, org_units = generated
    csv_stream = io.BytesIO()
    xlsx_stream = io.BytesIO()

    write_responses_csv(original, org_units, csv_stream)
    write_responses_xlsx(original, org_units, xlsx_stream)
    from_csv = parse_responses(io.BytesIO(csv_stream.getvalue()), file_format="csv")
    from_xlsx = parse_responses(io.BytesIO(xlsx_stream.getvalue()), file_format="xlsx")

    expected_analysis = analyse_round(original, INVITED, round_name="2014")
    for result in (from_csv, from_xlsx):
        assert result.errors == []
        assert result.responses == original
        assert result.org_units == org_units
        assert result.columns == template_columns()
        assert analyse_round(result.responses, INVITED, round_name="2014") == expected_analysis
