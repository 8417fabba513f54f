"""Demo survey data: a 2014 round that reproduces the report's figures, and a 2016 round.

The 2014 report (Governo/Damvad, *Stärkt innovationsförmåga i Stockholms stad*, chapter 6)
prints aggregates only: 37 of 43 answered, one-decimal means of six self-assessments, the
collaboration-partner shares and two tables of factor means to two decimals. No answers were
published. This module builds 37 respondents whose answers give back, through
:func:`~innovera.surveys.analysis.analyse_round`, every one of those printed numbers (see
``data/report_2014_aggregates.json`` and ``docs/survey-demo-data.md``), and a 2016 round of the
same units plus three more, with modest improvements so that the trend view has something to
show.

How the 2014 answers are made, all deterministic (fixed seeds, no clock):

1. **Counts from targets.** Each item has a target: the report's mean where printed, otherwise
   a plausible value chosen here (``printed=False``). For the factor grid,
   :func:`solve_factor` searches over the number of answers (30-37 for importance, up to 37
   minus "vet ej" for today) for integer sums whose means round to both printed means *and*
   whose unrounded difference rounds to the printed "Differens" (the report's differences were
   computed from unrounded means), preferring the most answers. :func:`spread_counts` then
   brute-forces the counts of 1, 2, 3 and 4 with that sum, choosing the set closest to a
   discretised bell around the mean, so distributions look like survey answers.
2. **Counts to people.** Each respondent has latent traits (optimism about the own
   organisation, belief in the factors, a tendency to skip, an outward orientation). Each item
   ranks respondents by trait plus noise (plus an org-type offset where the report describes a
   difference) and hands out the fixed counts in rank order, so answers correlate across items
   the way real respondents' do, yet no two respondents are identical.
3. **Free text** comes from the report's own quotations of the survey (chapter 6) and the
   innovation examples of Bilaga 4, attached to the unit they plausibly belong to; many
   respondents leave text questions empty.

Pure Python without Django. Run ``python -m innovera.surveys.demo_data`` to regenerate
``data/demo_2014.csv`` and ``data/demo_2016.csv``; a test checks the committed files match.
"""

from __future__ import annotations

import functools
import json
import math
import os
import random
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Final

from innovera.organisations.demo_units import demo_unit_names
from innovera.surveys.analysis import DONT_KNOW, Response
from innovera.surveys.importing import write_responses_csv
from innovera.surveys.instrument import (
    STOCKHOLM_2014,
    FactorDimension,
    QuestionType,
    factor_code,
)

__all__ = [
    "DEMO_INVITED_2014",
    "DEMO_INVITED_2016",
    "DEMO_RESPONDENTS",
    "FACTOR_TARGETS_2014",
    "SCALE_TARGETS_2014",
    "FactorTarget",
    "ScaleTarget",
    "build_demo_2014",
    "build_demo_2016",
    "solve_factor",
    "spread_counts",
    "write_demo_csvs",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
CSV_NAMES: Final = {"2014": "demo_2014.csv", "2016": "demo_2016.csv"}

SEED_2014: Final = 2014
SEED_2016: Final = 2016
SHAPE_SD: Final = 0.75
"""Spread of the bell that :func:`spread_counts` aims at (in scale points)."""
RANK_NOISE: Final = 1.0
"""Noise added to a trait when ranking respondents for one item (trait sd is 1)."""

DEMO_INVITED_2014: Final[dict[str, int]] = {"district": 14, "department": 15, "company": 14}
"""Invited units per type. The report prints 43 invited overall only; §5.1 gives 14 districts
and 15 departments ("samtliga förvaltningschefer"), which leaves 14 of the 16 companies."""
DEMO_INVITED_2016: Final[dict[str, int]] = {"district": 14, "department": 15, "company": 14}

# --- who answered ------------------------------------------------------------------------------
# Names as in innovera/organisations/demo_city.json. The per-type split of the 37 respondents is
# not printed; 14 + 13 + 10 is chosen because it fits the §6.8 sentence "4 av 13
# fackförvaltningar och 9 av 10 av bolagen" (the report does not say these are respondents).

_UNITS: Final = demo_unit_names()
_DISTRICTS: Final = _UNITS["district"]
_SILENT_2014: Final = frozenset(
    (
        "Serviceförvaltningen",
        "Överförmyndarförvaltningen",
        "Stockholm Business Region Development AB",
        "Stockholms Stads Bostadsförmedling AB",
        "Stockholms Stadsteater AB",
        "Visit Stockholm AB",
        "Fastighets AB Förvaltaren",
        "S:t Erik Försäkrings AB",
    )
)
"""Units of the demo city that did not answer in 2014 (invited but silent, or not invited)."""
_DEPARTMENTS_2014: Final = tuple(n for n in _UNITS["department"] if n not in _SILENT_2014)
_COMPANIES_2014: Final = tuple(n for n in _UNITS["company"] if n not in _SILENT_2014)
_NEW_IN_2016: Final = (
    ("department", "Serviceförvaltningen"),
    ("company", "Stockholm Business Region Development AB"),
    ("company", "Stockholms Stads Bostadsförmedling AB"),
)

DEMO_RESPONDENTS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "2014": {
        "district": _DISTRICTS,
        "department": _DEPARTMENTS_2014,
        "company": _COMPANIES_2014,
    },
    "2016": {
        "district": _DISTRICTS,
        "department": (*_DEPARTMENTS_2014, "Serviceförvaltningen"),
        "company": (
            *_COMPANIES_2014,
            "Stockholm Business Region Development AB",
            "Stockholms Stads Bostadsförmedling AB",
        ),
    },
}
"""Responding units per round and org type. Not invited in either round: Fastighets AB
Förvaltaren and S:t Erik Försäkrings AB; invited but silent in 2014: Serviceförvaltningen,
Överförmyndarförvaltningen, SBR Development, Bostadsförmedlingen, Kulturhuset Stadsteatern and
Visit Stockholm (the first three answer in 2016)."""


