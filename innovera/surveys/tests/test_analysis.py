"""Behaviour of the survey-analysis layer (contract: survey-instrument.md §1 and §3).

Every expected number below is worked out by hand in the comment next to it, so a wrong formula
fails. No database: the analysis takes plain records.
"""

from __future__ import annotations

import json
import math
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
    classify_quadrant,
    holm_adjust,
    is_near_line,
    suppress_small_cells,
    t_interval,
    text_answers,
    wilcoxon_p_value,
)
from innovera.surveys.instrument import (
    STOCKHOLM_2014,
    QuestionType,
    factor_code,
    render_org,
)
from innovera.surveys.management.commands._table import format_table

INVITED = {"district": 14, "department": 15, "company": 14}
SCALE_CODES = [q.code for q in STOCKHOLM_2014.questions_of_type(QuestionType.SCALE)]
YES_NO_CODES = [q.code for q in STOCKHOLM_2014.questions_of_type(QuestionType.YES_NO)]
MULTI_QUESTIONS = STOCKHOLM_2014.questions_of_type(QuestionType.MULTI)
FACTOR_KEYS = [f.key for f in STOCKHOLM_2014.factors]


def respondent(number: int, org_type: str = "district", /, **answers: object) -> Response:
    return Response(respondent_id=f"r{number}", org_type=org_type, answers=answers)


def rated(imp: object, cur: object, key: str = "curiosity") -> dict[str, object]:
    """Answers of one respondent rating one factor (importance, today)."""
    return {factor_code(key, "importance"): imp, factor_code(key, "current"): cur}


def analyse(responses: list[Response], **kwargs: Any) -> Any:
    kwargs.setdefault("round_name", "2014")
    return analyse_round(responses, kwargs.pop("invited", INVITED), **kwargs)


# --- the instrument -------------------------------------------------------------------------


def test_it_reconstructs_the_21_questions_7_self_assessments_and_16_factors() -> None:
    assert [q.number for q in STOCKHOLM_2014.questions] == list(range(1, 22))
    assert SCALE_CODES == [
        "sa_overall",
        "sa_managers",
        "sa_customer",
        "sa_culture",
        "sa_receive",
        "sa_spread",
        "sa_procurement",
    ]
    assert len(FACTOR_KEYS) == 16
    grid = STOCKHOLM_2014.factor_grid
    assert grid is not None
    assert grid.importance_scale is not None
    assert grid.current_scale is not None
    assert not grid.importance_scale.allows_dont_know
    assert grid.current_scale.allows_dont_know
    assert [f.key for f in STOCKHOLM_2014.factors if f.inferred] == [
        "employee_competence",
        "external_collaboration",
    ]


def test_it_renders_the_org_placeholder_with_the_swedish_genitive() -> None:
    factor = next(f for f in STOCKHOLM_2014.factors if f.key == "city_leadership_competence")
    assert factor.text("Stockholms stad") == "Kunskap och kompetens hos Stockholms stads ledning"
    assert factor.text("Västerås") == "Kunskap och kompetens hos Västerås ledning"
    assert factor.text("Malmö stad", "en") == "Knowledge and competence of Malmö stad's leadership"
    assert render_org("{org} och {org}s", "Umeå") == "Umeå och Umeås"


# --- response rate and the empty round ------------------------------------------------------


def test_it_computes_the_response_rate_overall_and_per_org_type() -> None:
    responses = [respondent(1), respondent(2), respondent(3, "department")]
    result = analyse(responses, invited={"company": 1, "department": 4, "district": 2})
    assert (result["invited"], result["responded"]) == (7, 3)
    assert result["response_rate"] == pytest.approx(3 / 7)
    assert result["by_org_type"] == {  # report order: district, department, company
        "district": {"invited": 2, "responded": 2, "response_rate": 1.0},
        "department": {"invited": 4, "responded": 1, "response_rate": 0.25},
        "company": {"invited": 1, "responded": 0, "response_rate": 0.0},
    }
    assert list(result["by_org_type"]) == ["district", "department", "company"]


