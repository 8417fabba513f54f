"""The arithmetic of a jury's scores: pure, no Django, tested with hypothesis.

A juror scores an entry on every criterion of the round (1..5). The juror's figure for the entry
is the weighted mean of those scores; the entry's figure is the plain mean of its jurors'
figures, so each juror weighs the same whatever the number of criteria. The spread of an entry
is the largest juror figure minus the smallest: a spread of `DISAGREEMENT` or more is shown to
the chair as a large disagreement. Entries are ranked by their figure, highest first; equal
figures share a rank ("1, 2, 2, 4"), and entries nobody has scored come last without a rank.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Generic, TypeVar

SCALE: Final = (1, 5)
# Two steps on the five-step scale between two jurors' figures: the chair should look again.
DISAGREEMENT: Final = 2.0
# Figures are compared after rounding, so 3.9999999 and 4.0 are the same figure.
PLACES: Final = 9

Key = TypeVar("Key", bound=Hashable)


class ScoringError(ValueError):
    """Scores that do not make a complete assessment on the scale."""


def weighted_mean(scores: Mapping[Key, int], weights: Mapping[Key, Decimal | float | int]) -> float:
    """One juror's figure for one entry: every criterion scored once, on the scale."""
    if not weights:
        raise ScoringError("a round without criteria cannot be scored")
    if set(scores) != set(weights):
        raise ScoringError("every criterion is scored, and nothing else")
    low, high = SCALE
    total_weight = 0.0
    total = 0.0
    for key, weight in weights.items():
        value = scores[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ScoringError(f"a score is a whole number from {low} to {high}")
        w = float(weight)
        if w <= 0:
            raise ScoringError("a weight is above zero")
        total_weight += w
        total += w * value
    return round(total / total_weight, PLACES)


@dataclass(frozen=True)
class EntryResult:
    jurors: int
    mean: float | None  # None: nobody has scored it
    spread: float | None
    lowest: float | None
    highest: float | None

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT


def entry_result(juror_figures: Sequence[float]) -> EntryResult:
    """An entry's figure and spread from its jurors' weighted means."""
    if not juror_figures:
        return EntryResult(0, None, None, None, None)
    lowest, highest = min(juror_figures), max(juror_figures)
    mean = round(sum(juror_figures) / len(juror_figures), PLACES)
    return EntryResult(len(juror_figures), mean, round(highest - lowest, PLACES), lowest, highest)


@dataclass(frozen=True)
class Ranked(Generic[Key]):
    rank: int | None
    key: Key
    result: EntryResult


def ranking(results: Mapping[Key, EntryResult]) -> list[Ranked[Key]]:
    """Highest figure first; equal figures share the better rank and the next rank skips
    ("1, 2, 2, 4"); unscored entries last, unranked. Ties keep the order they came in."""
    scored = [(key, result) for key, result in results.items() if result.mean is not None]
    scored.sort(key=lambda pair: -(pair[1].mean or 0.0))
    ranked: list[Ranked[Key]] = []
    previous: float | None = None
    rank = 0
    for position, (key, result) in enumerate(scored, start=1):
        if result.mean != previous:
            rank, previous = position, result.mean
        ranked.append(Ranked(rank, key, result))
    ranked += [Ranked(None, key, result) for key, result in results.items() if result.mean is None]
    return ranked