# --- targets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleTarget:
    """A self-assessment item: the mean to hit (rounded to ``decimals``) and its answer counts.

    ``n`` valid answers, ``dont_know`` "vet ej"; the rest of the 37 did not answer. ``fixed``
    pins counts of single values. ``printed`` tells whether ``mean`` is the report's number.
    ``company_offset`` shifts companies' rank (the report: companies rate procurement higher).
    """

    code: str
    mean: float
    decimals: int
    n: int
    dont_know: int
    fixed: tuple[tuple[int, int], ...] = ()
    printed: bool = True
    company_offset: float = 0.0
    note: str = ""


@dataclass(frozen=True)
class FactorTarget:
    """A favourable factor: the importance and today means to hit, to two decimals.

    ``gap`` is the report's printed difference (today - importance) where there is one; the
    search then also makes the unrounded difference round to it. ``source`` says where the
    numbers come from; ``printed_current_1dp`` is the one-decimal today value of the §6.9
    bullet list where the tables give nothing better.
    """

    key: str
    importance: float
    current: float
    source: str
    gap: float | None = None
    current_dont_know: int = 0
    printed_current_1dp: float | None = None


RESPONDENTS_2014: Final = 37

SCALE_TARGETS_2014: Final = (
    ScaleTarget(
        "sa_overall",
        3.0,
        1,
        n=36,
        dont_know=1,
        fixed=((2, 6),),
        printed=False,
        note="No mean printed; 'sex personer' rated it 2 and 'Majoriteten' relatively good.",
    ),
    ScaleTarget("sa_managers", 3.3, 1, n=37, dont_know=0),
    ScaleTarget("sa_customer", 3.5, 1, n=36, dont_know=0, note="Highest of the seven."),
    ScaleTarget("sa_culture", 3.3, 1, n=36, dont_know=0),
    ScaleTarget("sa_receive", 2.9, 1, n=36, dont_know=1),
    ScaleTarget("sa_spread", 3.0, 1, n=36, dont_know=1),
    ScaleTarget(
        "sa_procurement",
        2.6,
        1,
        n=32,
        dont_know=3,
        fixed=((1, 1), (2, 14), (3, 14), (4, 3)),
        company_offset=1.5,
        note="3 'vet ej' and 2 missing are printed; the distribution is the contract's "
        "example (15 of 32 rate 1 or 2: 'knappt hälften').",
    ),
)
"""The seven self-assessments. Only the one-decimal means (and procurement's partial
non-response) are printed; n and "vet ej" for the others are chosen (a few skips each)."""

