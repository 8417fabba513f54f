"""The analysis from stored counts equals the analysis from the answers (issue 15).

Exactly equal: the same floats, not approximately. No database here; the stored path (import,
web answers, replace) is tested in ``test_counts_stored.py`` on both databases.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovera.surveys.analysis import (
    DONT_KNOW,
    EmptyRoundError,
    InvalidAnswerError,
    Response,
    analyse_round,
    text_answers,
    wilcoxon_p_value,
)
from innovera.surveys.analysis_counts import (
    TEXT_EXCERPT_SIZE,
    Tally,
    _Values,
    _wilcoxon_p_value,
    analyse_tallies,
    at_thresholds,
    tally_responses,
    text_excerpt,
)
from innovera.surveys.instrument import STOCKHOLM_2014, QuestionType, factor_code

TEMPLATE = STOCKHOLM_2014
SCALE_CODES = [q.code for q in TEMPLATE.questions_of_type(QuestionType.SCALE)]
YES_NO_CODES = [q.code for q in TEMPLATE.questions_of_type(QuestionType.YES_NO)]
MULTI_QUESTIONS = TEMPLATE.questions_of_type(QuestionType.MULTI)
TEXT_CODES = [q.code for q in TEMPLATE.questions_of_type(QuestionType.TEXT)]
FACTOR_KEYS = [f.key for f in TEMPLATE.factors]
ORG_TYPES = ["district", "department", "company"]

SCALE = st.sampled_from([1, 2, 3, 4, DONT_KNOW, None])
TEXT = st.sampled_from(["", "  ", "Ja", " öppen dörr ", "Åtgärd", "ärende", "Ärende", "zon", None])


@st.composite
def answers(draw: st.DrawFn) -> dict[str, object]:
    result: dict[str, object] = {code: draw(SCALE) for code in SCALE_CODES}
    result |= {code: draw(st.sampled_from([True, False, None])) for code in YES_NO_CODES}
    for question in MULTI_QUESTIONS:
        keys = [option.key for option in question.options]
        result[question.code] = sorted(draw(st.sets(st.sampled_from(keys), max_size=3)))
    for key in FACTOR_KEYS:
        result[factor_code(key, "importance")] = draw(SCALE)
        result[factor_code(key, "current")] = draw(SCALE)
    result |= {code: draw(TEXT) for code in TEXT_CODES}
    return {code: value for code, value in result.items() if value is not None}


@st.composite
def rounds(draw: st.DrawFn) -> list[Response]:
    """Up to 3 distinct answer sets, each given by 1, 2 or 14-30 respondents: the factors'
    Wilcoxon tests then take the exact paths (few pairs) and the normal approximation (many).
    Between 7 and 13 pairs the analysis of answers runs scipy's permutation test over up to
    8,192 sign flips, seconds each; that path is compared on its own below."""
    pool = draw(st.lists(answers(), min_size=1, max_size=3))
    repeats = [draw(st.sampled_from([1, 2, 14, 30])) for _ in pool]
    picks = [index for index, times in enumerate(repeats) for _ in range(times)]
    orgs = draw(st.lists(st.sampled_from(ORG_TYPES), min_size=len(picks), max_size=len(picks)))
    return [
        Response(respondent_id=f"r{number}", org_type=org, answers=pool[pick])
        for number, (pick, org) in enumerate(zip(picks, orgs, strict=True))
    ]


INVITED = st.dictionaries(st.sampled_from(ORG_TYPES), st.integers(0, 80), max_size=3)
THRESHOLDS = st.sampled_from([3.0, 2.5, (2.0, 3.5), "mean"])


def from_counts(responses: list[Response], invited: dict[str, int], **kwargs: Any) -> Any:
    # Through JSON, as the counts are stored.
    stored = {
        org: Tally.from_json(json.loads(json.dumps(tally.to_json())))
        for org, tally in tally_responses(responses, TEMPLATE).items()
    }
    return analyse_tallies(stored, invited, round_name="r", template=TEMPLATE, **kwargs)


@settings(max_examples=80, deadline=None)
@given(rounds(), INVITED, THRESHOLDS)
def test_the_analysis_from_counts_equals_the_analysis_from_the_answers(
    responses: list[Response], invited: dict[str, int], thresholds: Any
) -> None:
    expected = analyse_round(
        responses, invited, round_name="r", template=TEMPLATE, thresholds=thresholds
    )
    assert from_counts(responses, invited, thresholds=thresholds) == expected


@settings(max_examples=40, deadline=None)
@given(rounds(), THRESHOLDS)
def test_other_thresholds_only_move_the_placement_of_the_stored_analysis(
    responses: list[Response], thresholds: Any
) -> None:
    stored = from_counts(responses, {})
    expected = analyse_round(
        responses, {}, round_name="r", template=TEMPLATE, thresholds=thresholds
    )
    assert at_thresholds(stored, thresholds) == expected
    assert stored == analyse_round(responses, {}, round_name="r", template=TEMPLATE)


@settings(max_examples=40, deadline=None)
@given(rounds(), st.integers(min_value=0, max_value=90))
def test_the_counts_of_two_parts_add_up_to_the_counts_of_the_whole(
    responses: list[Response], cut: int
) -> None:
    whole = tally_responses(responses, TEMPLATE)
    parts = tally_responses(responses[:cut], TEMPLATE)
    for org, tally in tally_responses(responses[cut:], TEMPLATE).items():
        parts.setdefault(org, Tally()).add(tally)
    assert {org: t.to_json() for org, t in parts.items()} == {
        org: t.to_json() for org, t in whole.items()
    }


@pytest.mark.parametrize(
    "differences",
    [
        [1, 1, -1, 2, 2, -2, 3, 1, -1, 1, 2, 1, 1],  # 13 pairs with ties: 8,192 flips
        [1, -1, 1, -1, 2, 2, 0, 0, 3, -3],
        [2, 2, 2, 2, 2, 2, 2, -1],
        [1, 1],
        [-3, -2, -1],  # no ties: scipy's exact distribution, through the same function
    ],
)
def test_the_counted_permutation_test_equals_scipys_enumeration(differences: list[int]) -> None:
    counts: dict[int, int] = {}
    for difference in differences:
        counts[difference] = counts.get(difference, 0) + 1
    assert _wilcoxon_p_value(_Values(counts)) == wilcoxon_p_value(differences)


def test_the_free_text_excerpt_is_the_first_answers_in_swedish_order_capped() -> None:
    code = TEXT_CODES[0]
    texts = [f"{letter} svar {number}" for number in range(90) for letter in "öaÄz"]
    responses = [
        Response(f"r{i}", ORG_TYPES[i % 3], {code: f"  {text} "}) for i, text in enumerate(texts)
    ]
    excerpt = text_excerpt(tally_responses(responses, TEMPLATE), TEMPLATE)
    every = text_answers(responses, TEMPLATE)[code]
    assert excerpt[code] == {"count": 360, "first": every[:TEXT_EXCERPT_SIZE]}
    assert excerpt[code]["first"][0].startswith("a svar")
    assert all(entry["count"] == 0 for other, entry in excerpt.items() if other != code)


def test_an_empty_round_and_a_bad_answer_are_refused_as_by_the_analysis_of_answers() -> None:
    with pytest.raises(EmptyRoundError):
        analyse_tallies({}, {"district": 3}, round_name="r", template=TEMPLATE)
    with pytest.raises(InvalidAnswerError, match="r1"):
        tally_responses([Response("r1", "district", {SCALE_CODES[0]: 5})], TEMPLATE)
