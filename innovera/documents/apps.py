from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class DocumentsConfig(registry.InnoveraAppConfig):
    name = "innovera.documents"
    label = "documents"
    verbose_name = _("Governing documents")
    permissions_module = "innovera.documents.permissions"
    api_urls = "innovera.documents.api.urls"
    demo_order = 60
    demo_loader = "innovera.documents.demo.demo_documents_load"
    # The table is public, but the menu is the office's daily tool: residents reach the
    # documents through the start page.
    menu = (
        registry.MenuEntry(
            label=_("Documents"),
            url_name="documents:table",
            action="document.upload",
            order=60,
        ),
    )
    cards = (
        registry.StartCard(
            title=_("Governing documents"),
            description=_("Concepts in the city's governing documents."),
            url_name="documents:table",
            action="document.list",
            order=60,
        ),
    )

    def recover_interrupted_work(self) -> str:
        from django.utils.translation import gettext

        from innovera.documents.services import recounts_recover

        ended = recounts_recover()
        if not ended:
            return ""
        return gettext("Document recounts: %(ended)s interrupted ones ended.") % {"ended": ended}

    def search(self, user: Any, query: str, limit: int) -> list[registry.SearchHit]:
        from innovera.core.permissions import can
        from innovera.documents import selectors

        if not query.strip() or not can(user, "document.list"):
            return []
        return [
            registry.SearchHit(
                kind=_("Governing document"),
                title=document.title,
                url=document.get_absolute_url(),
                summary=" · ".join(
                    part for part in (document.category, str(document.year or "")) if part
                ),
            )
            for document in selectors.search_titles(query=query.strip(), limit=limit)
        ]

    # Documents and family versions are public records: the uploader's link is kept as who
    # did it, and on erasure the link is removed (the records stay).
    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        from innovera.documents.models import ConceptFamily, Document, RecountJob

        return {
            "documents.Document": [
                {"title": title, "uploaded_at": uploaded.isoformat()}
                for title, uploaded in Document.objects.filter(uploaded_by=user).values_list(
                    "title", "uploaded_at"
                )
            ],
            "documents.ConceptFamily": [
                {"code": code, "version": version, "created_at": created.isoformat()}
                for code, version, created in ConceptFamily.objects.filter(
                    created_by=user
                ).values_list("code", "version", "created_at")
            ],
            "documents.RecountJob": [
                {"reason": reason, "created_at": created.isoformat()}
                for reason, created in RecountJob.objects.filter(created_by=user).values_list(
                    "reason", "created_at"
                )
            ],
        }

    def erase_personal_data(self, user: Any) -> None:
        from innovera.documents.models import ConceptFamily, Document, RecountJob

        Document.objects.filter(uploaded_by=user).update(uploaded_by=None)
        ConceptFamily.objects.filter(created_by=user).update(created_by=None)
        RecountJob.objects.filter(created_by=user).update(created_by=None)