FACTOR_TARGETS_2014: Final = (
    FactorTarget("open_climate", 3.86, 3.30, "table 1", gap=-0.57),
    FactorTarget("own_leadership_drive", 3.81, 3.38, "chosen"),
    FactorTarget("customer_knowledge", 3.78, 3.22, "table 1", gap=-0.56),
    FactorTarget("curiosity", 3.75, 3.05, "table 1", gap=-0.70),
    FactorTarget("employee_drive", 3.68, 3.08, "table 1", gap=-0.59),
    FactorTarget("environment_scanning", 3.69, 3.08, "table 1", gap=-0.61),
    FactorTarget("clear_expectations", 3.58, 2.92, "table 1", gap=-0.66),
    FactorTarget("clear_strategy", 3.30, 2.73, "table 1", gap=-0.57),
    FactorTarget("systematic_process", 3.22, 2.81, "list", printed_current_1dp=2.8),
    FactorTarget("dedicated_time", 3.08, 2.62, "list", printed_current_1dp=2.6),
    FactorTarget("financial_resources", 2.83, 2.70, "table 2", gap=-0.13),
    FactorTarget(
        "city_leadership_drive",
        3.16,
        2.89,
        "list",
        current_dont_know=2,
        printed_current_1dp=2.9,
    ),
    FactorTarget(
        "city_leadership_competence",
        2.94,
        3.13,
        "table 2",
        gap=0.18,
        current_dont_know=5,
    ),
    FactorTarget("own_leadership_competence", 3.44, 3.19, "table 2", gap=-0.25),
    FactorTarget("employee_competence", 3.54, 3.27, "chosen"),
    FactorTarget("external_collaboration", 3.35, 3.03, "chosen"),
)
"""The 16 factors. ``table 1``/``table 2``: both means (and the difference) printed in §6.9;
``list``: only today's one-decimal value printed, importance chosen above 3.0 because the
factor is shaded; ``chosen``: nothing printed. Chosen values respect what the text says: the
top four importances are climate, own leadership's drive, customer knowledge and curiosity;
exactly eight exceed 3.5; drive beats knowledge; no today mean exceeds 3.5; only
city_leadership_competence is higher today than in general; only table 1 gaps exceed 0.5; and
exactly the five shaded factors have importance > 3.0 and today < 3.0."""

YES_COUNTS_2014: Final = {
    # uses_concept: "hälften ... hälften"; fewer districts than the others (§6.1).
    "uses_concept": {"district": 5, "department": 8, "company": 5},
    # has_idea_routines: "6 av 10" yes, "nästan 4 av 10" no.
    "has_idea_routines": {"all": 23},
    # knows_awards: "Samtliga respondenter".
    "knows_awards": {"all": 37},
}

COLLABORATION_COUNTS_2014: Final = {
    "city_units": 30,
    "academia": 21,
    "customers": 18,
    "suppliers": 17,
    "companies": 13,
    "public_sector": 12,
    "civil_society": 10,
    "other": 6,
}
"""Printed as 81/57/49/46/35/32/27/16 %; only a base of 37 fits all eight."""

IDEA_SOURCE_COUNTS_2014: Final = {
    "employees": 34,
    "managers": 31,
    "customers": 26,
    "suppliers": 8,
    "academia": 5,
    "city_units": 6,
    "politicians": 11,
    "other": 3,
}
"""Not printed. Chosen to follow §6.5's words: mostly employees, managers and customers;
surprisingly few suppliers, academia "och inte minst" other parts of the city."""

_AFFINITY: Final[dict[str, dict[str, float]]] = {
    # Org-type leanings used when ranking who ticks a collaboration partner.
    "academia": {"department": 0.8, "company": 0.4},
    "customers": {"district": 0.5},
    "suppliers": {"company": 1.2},
    "companies": {"company": 1.0},
    "public_sector": {"district": 0.6},
    "civil_society": {"district": 1.0},
}

# --- free text ---------------------------------------------------------------------------------
# From the report: survey quotations in chapter 6 (footnotes "Förvaltnings-/bolagschef i
# enkäten") and the innovation examples of Bilaga 4, lightly tidied and attached to a plausible
# unit, in data/demo_free_text.json. Line breaks, commas and quotes are kept on purpose: they
# exercise RFC 4180 quoting.

_FREE_TEXT: Final[dict[str, dict[str, dict[str, str]]]] = json.loads(
    (DATA_DIR / "demo_free_text.json").read_text(encoding="utf-8")
)
"""Per round, unit → text question code → answer (``data/demo_free_text.json``)."""
_TEXTS_2014: Final = _FREE_TEXT["2014"]
_TEXTS_2016: Final = _FREE_TEXT["2016"]

