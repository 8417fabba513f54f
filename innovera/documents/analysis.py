"""Concept counts in Swedish text (the report's §5.2), as functions over plain data.

A document is a list of page texts. `normalise()` prepares them for counting (NFKC, soft
hyphens, words split over line ends); `tokens()` finds the words, maximal runs of letters;
`count()` counts how many words belong to each concept family. A word belongs to a family when,
in lower case, it contains one of the family's stems and none of its exclusions, so one stem
catches the inflections and compounds ("innovationerna", "verksamhetsutveckling") and a word
may count for several families ("kvalitetsutveckling"). Counting goes over the distinct word
forms, each tested once, which keeps it far above a million words a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

PAGE_BREAK = "\f"
SOFT_HYPHEN = "\u00ad"
PER = 10_000
CONTEXT_WORDS = 8

# Letters only: \w without digits and the underscore. Python's \w also admits characters that
# are numeric but not letters (Roman numerals, some scripts' number signs); `_letters_only`
# drops those few, which NFKC has mostly turned into ASCII already.
WORD = re.compile(r"[^\W\d_]+")
# A hyphen at the end of a line (trailing blanks allowed), the line break (a page break counts),
# blanks, and the first letters of the next line. Whether it is joined depends on the case of
# that first letter, decided in `_join`.
LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010][ \t]*([\r\n\f][\s]*)([^\W\d_]+)")


@dataclass(frozen=True)
class Family:
    code: str
    label: str
    stems: tuple[str, ...]
    exclusions: tuple[str, ...] = ()

    def matches(self, word: str) -> bool:
        """Whether a lower-case word counts for this family."""
        return any(stem in word for stem in self.stems) and not any(
            exclusion in word for exclusion in self.exclusions
        )


DEFAULT_FAMILIES: tuple[Family, ...] = (
    Family("kvalitet", "Kvalitet", ("kvalitet",)),
    Family("fornyelse", "Förnyelse", ("förny",), ("förnyb",)),
    Family("utveckling", "Utveckling/utveckla", ("utveckl",), ("utvecklingsstörning",)),
    Family("innovation", "Innovation/innovativ", ("innova",)),
    Family("forandring", "Förändring", ("förändr",), ("oförändr",)),
)


def normalise_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """Stems and exclusions as they are compared: NFKC, lower case, no blanks, no duplicates."""
    seen: dict[str, None] = {}
    for term in terms:
        cleaned = unicodedata.normalize("NFKC", term).strip().lower()
        if cleaned:
            seen[cleaned] = None
    return tuple(seen)


def _join(match: re.Match[str]) -> str:
    fragment = match.group(2)
    if not fragment[0].islower():
        return match.group(0)
    # The word is joined on the line where it starts; page breaks inside the gap move behind
    # it so every later word stays on its own page.
    return fragment + PAGE_BREAK * match.group(1).count(PAGE_BREAK)


def normalise_pages(pages: Sequence[str]) -> list[str]:
    """NFKC (ligatures such as "ﬁ" become "fi"), soft hyphens dropped, and a hyphen that ends a
    line directly before a lower-case letter joined with the next line, also across pages.
    "kvalitets- och förnyelsearbete" on one line keeps its hyphen and stays two words."""
    joined = PAGE_BREAK.join(page.replace(PAGE_BREAK, "\n") for page in pages)
    text = unicodedata.normalize("NFKC", joined).replace(SOFT_HYPHEN, "")
    text = LINE_END_HYPHEN.sub(_join, text)
    return text.split(PAGE_BREAK)


def normalise(text: str) -> str:
    return PAGE_BREAK.join(normalise_pages(text.split(PAGE_BREAK)))


def _letters_only(words: list[str]) -> list[str]:
    if all(word.isalpha() for word in words):
        return words
    cleaned: list[str] = []
    for word in words:
        if word.isalpha():
            cleaned.append(word)
        else:
            cleaned.extend(
                re.findall(r"[^\W\d_]+", "".join(c if c.isalpha() else " " for c in word))
            )
    return cleaned


def tokens(text: str) -> list[str]:
    """The words of a normalised text, in lower case."""
    return _letters_only(WORD.findall(text.lower()))


def word_forms(text: str) -> Counter[str]:
    """Each distinct lower-case word form and how often it occurs. The letters-only check
    runs over the distinct forms, not every word: a tenth of the work on a long text."""
    forms = Counter(WORD.findall(text.lower()))
    odd = [form for form in forms if not form.isalpha()]
    for form in odd:
        n = forms.pop(form)
        for part in _letters_only([form]):
            forms[part] += n
    return forms


def count_forms(forms: Mapping[str, int], families: Sequence[Family]) -> dict[str, int]:
    counts = dict.fromkeys((family.code for family in families), 0)
    for form, n in forms.items():
        for family in families:
            if family.matches(form):
                counts[family.code] += n
    return counts


@dataclass(frozen=True)
class TextCount:
    words: int
    counts: dict[str, int]


def count(text: str, families: Sequence[Family]) -> TextCount:
    """Words and per-family counts of a normalised text."""
    forms = word_forms(text)
    return TextCount(words=sum(forms.values()), counts=count_forms(forms, families))


def per_10000(n: int, words: int) -> float | None:
    """Occurrences per 10,000 words; None for a text without words."""
    return n * PER / words if words else None


@dataclass(frozen=True)
class Context:
    """One occurrence: the words before it, the word as written, the words after it."""

    page: int | None
    before: str
    match: str
    after: str

    @property
    def form(self) -> str:
        return self.match.lower()


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def contexts(
    pages: Sequence[str],
    family: Family,
    *,
    width: int = CONTEXT_WORDS,
    paged: bool = True,
    form: str | None = None,
) -> list[Context]:
    """Every occurrence of the family's words in normalised pages, with `width` words on
    either side (across page breaks) and the page it is on (1-based) when the source has
    pages. With `form`, only that lower-case word form."""
    text = PAGE_BREAK.join(pages)
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    page_starts = [0] + [m.end() for m in re.finditer(PAGE_BREAK, text)]
    found: list[Context] = []
    page = 0
    for i, (start, end) in enumerate(spans):
        word = text[start:end].lower()
        if not family.matches(word) or (form is not None and word != form):
            continue
        while page + 1 < len(page_starts) and page_starts[page + 1] <= start:
            page += 1
        first = spans[max(0, i - width)][0]
        last = spans[min(len(spans) - 1, i + width)][1]
        found.append(
            Context(
                page=page + 1 if paged else None,
                before=_squeeze(text[first:start]),
                match=text[start:end],
                after=_squeeze(text[end:last]),
            )
        )
    return found


def forms_of(pages: Sequence[str], family: Family) -> list[tuple[str, int]]:
    """The distinct word forms the family caught, most frequent first, then alphabetical."""
    forms = word_forms(PAGE_BREAK.join(pages))
    caught = [(form, n) for form, n in forms.items() if family.matches(form)]
    return sorted(caught, key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class Change:
    code: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def compare(before: TextCount, after: TextCount, families: Sequence[Family]) -> list[Change]:
    """The change per family between two texts, per 10,000 words."""
    return [
        Change(
            code=family.code,
            before=per_10000(before.counts.get(family.code, 0), before.words),
            after=per_10000(after.counts.get(family.code, 0), after.words),
        )
        for family in families
    ]


def combine(counts: Iterable[TextCount]) -> TextCount:
    """Several texts counted as one (a year's documents of a category, a document's appendices)."""
    words = 0
    total: Counter[str] = Counter()
    for item in counts:
        words += item.words
        total.update(item.counts)
    return TextCount(words=words, counts=dict(total))
