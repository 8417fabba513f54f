"""Files built in the test are read and counted; bad files are refused and store nothing."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.test import override_settings

from innovera.core.exceptions import ApplicationError
from innovera.documents.models import Document
from innovera.documents.readers import DocumentReadError, read_document
from innovera.documents.services import document_add
from innovera.documents.tests import files

pytestmark = pytest.mark.django_db


def add(name: str, content: bytes, title: str = "Budget 2026") -> Document:
    return document_add(title=title, file_name=name, content=content, category="Budget", year=2026)


def test_a_pdf_built_here_is_counted_for_every_family_with_its_pages() -> None:
    document = add("budget.pdf", files.build_pdf())
    assert document.counts == files.EXPECTED
    assert document.words == files.EXPECTED_WORDS
    assert (document.kind, document.page_count) == ("pdf", 2)
    # The word split over a line end on page two is found there.
    assert "utveckling på sidan två" in document.pages()[1]


def test_a_docx_is_counted_including_the_text_of_its_tables_and_header() -> None:
    document = add("budget.docx", files.build_docx())
    assert document.counts == files.EXPECTED
    assert document.words == files.EXPECTED_DOCX_WORDS
    assert "Innovationerna och innovativa" in document.text
    assert "Stockholms stad" in document.text


def test_an_odt_is_counted_including_its_tables() -> None:
    document = add("budget.odt", files.build_odt())
    assert document.counts == files.EXPECTED
    assert document.words == files.EXPECTED_ODT_WORDS
    assert document.kind == "odt"


def test_plain_text_in_utf8_or_windows_1252_is_counted() -> None:
    assert add("a.txt", files.plain_text().encode("utf-8"), "A").counts == files.EXPECTED
    assert add("b.txt", files.plain_text().encode("cp1252"), "B").counts == files.EXPECTED


def test_a_pdf_encrypted_only_against_editing_is_read() -> None:
    document = add("open.pdf", files.build_encrypted_pdf(password=""))
    assert document.counts == files.EXPECTED


BAD_FILES = [
    (
        "scan.pdf",
        files.build_scanned_pdf,
        "Filen har inget textlager; den ser ut att vara inskannad.",
    ),
    (
        "locked.pdf",
        files.build_encrypted_pdf,
        "PDF-filen är skyddad med lösenord; ladda upp en kopia utan lösenord.",
    ),
    (
        "broken.pdf",
        lambda: b"%PDF-1.7\n1 0 obj << /Kids [",
        "PDF-filen är skadad och kan inte läsas.",
    ),
    (
        "broken.docx",
        lambda: b"PK\x03\x04 not really a zip",
        "Filen är inte en PDF-, DOCX-, ODT- eller textfil, eller så är den skadad.",
    ),
    (
        "picture.png",
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(100),
        "Filen är inte en PDF-, DOCX-, ODT- eller textfil, eller så är den skadad.",
    ),
    ("empty.txt", lambda: b"   \n 2014 \n", "Filen innehåller ingen text."),
]


@pytest.mark.parametrize(("name", "build", "sentence"), BAD_FILES)
def test_a_bad_file_is_refused_with_one_sentence_and_nothing_is_stored(
    name: str, build: object, sentence: str
) -> None:
    content = build()  # type: ignore[operator]
    with pytest.raises(ApplicationError) as refused:
        add(name, content)
    assert refused.value.field == "file"
    assert str(refused.value.message) == sentence
    assert not Document.objects.exists()


@override_settings(DOCUMENTS_MAX_UPLOAD_BYTES=1000)
def test_a_file_over_the_limit_is_refused_before_it_is_read() -> None:
    with pytest.raises(ApplicationError) as refused:
        add("big.txt", b"kvalitet " * 200)
    assert str(refused.value.message) == "Filen är större än gränsen på 1000\xa0byte."
    assert not Document.objects.exists()


def test_a_zip_that_would_unpack_to_gigabytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("innovera.documents.readers.MAX_UNPACKED_BYTES", 1000)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 100_000)
    with pytest.raises(DocumentReadError):
        read_document("bomb.docx", buffer.getvalue())


def test_the_refusals_are_in_english_for_english_pages() -> None:
    from django.utils import translation

    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        add("scan.pdf", files.build_scanned_pdf())
    assert str(refused.value.message) == "The file has no text layer; it looks scanned."


def test_an_appendix_takes_its_documents_category_and_year_and_cannot_have_appendices() -> None:
    policy = add("policy.txt", b"kvalitet", "Upphandlingspolicy")
    appendix = document_add(
        title="Bilaga", file_name="bilaga.txt", content=b"innovation", appendix_of=policy
    )
    assert (appendix.category, appendix.year) == ("Budget", 2026)
    with pytest.raises(ApplicationError) as refused:
        document_add(title="Bilaga 2", file_name="b.txt", content=b"x", appendix_of=appendix)
    assert refused.value.field == "appendix_of"


def test_two_documents_cannot_share_a_title() -> None:
    add("a.txt", b"kvalitet")
    with pytest.raises(ApplicationError) as refused:
        add("b.txt", b"kvalitet")
    assert refused.value.field == "title"
    assert Document.objects.count() == 1