_TEXT_CODES: Final = frozenset(q.code for q in STOCKHOLM_2014.questions_of_type(QuestionType.TEXT))

# --- 2016: what changes ------------------------------------------------------------------------

_IMPROVEMENTS_2016: Final = {
    # answer code: how many respondents move one step up (about k/n on the mean)
    factor_code("systematic_process", "current"): 13,
    factor_code("clear_strategy", "current"): 12,
    factor_code("dedicated_time", "current"): 5,
    factor_code("clear_expectations", "current"): 6,
    factor_code("city_leadership_drive", "current"): 1,
    factor_code("external_collaboration", "current"): 4,
    factor_code("systematic_process", "importance"): 3,
    factor_code("clear_strategy", "importance"): 2,
    "sa_procurement": 6,
    "sa_receive": 4,
    "sa_spread": 5,
    "sa_overall": 3,
}
_JITTER_2016: Final = 2
"""On every other scale item, this many answers move up and as many down (net zero)."""
_YES_FLIPS_2016: Final = {"uses_concept": 6, "has_idea_routines": 4}
_MULTI_ADDS_2016: Final = {
    "collaboration_partners": {"public_sector": 4, "companies": 3, "academia": 2},
    "idea_sources": {"city_units": 4, "customers": 2},
}


# --- the search --------------------------------------------------------------------------------


@functools.cache
def _sums(n: int, target: float, decimals: int) -> tuple[int, ...]:
    """Integer sums of ``n`` answers (1-4) whose mean rounds to ``target`` at ``decimals``.

    Strictly inside the rounding interval, so no half-way tie can round either way.
    """
    half = Fraction(1, 2 * 10**decimals)
    goal = Fraction(str(target))
    return tuple(s for s in range(n, 4 * n + 1) if abs(Fraction(s, n) - goal) < half)


def _best_sum(n: int, target: float, decimals: int) -> int:
    """The sum of :func:`_sums` closest to ``target`` (the smaller on a tie)."""
    options = _sums(n, target, decimals)
    if not options:
        raise ValueError(f"no sum of {n} answers has a mean rounding to {target}")
    return min(options, key=lambda s: (abs(Fraction(s, n) - Fraction(str(target))), s))


def solve_factor(target: FactorTarget, respondents: int) -> tuple[int, int, int, int]:
    """``(n_importance, sum_importance, n_current, sum_current)`` for one factor.

    Brute force over the answer counts: importance 30..respondents, today 28..respondents minus
    the "vet ej". Both means must round to the targets at two decimals and, where the report
    prints a difference, the unrounded difference must round to it. Among the solutions the one
    with the most answers wins, then the most importance answers, then the closest means.
    """
    candidates = []
    for n_imp in range(30, respondents + 1):
        for s_imp in _sums(n_imp, target.importance, 2):
            for n_cur in range(28, respondents - target.current_dont_know + 1):
                for s_cur in _sums(n_cur, target.current, 2):
                    gap = Fraction(s_cur, n_cur) - Fraction(s_imp, n_imp)
                    if target.gap is not None and abs(gap - Fraction(str(target.gap))) >= Fraction(
                        1, 200
                    ):
                        continue
                    miss = abs(Fraction(s_imp, n_imp) - Fraction(str(target.importance))) + abs(
                        Fraction(s_cur, n_cur) - Fraction(str(target.current))
                    )
                    candidates.append((-(n_imp + n_cur), -n_imp, miss, n_imp, s_imp, n_cur, s_cur))
    if not candidates:
        raise ValueError(f"factor {target.key!r}: no integer solution")
    best = min(candidates)
    return best[3], best[4], best[5], best[6]


