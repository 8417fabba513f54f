"""The jury's arithmetic (spreading/awards_scoring.py), without a database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovera.spreading.awards_scoring import (
    DISAGREEMENT,
    EntryResult,
    ScoringError,
    entry_result,
    ranking,
    weighted_mean,
)

scores_1_5 = st.integers(min_value=1, max_value=5)
weights = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("10"), places=2)


@st.composite
def assessment(draw: st.DrawFn) -> tuple[dict[int, int], dict[int, Decimal]]:
    n = draw(st.integers(min_value=1, max_value=6))
    return (
        {c: draw(scores_1_5) for c in range(n)},
        {c: draw(weights) for c in range(n)},
    )


def test_a_weighted_mean_counts_each_criterion_by_its_weight() -> None:
    # Innovation 3 × 2, benefit 5 × 1, spread 2 × 1 → (6 + 5 + 2) / 4.
    assert weighted_mean({"a": 3, "b": 5, "c": 2}, {"a": 2, "b": 1, "c": 1}) == 3.25


@given(assessment())
def test_a_jurors_figure_stays_between_their_lowest_and_highest_score(
    pair: tuple[dict[int, int], dict[int, Decimal]],
) -> None:
    scores, weight = pair
    figure = weighted_mean(scores, weight)
    assert min(scores.values()) - 1e-9 <= figure <= max(scores.values()) + 1e-9


@given(assessment(), st.integers(min_value=2, max_value=7))
def test_scaling_every_weight_does_not_change_the_figure(
    pair: tuple[dict[int, int], dict[int, Decimal]], factor: int
) -> None:
    scores, weight = pair
    scaled = {key: value * factor for key, value in weight.items()}
    assert weighted_mean(scores, scaled) == pytest.approx(weighted_mean(scores, weight))


@given(assessment(), st.integers(min_value=1, max_value=5))
def test_equal_scores_give_that_score_whatever_the_weights(
    pair: tuple[dict[int, int], dict[int, Decimal]], value: int
) -> None:
    _scores, weight = pair
    assert weighted_mean(dict.fromkeys(weight, value), weight) == value


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, True])
def test_a_score_off_the_scale_is_refused(bad: object) -> None:
    with pytest.raises(ScoringError):
        weighted_mean({"a": bad, "b": 3}, {"a": 1, "b": 1})  # type: ignore[dict-item]


def test_an_assessment_missing_a_criterion_is_refused() -> None:
    with pytest.raises(ScoringError):
        weighted_mean({"a": 3}, {"a": 1, "b": 1})


@given(st.lists(st.floats(min_value=1, max_value=5), min_size=1, max_size=9))
def test_an_entrys_spread_is_its_highest_minus_its_lowest_juror(figures: list[float]) -> None:
    result = entry_result(figures)
    assert result.jurors == len(figures)
    assert result.spread == pytest.approx(max(figures) - min(figures))
    assert result.lowest is not None and result.highest is not None and result.mean is not None
    assert result.lowest - 1e-9 <= result.mean <= result.highest + 1e-9
    assert result.disagreement == (result.spread is not None and result.spread >= DISAGREEMENT)


@given(st.lists(st.floats(min_value=1, max_value=5), min_size=1, max_size=9), st.randoms())
def test_the_order_jurors_scored_in_does_not_matter(figures: list[float], rnd: object) -> None:
    shuffled = list(figures)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert entry_result(shuffled).mean == pytest.approx(entry_result(figures).mean)


def test_two_jurors_three_steps_apart_are_a_large_disagreement() -> None:
    assert entry_result([1.5, 4.5]).disagreement
    assert not entry_result([3.0, 4.0]).disagreement


def test_an_entry_nobody_scored_has_no_figure() -> None:
    assert entry_result([]) == EntryResult(0, None, None, None, None)


def test_equal_figures_share_a_rank_and_the_next_skips() -> None:
    results = {
        "a": entry_result([4.0]),
        "b": entry_result([4.5]),
        "c": entry_result([4.0]),
        "d": entry_result([]),
        "e": entry_result([2.0]),
    }
    assert [(r.rank, r.key) for r in ranking(results)] == [
        (1, "b"),
        (2, "a"),
        (2, "c"),
        (4, "e"),
        (None, "d"),
    ]


@given(st.dictionaries(st.integers(), st.lists(st.integers(1, 5).map(float), max_size=4)))
def test_a_ranking_never_puts_a_lower_figure_above_a_higher_one(
    figures: dict[int, list[float]],
) -> None:
    ranked = ranking({key: entry_result(values) for key, values in figures.items()})
    assert sorted(r.key for r in ranked) == sorted(figures)
    means = [r.result.mean for r in ranked if r.rank is not None and r.result.mean is not None]
    assert means == sorted(means, reverse=True)
    ranks = [r.rank for r in ranked if r.rank is not None]
    assert ranks == sorted(ranks)
    for position, r in enumerate((r for r in ranked if r.rank is not None), start=1):
        assert r.rank is not None and r.rank <= position
    assert all(r.rank is None for r in ranked[len(ranks) :])
