"""Plausible made-up survey respondents, for benchmarks, demonstrations and tests.

:func:`fake_responses` builds ``n`` respondents for any template, deterministically from a seed
(Python's :class:`random.Random`, whose streams are stable across Python versions), as plain
:class:`~innovera.surveys.analysis.Response` records: exactly what the importer produces, so
they can be stored through ``services.round_import_responses`` or written as an import file with
``importing.write_responses_xlsx``/``write_responses_csv``.

How the answers look, all chosen to resemble a real round rather than uniform noise:

* Unit types in the proportions of the 2014 round (14 districts, 15 specialist
  administrations, 14 companies invited), drawn per respondent.
* Each respondent has latent traits: optimism about the own organisation (with a small offset
  per unit type), belief in the favourable factors, an outward orientation and a tendency to
  skip questions. Every answer is a trait plus noise cut into the scale's points, so answers
  correlate across questions the way real respondents' do.
* Scale answers centre between 2 and 3, with "vet ej" (where the scale allows it, 2-10 % per
  respondent) and missing answers.
* Factor pairs: "in place today" follows the same respondent's "importance" (plus optimism),
  and lies below it on average, so the cross diagram has factors on both sides of its lines.
* Multiple choice: each option has its own popularity; most respondents tick several, some
  none (a skipped question).
* Free text: short Swedish phrases in about a third of the text cells.

Pure Python without Django; 40,000 respondents of ``stockholm-2014`` take a few seconds.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple, TypeAlias

from innovera.organisations.demo_units import demo_unit_names
from innovera.surveys.analysis import DONT_KNOW, Response
from innovera.surveys.instrument import STOCKHOLM_2014, QuestionType, Scale, Template, factor_code

__all__ = ["ORG_TYPE_WEIGHTS", "fake_responses", "org_type_counts"]

ORG_TYPE_WEIGHTS: Final = (("district", 14), ("department", 15), ("company", 14))
"""Unit types and their weights: the units invited in the 2014 round."""

_OPTIMISM_BY_TYPE: Final = {"district": 0.0, "department": -0.15, "company": 0.2}
"""Companies rated themselves a little higher in 2014, specialist administrations lower."""

_UNITS: Final = demo_unit_names()
"""The demo city's administrations and companies, the same list as the demo data's."""

_TEXT_STARTS: Final = (
    "Vi har infört",
    "Vi arbetar med",
    "Vi har börjat med",
    "Pilotprojekt med",
    "Vi behöver utveckla",
    "Samverkan kring",
    "Workshoppar om",
    "Bättre stöd för",
    "Medarbetarna föreslog",
    "Vi testar",
)
_TEXT_OBJECTS: Final = (
    "digitala tjänster för äldre",
    "e-tjänster för bygglov",
    "mobil dokumentation i hemtjänsten",
    "sensorer i parker och lekplatser",
    "brukarundersökningar",
    "idélådor på intranätet",
    "samarbete med högskolor",
    "innovationsupphandling av välfärdsteknik",
    "medborgardialoger",
    "tjänstedesign",
    "öppna data",
    "automatisering av återkommande administration",
    "nya arbetssätt i förskolan",
    "energieffektivisering i fastigheterna",
    "leverantörsdialoger före upphandling",
    "språkstöd för nyanlända",
    "videomöten med brukare",
    "lärande nätverk mellan enheterna",
)
_TEXT_ENDS: Final = (
    ".",
    ".",
    " i hela förvaltningen.",
    " tillsammans med medarbetarna.",
    ", men det saknas tid.",
    " under året.",
    " med goda resultat.",
    "; fler borde göra likadant.",
)

TEXT_SHARE: Final = 1 / 3
"""Share of text cells with an answer."""


def _cut(latent: float, values: Sequence[int]) -> int:
    """A latent score (centred on the scale's middle, sd about 1) as one of the scale's points."""
    index = int(latent + len(values) / 2 + 8) - 8  # floor, also for negative numbers
    return values[0 if index < 0 else index if index < len(values) else -1]


def _scale_answer(
    draw: float,
    chances: tuple[float, float],
    mean: float,
    noise: Callable[[], float],
    values: Sequence[int],
) -> int | str | None:
    """A scale item's answer from one ``draw``: left blank (None) or "vet ej" by their
    ``chances`` (0 for a scale without "vet ej"), else ``mean`` plus ``noise`` cut to the
    scale. The noise is drawn only for an answer, as the random sequence has always been."""
    blank, dont_know = chances
    if draw < blank:
        return None
    if draw < blank + dont_know:
        return DONT_KNOW
    return _cut(mean + noise(), values)


def _scale_values(scale: Scale | None) -> tuple[tuple[int, ...], bool]:
    if scale is None:  # guaranteed by Question.__post_init__; keeps mypy honest
        raise ValueError("a scale question needs a scale")
    return scale.values, scale.allows_dont_know


def org_type_counts(responses: Sequence[Response]) -> dict[str, int]:
    """Respondents per unit type, in the order of :data:`ORG_TYPE_WEIGHTS`."""
    counts = Counter(response.org_type for response in responses)
    return {org_type: counts[org_type] for org_type, _w in ORG_TYPE_WEIGHTS if counts[org_type]}


class _ScaleStep(NamedTuple):
    code: str
    values: tuple[int, ...]
    dont_know: bool
    offset: float


class _YesNoStep(NamedTuple):
    code: str
    share: float


class _MultiStep(NamedTuple):
    code: str
    popularity: tuple[tuple[str, float], ...]


class _TextStep(NamedTuple):
    code: str


class _FactorStep(NamedTuple):
    importance_code: str
    current_code: str
    importance_values: tuple[int, ...]
    current_values: tuple[int, ...]
    current_dont_know: bool
    importance: float
    current: float


_Step: TypeAlias = _ScaleStep | _YesNoStep | _MultiStep | _TextStep | _FactorStep


def _plan(template: Template, rng: random.Random) -> list[_Step]:
    """Each question's parameters (popularity, level), drawn before any respondent."""
    plan: list[_Step] = []
    for question in template.questions:
        kind = question.type
        if kind is QuestionType.SCALE:
            values, dont_know = _scale_values(question.scale)
            plan.append(_ScaleStep(question.code, values, dont_know, rng.uniform(-0.3, 0.6)))
        elif kind is QuestionType.YES_NO:
            plan.append(_YesNoStep(question.code, rng.uniform(0.3, 0.8)))
        elif kind is QuestionType.MULTI:
            popularity = tuple((o.key, rng.uniform(0.08, 0.7)) for o in question.options)
            plan.append(_MultiStep(question.code, popularity))
        elif kind is QuestionType.TEXT:
            plan.append(_TextStep(question.code))
        elif kind is QuestionType.FACTOR_GRID:
            imp_values, _imp_dk = _scale_values(question.importance_scale)
            cur_values, cur_dk = _scale_values(question.current_scale)
            for factor in question.factors:
                importance = rng.uniform(0.5, 1.3)
                plan.append(
                    _FactorStep(
                        factor_code(factor.key, "importance"),
                        factor_code(factor.key, "current"),
                        imp_values,
                        cur_values,
                        cur_dk,
                        importance,
                        importance - rng.uniform(0.1, 1.1),
                    )
                )
    return plan


def _free_text(random_: Callable[[], float]) -> str:
    starts, objects, ends = _TEXT_STARTS, _TEXT_OBJECTS, _TEXT_ENDS
    return (
        f"{starts[int(random_() * len(starts))]} "
        f"{objects[int(random_() * len(objects))]}"
        f"{ends[int(random_() * len(ends))]}"
    )


def fake_responses(
    n: int, *, template: Template = STOCKHOLM_2014, seed: int = 0
) -> tuple[list[Response], dict[str, str]]:
    """``n`` plausible respondents of ``template`` and their units (respondent_id → unit name).

    The same ``n``, template and ``seed`` always give the same answers, and the first ``k``
    respondents of a larger ``n`` are those of ``n = k``. Respondent ids run from
    ``fake-<seed>-000001``, so batches with different seeds can share a round. Every answer is
    valid for the template, so the result passes both the importer's checks (once written to a
    file) and :func:`~innovera.surveys.analysis.analyse_round`.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    rng = random.Random(seed)  # noqa: S311 - made-up answers, not secrets
    random_, gauss, choice = rng.random, rng.gauss, rng.choice
    plan = _plan(template, rng)
    total_weight = sum(weight for _t, weight in ORG_TYPE_WEIGHTS)
    thresholds: list[tuple[float, str]] = []
    running = 0
    for org_type, weight in ORG_TYPE_WEIGHTS:
        running += weight
        thresholds.append((running / total_weight, org_type))

    responses: list[Response] = []
    org_units: dict[str, str] = {}
    for number in range(1, n + 1):
        pick = random_()
        org_type = next((t for limit, t in thresholds if pick < limit), thresholds[-1][1])
        respondent_id = f"fake-{seed}-{number:06d}"
        org_units[respondent_id] = choice(_UNITS[org_type])
        optimism = gauss(_OPTIMISM_BY_TYPE[org_type], 1.0)
        belief = gauss(0.0, 1.0)
        reach = 0.6 + 0.8 * random_()  # outward orientation: more ticks among partners
        skip = 0.01 + 0.12 * random_() ** 3
        dont_know = 0.02 + 0.08 * random_()
        answers: dict[str, object] = {}
        for step in plan:
            if isinstance(step, _FactorStep):
                importance = step.importance + 0.45 * belief + gauss(0.0, 0.6)
                if random_() >= skip:
                    answers[step.importance_code] = _cut(importance, step.importance_values)
                current = _scale_answer(
                    random_(),
                    (skip, dont_know if step.current_dont_know else 0.0),
                    step.current + 0.5 * (importance - step.importance) + 0.35 * optimism,
                    lambda: gauss(0.0, 0.6),
                    step.current_values,
                )
                if current is not None:
                    answers[step.current_code] = current
            elif isinstance(step, _ScaleStep):
                answer = _scale_answer(
                    random_(),
                    (skip, dont_know if step.dont_know else 0.0),
                    step.offset + 0.55 * optimism,
                    lambda: gauss(0.0, 0.7),
                    step.values,
                )
                if answer is not None:
                    answers[step.code] = answer
            elif isinstance(step, _YesNoStep):
                if random_() >= skip:
                    answers[step.code] = random_() < step.share + 0.12 * optimism
            elif isinstance(step, _MultiStep):
                if random_() < 2 * skip:
                    continue
                ticked = frozenset(
                    key for key, share in step.popularity if random_() < share * reach
                )
                if ticked:
                    answers[step.code] = ticked
            elif random_() < TEXT_SHARE:
                answers[step.code] = _free_text(random_)
        responses.append(Response(respondent_id, org_type, answers))
    return responses, org_units