def spread_counts(n: int, total: int, fixed: Sequence[tuple[int, int]] = ()) -> dict[int, int]:
    """Counts of the values 1-4 among ``n`` answers summing to ``total``, looking like a survey.

    Every solution is enumerated (at most a few hundred for n ≤ 37); the one closest, in squared
    distance, to ``n`` times a bell of sd :data:`SHAPE_SD` centred on the mean wins. ``fixed``
    pins some counts, e.g. ``((2, 6),)`` for "six rated it 2".
    """
    mean = total / n
    weights = [math.exp(-((k - mean) ** 2) / (2 * SHAPE_SD**2)) for k in range(1, 5)]
    expected = [n * w / sum(weights) for w in weights]
    pinned = dict(fixed)
    best: tuple[float, tuple[int, int, int, int]] | None = None
    excess = total - n  # sum of (value - 1): c2 + 2*c3 + 3*c4
    for c4 in range(n + 1):
        for c3 in range(n + 1 - c4):
            c2 = excess - 2 * c3 - 3 * c4
            c1 = n - c2 - c3 - c4
            if c2 < 0 or c1 < 0:
                continue
            counts = (c1, c2, c3, c4)
            if any(counts[value - 1] != count for value, count in pinned.items()):
                continue
            cost = sum((c - e) ** 2 for c, e in zip(counts, expected, strict=True))
            if best is None or (cost, counts) < best:
                best = (cost, counts)
    if best is None:
        raise ValueError(f"no counts of {n} answers sum to {total} with {dict(fixed)}")
    return {value: best[1][value - 1] for value in range(1, 5)}


# --- respondents and assignment ----------------------------------------------------------------


@dataclass
class _Person:
    """A respondent under construction: unit, latent traits and answers."""

    org_type: str
    unit: str
    optimism: float
    belief: float
    skipping: float
    outward: float
    answers: dict[str, object] = field(default_factory=dict)


def _people(rng: random.Random, units: Mapping[str, Sequence[str]]) -> list[_Person]:
    people = []
    for org_type, names in units.items():
        for name in names:
            people.append(
                _Person(
                    org_type=org_type,
                    unit=name,
                    optimism=rng.gauss(0, 1),
                    belief=rng.gauss(0, 1),
                    skipping=rng.gauss(0, 1),
                    outward=rng.gauss(0, 1),
                )
            )
    return people


def _ranked(
    rng: random.Random, people: Sequence[_Person], scores: Sequence[float]
) -> list[_Person]:
    """``people`` by score plus rank noise, highest first (stable for equal keys)."""
    noisy = [score + rng.gauss(0, RANK_NOISE) for score in scores]
    order = sorted(range(len(people)), key=lambda i: -noisy[i])
    return [people[i] for i in order]


def _assign_scale(
    rng: random.Random,
    people: Sequence[_Person],
    code: str,
    counts: Mapping[int, int],
    dont_know: int,
    trait: str,
    company_offset: float = 0.0,
) -> None:
    """Hand out "vet ej", skips and the value counts, in rank order (4s to the top ranks)."""
    skips = len(people) - sum(counts.values())
    if skips < dont_know:
        raise ValueError(f"{code}: more answers than respondents")
    by_skipping = _ranked(rng, people, [p.skipping for p in people])
    silent = by_skipping[:skips]
    for person in silent[:dont_know]:
        person.answers[code] = DONT_KNOW
    silent_ids = {id(p) for p in silent}
    answering = [p for p in people if id(p) not in silent_ids]
    scores = [
        getattr(p, trait) + (company_offset if p.org_type == "company" else 0.0) for p in answering
    ]
    ranked = _ranked(rng, answering, scores)
    position = 0
    for value in (4, 3, 2, 1):
        for person in ranked[position : position + counts[value]]:
            person.answers[code] = value
        position += counts[value]


def _assign_yes(
    rng: random.Random,
    people: Sequence[_Person],
    code: str,
    yes: int,
    bonus: Mapping[str, float],
) -> None:
    scores = [p.optimism + bonus.get(p.unit, 0.0) for p in people]
    ranked = _ranked(rng, people, scores)
    for index, person in enumerate(ranked):
        person.answers[code] = index < yes


def _assign_multi(
    rng: random.Random,
    people: Sequence[_Person],
    code: str,
    counts: Mapping[str, int],
    affinity: Mapping[str, Mapping[str, float]],
) -> None:
    """Tick each option for its count of respondents, then make sure everyone ticked one.

    A respondent left without a tick takes an option over from the respondent with the most
    ticks who has it, so every count is kept (the report's shares rest on all 37).
    """
    ticks: dict[int, set[str]] = {id(p): set() for p in people}
    for option, count in counts.items():
        leaning = affinity.get(option, {})
        scores = [p.outward + leaning.get(p.org_type, 0.0) for p in people]
        for person in _ranked(rng, people, scores)[:count]:
            ticks[id(person)].add(option)
    order = list(counts)
    for person in people:
        if ticks[id(person)]:
            continue
        for option in sorted(order, key=lambda o: -counts[o]):
            donors = [p for p in people if option in ticks[id(p)] and len(ticks[id(p)]) > 1]
            if donors:
                donor = max(donors, key=lambda p: len(ticks[id(p)]))
                ticks[id(donor)].discard(option)
                ticks[id(person)].add(option)
                break
        else:
            raise ValueError(f"{code}: cannot give every respondent a tick")
    for person in people:
        person.answers[code] = frozenset(ticks[id(person)])


