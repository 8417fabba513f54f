"""The counting rules of issue 13 as pure functions: hand-made cases and properties."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovera.documents.analysis import (
    DEFAULT_FAMILIES,
    Family,
    TextCount,
    combine,
    compare,
    contexts,
    count,
    forms_of,
    normalise,
    normalise_pages,
    normalise_terms,
    per_10000,
    tokens,
)

FAMILIES = {family.code: family for family in DEFAULT_FAMILIES}


def counts(text: str) -> dict[str, int]:
    return count(normalise(text), DEFAULT_FAMILIES).counts


def test_a_hyphen_at_a_line_end_before_a_lower_case_letter_joins_the_word() -> None:
    assert tokens(normalise("utveck-\nling")) == ["utveckling"]
    assert tokens(normalise("utveck-  \r\n   lingen")) == ["utvecklingen"]
    assert counts("verksamhetsutveck-\nling")["utveckling"] == 1


def test_an_elided_compound_on_one_line_stays_two_words() -> None:
    assert tokens(normalise("kvalitets- och förnyelsearbete")) == [
        "kvalitets",
        "och",
        "förnyelsearbete",
    ]
    assert counts("kvalitets- och förnyelsearbete") == {
        "kvalitet": 1,
        "fornyelse": 1,
        "utveckling": 0,
        "innovation": 0,
        "forandring": 0,
    }


def test_a_hyphen_before_a_capital_on_the_next_line_is_kept() -> None:
    assert tokens(normalise("Nya-\nStockholm")) == ["nya", "stockholm"]


def test_a_word_split_over_a_page_break_counts_on_the_page_where_it_starts() -> None:
    pages = normalise_pages(["Vår utveck-", "ling fortsätter här"])
    assert pages == ["Vår utveckling", " fortsätter här"]
    [found] = contexts(pages, FAMILIES["utveckling"])
    assert (found.page, found.match) == (1, "utveckling")


def test_ligatures_and_soft_hyphens_are_normalised_away() -> None:
    # "ﬁ" is one ligature character; U+00AD is a soft hyphen inside a word.
    assert tokens(normalise("ﬁnns inno\u00advation")) == ["finns", "innovation"]
    assert counts("inno\u00advationer")["innovation"] == 1


def test_words_are_maximal_runs_of_letters() -> None:
    assert tokens("Budget 2014–2016: kvalitet/utveckling, e-tjänst_x") == [
        "budget",
        "kvalitet",
        "utveckling",
        "e",
        "tjänst",
        "x",
    ]


CODES = ("kvalitet", "fornyelse", "utveckling", "innovation", "forandring")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "kvalitetsutveckling",
            (1, 0, 1, 0, 0),
            id="a-word-counts-for-every-family-whose-stem-it-holds",
        ),
        pytest.param(
            "förnybar förnybara oförändrad oförändrat utvecklingsstörning förändring förnyelse",
            (0, 1, 0, 0, 1),
            id="exclusions-keep-words-out-of-a-family",
        ),
        pytest.param(
            "INNOVATIONERNA Innovativa verksamhetsutveckling Förändringsarbete Kvaliteten",
            (1, 0, 1, 2, 1),
            id="inflections-and-compounds-are-caught-in-any-case",
        ),
    ],
)
def test_words_count_for_the_families_whose_stems_they_hold(
    text: str, expected: tuple[int, ...]
) -> None:
    assert counts(text) == dict(zip(CODES, expected, strict=True))


def test_per_10000_words_compares_long_and_short_texts() -> None:
    assert per_10000(22, 40_000) == 5.5
    assert per_10000(3, 0) is None


def test_keyword_in_context_gives_eight_words_either_side_and_the_page() -> None:
    before = " ".join(["ord"] * 10)
    after = " ".join(["text"] * 10)
    pages = normalise_pages(["inledning", f"{before} Innovationer, {after}"])
    [found] = contexts(pages, FAMILIES["innovation"])
    assert found.page == 2
    assert found.match == "Innovationer"
    assert found.before == " ".join(["ord"] * 8)
    assert found.after == ", " + " ".join(["text"] * 8)
    assert found.form == "innovationer"


def test_keyword_in_context_filters_by_word_form_and_lists_the_forms() -> None:
    pages = ["innovation och innovationer, mer innovation och innovativa"]
    family = FAMILIES["innovation"]
    assert [c.match for c in contexts(pages, family, form="innovation")] == [
        "innovation",
        "innovation",
    ]
    assert forms_of(pages, family) == [("innovation", 2), ("innovationer", 1), ("innovativa", 1)]


def test_contexts_without_pages_have_no_page_number() -> None:
    [found] = contexts(["en kvalitet"], FAMILIES["kvalitet"], paged=False)
    assert found.page is None


def test_comparison_is_the_change_per_10000_words() -> None:
    before = TextCount(words=10_000, counts={"innovation": 2})
    after = TextCount(words=20_000, counts={"innovation": 10})
    [change] = compare(before, after, [FAMILIES["innovation"]])
    assert (change.before, change.after, change.change) == (2.0, 5.0, 3.0)
    assert combine([before, after]) == TextCount(words=30_000, counts={"innovation": 12})


def test_terms_are_compared_in_lower_case_without_duplicates() -> None:
    assert normalise_terms([" Innova ", "innova", "", "FÖRNY"]) == ("innova", "förny")


# --- properties -----------------------------------------------------------------------------

letters = st.text(alphabet=st.characters(categories=("Ll", "Lu")), min_size=1, max_size=12)
text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]) | st.sampled_from("-\n\f \u00ad"),
    max_size=200,
)


@given(text)
def test_every_token_is_made_of_letters_only(source: str) -> None:
    assert all(word.isalpha() for word in tokens(normalise(source)))


@given(text)
def test_normalising_keeps_the_number_of_pages(source: str) -> None:
    pages = source.split("\f")
    assert len(normalise_pages(pages)) == len(pages)


@given(text)
def test_normalising_twice_changes_nothing(source: str) -> None:
    once = normalise(source)
    assert normalise(once) == once


@given(st.lists(letters, max_size=60))
def test_counts_equal_the_rule_applied_word_by_word(words: list[str]) -> None:
    source = " ".join(words)
    result = count(normalise(source), DEFAULT_FAMILIES)
    lowered = tokens(normalise(source))
    assert result.words == len(lowered)
    for family in DEFAULT_FAMILIES:
        expected = sum(
            1
            for word in lowered
            if any(s in word for s in family.stems)
            and not any(e in word for e in family.exclusions)
        )
        assert result.counts[family.code] == expected


@given(
    st.lists(
        st.sampled_from(["kvalitet", "innovation", "och", "förnybar", "utveckla"]), max_size=50
    )
)
def test_contexts_find_every_counted_occurrence(words: list[str]) -> None:
    pages = normalise_pages([" ".join(words)])
    for family in DEFAULT_FAMILIES:
        assert len(contexts(pages, family)) == count(pages[0], [family]).counts[family.code]


@given(st.lists(letters, min_size=1, max_size=30), st.integers(min_value=1, max_value=5))
def test_splitting_a_lower_case_word_over_a_line_end_does_not_change_the_counts(
    words: list[str], cut: int
) -> None:
    word = "utveckling" + words[0].lower()
    split = word[:cut] + "-\n" + word[cut:]
    assert count(normalise(split), DEFAULT_FAMILIES) == count(normalise(word), DEFAULT_FAMILIES)


def test_a_custom_family_counts_with_its_own_stems() -> None:
    family = Family("digital", "Digital", ("digital",), ("digitalisering",))
    assert count("digitala digitalisering Digitalt", [family]).counts == {"digital": 2}
    assert Counter(tokens("a a b")) == Counter({"a": 2, "b": 1})


@given(text)
def test_word_forms_are_the_tokens_counted(source: str) -> None:
    from innovera.documents.analysis import word_forms

    normalised = normalise(source)
    assert word_forms(normalised) == Counter(tokens(normalised))