def test_it_gives_no_rate_rather_than_dividing_by_zero_invitations() -> None:
    result = analyse([respondent(1, "foundation")], invited={})
    assert result["response_rate"] is None
    assert result["by_org_type"] == {
        "foundation": {"invited": 0, "responded": 1, "response_rate": None}
    }


def test_it_refuses_an_empty_round_with_its_own_error() -> None:
    with pytest.raises(EmptyRoundError, match="no responses") as caught:
        analyse([])
    assert not isinstance(caught.value, ZeroDivisionError)


def test_it_refuses_duplicate_respondents_unknown_codes_and_bad_invitations() -> None:
    with pytest.raises(InvalidAnswerError, match="duplicate respondent_id 'r1'"):
        analyse([respondent(1), respondent(1)])
    with pytest.raises(InvalidAnswerError, match="sa_overal"):
        analyse([respondent(1, sa_overal=3)])
    with pytest.raises(ValueError, match="invited"):
        analyse([respondent(1)], invited={"district": -1})


# --- scale items ----------------------------------------------------------------------------


def test_it_summarises_a_scale_item_over_the_valid_answers_only() -> None:
    responses = [
        respondent(1, sa_overall=1),
        respondent(2, sa_overall=2),
        respondent(3, "department", sa_overall=2),
        respondent(4, "department", sa_overall=4),
        respondent(5, sa_overall=DONT_KNOW),
        respondent(6, sa_overall=None),
        respondent(7),
    ]
    item = analyse(responses)["items"]["sa_overall"]
    # valid 1, 2, 2, 4: mean 9/4; squared deviations 1.5625 + 0.0625 + 0.0625 + 3.0625 = 4.75
    assert item["type"] == "scale"
    assert item["n"] == 4
    assert item["mean"] == 2.25
    assert item["sd"] == pytest.approx(math.sqrt(4.75 / 3))
    assert (item["dont_know"], item["missing"]) == (1, 2)
    assert item["distribution"] == {"1": 1, "2": 2, "3": 0, "4": 1}
    assert item["by_org_type"] == {
        "district": {"n": 2, "mean": 1.5},
        "department": {"n": 2, "mean": 3.0},
        "company": {"n": 0, "mean": None},
    }


def test_it_has_no_mean_or_sd_when_everyone_answered_vet_ej() -> None:
    responses = [respondent(i, sa_procurement=DONT_KNOW) for i in range(3)]
    item = analyse(responses)["items"]["sa_procurement"]
    assert (item["n"], item["mean"], item["sd"]) == (0, None, None)
    assert (item["dont_know"], item["missing"]) == (3, 0)
    assert item["distribution"] == {"1": 0, "2": 0, "3": 0, "4": 0}


def test_it_analyses_a_single_respondent_without_sd_interval_or_test() -> None:
    result = analyse([respondent(1, sa_spread=3, uses_concept=True, **rated(4, 2))])
    assert result["items"]["sa_spread"]["mean"] == 3.0
    assert result["items"]["sa_spread"]["sd"] is None
    assert result["items"]["uses_concept"]["yes_share"] == 1.0
    paired = result["factors"]["curiosity"]["paired"]
    assert paired == {
        "n": 1,
        "mean_diff": -2.0,
        "ci_low": None,
        "ci_high": None,
        "p_value": None,
        "p_holm": None,
        "near_line": None,
    }
    assert result["factors"]["curiosity"]["gap"] == -2.0
    assert result["factors"]["curiosity"]["quadrant"] == "concentrate_here"


@pytest.mark.parametrize("bad", [0, 5, True, "3", 2.5, "vet ej"])
def test_it_refuses_a_scale_value_outside_1_to_4(bad: object) -> None:
    with pytest.raises(InvalidAnswerError, match=r"respondent 'r1', sa_culture"):
        analyse([respondent(1, sa_culture=bad)])


# --- yes/no and multi -----------------------------------------------------------------------