def _finish(
    people: Sequence[_Person], year: str, rng: random.Random
) -> tuple[list[Response], dict[str, str]]:
    """Shuffle (ids must not follow the unit list), number, drop empty answers."""
    order = list(people)
    rng.shuffle(order)
    responses: list[Response] = []
    units: dict[str, str] = {}
    for number, person in enumerate(order, start=1):
        respondent_id = f"{year}-{number:02d}"
        answers = {
            code: value
            for code, value in person.answers.items()
            if value is not None and value != frozenset() and value != ""
        }
        responses.append(Response(respondent_id, person.org_type, answers))
        units[respondent_id] = person.unit
    return responses, units


def build_demo_2014() -> tuple[list[Response], dict[str, str]]:
    """The 37 respondents of the 2014 round and their org_unit by respondent_id.

    ``analyse_round(responses, DEMO_INVITED_2014, round_name="2014")`` reproduces the report's
    printed aggregates (see the module docstring and ``tests/test_demo_data.py``).
    """
    rng = random.Random(SEED_2014)  # noqa: S311 - reproducible demo data, not security
    people = _people(rng, DEMO_RESPONDENTS["2014"])
    count = len(people)
    if count != RESPONDENTS_2014:
        raise AssertionError(f"expected {RESPONDENTS_2014} respondents, have {count}")

    for target in SCALE_TARGETS_2014:
        total = _best_sum(target.n, target.mean, target.decimals)
        counts = spread_counts(target.n, total, target.fixed)
        _assign_scale(
            rng,
            people,
            target.code,
            counts,
            target.dont_know,
            "optimism",
            target.company_offset,
        )

    for factor in FACTOR_TARGETS_2014:
        n_imp, s_imp, n_cur, s_cur = solve_factor(factor, count)
        imp_code = factor_code(factor.key, "importance")
        cur_code = factor_code(factor.key, "current")
        _assign_scale(rng, people, imp_code, spread_counts(n_imp, s_imp), 0, "belief")
        _assign_scale(
            rng,
            people,
            cur_code,
            spread_counts(n_cur, s_cur),
            factor.current_dont_know,
            "optimism",
        )

    routine_writers = {
        unit: 10.0 for unit, texts in _TEXTS_2014.items() if "idea_routines" in texts
    }
    for code, split in YES_COUNTS_2014.items():
        if "all" in split:
            _assign_yes(rng, people, code, split["all"], routine_writers)
            continue
        for org_type, yes in split.items():
            group = [p for p in people if p.org_type == org_type]
            _assign_yes(rng, group, code, yes, {})

    _assign_multi(rng, people, "idea_sources", IDEA_SOURCE_COUNTS_2014, {})
    _assign_multi(rng, people, "collaboration_partners", COLLABORATION_COUNTS_2014, _AFFINITY)

    for person in people:
        person.answers.update(_TEXTS_2014.get(person.unit, {}))
    return _finish(people, "2014", rng)


# --- 2016 --------------------------------------------------------------------------------------


def _step(
    rng: random.Random, people: Sequence[_Person], code: str, count: int, direction: int
) -> None:
    """Move ``count`` valid answers of ``code`` one step (``direction`` +1 or -1), if room."""
    room = [
        p
        for p in people
        if isinstance(value := p.answers.get(code), int)
        and not isinstance(value, bool)
        and 1 <= value + direction <= 4
    ]
    rng.shuffle(room)
    for person in room[:count]:
        value = person.answers[code]
        if not isinstance(value, int):  # pragma: no cover - filtered above
            raise TypeError(code)
        person.answers[code] = value + direction


def _ticked(person: _Person, code: str) -> frozenset[str]:
    ticked = person.answers.get(code, frozenset())
    if not isinstance(ticked, frozenset):  # pragma: no cover - always built as a frozenset
        raise TypeError(f"{code}: {ticked!r}")
    return frozenset(str(option) for option in ticked)


