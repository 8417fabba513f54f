"""Analysis of one survey round over plain data (contract: survey-instrument.md §3).

Plain Python in, plain dicts out, no Django: the database layer turns stored answers into
:class:`Response` records, :func:`analyse_round` produces exactly the JSON object that
``innovera survey analyse --format json`` prints, and the report and CLI render that object.
Keeping the statistics here makes every number testable by hand without a database.

Conventions, all from the contract:

* Scale answers are ``int`` 1-4, :data:`DONT_KNOW` (``"dk"``) for "vet ej", or ``None``/absent.
  Every mean, sd and count ``n`` is over the valid 1-4 answers only.
* Numbers are unrounded; rounding is the presentation's job (the reports, the CLI table).
* Where nothing can be computed (no answers, one answer for an sd) the value is ``None``, never
  a ``ZeroDivisionError`` and never ``NaN`` (which is not valid JSON).
* Invalid input (a ``5``, an unknown option, an unknown answer code, a duplicate respondent) is
  refused with :class:`InvalidAnswerError` rather than silently dropped: the importer has
  already validated cells, so anything odd here is a programming error worth seeing.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias, TypedDict

from innovera.surveys.instrument import (
    STOCKHOLM_2014,
    Factor,
    Question,
    QuestionType,
    Scale,
    Template,
    factor_code,
)

__all__ = [
    "DEFAULT_MIN_CELL",
    "DEFAULT_THRESHOLD",
    "DONT_KNOW",
    "EmptyRoundError",
    "InvalidAnswerError",
    "Quadrant",
    "Response",
    "RoundAnalysis",
    "SurveyAnalysisError",
    "analyse_round",
    "classify_quadrant",
    "holm_adjust",
    "is_near_line",
    "suppress_small_cells",
    "t_interval",
    "text_answers",
    "wilcoxon_p_value",
]

DONT_KNOW: Final = "dk"
"""The plain-data value of a "vet ej" (don't know) answer."""

DEFAULT_THRESHOLD: Final = 3.0
"""The report's quadrant line on both axes: the midpoint 3.0 of the 1-4 scales (§6.9)."""

DEFAULT_MIN_CELL: Final = 5
"""Breakdown cells with fewer answers than this are suppressed in reports (contract §3)."""

ORG_TYPE_ORDER: Final = ("district", "department", "company")
"""The report's order of unit types; other types follow alphabetically."""

EXACT_WILCOXON_MAX_N: Final = 50
"""Up to this many non-zero differences without ties, the exact null distribution is used."""

PERMUTATION_WILCOXON_MAX_N: Final = 13
"""Up to this many non-zero differences with ties, all 2**n sign flips are enumerated."""

Quadrant: TypeAlias = Literal["concentrate_here", "keep_up", "low_priority", "possible_overkill"]
ScaleAnswer: TypeAlias = int | Literal["dk"] | None
Thresholds: TypeAlias = float | tuple[float, float] | Literal["mean"]


class SurveyAnalysisError(ValueError):
    """Base class for survey-analysis errors; messages are English, the caller translates."""


class EmptyRoundError(SurveyAnalysisError):
    """The round has no responses, so there is nothing to analyse (and no rate to divide by)."""


class InvalidAnswerError(SurveyAnalysisError):
    """A response holds a value the template does not allow (names respondent and code)."""


@dataclass(frozen=True)
class Response:
    """One respondent's answers, keyed by question code or ``factor_<key>_<dimension>``.

    Scale and factor answers: ``int`` 1-4, ``"dk"`` or ``None``; yes/no: ``bool`` or ``None``;
    multi: a set/list/tuple of option keys (empty or ``None`` = not answered); text: ``str``.
    """

    respondent_id: str
    org_type: str
    answers: Mapping[str, object] = field(default_factory=dict)


# --- the JSON shapes of §3 ------------------------------------------------------------------


class OrgTypeRate(TypedDict):
    invited: int
    responded: int
    response_rate: float | None


class GroupMean(TypedDict):
    n: int
    mean: float | None


class ScaleItem(TypedDict):
    type: Literal["scale"]
    n: int
    mean: float | None
    sd: float | None
    dont_know: int
    missing: int
    distribution: dict[str, int]
    by_org_type: dict[str, GroupMean]


class YesNoItem(TypedDict):
    type: Literal["yes_no"]
    yes: int
    no: int
    missing: int
    yes_share: float | None


class OptionShare(TypedDict):
    count: int
    share: float | None


class MultiItem(TypedDict):
    respondents: int
    options: dict[str, OptionShare]


class CurrentSummary(TypedDict):
    n: int
    mean: float | None
    dont_know: int


class PairedSummary(TypedDict):
    n: int
    mean_diff: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    p_holm: float | None
    near_line: bool | None


class FactorResult(TypedDict):
    importance: GroupMean
    current: CurrentSummary
    gap: float | None
    quadrant: Quadrant | None
    paired: PairedSummary


class IpaSummary(TypedDict):
    importance_threshold: float | None
    current_threshold: float | None
    priority: list[str]


class RoundAnalysis(TypedDict):
    round: str
    template: str
    invited: int
    responded: int
    response_rate: float | None
    by_org_type: dict[str, OrgTypeRate]
    items: dict[str, ScaleItem | YesNoItem]
    multi: dict[str, MultiItem]
    factors: dict[str, FactorResult]
    ipa: IpaSummary


# --- reading and checking answers -----------------------------------------------------------


def _check_round(responses: Sequence[Response], template: Template) -> None:
    """Refuse an empty round, duplicate respondents and answer codes the template lacks."""
    if not responses:
        raise EmptyRoundError("the round has no responses; there is nothing to analyse")
    known = template.answer_codes()
    seen: set[str] = set()
    for response in responses:
        if response.respondent_id in seen:
            raise InvalidAnswerError(f"duplicate respondent_id {response.respondent_id!r}")
        seen.add(response.respondent_id)
        if not response.org_type:
            raise InvalidAnswerError(f"respondent {response.respondent_id!r} has no org_type")
        unknown = sorted(set(response.answers) - known)
        if unknown:
            raise InvalidAnswerError(
                f"respondent {response.respondent_id!r}: answer code(s) {', '.join(unknown)} "
                f"are not in template {template.key!r}"
            )


def _invalid(response: Response, code: str, expected: str, value: object) -> InvalidAnswerError:
    return InvalidAnswerError(
        f"respondent {response.respondent_id!r}, {code}: expected {expected}, got {value!r}"
    )


def _scale_answer(response: Response, code: str, scale: Scale) -> ScaleAnswer:
    """A validated scale answer. ``bool`` is refused although it is an ``int`` in Python."""
    value = response.answers.get(code)
    if value is None or value == DONT_KNOW:
        return None if value is None else DONT_KNOW
    if isinstance(value, int) and not isinstance(value, bool) and value in scale.values:
        return value
    raise _invalid(response, code, f"one of {scale.values}, {DONT_KNOW!r} or None", value)


def _yes_no_answer(response: Response, code: str) -> bool | None:
    value = response.answers.get(code)
    if value is None or isinstance(value, bool):
        return value
    raise _invalid(response, code, "True, False or None", value)


def _multi_answer(response: Response, question: Question) -> frozenset[str]:
    """The ticked option keys. A bare string is refused: it would iterate as characters."""
    value = response.answers.get(question.code)
    if value is None:
        return frozenset()
    if not isinstance(value, set | frozenset | list | tuple):
        raise _invalid(response, question.code, "a set or list of option keys", value)
    allowed = {option.key for option in question.options}
    ticked = frozenset(value)
    if not ticked <= allowed:
        unknown = sorted(map(repr, ticked - allowed))
        raise _invalid(response, question.code, f"option keys from {sorted(allowed)}", unknown)
    return ticked


def _text_answer(response: Response, code: str) -> str | None:
    value = response.answers.get(code)
    if value is None or isinstance(value, str):
        return value
    raise _invalid(response, code, "a string or None", value)


# --- small statistics -----------------------------------------------------------------------


def _mean(values: Sequence[int]) -> float | None:
    """Mean of integers, ``None`` for none; ``fmean`` keeps e.g. (2 + 4) / 2 exactly 3.0."""
    return statistics.fmean(values) if values else None


def _sample_sd(values: Sequence[int]) -> float | None:
    """Sample standard deviation (ddof=1), undefined and so ``None`` below two answers."""
    return statistics.stdev(values) if len(values) >= 2 else None


def _share(count: int, base: int) -> float | None:
    return count / base if base else None


def t_interval(
    values: Sequence[int], confidence: float = 0.95
) -> tuple[float | None, float | None]:
    """Two-sided t confidence interval for the mean of ``values``.

    ``mean ± t(1 - alpha/2, n - 1) · sd / √n`` with the sample sd. ``(None, None)`` below two
    values, where no sd exists. When every value is equal the interval collapses to the mean.
    """
    if len(values) < 2:
        return None, None
    mean = statistics.fmean(values)
    # scipy.special imports in a fraction of the time of scipy.stats, on every command run.
    from scipy.special import stdtrit

    quantile = float(stdtrit(len(values) - 1, 0.5 + confidence / 2))
    half_width = quantile * statistics.stdev(values) / math.sqrt(len(values))
    return mean - half_width, mean + half_width


def wilcoxon_p_value(differences: Sequence[int]) -> float | None:
    """Two-sided Wilcoxon signed-rank p-value of paired differences (today - importance).

    Choices, fixed here rather than left to scipy's ``method="auto"`` (whose rules change
    between versions), so that a statistician can reproduce every p-value:

    * Zeros: Wilcoxon's own method (``zero_method="wilcox"``, also R's and SPSS's default):
      respondents who gave the same rating twice carry no sign and are dropped before ranking.
    * Ties among the remaining ``|d|`` get average ranks (unavoidable on a 1-4 scale).
    * Null distribution, with ``m`` non-zero differences: no ties and ``m ≤ 50`` → the exact
      distribution; ties and ``m ≤ 13`` → the exact permutation distribution over all ``2**m``
      sign flips (exact, deterministic, correct with ties); otherwise the normal approximation
      with tie-corrected variance and continuity correction (as R's ``wilcox.test``).
    * ``None`` when fewer than two pairs exist or every difference is zero: there is nothing to
      rank, and a p-value of 1 would pretend a test was made.
    """
    if len(differences) < 2:
        return None
    nonzero = [float(d) for d in differences if d != 0]
    if not nonzero:
        return None
    # Imported here: scipy.stats takes most of a second to import, and not every run tests.
    from scipy import stats

    has_ties = len({abs(d) for d in nonzero}) < len(nonzero)
    method: object
    if not has_ties and len(nonzero) <= EXACT_WILCOXON_MAX_N:
        method = "exact"
    elif len(nonzero) <= PERMUTATION_WILCOXON_MAX_N:
        method = stats.PermutationMethod(n_resamples=2 ** len(nonzero))
    else:
        method = "asymptotic"
    result = stats.wilcoxon(nonzero, zero_method="wilcox", correction=True, method=method)
    p_value = float(result.pvalue)
    return None if math.isnan(p_value) else min(p_value, 1.0)


def holm_adjust(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm's step-down adjustment; ``None`` entries (no test) are skipped and stay ``None``.

    With the ``m`` p-values sorted ascending, ``p_(i)`` becomes
    ``max over j ≤ i of min(1, (m - j + 1) · p_(j))``, which keeps the adjusted values in the
    same order as the raw ones. Equal p-values are taken in input order.
    """
    order = sorted(
        ((p, index) for index, p in enumerate(p_values) if p is not None),
        key=lambda pair: pair[0],
    )
    adjusted: list[float | None] = [None] * len(p_values)
    running_max = 0.0
    for rank, (p_value, index) in enumerate(order):
        running_max = max(running_max, min(1.0, (len(order) - rank) * p_value))
        adjusted[index] = running_max
    return adjusted


# --- importance-performance analysis ---------------------------------------------------------


def classify_quadrant(
    importance: float | None,
    current: float | None,
    importance_threshold: float | None,
    current_threshold: float | None,
) -> Quadrant | None:
    """The factor's quadrant in the report's cross diagram (§6.9), ``None`` if unplaceable.

    A factor exactly on a line counts as *not* above the importance line and *at or above* the
    current line, as the contract says: importance must exceed its threshold to matter, and a
    factor rated exactly at the threshold today counts as in place.
    """
    if (
        importance is None
        or current is None
        or importance_threshold is None
        or current_threshold is None
    ):
        return None
    if importance > importance_threshold:
        return "concentrate_here" if current < current_threshold else "keep_up"
    return "low_priority" if current < current_threshold else "possible_overkill"


def is_near_line(
    importance: float | None,
    current: float | None,
    paired: PairedSummary,
    importance_threshold: float | None,
    current_threshold: float | None,
) -> bool | None:
    """Whether the factor's paired 95 % interval, drawn through its point, reaches a line.

    The rule: with ``h = (ci_high - ci_low) / 2`` (the margin of the paired mean difference),
    ``near_line`` is true when ``|importance mean - importance threshold| ≤ h`` or
    ``|current mean - current threshold| ≤ h`` — i.e. error bars of the paired interval's
    width, drawn along both axes through the plotted point (importance mean, current mean),
    touch or cross a quadrant line, so the factor's quadrant is not clearly settled. The bars
    are centred on the plotted point rather than on ``mean_diff`` because the point is what the
    reader sees. ``None`` when the point or the interval does not exist (fewer than 2 pairs).
    """
    low, high = paired["ci_low"], paired["ci_high"]
    if (
        importance is None
        or current is None
        or low is None
        or high is None
        or importance_threshold is None
        or current_threshold is None
    ):
        return None
    margin = (high - low) / 2
    return (
        abs(importance - importance_threshold) <= margin
        or abs(current - current_threshold) <= margin
    )


def _resolve_thresholds(
    thresholds: Thresholds, factors: Mapping[str, FactorResult]
) -> tuple[float | None, float | None]:
    """The (importance, current) lines: fixed numbers, or the means of the plotted factor means.

    ``"mean"`` averages over the factors that have both means (the points in the diagram), so
    the crosshair sits at the centre of the plotted cloud; ``None`` if no factor is plottable.
    """
    if thresholds == "mean":
        plotted = [
            (imp, cur)
            for result in factors.values()
            if (imp := result["importance"]["mean"]) is not None
            and (cur := result["current"]["mean"]) is not None
        ]
        if not plotted:
            return None, None
        return statistics.fmean(p[0] for p in plotted), statistics.fmean(p[1] for p in plotted)
    pair = thresholds if isinstance(thresholds, tuple) else (thresholds, thresholds)
    for value in pair:
        valid = isinstance(value, int | float) and not isinstance(value, bool)
        if not valid or not math.isfinite(value):
            raise ValueError(f"thresholds must be a number, a pair or 'mean', got {thresholds!r}")
    return float(pair[0]), float(pair[1])


# --- the parts of the round analysis ---------------------------------------------------------


def _org_types(invited: Mapping[str, int], responses: Iterable[Response]) -> list[str]:
    """Org types of the round, invited or responding: the report's order, then alphabetical."""
    present = set(invited) | {response.org_type for response in responses}
    known = [org for org in ORG_TYPE_ORDER if org in present]
    return known + sorted(present - set(ORG_TYPE_ORDER))


def _check_invited(invited: Mapping[str, int]) -> None:
    for org_type, count in invited.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"invited[{org_type!r}] must be a whole number ≥ 0, got {count!r}")


def _response_rates(
    responses: Sequence[Response], invited: Mapping[str, int], org_types: Sequence[str]
) -> dict[str, OrgTypeRate]:
    rates: dict[str, OrgTypeRate] = {}
    for org_type in org_types:
        responded = sum(1 for r in responses if r.org_type == org_type)
        count = invited.get(org_type, 0)
        rates[org_type] = {
            "invited": count,
            "responded": responded,
            "response_rate": _share(responded, count),
        }
    return rates


def _group_mean(values: Sequence[int]) -> GroupMean:
    return {"n": len(values), "mean": _mean(values)}


def _scale_item(
    responses: Sequence[Response], question: Question, org_types: Sequence[str]
) -> ScaleItem:
    scale = question.scale
    if scale is None:  # guaranteed by Question.__post_init__; keeps mypy honest
        raise ValueError(f"question {question.code!r} has no scale")
    answers = [(r.org_type, _scale_answer(r, question.code, scale)) for r in responses]
    valid = [a for _, a in answers if isinstance(a, int)]
    dont_know = sum(1 for _, a in answers if a == DONT_KNOW)
    by_org = {
        org: _group_mean([a for o, a in answers if o == org and isinstance(a, int)])
        for org in org_types
    }
    return {
        "type": "scale",
        "n": len(valid),
        "mean": _mean(valid),
        "sd": _sample_sd(valid),
        "dont_know": dont_know,
        "missing": len(answers) - len(valid) - dont_know,
        "distribution": {str(value): valid.count(value) for value in scale.values},
        "by_org_type": by_org,
    }


def _yes_no_item(responses: Sequence[Response], question: Question) -> YesNoItem:
    answers = [_yes_no_answer(r, question.code) for r in responses]
    yes = answers.count(True)
    no = answers.count(False)
    return {
        "type": "yes_no",
        "yes": yes,
        "no": no,
        "missing": len(answers) - yes - no,
        "yes_share": _share(yes, yes + no),
    }


def _multi_item(responses: Sequence[Response], question: Question) -> MultiItem:
    """Shares over those who ticked at least one option: a blank answer is not a "no"."""
    ticked = [t for t in (_multi_answer(r, question) for r in responses) if t]
    options: dict[str, OptionShare] = {}
    for option in question.options:
        count = sum(1 for keys in ticked if option.key in keys)
        options[option.key] = {"count": count, "share": _share(count, len(ticked))}
    return {"respondents": len(ticked), "options": options}


def _factor_result(responses: Sequence[Response], factor: Factor, grid: Question) -> FactorResult:
    """One factor's means, gap and paired comparison; quadrant and Holm are filled in later.

    A "dk" on importance (the instrument offers none, but the import format accepts it) is
    treated like a skipped answer: it is simply not a valid rating.
    """
    if grid.importance_scale is None or grid.current_scale is None:
        raise ValueError(f"factor grid {grid.code!r} lacks its scales")
    imp_code = factor_code(factor.key, "importance")
    cur_code = factor_code(factor.key, "current")
    importance = [_scale_answer(r, imp_code, grid.importance_scale) for r in responses]
    current = [_scale_answer(r, cur_code, grid.current_scale) for r in responses]
    imp_valid = [a for a in importance if isinstance(a, int)]
    cur_valid = [a for a in current if isinstance(a, int)]
    differences = [
        cur - imp
        for imp, cur in zip(importance, current, strict=True)
        if isinstance(imp, int) and isinstance(cur, int)
    ]
    imp_mean, cur_mean = _mean(imp_valid), _mean(cur_valid)
    ci_low, ci_high = t_interval(differences)
    return {
        "importance": {"n": len(imp_valid), "mean": imp_mean},
        "current": {"n": len(cur_valid), "mean": cur_mean, "dont_know": current.count(DONT_KNOW)},
        "gap": None if imp_mean is None or cur_mean is None else cur_mean - imp_mean,
        "quadrant": None,
        "paired": {
            "n": len(differences),
            "mean_diff": _mean(differences),
            "ci_low": ci_low,
            "ci_high": ci_high,
            "p_value": wilcoxon_p_value(differences),
            "p_holm": None,
            "near_line": None,
        },
    }


def _place_factors(
    factors: dict[str, FactorResult], importance_line: float | None, current_line: float | None
) -> None:
    """Fill in quadrant, near_line and the Holm-adjusted p-values across all factors."""
    keys = list(factors)
    adjusted = holm_adjust([factors[key]["paired"]["p_value"] for key in keys])
    for key, p_holm in zip(keys, adjusted, strict=True):
        result = factors[key]
        imp, cur = result["importance"]["mean"], result["current"]["mean"]
        result["quadrant"] = classify_quadrant(imp, cur, importance_line, current_line)
        result["paired"]["p_holm"] = p_holm
        result["paired"]["near_line"] = is_near_line(
            imp, cur, result["paired"], importance_line, current_line
        )


def _priority(factors: Mapping[str, FactorResult]) -> list[str]:
    """The ``concentrate_here`` factors, largest shortfall (most negative gap) first.

    ``sorted`` is stable, so equal gaps keep questionnaire order.
    """
    shaded = [key for key, result in factors.items() if result["quadrant"] == "concentrate_here"]
    return sorted(shaded, key=lambda key: factors[key]["gap"] or 0.0)


def analyse_round(
    responses: Sequence[Response],
    invited: Mapping[str, int],
    *,
    round_name: str,
    template: Template = STOCKHOLM_2014,
    thresholds: Thresholds = DEFAULT_THRESHOLD,
) -> RoundAnalysis:
    """The complete §3 analysis of one round, as a JSON-ready dict.

    ``invited`` maps org type to the number of units invited, the response-rate denominator;
    a type that was not invited (or invited 0) has ``response_rate`` ``None``. ``thresholds``
    sets the quadrant lines: one number for both axes (default 3.0, as the report), an
    ``(importance, current)`` pair, or ``"mean"`` for the means of the factor means.

    Raises :class:`EmptyRoundError` for a round without responses and
    :class:`InvalidAnswerError` for answers the template does not allow.
    """
    _check_round(responses, template)
    _check_invited(invited)
    org_types = _org_types(invited, responses)
    items: dict[str, ScaleItem | YesNoItem] = {}
    multi: dict[str, MultiItem] = {}
    factors: dict[str, FactorResult] = {}
    for question in template.questions:
        if question.type is QuestionType.SCALE:
            items[question.code] = _scale_item(responses, question, org_types)
        elif question.type is QuestionType.YES_NO:
            items[question.code] = _yes_no_item(responses, question)
        elif question.type is QuestionType.MULTI:
            multi[question.code] = _multi_item(responses, question)
        elif question.type is QuestionType.FACTOR_GRID:
            for factor in question.factors:
                factors[factor.key] = _factor_result(responses, factor, question)
    return _assembled(
        round_name=round_name,
        template=template,
        invited=invited,
        responded=len(responses),
        by_org_type=_response_rates(responses, invited, org_types),
        items=items,
        multi=multi,
        factors=factors,
        thresholds=thresholds,
    )


def _assembled(
    *,
    round_name: str,
    template: Template,
    invited: Mapping[str, int],
    responded: int,
    by_org_type: dict[str, OrgTypeRate],
    items: dict[str, ScaleItem | YesNoItem],
    multi: dict[str, MultiItem],
    factors: dict[str, FactorResult],
    thresholds: Thresholds,
) -> RoundAnalysis:
    """The round's analysis from its parts, whether counted from the responses (here) or from
    tallies (`analysis_counts`): the factors placed at the quadrant lines, the priority list."""
    importance_line, current_line = _resolve_thresholds(thresholds, factors)
    _place_factors(factors, importance_line, current_line)
    invited_total = sum(invited.values())
    return {
        "round": round_name,
        "template": template.key,
        "invited": invited_total,
        "responded": responded,
        "response_rate": _share(responded, invited_total),
        "by_org_type": by_org_type,
        "items": items,
        "multi": multi,
        "factors": factors,
        "ipa": {
            "importance_threshold": importance_line,
            "current_threshold": current_line,
            "priority": _priority(factors),
        },
    }


# --- free text and small cells ---------------------------------------------------------------

_SWEDISH_LAST_LETTERS: Final = str.maketrans({"å": "{", "ä": "|", "ö": "}"})
"""Maps å, ä, ö to the three characters after z, giving Swedish alphabetical order."""


def _swedish_sort_key(text: str) -> tuple[str, str]:
    return text.casefold().translate(_SWEDISH_LAST_LETTERS), text


def text_answers(
    responses: Sequence[Response], template: Template = STOCKHOLM_2014
) -> dict[str, list[str]]:
    """Non-empty free-text answers per text question (stripped), every text code present.

    Each list is sorted alphabetically (Swedish order) instead of kept in respondent order:
    with the same order in every list, answers of one person could be linked across questions,
    which a confidential or anonymous round must not allow.
    """
    result: dict[str, list[str]] = {}
    for question in template.questions_of_type(QuestionType.TEXT):
        texts = [_text_answer(r, question.code) for r in responses]
        stripped = [t.strip() for t in texts if t is not None and t.strip()]
        result[question.code] = sorted(stripped, key=_swedish_sort_key)
    return result


def suppress_small_cells(
    by_org_type: Mapping[str, Mapping[str, object]],
    min_n: int = DEFAULT_MIN_CELL,
    *,
    count_key: str = "n",
    complementary: bool = True,
) -> dict[str, dict[str, object]]:
    """A copy of a breakdown with cells of fewer than ``min_n`` answers blanked.

    Each cell keeps its count (``count_key``) and gets ``"suppressed"``; a suppressed cell has
    every other value set to ``None``. With ``complementary`` (the default), if exactly one
    cell with answers is suppressed, the next smallest cell with answers is suppressed too:
    otherwise the hidden mean could be recomputed from the overall mean and the other cells
    (``n_total · mean_total - Σ n_i · mean_i``). Cells with no answers hide nothing and do not
    count towards that rule.
    """

    def count(cell: Mapping[str, object]) -> int:
        value = cell.get(count_key)
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    hidden = {org for org, cell in by_org_type.items() if count(cell) < min_n}
    primary = [org for org in hidden if count(by_org_type[org]) > 0]
    if complementary and len(primary) == 1:
        others = [org for org in by_org_type if org not in hidden and count(by_org_type[org]) > 0]
        if others:
            hidden.add(min(others, key=lambda org: count(by_org_type[org])))
    return {
        org: {
            **{k: (v if k == count_key or org not in hidden else None) for k, v in cell.items()},
            "suppressed": org in hidden,
        }
        for org, cell in by_org_type.items()
    }