def test_it_counts_yes_no_answers_and_shares_over_those_who_answered() -> None:
    answers = [True, True, False, None]
    responses = [respondent(i, knows_awards=a) for i, a in enumerate(answers)] + [respondent(9)]
    item = analyse(responses)["items"]["knows_awards"]
    assert item == {"type": "yes_no", "yes": 2, "no": 1, "missing": 2, "yes_share": 2 / 3}


def test_it_has_no_yes_share_when_nobody_answered() -> None:
    assert analyse([respondent(1)])["items"]["uses_concept"]["yes_share"] is None


def test_it_bases_multi_shares_on_those_who_ticked_at_least_one_option() -> None:
    responses = [
        respondent(1, idea_sources={"employees", "managers"}),
        respondent(2, idea_sources=["employees"]),
        respondent(3, idea_sources=set()),  # ticked none: not in the base
        respondent(4, idea_sources=None),
        respondent(5),
    ]
    item = analyse(responses)["multi"]["idea_sources"]
    assert item["respondents"] == 2
    assert item["options"]["employees"] == {"count": 2, "share": 1.0}
    assert item["options"]["managers"] == {"count": 1, "share": 0.5}
    assert item["options"]["politicians"] == {"count": 0, "share": 0.0}
    assert list(item["options"]) == [o.key for o in MULTI_QUESTIONS[0].options]


def test_it_has_no_multi_shares_when_nobody_ticked_anything() -> None:
    item = analyse([respondent(1, collaboration_partners=[])])["multi"]["collaboration_partners"]
    assert item["respondents"] == 0
    assert item["options"]["academia"] == {"count": 0, "share": None}


@pytest.mark.parametrize("bad", ["employees", {"employees", "astrologers"}, 3])
def test_it_refuses_a_bare_string_or_unknown_options_in_a_multi_answer(bad: object) -> None:
    with pytest.raises(InvalidAnswerError, match="idea_sources"):
        analyse([respondent(1, idea_sources=bad)])


# --- factors: means, gap, paired comparison -------------------------------------------------


def test_it_computes_factor_means_gap_and_the_paired_comparison() -> None:
    responses = [
        respondent(1, **rated(4, 3)),  # pair, d = -1
        respondent(2, **rated(4, DONT_KNOW)),  # importance only
        respondent(3, **rated(3, 2)),  # pair, d = -1
        respondent(4, **rated(None, 4)),  # current only
    ]
    factor = analyse(responses)["factors"]["curiosity"]
    assert factor["importance"] == {"n": 3, "mean": pytest.approx(11 / 3)}
    assert factor["current"] == {"n": 3, "mean": 3.0, "dont_know": 1}
    assert factor["gap"] == pytest.approx(3.0 - 11 / 3)  # -0.67: less in place than it matters
    assert factor["quadrant"] == "keep_up"  # 3.67 > 3 and today exactly 3.0 counts as in place
    paired = factor["paired"]
    assert (paired["n"], paired["mean_diff"]) == (2, -1.0)
    assert (paired["ci_low"], paired["ci_high"]) == (-1.0, -1.0)  # sd 0: the interval collapses
    # d = -1, -1 tie at rank 1.5 each; of the 4 sign patterns only "both negative" has R+ = 0,
    # so p = 2 * 1/4
    assert paired["p_value"] == pytest.approx(0.5)
    assert paired["near_line"] is True  # margin 0 and today's mean exactly on the 3.0 line


def test_it_treats_vet_ej_on_importance_as_a_skipped_answer() -> None:
    factor = analyse([respondent(1, **rated(DONT_KNOW, 2)), respondent(2, **rated(4, 2))])
    assert factor["factors"]["curiosity"]["importance"] == {"n": 1, "mean": 4.0}
    assert factor["factors"]["curiosity"]["paired"]["n"] == 1


def test_it_builds_a_95_percent_t_interval_by_hand() -> None:
    # d = -1, -2, 0, -1: mean -1, sd sqrt(2/3), se sd/2, t(0.975; 3) = 3.182446305284263
    half = 3.182446305284263 * math.sqrt(2 / 3) / 2
    low, high = t_interval([-1, -2, 0, -1])
    assert low == pytest.approx(-1 - half, rel=1e-12)
    assert high == pytest.approx(-1 + half, rel=1e-12)
    assert t_interval([2]) == (None, None)