def build_demo_2016(
    base: tuple[Sequence[Response], Mapping[str, str]] | None = None,
) -> tuple[list[Response], dict[str, str]]:
    """The 2016 round: the 2014 units (from ``base``, default :func:`build_demo_2014`) plus
    Serviceförvaltningen and two companies, 40 of 43, with modest improvements.

    Each returning unit starts from its 2014 answers; a few answers on every scale item move a
    step up and as many down (people change their minds), then the items the innovation
    programme targeted improve (:data:`_IMPROVEMENTS_2016`, e.g. systematic process and clear
    strategy today by about 0.3), six more units use the concept, four more have idea routines
    and collaboration widens. New units answer like a random returning unit, item by item.
    Free text is the 2016 set; most returning units leave text empty this time.
    """
    responses_2014, units_2014 = base if base is not None else build_demo_2014()
    rng = random.Random(SEED_2016)  # noqa: S311 - reproducible demo data, not security
    people = [
        _Person(
            org_type=r.org_type,
            unit=units_2014[r.respondent_id],
            optimism=0.0,
            belief=0.0,
            skipping=0.0,
            outward=0.0,
            answers={k: v for k, v in r.answers.items() if k not in _TEXT_CODES},
        )
        for r in sorted(responses_2014, key=lambda r: units_2014[r.respondent_id])
    ]

    scale_codes = [q.code for q in STOCKHOLM_2014.questions_of_type(QuestionType.SCALE)]
    dimensions: tuple[FactorDimension, ...] = ("importance", "current")
    factor_codes = [factor_code(f.key, d) for f in STOCKHOLM_2014.factors for d in dimensions]
    for code in [*scale_codes, *factor_codes]:
        if code in _IMPROVEMENTS_2016:
            _step(rng, people, code, _IMPROVEMENTS_2016[code], +1)
        else:
            _step(rng, people, code, _JITTER_2016, +1)
            _step(rng, people, code, _JITTER_2016, -1)

    unsure = [p for p in people if p.answers.get("sa_procurement") == DONT_KNOW]
    unsure[0].answers["sa_procurement"] = 3  # one "vet ej" now has a view

    for code, flips in _YES_FLIPS_2016.items():
        noes = [p for p in people if p.answers.get(code) is False]
        rng.shuffle(noes)
        # Units that describe new idea routines in 2016 must be among those who now have them.
        noes.sort(key=lambda p: "idea_routines" not in _TEXTS_2016.get(p.unit, {}))
        for person in noes[:flips]:
            person.answers[code] = True

    for code, additions in _MULTI_ADDS_2016.items():
        for option, extra in additions.items():
            without = [p for p in people if option not in _ticked(p, code)]
            rng.shuffle(without)
            for person in without[:extra]:
                person.answers[code] = _ticked(person, code) | {option}

    returning = list(people)
    answer_codes = sorted(STOCKHOLM_2014.answer_codes() - _TEXT_CODES)
    for org_type, unit in _NEW_IN_2016:
        newcomer = _Person(org_type, unit, 0.0, 0.0, 0.0, 0.0)
        for code in answer_codes:
            newcomer.answers[code] = rng.choice(returning).answers.get(code)
        newcomer.answers["knows_awards"] = True
        people.append(newcomer)

    for person in people:
        person.answers.update(_TEXTS_2016.get(person.unit, {}))
    return _finish(people, "2016", rng)


# --- files -------------------------------------------------------------------------------------


def write_demo_csvs(directory: str | os.PathLike[str] = DATA_DIR) -> tuple[Path, Path]:
    """Write ``demo_2014.csv`` and ``demo_2016.csv`` (contract §2) into ``directory``.

    Uses the importer's own writer, so the files are exactly what ``innovera survey import``
    reads (UTF-8 with a byte-order mark for Excel, RFC 4180 quoting).
    """
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    round_2014 = build_demo_2014()
    round_2016 = build_demo_2016(round_2014)
    paths = (target / CSV_NAMES["2014"], target / CSV_NAMES["2016"])
    for (responses, units), path in zip((round_2014, round_2016), paths, strict=True):
        write_responses_csv(responses, units, path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m innovera.surveys.demo_data [DIRECTORY]``: regenerate the demo CSV files."""
    args = list(sys.argv[1:] if argv is None else argv)
    directory = Path(args[0]) if args else DATA_DIR
    for path in write_demo_csvs(directory):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
