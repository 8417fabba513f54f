"""Search text → what the databases search for, and how alike two titles are. Pure functions.

PostgreSQL reads a search box with `websearch_to_tsquery('swedish', …)`: words are stemmed
with Snowball's Swedish stemmer, stop words are left out, `"…"` is a phrase, `or` is an
alternative and `-word` excludes. `fts5_expression` writes the same reading as an SQLite FTS5
query for a table with the trigram tokenizer, which matches substrings: a stem such as
"hemtjänst" then finds "hemtjänsten" and "hemtjänstens" as PostgreSQL's stemmed index does.

`similarity` is pg_trgm's `similarity()` (shared trigrams over all trigrams, each word padded
with two spaces before and one after), so the similar-idea suggestions rank alike on both.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import snowballstemmer

# The trigram tokenizer cannot match anything shorter than one trigram.
TRIGRAM = 3
MAX_TERMS = 12
_TOKENS = re.compile(r'(-?)"([^"]*)"?|(-?)(\w+)')
_WORDS = re.compile(r"\w+")
# pg_trgm's words: letters and digits only (an underscore separates words).
_TRIGRAM_WORDS = re.compile(r"[^\W_]+")


@functools.cache
def stop_words() -> frozenset[str]:
    text = resources.files("innovera.core").joinpath("swedish_stop_words.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("swedish")


def stem(word: str) -> str:
    return str(_stemmer().stemWord(word.lower()))


def stems(text: str) -> list[str]:
    """The distinct stems of the text's words, stop words and too-short stems left out, in
    the order they first occur."""
    found: dict[str, None] = {}
    for word in _WORDS.findall(text.lower()):
        if word in stop_words():
            continue
        term = stem(word)
        if len(term) >= TRIGRAM:
            found[term] = None
    return list(found)[:MAX_TERMS]


@dataclass(frozen=True)
class Fts5Query:
    """`match` is the FTS5 expression (None: nothing an FTS5 trigram index can answer);
    `short_words` are words of one or two letters ("AI", "IT"), which the index cannot
    hold and which are matched by a plain substring comparison instead."""

    match: str | None
    short_words: tuple[str, ...] = ()


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(text: str, *, column: str | None = None) -> Fts5Query:
    """The search box's text as an FTS5 expression, read as websearch_to_tsquery reads it."""
    clauses: list[list[str]] = []  # AND of ORs
    excluded: list[str] = []
    short: list[str] = []
    join_next = False
    for minus, phrase, word_minus, word in _TOKENS.findall(text[:500]):
        negative = bool(minus or word_minus)
        if word and word.lower() == "or" and not negative:
            join_next = bool(clauses)
            continue
        if phrase:
            # A phrase is matched as written (case aside): the words next to each other.
            term = " ".join(_WORDS.findall(phrase.lower()))
            if len(term) < TRIGRAM:
                join_next = False
                continue
        else:
            lowered = word.lower()
            if lowered in stop_words():
                join_next = False
                continue
            term = stem(lowered)
            if len(term) < TRIGRAM:
                if len(lowered) >= TRIGRAM:
                    term = lowered
                else:
                    if not negative:
                        short.append(lowered)
                    join_next = False
                    continue
        if negative:
            excluded.append(_quoted(term))
        elif join_next:
            clauses[-1].append(_quoted(term))
        else:
            clauses.append([_quoted(term)])
        join_next = False
    clauses = clauses[:MAX_TERMS]
    if not clauses:
        return Fts5Query(None, tuple(short))
    expression = " AND ".join(
        clause[0] if len(clause) == 1 else "(" + " OR ".join(clause) + ")" for clause in clauses
    )
    if excluded:
        expression = f"({expression})" + "".join(f" NOT {term}" for term in excluded)
    if column:
        expression = f"{{{column}}} : ({expression})"
    return Fts5Query(expression, tuple(short))


def stem_expressions(text: str, *, column: str | None = None) -> list[str]:
    """The candidates for "ideas like this one": every stem of the text, then any of them
    (only the first when there is one stem)."""
    terms = [_quoted(term) for term in stems(text)]
    if not terms:
        return []
    expressions = [" AND ".join(terms)]
    if len(terms) > 1:
        expressions.append(" OR ".join(terms))
    return [
        f"{{{column}}} : ({expression})" if column else expression for expression in expressions
    ]


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: per word of letters and digits, lower-cased, padded "  word "."""
    found: set[str] = set()
    for word in _TRIGRAM_WORDS.findall(text.lower()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(found)


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(a, b): shared trigrams over all trigrams, 0 to 1."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)
