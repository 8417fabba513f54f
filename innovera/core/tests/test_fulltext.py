"""The search text as the databases read it, and pg_trgm's similarity, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovera.core import fulltext

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöé -", min_size=0, max_size=40)


def test_words_are_stemmed_and_stop_words_left_out_as_postgresql_does() -> None:
    query = fulltext.fts5_expression("Digitala nycklar i hemtjänsten")

    # The same lexemes as websearch_to_tsquery('swedish', …): 'digital' & 'nyckl' & 'hemtjänst'.
    assert query.match == '"digital" AND "nyckl" AND "hemtjänst"'


def test_phrases_alternatives_and_exclusions_are_read_as_websearch_reads_them() -> None:
    assert fulltext.fts5_expression('"grön skolgård" -asfalt').match == (
        '("grön skolgård") NOT "asfalt"'
    )
    assert fulltext.fts5_expression("cykel or gång").match == '("cykel" OR "gång")'
    assert fulltext.fts5_expression("cykel or").match == '"cykel"'


def test_words_too_short_for_the_trigram_index_are_kept_for_a_plain_comparison() -> None:
    query = fulltext.fts5_expression("AI i skolan")

    assert query.match == '"skolan"'
    assert query.short_words == ("ai",)


def test_only_stop_words_or_only_exclusions_match_nothing() -> None:
    assert fulltext.fts5_expression("och i").match is None
    assert fulltext.fts5_expression("-parkering").match is None


def test_similar_titles_are_looked_for_with_every_stem_then_with_any_in_one_column() -> None:
    assert fulltext.stem_expressions("Nyckelfri hemtjänst", column="title") == [
        '{title} : ("nyckelfri" AND "hemtjänst")',
        '{title} : ("nyckelfri" OR "hemtjänst")',
    ]
    assert fulltext.stem_expressions("Hemtjänsten") == ['"hemtjänst"']
    assert fulltext.stem_expressions("och i") == []


@given(st.text(max_size=300))
def test_any_text_gives_an_expression_fts5_can_parse(text: str) -> None:
    import sqlite3

    query = fulltext.fts5_expression(text)
    if query.match is None:
        return
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(title, tokenize='trigram')")
    # Raises sqlite3.OperationalError on a malformed expression.
    connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (query.match,)).fetchall()


def test_the_issues_pair_is_similar_enough_to_be_suggested() -> None:
    score = fulltext.similarity("Digitala nycklar i hemtjänsten", "Nyckelfri hemtjänst")

    # pg_trgm's similarity() gives 0.34210527 for the same pair.
    assert score == pytest.approx(0.34210527, abs=1e-6)
    assert score >= 0.3


@given(words, words)
def test_similarity_is_symmetric_and_between_zero_and_one(a: str, b: str) -> None:
    assert fulltext.similarity(a, b) == fulltext.similarity(b, a)
    assert 0.0 <= fulltext.similarity(a, b) <= 1.0


@given(words)
def test_a_text_with_letters_is_wholly_similar_to_itself(text: str) -> None:
    expected = 1.0 if fulltext.trigrams(text) else 0.0

    assert fulltext.similarity(text, text.upper()) == expected