def test_it_uses_the_exact_wilcoxon_distribution_without_ties() -> None:
    # d = 1, 2, 3: R+ = 6 is the largest of the 2**3 equally likely sums, so p = 2 * 1/8
    assert wilcoxon_p_value([1, 2, 3]) == pytest.approx(0.25)


def test_it_drops_zero_differences_before_ranking() -> None:
    assert wilcoxon_p_value([0, 0, 1, 2, 3]) == pytest.approx(0.25)


def test_it_enumerates_all_sign_flips_when_small_samples_have_ties() -> None:
    # |d| = 1,1,1 -> rank 2 each; 2,2,2 -> rank 5 each. R+ = 2+2+5+5+5 = 19, R- = 2.
    # R- <= 2 happens for the empty set and for each single rank-2 value: 4 of 64 patterns.
    assert wilcoxon_p_value([1, 1, -1, 2, 2, 2]) == pytest.approx(2 * 4 / 64)


def test_it_uses_the_tie_corrected_normal_approximation_for_larger_samples() -> None:
    differences = [1] * 10 + [-1] * 2 + [2] * 4 + [0] * 3
    # 16 non-zero: |d|=1 twelve times (ranks 1-12, mean 6.5), |d|=2 four times (mean 14.5).
    # R+ = 10 * 6.5 + 4 * 14.5 = 123; E = 16*17/4 = 68;
    # Var = 16*17*33/24 - ((12**3 - 12) + (4**3 - 4)) / 48 = 374 - 37 = 337
    z = (123 - 68 - 0.5) / math.sqrt(337)  # with continuity correction
    assert wilcoxon_p_value(differences) == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-9)


def test_it_gives_no_wilcoxon_p_value_for_all_zero_differences_or_one_pair() -> None:
    assert wilcoxon_p_value([0, 0, 0, 0]) is None
    assert wilcoxon_p_value([2]) is None
    assert wilcoxon_p_value([]) is None


def test_it_holm_adjusts_p_values_by_hand() -> None:
    # sorted: 0.005*4 = 0.02; 0.01*3 = 0.03; 0.03*2 = 0.06; 0.04*1 = 0.04 -> kept at 0.06
    adjusted = holm_adjust([0.01, 0.04, 0.03, None, 0.005])
    assert adjusted == pytest.approx([0.03, 0.06, 0.06, None, 0.02])
    assert holm_adjust([0.5, 0.6]) == [1.0, 1.0]  # capped at 1
    assert holm_adjust([]) == []


def test_it_holm_adjusts_across_the_factors_that_have_a_test() -> None:
    def d(imp: int, cur: int) -> tuple[int, int]:
        return imp, cur

    pairs = {
        "curiosity": [d(3, 4), d(2, 4), d(1, 4)],  # d = 1, 2, 3: p = 0.25
        "open_climate": [d(3, 4), d(3, 4), d(4, 3), d(2, 4), d(2, 4), d(2, 4)],  # p = 0.125
        "clear_strategy": [d(4, 3), d(4, 3)],  # p = 0.5
    }
    responses = []
    for i in range(6):
        answers: dict[str, object] = {}
        for key, rows in pairs.items():
            if i < len(rows):
                answers |= rated(*rows[i], key=key)
        responses.append(respondent(i, **answers))
    factors = analyse(responses)["factors"]
    # m = 3: 0.125*3 = 0.375; 0.25*2 = 0.5; 0.5*1 = 0.5
    assert factors["open_climate"]["paired"]["p_holm"] == pytest.approx(0.375)
    assert factors["curiosity"]["paired"]["p_holm"] == pytest.approx(0.5)
    assert factors["clear_strategy"]["paired"]["p_holm"] == pytest.approx(0.5)
    assert factors["dedicated_time"]["paired"]["p_holm"] is None  # untested factors stay None


# --- importance-performance analysis ---------------------------------------------------------


