"""One Swedish formatter: the same share reads the same on every channel."""

from __future__ import annotations

import datetime

from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from innovera.core import formatting


def test_a_share_is_whole_per_cent_with_a_space_everywhere() -> None:
    assert formatting.percent(0.811) == "81 %"
    assert formatting.percent(0.811, lang="en") == "81 %"
    assert formatting.percent(1) == "100 %"
    assert formatting.percent(-0.001) == "0 %"
    assert formatting.percent(None) == "\N{EN DASH}"


def test_means_and_differences_use_a_decimal_comma_and_never_minus_zero() -> None:
    assert formatting.decimal(3.75) == "3,75"
    assert formatting.decimal(-0.7) == "-0,70"
    assert formatting.decimal(-0.001) == "0,00"
    assert formatting.decimal(3.75, lang="en") == "3.75"
    assert formatting.signed(0.18) == "+0,18"
    assert formatting.signed(-0.7) == "-0,70"
    assert formatting.signed(0.001) == "0,00"
    assert formatting.signed(-0.001) == "0,00"


def test_counts_are_grouped_by_thousands_with_a_space() -> None:
    assert formatting.integer(40000) == "40 000"
    assert formatting.integer(1234567, lang="en") == "1,234,567"
    assert formatting.integer(37) == "37"


def test_dates_are_written_as_swedish_prose() -> None:
    day = datetime.date(2026, 12, 1)
    assert formatting.date_long(day) == "1 december 2026"
    assert formatting.date_long(day, lang="en") == "1 December 2026"
    # One format everywhere (issue 9): a list says what the page says, never "1 Dec 2026".
    assert formatting.date_short(day) == "1 december 2026"
    assert formatting.date_short(datetime.date(2025, 10, 27)) == "27 oktober 2025"
    moment = datetime.datetime(2026, 12, 1, 14, 5)  # noqa: DTZ001 - local time, as documented
    assert formatting.datetime_long(moment) == "1 december 2026 14:05"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_a_decimal_reads_back_as_the_rounded_number(value: float) -> None:
    text = formatting.decimal(value)
    assert "." not in text
    assert float(text.replace(",", ".")) == round(value, 2) or abs(value) < 0.005


def test_the_template_filters_follow_the_page_language() -> None:
    template = Template(
        "{% load formatting %}{{ share|percent }} {{ mean|decimal }} {{ day|date_long }}"
        " {{ none|decimal }}"
    )
    context = Context({"share": 0.811, "mean": 3.75, "day": datetime.date(2026, 12, 1)})
    with translation.override("sv"):
        assert template.render(context) == "81 % 3,75 1 december 2026 \N{EN DASH}"
    with translation.override("en"):
        assert template.render(context) == "81 % 3.75 1 December 2026 \N{EN DASH}"


def test_a_span_of_days_names_its_month_and_year_once() -> None:
    day = datetime.date
    assert formatting.date_range(day(2026, 12, 1), day(2026, 12, 7)) == "1–7 december 2026"
    assert (
        formatting.date_range(day(2026, 11, 30), day(2026, 12, 4)) == "30 november–4 december 2026"
    )
    assert formatting.date_range(day(2026, 12, 28), day(2027, 1, 3)) == (
        "28 december 2026–3 januari 2027"
    )
    assert formatting.date_range(day(2026, 12, 1), day(2026, 12, 1)) == "1 december 2026"
    assert formatting.date_range(day(2026, 12, 1), None, lang="en") == "1 December 2026"
