"""The §3 analysis from stored counts, not from the answers (issue 15).

Every statistic of the contract is a function of a few counts: a scale item's mean, sd and
distribution of its value counts; a yes/no item of two counts; a multiple-choice question of
its option counts and of those who ticked anything; a favourable factor of its importance ×
today table (the valid values of both, plus "not answered" on importance and "vet ej"/"not
answered" today: 5 × 6 cells on the 1-4 scales). The paired differences of a factor, its t
interval and its Wilcoxon ranks, follow from the table's valid 4 × 4 core, since a difference
is ``today - importance``.

A :class:`Tally` holds those counts for one round and org type (the breakdowns are by org type),
plus a capped, alphabetical excerpt of the free text. Tallies add up: an import adds the tally of
its rows, a sent-in web answer the tally of one response, and the database keeps one row per
round and org type (:class:`~innovera.surveys.models.AnswerTally`). :func:`analyse_tallies`
then gives exactly the object :func:`~innovera.surveys.analysis.analyse_round` gives for the same
answers — the same floating-point numbers, not merely close ones: means are integer sums
divided once, standard deviations the correctly rounded square root of the exact variance (as
:func:`statistics.stdev`), the Wilcoxon normal approximation the same operations as scipy's. The
property test in ``tests/test_analysis_counts.py`` holds the two to that.

Plain Python, no Django, as :mod:`~innovera.surveys.analysis`.
"""

from __future__ import annotations

import bisect
import copy
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Final

from innovera.surveys.analysis import (
    DEFAULT_THRESHOLD,
    DONT_KNOW,
    EXACT_WILCOXON_MAX_N,
    ORG_TYPE_ORDER,
    PERMUTATION_WILCOXON_MAX_N,
    EmptyRoundError,
    FactorResult,
    InvalidAnswerError,
    MultiItem,
    OrgTypeRate,
    Response,
    RoundAnalysis,
    ScaleItem,
    Thresholds,
    YesNoItem,
    _assembled,
    _check_invited,
    _multi_answer,
    _place_factors,
    _priority,
    _resolve_thresholds,
    _scale_answer,
    _share,
    _swedish_sort_key,
    _text_answer,
    _yes_no_answer,
    wilcoxon_p_value,
)
from innovera.surveys.instrument import QuestionType, Scale, Template, factor_code

__all__ = [
    "TEXT_EXCERPT_SIZE",
    "Tally",
    "analyse_tallies",
    "at_thresholds",
    "tally_responses",
    "text_excerpt",
]

TEXT_EXCERPT_SIZE: Final = 100
"""Free-text answers kept per question and org type: the page and the PDF show this many."""

NOT_ANSWERED: Final = "-"
"""A factor table's row or column of respondents who left that side blank."""


# --- the counts --------------------------------------------------------------------------------


