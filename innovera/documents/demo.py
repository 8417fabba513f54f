"""Demo governing documents for `innovera demo`, made up for the demo and marked as such.

The texts are written here from neutral sentences and sentences holding one word of a family,
so their counts show the report's pattern (much "kvalitet" and "utveckling", little
"innovation"): two years of the Budget series, a vision, a programme and a procurement policy
with an appendix ("2 (+6)"). They go through the same service as an upload.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from innovera.documents.models import Document
from innovera.documents.services import document_add, families_ensure_defaults

MARK = "Detta dokument är påhittat för Innoveras demo och är inget av stadens styrdokument."

NEUTRAL = (
    "Staden ska ge invånarna en god service som är tillgänglig och kostnadseffektiv.",
    "Nämnderna ansvarar för att målen följs upp i varje tertial.",
    "Budgeten bygger på en stark ekonomi och en ansvarsfull hushållning med skattemedel.",
    "Alla barn ska gå i en trygg skola med behöriga lärare.",
    "Äldre ska få en omsorg med respekt för den enskildes önskemål.",
    "Bostadsbyggandet ska öka i alla delar av staden.",
    "Medarbetarnas delaktighet och engagemang är viktiga för verksamheten.",
    "Klimatarbetet ska minska utsläppen och göra staden hållbar.",
    "Stadens bolag ska ha en långsiktig och stabil ekonomi.",
    "Uppföljningen sker i stadens ledningssystem och redovisas till kommunstyrelsen.",
    "Samverkan med näringslivet och civilsamhället stärker stadens arbete.",
    "Kunderna ska mötas av ett gott bemötande och tydlig information.",
)

FORMS = {
    "kvalitet": (
        "kvalitet",
        "kvaliteten",
        "kvalitetsarbetet",
        "kvalitetsgranskning",
        "kvalitetssäkra",
    ),
    "fornyelse": ("förnyelse", "förnya", "förnyelsearbetet", "förnyas"),
    "utveckling": ("utveckling", "utveckla", "utvecklingen", "verksamhetsutveckling", "utvecklas"),
    "innovation": ("innovation", "innovativa", "innovationer", "innovationsupphandling"),
    "forandring": ("förändring", "förändringar", "förändras", "förändringsarbete"),
}

FRAMES = (
    "Staden ska arbeta med {w} i hela organisationen.",
    "Varje nämnd ska redovisa hur {w} bidrar till målen.",
    "Invånarna ska märka {w} i den dagliga servicen.",
    "Arbetet med {w} följs upp av kommunstyrelsen.",
)


@dataclass(frozen=True)
class DemoDocument:
    title: str
    category: str
    year: int
    counts: dict[str, int]
    neutral_sentences: int
    appendix_of: str | None = None


DEMO_DOCUMENTS = (
    DemoDocument(
        "Budget 2014 (demo)",
        "Budget",
        2014,
        {"kvalitet": 160, "fornyelse": 9, "utveckling": 35, "innovation": 20, "forandring": 30},
        2400,
    ),
    DemoDocument(
        "Budget 2026 (demo)",
        "Budget",
        2026,
        {"kvalitet": 140, "fornyelse": 16, "utveckling": 60, "innovation": 41, "forandring": 28},
        2200,
    ),
    DemoDocument(
        "Vision 2030 (demo)",
        "Vision",
        2013,
        {"kvalitet": 22, "fornyelse": 1, "utveckling": 58, "innovation": 14, "forandring": 4},
        700,
    ),
    DemoDocument(
        "Program för kvalitetsarbete (demo)",
        "Program",
        2013,
        {"kvalitet": 38, "fornyelse": 5, "utveckling": 53, "innovation": 1, "forandring": 0},
        900,
    ),
    DemoDocument(
        "Upphandlingspolicy (demo)",
        "Policy",
        2013,
        {"kvalitet": 2, "fornyelse": 0, "utveckling": 6, "innovation": 3, "forandring": 0},
        300,
    ),
    DemoDocument(
        "Upphandlingspolicy, bilaga (demo)",
        "Policy",
        2013,
        {"kvalitet": 6, "fornyelse": 0, "utveckling": 36, "innovation": 65, "forandring": 1},
        800,
        appendix_of="Upphandlingspolicy (demo)",
    ),
)


def demo_text(document: DemoDocument) -> str:
    """Neutral sentences with the family sentences spread among them, one word of a family
    each; deterministic, so every demo counts the same."""
    rng = random.Random(document.title)  # noqa: S311 - a fixed layout, not a secret
    sentences = [NEUTRAL[i % len(NEUTRAL)] for i in range(document.neutral_sentences)]
    for code, n in document.counts.items():
        for i in range(n):
            word = FORMS[code][i % len(FORMS[code])]
            frame = FRAMES[i % len(FRAMES)]
            sentences.insert(rng.randrange(len(sentences) + 1), frame.format(w=word))
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    return "\n\n".join([document.title, MARK, *paragraphs])


@transaction.atomic
def demo_documents_load() -> bool:
    """Create the demo documents that are missing; returns whether any was created."""
    families_ensure_defaults()
    created = False
    for item in DEMO_DOCUMENTS:
        if Document.objects.filter(title=item.title).exists():
            continue
        document_add(
            title=item.title,
            file_name=f"{item.title}.txt",
            content=demo_text(item).encode("utf-8"),
            category=item.category,
            year=item.year,
            appendix_of=(
                Document.objects.get(title=item.appendix_of) if item.appendix_of else None
            ),
            is_demo=True,
        )
        created = True
    return created
