"""The URL walk's samples for the governing documents (see innovera/core/url_walk.py)."""

from __future__ import annotations

import itertools

from innovera.core.url_walk import Sample
from innovera.documents.demo import demo_documents_load
from innovera.documents.models import ConceptFamily, Document, RecountJob
from innovera.documents.services import document_add


def url_samples() -> dict[str, Sample]:
    demo_documents_load()
    document = Document.objects.filter(appendix_of__isnull=True).order_by("pk").first()
    family = ConceptFamily.objects.order_by("pk").first()
    assert document is not None and family is not None, "the demo has documents and families"
    job = RecountJob.objects.create(reason="Vandring")
    numbers = itertools.count(1)

    def fresh_document() -> dict[str, int]:
        # Deleting uses a document up: each request gets its own.
        added = document_add(
            title=f"Vandringens dokument {next(numbers)}",
            file_name="vandring.txt",
            content=b"Innovation och kvalitet.",
        )
        return {"pk": added.pk}

    on_document = {"pk": document.pk}
    in_context = {"pk": document.pk, "code": family.code}
    return {
        "documents:table": Sample(),
        "documents:table_export": Sample({"file_format": "csv"}),
        "documents:upload": Sample(),
        "documents:compare": Sample(),
        "documents:family_list": Sample(),
        # Without a name the office gets the form's error; nothing is created.
        "documents:family_create": Sample(method="post"),
        "documents:family_edit": Sample({"code": family.code}),
        "documents:recount": Sample({"pk": job.pk}),
        "documents:document_detail": Sample(on_document),
        "documents:document_edit": Sample(on_document, method="post"),
        "documents:document_delete": Sample(fresh_document, method="post"),
        "documents:keyword_in_context": Sample(in_context),
        "api:documents:table": Sample(),
        "documents:contexts_export": Sample({**in_context, "file_format": "csv"}),
    }