@dataclass
class Tally:
    """The counts of one round and org type; see the module docstring for what each holds.

    ``scale[code]`` maps ``"1"``…``"4"`` and ``"dk"`` to counts (missing answers are what is left
    of ``respondents``); ``yes_no[code]`` maps ``"yes"``/``"no"``; ``multi[code]`` maps option keys,
    and ``multi_respondents[code]`` counts those who ticked at least one; ``factors[key]`` maps
    ``"<importance>:<today>"`` cells (``-`` for not answered, ``dk`` today) to counts;
    ``text[code]`` is ``[count, the first TEXT_EXCERPT_SIZE answers in Swedish order]``.
    Zero counts are left out, so two tallies of the same answers are equal dicts.
    """

    respondents: int = 0
    scale: dict[str, dict[str, int]] = field(default_factory=dict)
    yes_no: dict[str, dict[str, int]] = field(default_factory=dict)
    multi: dict[str, dict[str, int]] = field(default_factory=dict)
    multi_respondents: dict[str, int] = field(default_factory=dict)
    factors: dict[str, dict[str, int]] = field(default_factory=dict)
    text: dict[str, list[Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "respondents": self.respondents,
            "scale": self.scale,
            "yes_no": self.yes_no,
            "multi": self.multi,
            "multi_respondents": self.multi_respondents,
            "factors": self.factors,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Tally:
        return cls(
            respondents=int(data.get("respondents", 0)),
            scale={k: dict(v) for k, v in data.get("scale", {}).items()},
            yes_no={k: dict(v) for k, v in data.get("yes_no", {}).items()},
            multi={k: dict(v) for k, v in data.get("multi", {}).items()},
            multi_respondents=dict(data.get("multi_respondents", {})),
            factors={k: dict(v) for k, v in data.get("factors", {}).items()},
            text={k: [int(v[0]), list(v[1])] for k, v in data.get("text", {}).items()},
        )

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one (an import's, or one sent-in answer's)."""
        self.respondents += other.respondents
        for mine, theirs in (
            (self.scale, other.scale),
            (self.yes_no, other.yes_no),
            (self.multi, other.multi),
            (self.factors, other.factors),
        ):
            for code, counts in theirs.items():
                target = mine.setdefault(code, {})
                for key, count in counts.items():
                    target[key] = target.get(key, 0) + count
        for code, count in other.multi_respondents.items():
            self.multi_respondents[code] = self.multi_respondents.get(code, 0) + count
        for code, (count, first) in other.text.items():
            entry = self.text.setdefault(code, [0, []])
            entry[0] += count
            entry[1] = _first_texts([*entry[1], *first])


def _first_texts(texts: Iterable[str]) -> list[str]:
    return sorted(texts, key=_swedish_sort_key)[:TEXT_EXCERPT_SIZE]


def _bump(counts: dict[str, dict[str, int]], code: str, key: str) -> None:
    target = counts.get(code)
    if target is None:
        target = counts[code] = {}
    target[key] = target.get(key, 0) + 1


class _Counter:
    """Counts responses into a :class:`Tally`, validating every answer as the analysis does.

    The template is read once into plain lists; a response then costs one dictionary look-up
    per answer code. Free text is kept in Swedish order, capped, by insertion.
    """

    def __init__(self, template: Template) -> None:
        self.tally = Tally()
        self.scales: list[tuple[str, Scale]] = []
        self.yes_nos: list[str] = []
        self.multis = list(template.questions_of_type(QuestionType.MULTI))
        self.factors: list[tuple[str, str, str, Scale, Scale]] = []
        self.texts: list[str] = []
        self.sorted_texts: dict[str, list[tuple[tuple[str, str], str]]] = {}
        for question in template.questions:
            if question.type is QuestionType.SCALE and question.scale is not None:
                self.scales.append((question.code, question.scale))
            elif question.type is QuestionType.YES_NO:
                self.yes_nos.append(question.code)
            elif question.type is QuestionType.TEXT:
                self.texts.append(question.code)
            elif question.type is QuestionType.FACTOR_GRID:
                importance, current = question.importance_scale, question.current_scale
                if importance is None or current is None:
                    raise ValueError(f"factor grid {question.code!r} lacks its scales")
                for factor in question.factors:
                    self.factors.append(
                        (
                            factor.key,
                            factor_code(factor.key, "importance"),
                            factor_code(factor.key, "current"),
                            importance,
                            current,
                        )
                    )

    def count(self, response: Response) -> None:
        tally = self.tally
        tally.respondents += 1
        for code, scale in self.scales:
            value = _scale_answer(response, code, scale)
            if value is not None:
                _bump(tally.scale, code, str(value))
        for code in self.yes_nos:
            answer = _yes_no_answer(response, code)
            if answer is not None:
                _bump(tally.yes_no, code, "yes" if answer else "no")
        for question in self.multis:
            ticked = _multi_answer(response, question)
            if ticked:
                tally.multi_respondents[question.code] = (
                    tally.multi_respondents.get(question.code, 0) + 1
                )
                for key in ticked:
                    _bump(tally.multi, question.code, key)
        for key, imp_code, cur_code, imp_scale, cur_scale in self.factors:
            importance = _scale_answer(response, imp_code, imp_scale)
            current = _scale_answer(response, cur_code, cur_scale)
            # "vet ej" on importance counts as not answered, as in the analysis of answers.
            row = str(importance) if isinstance(importance, int) else NOT_ANSWERED
            column = NOT_ANSWERED if current is None else str(current)
            _bump(tally.factors, key, f"{row}:{column}")
        for code in self.texts:
            text = _text_answer(response, code)
            if text is None or not text.strip():
                continue
            stripped = text.strip()
            kept = self.sorted_texts.setdefault(code, [])
            entry = tally.text.setdefault(code, [0, []])
            entry[0] += 1
            item = (_swedish_sort_key(stripped), stripped)
            if len(kept) < TEXT_EXCERPT_SIZE or item < kept[-1]:
                bisect.insort(kept, item)
                del kept[TEXT_EXCERPT_SIZE:]
                entry[1] = [text for _key, text in kept]


class TallyBuilder:
    """Counts a stream of responses into one tally per org type (for an import or an answer)."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.counters: dict[str, _Counter] = {}

    def count(self, response: Response) -> None:
        counter = self.counters.get(response.org_type)
        if counter is None:
            if not response.org_type:
                raise InvalidAnswerError(f"respondent {response.respondent_id!r} has no org_type")
            counter = self.counters[sys.intern(response.org_type)] = _Counter(self.template)
        counter.count(response)

    def tallies(self) -> dict[str, Tally]:
        return {org_type: counter.tally for org_type, counter in self.counters.items()}


def tally_responses(responses: Iterable[Response], template: Template) -> dict[str, Tally]:
    """The tallies of some responses, per org type: the from-scratch path."""
    builder = TallyBuilder(template)
    for response in responses:
        builder.count(response)
    return builder.tallies()


# --- statistics from counts --------------------------------------------------------------------


def _sqrt_of_fraction(value: Fraction) -> float:
    """The correctly rounded square root of a non-negative fraction, as :func:`statistics.stdev`.

    Round-to-odd on an integer square root with two spare bits beyond a double's 53 (the method
    of CPython's ``statistics._float_sqrt_of_frac``): a correctly rounded result is unique, so
    this equals ``stdev`` of the same values bit for bit.
    """
    numerator, denominator = value.numerator, value.denominator
    width = 2 * sys.float_info.mant_dig + 3
    q = (numerator.bit_length() - denominator.bit_length() - width) // 2
    if q >= 0:
        root = math.isqrt(numerator // (denominator << 2 * q))
        odd = root * root * (denominator << 2 * q) != numerator
        return ((root | odd) << q) / 1
    scaled = numerator << -2 * q
    root = math.isqrt(scaled // denominator)
    odd = root * root * denominator != scaled
    return (root | odd) / (1 << -q)


@dataclass(frozen=True)
class _Values:
    """A multiset of integers as ``{value: count}``: the answers of one item."""

    counts: Mapping[int, int]

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    def total(self) -> int:
        return sum(value * count for value, count in self.counts.items())

    def mean(self) -> float | None:
        # fmean is fsum / n; the integer sum is exact, so one division gives the same float.
        n = self.n
        return self.total() / n if n else None

    def sd(self) -> float | None:
        n = self.n
        if n < 2:
            return None
        total = self.total()
        squares = sum(value * value * count for value, count in self.counts.items())
        return _sqrt_of_fraction(Fraction(n * squares - total * total, n * (n - 1)))

    def expanded(self) -> list[int]:
        return [value for value, count in sorted(self.counts.items()) for _ in range(count)]


def _t_interval(values: _Values, confidence: float = 0.95) -> tuple[float | None, float | None]:
    """:func:`~innovera.surveys.analysis.t_interval` from counts, operation for operation."""
    n = values.n
    mean, sd = values.mean(), values.sd()
    if mean is None or sd is None:
        return None, None
    from scipy.special import stdtrit

    quantile = float(stdtrit(n - 1, 0.5 + confidence / 2))
    half_width = quantile * sd / math.sqrt(n)
    return mean - half_width, mean + half_width


def _wilcoxon_p_value(differences: _Values) -> float | None:
    """:func:`~innovera.surveys.analysis.wilcoxon_p_value` from the counts of the differences.

    Small samples (the exact and the permutation distributions) are expanded and given to the
    same function, which is cheap below 50 values. The normal approximation, the case of every
    large round, is computed here from the counts of ``|d|`` — tied ranks are averages of
    consecutive positions — with scipy's own operations in its order (``_wilcoxon.py``: the
    mean ``m(m+1)/4``, the tie-corrected variance, the continuity correction, ``2·Φ(-|z|)``), so
    no 40,000-element array is built and ``scipy.stats`` is not imported.
    """
    if differences.n < 2:
        return None
    nonzero = {value: count for value, count in differences.counts.items() if value and count}
    m = sum(nonzero.values())
    if not m:
        return None
    by_size: dict[int, list[int]] = {}
    for value, count in nonzero.items():
        by_size.setdefault(abs(value), [0, 0])[value > 0] += count
    has_ties = any(sum(pair) > 1 for pair in by_size.values())
    if not has_ties and m <= EXACT_WILCOXON_MAX_N:
        # Zeros are dropped there, but count towards its "at least two pairs": one will do.
        return wilcoxon_p_value([0] * (differences.n > m) + _Values(nonzero).expanded())
    if m <= PERMUTATION_WILCOXON_MAX_N:
        return _permutation_p_value(by_size, m)
    from scipy.special import ndtr

    # Twice the positive rank sum, an integer: ranks of a tie group of size t starting after
    # position `below` average to below + (t + 1) / 2.
    twice_plus = 0
    tie_correct = 0
    below = 0
    for size in sorted(by_size):
        negative, positive = by_size[size]
        group = negative + positive
        twice_plus += positive * (2 * below + group + 1)
        tie_correct += group**3 - group
        below += group
    size_m = float(m)
    r_plus = twice_plus / 2
    mn = size_m * (size_m + 1.0) * 0.25
    se = size_m * (size_m + 1.0) * (2.0 * size_m + 1.0)
    se = math.sqrt((se - float(tie_correct) / 2) / 24)
    if se == 0:
        return None
    z = (r_plus - mn) / se
    z = z - math.copysign(1.0, z) * 0.5 / se if z else z
    p_value = float(2 * ndtr(-abs(z)))
    return None if math.isnan(p_value) else min(p_value, 1.0)


def _permutation_p_value(by_size: Mapping[int, list[int]], m: int) -> float:
    """The exact permutation p-value over all ``2**m`` sign flips, counted, not enumerated.

    The statistic is the positive rank sum. A tie group of size ``t`` shares one average rank,
    so flipping signs inside it only changes how many of its ``t`` are positive: ``k`` of them
    in ``C(t, k)`` of the flips. Convolving the groups gives the whole null distribution in a
    few steps (scipy's ``permutation_test`` enumerates 8,192 flips for 13 pairs, which took
    seconds). Then as scipy: the shares of flips at most and at least the observed sum, twice
    the smaller, at most 1 (the sums are multiples of ½, so its tolerance changes nothing).
    """
    twice_observed = 0
    below = 0
    null: dict[int, int] = {0: 1}  # twice the positive rank sum -> number of sign flips
    for size in sorted(by_size):
        negative, positive = by_size[size]
        group = negative + positive
        twice_rank = 2 * below + group + 1
        twice_observed += positive * twice_rank
        below += group
        spread: dict[int, int] = {}
        for total, ways in null.items():
            for k in range(group + 1):
                key = total + k * twice_rank
                spread[key] = spread.get(key, 0) + ways * math.comb(group, k)
        null = spread
    flips = float(2**m)
    less = sum(ways for total, ways in null.items() if total <= twice_observed) / flips
    greater = sum(ways for total, ways in null.items() if total >= twice_observed) / flips
    return min(min(less, greater) * 2, 1.0)


# --- the analysis ------------------------------------------------------------------------------


def _merged(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def _scale_values(counts: Mapping[str, int] | None) -> _Values:
    return _Values({int(key): n for key, n in (counts or {}).items() if key != DONT_KNOW})


def _org_types_of(invited: Mapping[str, int], tallies: Mapping[str, Tally]) -> list[str]:
    present = set(invited) | {org for org, tally in tallies.items() if tally.respondents}
    known = [org for org in ORG_TYPE_ORDER if org in present]
    return known + sorted(present - set(ORG_TYPE_ORDER))


def _scale_item(
    code: str, scale: Scale, total: Tally, tallies: Mapping[str, Tally], org_types: Sequence[str]
) -> ScaleItem:
    counts = total.scale.get(code, {})
    values = _scale_values(counts)
    dont_know = counts.get(DONT_KNOW, 0)
    by_org = {}
    for org in org_types:
        tally = tallies.get(org)
        group = _scale_values(tally.scale.get(code) if tally else None)
        by_org[org] = {"n": group.n, "mean": group.mean()}
    return {
        "type": "scale",
        "n": values.n,
        "mean": values.mean(),
        "sd": values.sd(),
        "dont_know": dont_know,
        "missing": total.respondents - values.n - dont_know,
        "distribution": {str(value): values.counts.get(value, 0) for value in scale.values},
        "by_org_type": by_org,  # type: ignore[typeddict-item]
    }


def _yes_no_item(code: str, total: Tally) -> YesNoItem:
    counts = total.yes_no.get(code, {})
    yes, no = counts.get("yes", 0), counts.get("no", 0)
    return {
        "type": "yes_no",
        "yes": yes,
        "no": no,
        "missing": total.respondents - yes - no,
        "yes_share": _share(yes, yes + no),
    }


def _multi_item(code: str, option_keys: Sequence[str], total: Tally) -> MultiItem:
    respondents = total.multi_respondents.get(code, 0)
    counts = total.multi.get(code, {})
    return {
        "respondents": respondents,
        "options": {
            key: {"count": counts.get(key, 0), "share": _share(counts.get(key, 0), respondents)}
            for key in option_keys
        },
    }


def _factor_result(key: str, total: Tally) -> FactorResult:
    importance: dict[int, int] = {}
    current: dict[int, int] = {}
    differences: dict[int, int] = {}
    current_dont_know = 0
    for cell, count in total.factors.get(key, {}).items():
        row, column = cell.split(":")
        imp = None if row == NOT_ANSWERED else int(row)
        cur = None if column in (NOT_ANSWERED, DONT_KNOW) else int(column)
        current_dont_know += count if column == DONT_KNOW else 0
        if imp is not None:
            importance[imp] = importance.get(imp, 0) + count
        if cur is not None:
            current[cur] = current.get(cur, 0) + count
        if imp is not None and cur is not None:
            differences[cur - imp] = differences.get(cur - imp, 0) + count
    imp_values, cur_values, diff_values = (
        _Values(importance),
        _Values(current),
        _Values(differences),
    )
    imp_mean, cur_mean = imp_values.mean(), cur_values.mean()
    ci_low, ci_high = _t_interval(diff_values)
    return {
        "importance": {"n": imp_values.n, "mean": imp_mean},
        "current": {"n": cur_values.n, "mean": cur_mean, "dont_know": current_dont_know},
        "gap": None if imp_mean is None or cur_mean is None else cur_mean - imp_mean,
        "quadrant": None,
        "paired": {
            "n": diff_values.n,
            "mean_diff": diff_values.mean(),
            "ci_low": ci_low,
            "ci_high": ci_high,
            "p_value": _wilcoxon_p_value(diff_values),
            "p_holm": None,
            "near_line": None,
        },
    }


def analyse_tallies(
    tallies: Mapping[str, Tally],
    invited: Mapping[str, int],
    *,
    round_name: str,
    template: Template,
    thresholds: Thresholds = DEFAULT_THRESHOLD,
) -> RoundAnalysis:
    """The §3 analysis of a round from its tallies per org type; equal to ``analyse_round``."""
    _check_invited(invited)
    total = _merged(tallies.values())
    if not total.respondents:
        raise EmptyRoundError("the round has no responses; there is nothing to analyse")
    org_types = _org_types_of(invited, tallies)
    items: dict[str, ScaleItem | YesNoItem] = {}
    multi: dict[str, MultiItem] = {}
    factors: dict[str, FactorResult] = {}
    for question in template.questions:
        if question.type is QuestionType.SCALE and question.scale is not None:
            items[question.code] = _scale_item(
                question.code, question.scale, total, tallies, org_types
            )
        elif question.type is QuestionType.YES_NO:
            items[question.code] = _yes_no_item(question.code, total)
        elif question.type is QuestionType.MULTI:
            keys = [option.key for option in question.options]
            multi[question.code] = _multi_item(question.code, keys, total)
        elif question.type is QuestionType.FACTOR_GRID:
            for factor in question.factors:
                factors[factor.key] = _factor_result(factor.key, total)
    rates: dict[str, OrgTypeRate] = {}
    for org in org_types:
        tally = tallies.get(org)
        responded = tally.respondents if tally else 0
        rates[org] = {
            "invited": invited.get(org, 0),
            "responded": responded,
            "response_rate": _share(responded, invited.get(org, 0)),
        }
    return _assembled(
        round_name=round_name,
        template=template,
        invited=invited,
        responded=total.respondents,
        by_org_type=rates,
        items=items,
        multi=multi,
        factors=factors,
        thresholds=thresholds,
    )


def at_thresholds(analysis: RoundAnalysis, thresholds: Thresholds) -> RoundAnalysis:
    """The same analysis with other quadrant lines: only the placement changes.

    Quadrants, ``near_line`` and the priority list depend on the lines; every mean, interval
    and p-value (Holm's adjustment included) does not, so nothing is recomputed from counts.
    """
    placed = copy.deepcopy(analysis)
    factors = placed["factors"]
    importance_line, current_line = _resolve_thresholds(thresholds, factors)
    _place_factors(factors, importance_line, current_line)
    placed["ipa"] = {
        "importance_threshold": importance_line,
        "current_threshold": current_line,
        "priority": _priority(factors),
    }
    return placed


def text_excerpt(tallies: Mapping[str, Tally], template: Template) -> dict[str, dict[str, Any]]:
    """Per text question: how many answered it and the first answers in Swedish order.

    Alphabetical, never the order of sending, and the same order in every list: as
    :func:`~innovera.surveys.analysis.text_answers`, whose first ``TEXT_EXCERPT_SIZE`` these are.
    """
    total = _merged(tallies.values())
    result: dict[str, dict[str, Any]] = {}
    for question in template.questions_of_type(QuestionType.TEXT):
        count, first = total.text.get(question.code, [0, []])
        result[question.code] = {"count": count, "first": first}
    return result
