"""The indicator arithmetic on hand-made counts, against numbers worked out by hand."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from innovera.followup.indicators import (
    BY_CODE,
    Group,
    Period,
    PeriodFacts,
    compute,
    goal_status,
    median_of_histogram,
)

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
# Two administrations: unit 1 (with sub-unit 11) and unit 2; None is residents / unrouted.
FACTS = PeriodFacts(
    PERIOD,
    {
        "submitted": {
            1: {"employee": 4, "resident": 2},
            11: {"company": 1, "employee": 3},
            2: {"resident": 1},
            None: {"resident": 2},
        },
        "decided": {
            1: {"decided": 4, "tested": 2, "implemented": 1, "spread": 0},
            2: {"decided": 1, "tested": 1, "implemented": 1, "spread": 1},
        },
        "decision_days": {1: {"3": 2, "10": 1}, 11: {"40": 1}, 2: {"7": 1}},
        "implemented_2y": {11: {"process": 2}, 2: {"unspecified": 1}},
        "pilots": {1: {"go": 2, "no_go": 1}},
        "challenges_active": {1: {"": 2}},
        "challenge_ideas": {1: {"": 5}},
        "active_users": {1: {"": 7}, 2: {"": 3}, None: {"": 20}},
    },
)
FIRST = Group("first", "Första", frozenset({1, 11}), employees=2000, units=(frozenset({1, 11}),))
SECOND = Group("second", "Andra", frozenset({2}), employees=500, units=(frozenset({2}),))
CITY = Group(
    "city",
    "Staden",
    frozenset({1, 11, 2, 3, None}),
    employees=4000,
    units=(frozenset({1, 11}), frozenset({2}), frozenset({3})),
)


def value(code: str, group: Group, *, public: bool = False) -> float | None:
    return compute(BY_CODE[code], FACTS, group, public=public).number


def test_ideas_submitted_counts_the_units_below_an_administration_too() -> None:
    assert value("ideas_submitted", FIRST) == 10  # 4 + 2 + 1 + 3
    assert value("ideas_submitted", CITY) == 13  # and 1 from unit 2, 2 unrouted


def test_ideas_per_thousand_employees_divides_by_the_groups_employees() -> None:
    assert value("ideas_per_1000_employees", FIRST) == 5.0  # 10 / 2000 * 1000
    assert value("ideas_per_1000_employees", CITY) == 3.25  # 13 / 4000 * 1000


def test_share_from_residents_and_companies() -> None:
    assert value("share_from_residents_companies", FIRST) == 0.3  # (2 + 1) / 10
    assert value("share_from_residents_companies", CITY) == 6 / 13  # 2+1+1+2 of 13


def test_median_days_to_the_first_decision() -> None:
    # 3, 3, 10, 40 → (3 + 10) / 2
    assert value("median_days_to_decision", FIRST) == 6.5
    # 3, 3, 7, 10, 40 → 7
    assert value("median_days_to_decision", CITY) == 7


def test_shares_of_decided_ideas_tested_implemented_spread() -> None:
    assert value("share_decided_tested", FIRST) == 0.5
    assert value("share_decided_implemented", FIRST) == 0.25
    assert value("share_decided_spread", FIRST) == 0
    assert value("share_decided_tested", CITY) == 3 / 5


def test_innovations_introduced_split_by_type_and_novelty() -> None:
    result = compute(BY_CODE["innovations_introduced"], FACTS, CITY, public=False)
    assert result.number == 3
    parts = {category: figure for category, figure, _n in result.breakdown}
    assert parts["own:process"] == 2
    assert parts["own:unspecified"] == 1
    assert parts["adopted:process"] == 0


def test_share_of_units_that_introduced_one_is_the_barometers_headline() -> None:
    # Units 1 (via its sub-unit 11) and 2 introduced something; unit 3 did not.
    assert value("share_units_introducing", CITY) == 2 / 3
    assert value("share_units_introducing", SECOND) == 1.0


def test_pilots_are_split_into_go_and_no_go() -> None:
    result = compute(BY_CODE["pilots_decided"], FACTS, FIRST, public=False)
    assert result.number == 3
    assert [(c, f) for c, f, _n in result.breakdown] == [("go", 2.0), ("no_go", 1.0)]


def test_active_users_of_the_city_include_residents() -> None:
    assert value("active_users", CITY) == 30
    assert value("active_users", SECOND) == 3


def test_a_figure_from_fewer_than_five_people_is_hidden_in_public_only() -> None:
    assert value("active_users", SECOND, public=True) is None
    assert value("active_users", SECOND, public=False) == 3
    assert value("active_users", FIRST, public=True) == 7
    roles = compute(BY_CODE["ideas_by_submitter_role"], FACTS, FIRST, public=True)
    shown = {category: figure for category, figure, _n in roles.breakdown}
    assert shown["employee"] == 7
    assert shown["resident"] is None  # two residents
    assert shown["manager"] == 0  # nobody: nothing to protect


def test_an_indicator_whose_app_is_missing_has_no_value() -> None:
    assert value("adoptions", CITY) is None


def test_the_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    previous = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)).previous()
    assert previous == Period(datetime.date(2026, 1, 29), datetime.date(2026, 2, 28))


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_median_of_a_histogram_is_the_median_of_its_values(values: list[int]) -> None:
    histogram: dict[int, int] = {}
    for v in values:
        histogram[v] = histogram.get(v, 0) + 1
    ordered = sorted(values)
    middle = len(ordered) // 2
    expected = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    assert median_of_histogram(histogram) == expected


def test_goal_status_exceeded_met_missed_and_not_due() -> None:
    end, after = datetime.date(2026, 6, 30), datetime.date(2026, 7, 1)
    assert (
        goal_status(target=10, at_least=True, outcome=12, period_end=end, today=after) == "exceeded"
    )
    assert goal_status(target=10, at_least=True, outcome=10, period_end=end, today=after) == "met"
    assert goal_status(target=10, at_least=True, outcome=9, period_end=end, today=after) == "missed"
    assert (
        goal_status(target=30, at_least=False, outcome=20, period_end=end, today=after)
        == "exceeded"
    )
    assert (
        goal_status(target=30, at_least=False, outcome=31, period_end=end, today=after) == "missed"
    )
    assert (
        goal_status(target=10, at_least=True, outcome=None, period_end=end, today=after)
        == "no_outcome"
    )
    assert goal_status(target=10, at_least=True, outcome=1, period_end=end, today=end) == "not_due"