@pytest.mark.parametrize(
    ("importance", "current", "quadrant"),
    [
        (3.5, 2.5, "concentrate_here"),
        (3.5, 3.0, "keep_up"),  # exactly on the today line counts as in place
        (3.0, 2.5, "low_priority"),  # exactly on the importance line is not "important"
        (3.0, 3.0, "possible_overkill"),
        (2.0, 3.5, "possible_overkill"),
        (None, 3.5, None),
    ],
)
def test_it_places_factors_in_quadrants_with_exact_boundaries(
    importance: float | None, current: float | None, quadrant: str | None
) -> None:
    assert classify_quadrant(importance, current, 3.0, 3.0) == quadrant


def test_it_places_a_factor_whose_mean_is_exactly_3_below_the_importance_line() -> None:
    responses = [respondent(1, **rated(2, 2)), respondent(2, **rated(4, 2))]
    factor = analyse(responses)["factors"]["curiosity"]
    assert factor["importance"]["mean"] == 3.0
    assert factor["quadrant"] == "low_priority"


def test_it_lists_priorities_by_gap_ascending() -> None:
    answers = {
        **rated(4, 2, "curiosity"),  # gap -2
        **rated(4, 1, "open_climate"),  # gap -3
        **rated(4, 3, "clear_strategy"),  # gap -1, but today 3.0: keep_up, not a priority
        **rated(4, 2, "dedicated_time"),  # gap -2, after curiosity (questionnaire order)
    }
    result = analyse([respondent(1, **answers)])
    assert result["ipa"] == {
        "importance_threshold": 3.0,
        "current_threshold": 3.0,
        "priority": ["open_climate", "curiosity", "dedicated_time"],
    }


def test_it_can_put_the_lines_at_the_means_of_the_factor_means() -> None:
    responses = [
        respondent(1, **rated(4, 3, "curiosity"), **rated(3, 2, "open_climate")),
        respondent(2, **rated(4, 4, "curiosity"), **rated(4, 3, "open_climate")),
        respondent(3, **{factor_code("clear_strategy", "importance"): 1}),  # not plotted
    ]
    # curiosity: importance 4.0, today 3.5; open_climate: importance 3.5, today 2.5
    default = analyse(responses)
    by_mean = analyse(responses, thresholds="mean")
    assert by_mean["ipa"]["importance_threshold"] == 3.75  # (4.0 + 3.5) / 2, clear_strategy out
    assert by_mean["ipa"]["current_threshold"] == 3.0  # (3.5 + 2.5) / 2
    assert default["factors"]["open_climate"]["quadrant"] == "concentrate_here"
    assert by_mean["factors"]["open_climate"]["quadrant"] == "low_priority"  # 3.5 <= 3.75
    assert by_mean["factors"]["curiosity"]["quadrant"] == "keep_up"
    assert by_mean["ipa"]["priority"] == []


def test_it_accepts_a_pair_of_thresholds_and_refuses_nonsense() -> None:
    result = analyse([respondent(1, **rated(3, 3))], thresholds=(2.5, 3.5))
    assert result["factors"]["curiosity"]["quadrant"] == "concentrate_here"
    with pytest.raises(ValueError, match="thresholds"):
        analyse([respondent(1)], thresholds="median")


def test_it_flags_near_line_when_the_paired_margin_reaches_a_line() -> None:
    paired: Any = {"ci_low": -1.0, "ci_high": -0.5}  # margin h = 0.25
    assert is_near_line(3.5, 2.75, paired, 3.0, 3.0) is True  # |2.75 - 3| = 0.25 <= h
    assert is_near_line(3.25, 2.5, paired, 3.0, 3.0) is True  # |3.25 - 3| = 0.25 <= h
    assert is_near_line(3.5, 2.5, paired, 3.0, 3.0) is False  # both 0.5 away
    assert is_near_line(3.5, 2.5, {"ci_low": None, "ci_high": None}, 3.0, 3.0) is None  # type: ignore[typeddict-item]


# --- free text and small cells --------------------------------------------------------------


