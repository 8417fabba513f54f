"""The permission table of the documents app.

Governing documents are public records (the principle of public access, offentlighetsprincipen),
and the counts are facts about them: anyone may read the table, the keyword-in-context pages,
the comparisons and the exports. Uploading, removing documents and editing the concept families
is the innovation office's work. Asked through `core.permissions.can`.
"""

from __future__ import annotations

from innovera.organisations.permissions import Predicate, anyone, is_innovation_office

PERMISSIONS: dict[str, Predicate] = {
    "document.list": anyone,
    "document.view": anyone,
    "document.export": anyone,
    "document.upload": is_innovation_office,
    "document.delete": is_innovation_office,
    "family.list": anyone,
    "family.edit": is_innovation_office,
}
