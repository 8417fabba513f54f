"""Text sent to documents: what a person types is refused at the field when it holds a control
character or is too long; a document's own text is kept with its control characters made
spaces (issue 8, findings 2 and 13). The documents API only reads."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from innovera.documents.demo import demo_documents_load
from innovera.documents.models import ConceptFamily, Document
from innovera.documents.readers import read_document

pytestmark = pytest.mark.django_db

CONTROL = "osynligt styrtecken"


def test_the_upload_form_refuses_a_control_character_in_the_title_and_keeps_it(
    office_client: Client,
) -> None:
    upload = SimpleUploadedFile("a.txt", b"kvalitet och innovation")

    response = office_client.post(
        reverse("documents:upload"), {"file": upload, "title": "Budget\x0b2026", "year": "2026"}
    )

    html = response.content.decode()
    assert CONTROL in html and "Budget\x0b2026" in html
    assert not Document.objects.exists()


def test_the_family_form_refuses_a_control_character_and_over_2000_characters(
    office_client: Client,
) -> None:
    demo_documents_load()
    url = reverse("documents:family_edit", kwargs={"code": "innovation"})

    control = office_client.post(url, {"label": "Innovation", "stems": "innova\x1f, förny"})
    long = office_client.post(url, {"label": "Innovation", "stems": "innova," * 300})

    assert CONTROL in control.content.decode()
    assert "Skriv högst 2000 tecken (du har skrivit 2100)" in long.content.decode()
    assert ConceptFamily.objects.filter(code="innovation").count() == 1


def test_a_documents_own_control_characters_become_spaces_when_it_is_read() -> None:
    read = read_document("plan.txt", b"innovation\x0cf\xc3\xb6rnyelse\x0bkvalitet")

    assert read.pages == ["innovation förnyelse kvalitet"]


def test_an_uploaded_text_with_a_form_feed_is_stored_without_it(office_client: Client) -> None:
    upload = SimpleUploadedFile("a.txt", b"kvalitet\x0cinnovation")

    office_client.post(reverse("documents:upload"), {"file": upload, "title": "Plan"})

    assert Document.objects.get(title="Plan").text == "kvalitet innovation"