def test_it_collects_stripped_text_answers_in_swedish_order() -> None:
    texts = ["  Öl ", "apa", "Ärta", "åka", "", "   ", None, "Zebra"]
    responses = [respondent(i, other_comments=t) for i, t in enumerate(texts)]
    answers = text_answers(responses)
    assert answers["other_comments"] == ["apa", "Zebra", "åka", "Ärta", "Öl"]
    assert answers["innovation_examples"] == []
    assert len(answers) == 8  # questions 9-13, 16, 18 and 21
    with pytest.raises(InvalidAnswerError, match="other_comments"):
        text_answers([respondent(1, other_comments=42)])


def test_it_suppresses_a_small_cell_and_one_complementary_cell() -> None:
    cells = {
        "district": {"n": 3, "mean": 2.0},
        "department": {"n": 6, "mean": 3.0},
        "company": {"n": 8, "mean": 2.5},
    }
    assert suppress_small_cells(cells, min_n=5) == {
        "district": {"n": 3, "mean": None, "suppressed": True},
        "department": {"n": 6, "mean": None, "suppressed": True},  # else district = 17*m - ...
        "company": {"n": 8, "mean": 2.5, "suppressed": False},
    }
    assert cells["district"]["mean"] == 2.0  # the input is left alone
    only_primary = suppress_small_cells(cells, complementary=False)
    assert only_primary["department"] == {"n": 6, "mean": 3.0, "suppressed": False}


def test_it_needs_no_complementary_cell_when_two_cells_are_small_or_one_is_empty() -> None:
    two_small = {"a": {"n": 2, "mean": 1.0}, "b": {"n": 4, "mean": 2.0}, "c": {"n": 9, "mean": 3.0}}
    result = suppress_small_cells(two_small)
    assert [result[k]["suppressed"] for k in "abc"] == [True, True, False]
    empty: dict[str, dict[str, float | None]] = {
        "a": {"n": 0, "mean": None},
        "b": {"n": 5, "mean": 2.0},
        "c": {"n": 7, "mean": 3.0},
    }
    result = suppress_small_cells(empty)
    assert [result[k]["suppressed"] for k in "abc"] == [True, False, False]
    assert result["b"]["mean"] == 2.0  # exactly min_n is shown


def test_it_suppresses_on_another_count_key() -> None:
    cells = {"district": {"responded": 2, "response_rate": 1.0}}
    result = suppress_small_cells(cells, count_key="responded")
    assert result == {"district": {"responded": 2, "response_rate": None, "suppressed": True}}


# --- the CLI table --------------------------------------------------------------------------


def table_round() -> Any:
    responses = [
        respondent(1, sa_overall=2, uses_concept=True, idea_sources=["employees"], **rated(4, 2)),
        respondent(2, sa_overall=DONT_KNOW, uses_concept=False, **rated(4, 3)),
        respondent(
            3,
            "company",
            sa_overall=3,
            uses_concept=True,
            idea_sources=["employees", "managers"],
            **rated(3, 4, "open_climate"),
            **rated(4, 2, "curiosity"),
        ),
    ]
    return analyse(responses, invited={"district": 3, "company": 1})


def test_it_prints_a_swedish_table_with_decimal_commas() -> None:
    table = format_table(table_round(), org="Stockholms stad")
    lines = table.splitlines()
    assert next(line for line in lines if line.startswith("Totalt")).split() == [
        "Totalt",
        "3",
        "av",
        "4",
        "75",
        "%",
    ]
    assert next(line for line in lines if line.startswith("Stadsdels")).split()[-2:] == [
        "67",
        "%",
    ]
    sa_line = next(line for line in lines if line.startswith("Hur bedömer du inno"))
    assert sa_line.split()[-3:] == ["2,50", "2", "1"]  # mean (2+3)/2, n 2, one vet ej
    yes_line = next(line for line in lines if line.startswith("Använder ni"))
    assert yes_line.split()[-5:] == ["2", "1", "0", "67", "%"]
    assert "Medarbetare" in table
    assert "100 %" in table  # both ticking respondents named employees
    assert "Bas: 2 svarande som kryssat minst ett alternativ." in table


