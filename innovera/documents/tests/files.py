"""Builds the PDF, DOCX and ODT files the tests read, in the test itself.

Every file carries the same Swedish text (`LINES`), laid out the way its format does it: lines
ending in a hyphen become real line breaks, one part sits in a table (DOCX, ODT), and the PDF
has two pages. `EXPECTED` is what counting it must give.
"""

from __future__ import annotations

import html
import io

# Each inner list is one paragraph; each string one line of it.
PAGE_ONE = [
    ["Stadens kvalitet ska öka.", "Vi satsar på kvalitets- och förnyelsearbete."],
    ["Verksamhetsutveck-", "lingen fortsätter i Nya-", "Stockholm."],
    ["Kvalitetsutveckling i skolan.", "Förnybar energi och förnyelse."],
    ["Oförändrad budget men förändringsarbete.", "Stöd vid utvecklingsstörning."],
]
# In DOCX and ODT this paragraph is a table cell: readers must not skip tables.
TABLE_CELL = ["Innovationerna och innovativa lösningar."]
PAGE_TWO = [["Mer innovation och utveck-", "ling på sidan två."]]

EXPECTED = {
    # kvalitet, kvalitets (an elided compound), kvalitetsutveckling
    "kvalitet": 3,
    # förnyelsearbete, förnyelse; förnybar is excluded
    "fornyelse": 2,
    # verksamhetsutvecklingen (joined over a line end), kvalitetsutveckling, utveckling (joined
    # over a line end on page two); utvecklingsstörning is excluded
    "utveckling": 3,
    # innovationerna, innovativa, innovation
    "innovation": 3,
    # förändringsarbete; oförändrad is excluded
    "forandring": 1,
}
# Stadens kvalitet ska öka (4) Vi satsar på kvalitets och förnyelsearbete (6)
# Verksamhetsutvecklingen fortsätter i Nya Stockholm (5) Kvalitetsutveckling i skolan (3)
# Förnybar energi och förnyelse (4) Oförändrad budget men förändringsarbete (4)
# Stöd vid utvecklingsstörning (3) Innovationerna och innovativa lösningar (4)
# Mer innovation och utveckling på sidan två (7)
EXPECTED_WORDS = 40


def _paragraph_html(lines: list[str]) -> str:
    return "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>"


def build_pdf(pages: list[list[list[str]]] | None = None) -> bytes:
    """A PDF with a text layer, one page per list of paragraphs (WeasyPrint)."""
    from weasyprint import HTML

    if pages is None:
        pages = [[*PAGE_ONE, TABLE_CELL], PAGE_TWO]
    body = '<div class="page-break"></div>'.join(
        "".join(_paragraph_html(paragraph) for paragraph in page) for page in pages
    )
    document = (
        "<html lang='sv'><head><style>.page-break { break-after: page; }"
        " p { font-size: 11pt; }</style></head><body>" + body + "</body></html>"
    )
    return bytes(HTML(string=document).write_pdf())


def build_scanned_pdf() -> bytes:
    """A PDF page with only a picture of text (a drawing, no text layer), as a scanner makes."""
    from weasyprint import HTML

    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='200'>"
        "<rect x='10' y='10' width='380' height='20' fill='black'/>"
        "<rect x='10' y='50' width='300' height='20' fill='black'/></svg>"
    )
    return bytes(HTML(string=f"<html><body>{svg}</body></html>").write_pdf())


def build_encrypted_pdf(password: str = "hemligt") -> bytes:  # noqa: S107 - a test file
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf())))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def build_docx() -> bytes:
    """Paragraphs with line breaks inside them, a table holding TABLE_CELL, and a header."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Stockholms stad"
    for paragraph in [*PAGE_ONE, *PAGE_TWO][:-1]:
        _docx_paragraph(document.add_paragraph(), paragraph)
    table = document.add_table(rows=1, cols=2)
    _docx_paragraph(table.cell(0, 0).paragraphs[0], TABLE_CELL)
    table.cell(0, 1).paragraphs[0].text = "Ansvarig nämnd"
    _docx_paragraph(document.add_paragraph(), PAGE_TWO[0])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _docx_paragraph(paragraph: object, lines: list[str]) -> None:
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)  # type: ignore[attr-defined]
        if number < len(lines) - 1:
            run.add_break()


# "Stockholms stad" and "Ansvarig nämnd" add 4 words to the DOCX.
EXPECTED_DOCX_WORDS = EXPECTED_WORDS + 4


def build_odt() -> bytes:
    """Paragraphs with line breaks, a heading, and a table holding TABLE_CELL."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Budget"))
    for paragraph in PAGE_ONE:
        document.text.addElement(_odt_paragraph(P, LineBreak, paragraph))
    table = Table(name="Tabell1")
    table.addElement(TableColumn())
    row = TableRow()
    cell = TableCell()
    cell.addElement(_odt_paragraph(P, LineBreak, TABLE_CELL))
    row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    document.text.addElement(_odt_paragraph(P, LineBreak, PAGE_TWO[0]))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _odt_paragraph(paragraph_class: type, line_break: type, lines: list[str]) -> object:
    paragraph = paragraph_class()
    for number, line in enumerate(lines):
        paragraph.addText(line)
        if number < len(lines) - 1:
            paragraph.addElement(line_break())
    return paragraph


# The heading "Budget" adds one word to the ODT.
EXPECTED_ODT_WORDS = EXPECTED_WORDS + 1


def plain_text() -> str:
    paragraphs = [*PAGE_ONE, TABLE_CELL, *PAGE_TWO]
    return "\n\n".join("\n".join(lines) for lines in paragraphs)
