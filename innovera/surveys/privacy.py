"""What a confidential or anonymous round may show: no figure from fewer than N respondents.

The rule of issue 8 and survey-instrument.md §3, applied once, to the analysis itself, before
any channel sees it — the results page, the HTML, PDF and XLSX reports, ``innovera survey
analyse`` (JSON and table) and anything later built on the selector
:func:`innovera.surveys.selectors.round_analysis_shown`. Pure functions over the plain analysis
dict, no Django.

Each figure has a *base*: the respondents it is computed from. A figure whose base is below the
threshold becomes ``None`` and the object holding it gets ``"suppressed": true``:

* a scale item's mean, sd and distribution rest on its ``n`` valid answers, its "vet ej" count
  on those who answered the item at all (``n + dont_know``);
* a yes/no item's counts and share on those who answered yes or no;
* a multiple-choice question's counts and shares on the respondents who ticked anything;
* a favourable factor's importance and today means on their ``n``; the difference and the
  quadrant on both; the paired comparison on the pairs;
* a breakdown cell (by unit type) on its ``n``, with one complementary cell suppressed too
  (:func:`~innovera.surveys.analysis.suppress_small_cells`), so it cannot be recomputed.

When the whole round has fewer respondents than the threshold, every figure computed from
answers is suppressed, its counts of who answered (``n``, ``missing``) included. What stays is
the response rate: how many units answered, which the office sees on the round's page anyway
and which says nothing about what anyone answered.

Free text is shown only when the round has at least the threshold of respondents
(:func:`free_text_allowed`), and never next to a unit or unit type;
:func:`~innovera.surveys.analysis.text_answers` sorts it alphabetically, so its order does not
follow the order of sending either.

Open (identified) rounds show everything (:func:`shown_analysis` returns them unchanged).
"""

from __future__ import annotations

import copy
from typing import Any, Final

from innovera.surveys.analysis import RoundAnalysis, suppress_small_cells

__all__ = ["DEFAULT_MIN_RESPONDENTS", "free_text_allowed", "is_protected", "shown_analysis"]

DEFAULT_MIN_RESPONDENTS: Final = 5
"""The default of the ``SURVEY_MIN_RESPONDENTS`` setting."""

PROTECTED_MODES: Final = frozenset({"confidential", "anonymous"})
"""Round modes whose figures are suppressed below the threshold; "identified" shows all."""

FIXED_THRESHOLD: Final = 3.0
"""The quadrant lines by default sit at the scale's midpoint, which no answer moves."""


def is_protected(mode: str) -> bool:
    """Whether a round of this mode hides small figures (confidential and anonymous)."""
    return mode in PROTECTED_MODES


def free_text_allowed(*, mode: str, responded: int, min_respondents: int) -> bool:
    """Free-text answers are shown for an open round, else only from ``min_respondents`` on."""
    return not is_protected(mode) or responded >= min_respondents


def _blank(item: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        item[key] = None


def _scale(item: dict[str, Any], minimum: int, whole_round: bool) -> None:
    answered = (item.get("n") or 0) + (item.get("dont_know") or 0)
    hidden = whole_round or item["n"] < minimum
    if hidden:
        _blank(item, ("mean", "sd", "distribution"))
    if whole_round or answered < minimum:
        item["dont_know"] = None
    if whole_round:
        _blank(item, ("n", "missing"))
        item["by_org_type"] = {
            org: {"n": None, "mean": None, "suppressed": True} for org in item["by_org_type"]
        }
    else:
        item["by_org_type"] = suppress_small_cells(item["by_org_type"], min_n=minimum)
    item["suppressed"] = hidden


def _yes_no(item: dict[str, Any], minimum: int, whole_round: bool) -> None:
    hidden = whole_round or (item["yes"] or 0) + (item["no"] or 0) < minimum
    if hidden:
        _blank(item, ("yes", "no", "yes_share"))
    if whole_round:
        item["missing"] = None
    item["suppressed"] = hidden


def _multi(item: dict[str, Any], minimum: int, whole_round: bool) -> None:
    hidden = whole_round or item["respondents"] < minimum
    if hidden:
        item["options"] = {key: {"count": None, "share": None} for key in item["options"]}
    if whole_round:
        item["respondents"] = None
    item["suppressed"] = hidden


def _factor(factor: dict[str, Any], minimum: int, whole_round: bool) -> bool:
    """Suppress a factor's small parts; returns whether its placement is hidden."""
    importance, current, paired = factor["importance"], factor["current"], factor["paired"]
    for part in (importance, current):
        part["suppressed"] = whole_round or part["n"] < minimum
        if part["suppressed"]:
            part["mean"] = None
    if whole_round or (current["n"] or 0) + (current.get("dont_know") or 0) < minimum:
        current["dont_know"] = None
    paired["suppressed"] = whole_round or paired["n"] < minimum
    if paired["suppressed"]:
        _blank(paired, ("mean_diff", "ci_low", "ci_high", "p_value", "p_holm", "near_line"))
    if whole_round:
        for part in (importance, current, paired):
            part["n"] = None
    placement_hidden: bool = importance["suppressed"] or current["suppressed"]
    if placement_hidden:
        factor["gap"] = None
        factor["quadrant"] = None
    factor["suppressed"] = placement_hidden
    return placement_hidden


def shown_analysis(analysis: RoundAnalysis, *, mode: str, min_respondents: int) -> RoundAnalysis:
    """The analysis as a round of ``mode`` may show it: a suppressed copy, or itself when open.

    Keeps the JSON shape of survey-instrument.md §3: a hidden figure is ``null`` and the object
    holding it carries ``"suppressed": true`` (``false`` where nothing of it is hidden). The
    result also says which threshold was applied, as ``"suppression": {"min_respondents": N}``.
    """
    if not is_protected(mode):
        return analysis
    shown: Any = copy.deepcopy(analysis)
    minimum = min_respondents
    whole_round = analysis["responded"] < minimum
    for item in shown["items"].values():
        if item["type"] == "scale":
            _scale(item, minimum, whole_round)
        else:
            _yes_no(item, minimum, whole_round)
    for item in shown["multi"].values():
        _multi(item, minimum, whole_round)
    hidden_factors = {
        key for key, factor in shown["factors"].items() if _factor(factor, minimum, whole_round)
    }
    ipa = shown["ipa"]
    ipa["priority"] = [key for key in ipa["priority"] if key not in hidden_factors]
    if hidden_factors:
        # Lines at the means of the factor means ("--thresholds mean") rest on the answers.
        for key in ("importance_threshold", "current_threshold"):
            if ipa[key] is not None and ipa[key] != FIXED_THRESHOLD:
                ipa[key] = None
    shown["suppression"] = {"min_respondents": minimum}
    result: RoundAnalysis = shown
    return result
