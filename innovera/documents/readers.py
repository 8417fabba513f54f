"""Reading an uploaded governing document into page texts: PDF, DOCX, ODT or plain text.

Every refusal is a `DocumentReadError` with one sentence for the person who uploaded the file;
nothing here touches the database, so a refused file leaves nothing stored.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from innovera.core.validators import CONTROL_CHARACTERS

# A DOCX or ODT is a zip; refuse one that would unpack to far more than any real document
# (a zip bomb) before a parser inflates it.
MAX_UNPACKED_BYTES = 500 * 1024 * 1024


class DocumentReadError(Exception):
    """The file cannot be read; the message is one sentence for the person."""


@dataclass(frozen=True)
class ReadText:
    kind: str  # "pdf", "docx", "odt", "txt"
    pages: list[str]

    @property
    def paged(self) -> bool:
        """Only a PDF has page numbers worth showing."""
        return self.kind == "pdf"


def max_bytes() -> int:
    return int(settings.DOCUMENTS_MAX_UPLOAD_BYTES)


def check_size(size: int) -> None:
    if size > max_bytes():
        raise DocumentReadError(
            _("The file is larger than the limit of %(limit)s.")
            % {"limit": filesizeformat(max_bytes())}
        )


def read_document(name: str, content: bytes) -> ReadText:
    """The page texts of a file, decided by its content (and its name for plain text)."""
    check_size(len(content))
    suffix = Path(name).suffix.lower()
    if content.startswith(b"%PDF"):
        result = ReadText("pdf", _read_pdf(content))
    elif content.startswith(b"PK\x03\x04"):
        result = _read_zip(content, suffix)
    elif suffix in {".txt", ".text", ".md", ""}:
        result = ReadText("txt", [_read_plain(content)])
    else:
        raise DocumentReadError(_unsupported())
    # The document's own text is kept, not refused: a form feed between PDF pages or a stray
    # control character from a word processor becomes a space, so words stay apart and the
    # pages and exports that show the text cannot break on it.
    result = ReadText(result.kind, [CONTROL_CHARACTERS.sub(" ", page) for page in result.pages])
    if not any(any(char.isalpha() for char in page) for page in result.pages):
        if result.kind == "pdf":
            raise DocumentReadError(_("The file has no text layer; it looks scanned."))
        raise DocumentReadError(_("The file contains no text."))
    return result


def _unsupported() -> str:
    return _("The file is not a PDF, DOCX, ODT or plain text file, or it is damaged.")


# PDFium marks a hyphen it saw at a line end with U+FFFE (some versions U+0002) and drops the
# line break; put both back so `analysis.normalise_pages` applies the issue's rule itself
# (joined only before a lower-case letter: "utveck-/ling" is one word, "Nya-/Stockholm" two).
PDFIUM_LINE_END_HYPHENS = str.maketrans({"\ufffe": "-\n", "\x02": "-\n"})


def _read_pdf(content: bytes) -> list[str]:
    """Page by page with PDFium (pypdfium2): pypdf, pure Python, needed 12 s of CPU for the
    benchmark's 300-page PDF, PDFium 0.5 s (benchmarks/RESULTS.md)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as exc:
        # A PDF encrypted only against editing opens with its empty password by itself; any
        # other password we cannot know.
        if "password" in str(exc).lower():
            raise DocumentReadError(
                _("The PDF is protected with a password; upload a copy without one.")
            ) from None
        raise DocumentReadError(_("The PDF is damaged and cannot be read.")) from None
    try:
        pages = []
        for page in document:
            text_page = page.get_textpage()
            pages.append(text_page.get_text_range().translate(PDFIUM_LINE_END_HYPHENS))
            text_page.close()
            page.close()
        return pages
    except Exception:  # PDFium reports damage inside pages in several ways; all mean the same
        raise DocumentReadError(_("The PDF is damaged and cannot be read.")) from None
    finally:
        document.close()


def _read_zip(content: bytes, suffix: str) -> ReadText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise DocumentReadError(_unsupported()) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentReadError(_unsupported())
    mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    try:
        if "word/document.xml" in names:
            return ReadText("docx", [_read_docx(content)])
        if mimetype == b"application/vnd.oasis.opendocument.text" or (
            suffix == ".odt" and "content.xml" in names
        ):
            return ReadText("odt", [_read_odt(content)])
    except DocumentReadError:
        raise
    except Exception:  # the parsers raise many kinds of error on damaged input
        raise DocumentReadError(_unsupported()) from None
    raise DocumentReadError(_unsupported())


def _read_docx(content: bytes) -> str:
    """Paragraphs and tables in document order (`.paragraphs` alone skips tables), then the
    headers and footers once each."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(content))
    lines: list[str] = []

    def walk(container: object) -> None:
        for block in container.iter_inner_content():  # type: ignore[attr-defined]
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                seen: set[int] = set()
                for row in block.rows:
                    for cell in row.cells:
                        # A merged cell is returned once per grid column it spans.
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(document)
    extra: dict[str, None] = {}
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            text = "\n".join(paragraph.text for paragraph in part.paragraphs).strip()
            if text:
                extra[text] = None
    return "\n".join([*lines, *extra])


def _read_odt(content: bytes) -> str:
    """Paragraphs and headings in document order, including those in tables and lists."""
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    document = load(io.BytesIO(content))
    lines: list[str] = []
    blocks = {(TEXTNS, "p"), (TEXTNS, "h")}

    def walk(node: object) -> None:
        for child in getattr(node, "childNodes", ()):
            if getattr(child, "qname", None) in blocks:
                lines.append(teletype.extractText(child))
            else:
                walk(child)

    walk(document.text)
    return "\n".join(lines)


def _read_plain(content: bytes) -> str:
    if b"\x00" in content[:8192]:
        raise DocumentReadError(_unsupported())
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentReadError(_("The text file is neither UTF-8 nor Windows-1252."))