def test_it_sorts_the_factor_table_by_difference_as_the_report() -> None:
    lines = format_table(table_round()).splitlines()
    curiosity = next(i for i, line in enumerate(lines) if line.startswith("Nyfikenhet"))
    climate = next(i for i, line in enumerate(lines) if line.startswith("Öppet"))
    # curiosity: importance (4+4+4)/3 = 4, today (2+3+2)/3 = 2.33, difference -1.67;
    # open climate: 3 and 4, difference +1.00
    assert lines[curiosity].split()[1:5] == ["4,00", "2,33", "-1,67", "Koncentrera"]
    assert lines[climate].split()[-5:-1] == ["3,00", "4,00", "+1,00", "Möjlig"]
    assert curiosity < climate
    assert "Differens" in "\n".join(lines[:curiosity])


def test_it_prints_the_same_table_from_the_json_read_back() -> None:
    analysis = table_round()
    assert format_table(json.loads(json.dumps(analysis))) == format_table(analysis)


# --- properties -----------------------------------------------------------------------------

SCALE_VALUES = st.sampled_from([1, 2, 3, 4, DONT_KNOW, None])
IMPORTANCE_VALUES = st.sampled_from([1, 2, 3, 4, None])


@st.composite
def rounds(draw: st.DrawFn) -> list[Response]:
    size = draw(st.integers(min_value=1, max_value=12))
    responses = []
    for number in range(size):
        answers: dict[str, object] = {code: draw(SCALE_VALUES) for code in SCALE_CODES[:2]}
        answers |= {code: draw(st.sampled_from([True, False, None])) for code in YES_NO_CODES}
        for question in MULTI_QUESTIONS:
            keys = [option.key for option in question.options]
            answers[question.code] = draw(st.sets(st.sampled_from(keys)))
        for key in FACTOR_KEYS[:4]:
            answers |= rated(draw(IMPORTANCE_VALUES), draw(SCALE_VALUES), key)
        org_type = draw(st.sampled_from(["district", "department", "company"]))
        responses.append(respondent(number, org_type, **answers))
    return responses


def all_means(result: Any) -> list[float]:
    means = []
    for item in result["items"].values():
        if item["type"] == "scale":
            means += [item["mean"], *(cell["mean"] for cell in item["by_org_type"].values())]
    for factor in result["factors"].values():
        means += [factor["importance"]["mean"], factor["current"]["mean"]]
    means += [result["ipa"]["importance_threshold"], result["ipa"]["current_threshold"]]
    return [m for m in means if m is not None]


@settings(max_examples=60, deadline=None)
@given(rounds(), st.sampled_from([3.0, "mean"]))
def test_it_keeps_means_within_the_scale_and_shares_within_0_and_1(
    responses: list[Response], thresholds: Any
) -> None:
    result = analyse(responses, thresholds=thresholds)
    assert all(1.0 <= mean <= 4.0 for mean in all_means(result))
    shares = [item["yes_share"] for item in result["items"].values() if item["type"] == "yes_no"]
    for item in result["multi"].values():
        shares += [option["share"] for option in item["options"].values()]
    assert all(0.0 <= share <= 1.0 for share in shares if share is not None)
    for item in result["items"].values():
        if item["type"] == "scale":
            assert item["n"] + item["dont_know"] + item["missing"] == len(responses)
            assert sum(item["distribution"].values()) == item["n"]
    json.dumps(result, allow_nan=False)  # valid JSON: no NaN anywhere


@settings(max_examples=60, deadline=None)
@given(rounds())
def test_it_keeps_gap_equal_to_today_minus_importance(responses: list[Response]) -> None:
    for factor in analyse(responses)["factors"].values():
        importance, current = factor["importance"]["mean"], factor["current"]["mean"]
        if importance is None or current is None:
            assert factor["gap"] is None
            assert factor["quadrant"] is None
        else:
            assert factor["gap"] == current - importance
        paired = factor["paired"]
        if paired["p_value"] is not None:
            assert 0.0 <= paired["p_value"] <= paired["p_holm"] <= 1.0
        if paired["ci_low"] is not None:
            assert paired["ci_low"] <= paired["mean_diff"] <= paired["ci_high"]
