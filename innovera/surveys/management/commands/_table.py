"""The plain-text tables of ``innovera survey analyse --format table``, in Swedish.

Not a command (Django skips modules whose name starts with ``_``): the ``survey`` command's
presentation of an analysis, kept apart so that it can be tested without running the command.
Numbers go through :mod:`innovera.core.formatting`, so the table prints a share as the
reports do ("81 %") and a mean as "3,75".
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, Final

from innovera.core import formatting
from innovera.surveys.analysis import RoundAnalysis
from innovera.surveys.instrument import TEMPLATES, Template

# --- the CLI table (``innovera survey analyse --format table``) -----------------------------

_LABEL_WIDTH: Final = 48
_ORG_TYPE_LABELS_SV: Final = {
    "district": "Stadsdelsförvaltningar",
    "department": "Fackförvaltningar",
    "company": "Bolag",
}
_QUADRANT_LABELS_SV: Final[dict[str, str]] = {
    "concentrate_here": "Koncentrera här",
    "keep_up": "Fortsätt så",
    "low_priority": "Låg prioritet",
    "possible_overkill": "Möjlig överkapacitet",
}
_NOTHING: Final = formatting.NO_VALUE


def _sv_decimal(value: float | None, *, signed: bool = False) -> str:
    """Two decimals with a Swedish decimal comma (3,75); signed differences as in -0,70/+0,18."""
    return formatting.signed(value) if signed else formatting.decimal(value)


def _sv_percent(share: float | None) -> str:
    return formatting.percent(share)


def _hidden_text(analysis: RoundAnalysis) -> str:
    """What a cell says in place of a figure the privacy rule removed (see ``privacy.py``)."""
    suppression: Any = analysis.get("suppression") or {}
    return f"färre än {suppression.get('min_respondents', 5)} svar"


def _or_hidden(text: str, value: object, hidden: object, analysis: RoundAnalysis) -> str:
    return _hidden_text(analysis) if value is None and hidden else text


def _count(value: int | None, analysis: RoundAnalysis) -> str:
    return _hidden_text(analysis) if value is None else str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> list[str]:
    """Fixed-width table: the first column wrapped, values on the label's first line.

    ``align`` has one letter per column, ``l`` or ``r``; header cells may hold line breaks.
    """
    grid = [
        [textwrap.wrap(row[0], _LABEL_WIDTH) or [""], *[cell.split("\n") for cell in row[1:]]]
        for row in [header, *rows]
    ]
    widths = [_LABEL_WIDTH] + [
        max(len(line) for row in grid for line in row[column]) for column in range(1, len(header))
    ]
    lines: list[str] = []
    for row_index, row in enumerate(grid):
        for line_index in range(max(len(cell) for cell in row)):
            parts = []
            for cell, width, how in zip(row, widths, align, strict=True):
                text = cell[line_index] if line_index < len(cell) else ""
                parts.append(text.ljust(width) if how == "l" else text.rjust(width))
            lines.append("  ".join(parts).rstrip())
        if row_index == 0:
            lines.append("-" * (sum(widths) + 2 * (len(widths) - 1)))
    return lines


def _question_label(template: Template | None, code: str) -> str:
    if template is None:
        return code
    try:
        return template.question(code).text_sv
    except KeyError:
        return code


def _response_section(analysis: RoundAnalysis) -> list[str]:
    rows = [
        [
            _ORG_TYPE_LABELS_SV.get(org, org),
            f"{rate['responded']} av {rate['invited']}",
            _sv_percent(rate["response_rate"]),
        ]
        for org, rate in analysis["by_org_type"].items()
    ]
    total = f"{analysis['responded']} av {analysis['invited']}"
    rows.append(["Totalt", total, _sv_percent(analysis["response_rate"])])
    return _table(["Svarsfrekvens", "Svar", "Andel"], rows, "lrr")


def _scale_section(analysis: RoundAnalysis, template: Template | None) -> list[str]:
    rows = [
        [
            _question_label(template, code),
            _or_hidden(_sv_decimal(item["mean"]), item["mean"], item.get("suppressed"), analysis),
            _count(item["n"], analysis),
            _count(item["dont_know"], analysis),
        ]
        for code, item in analysis["items"].items()
        if item["type"] == "scale"
    ]
    header = ["Självskattning (1 = mycket bristfällig, 4 = mycket god)", "Medel", "n", "Vet ej"]
    return _table(header, rows, "lrrr")


def _yes_no_section(analysis: RoundAnalysis, template: Template | None) -> list[str]:
    rows = [
        [
            _question_label(template, code),
            _count(item["yes"], analysis),
            _count(item["no"], analysis),
            _count(item["missing"], analysis),
            _or_hidden(
                _sv_percent(item["yes_share"]), item["yes_share"], item.get("suppressed"), analysis
            ),
        ]
        for code, item in analysis["items"].items()
        if item["type"] == "yes_no"
    ]
    return _table(["Ja/nej-frågor", "Ja", "Nej", "Ej svar", "Andel ja"], rows, "lrrrr")


def _multi_section(analysis: RoundAnalysis, template: Template | None) -> list[str]:
    """Each multi question, options by count descending (as the report's bar charts)."""
    lines: list[str] = []
    for code, item in analysis["multi"].items():
        question = template.question(code) if template is not None else None
        labels = {o.key: o.label_sv for o in question.options} if question is not None else {}
        ranked = sorted(item["options"].items(), key=lambda pair: -(pair[1]["count"] or 0))
        hidden = item.get("suppressed")
        rows = [
            [
                labels.get(key, key),
                _count(option["count"], analysis),
                _or_hidden(_sv_percent(option["share"]), option["share"], hidden, analysis),
            ]
            for key, option in ranked
        ]
        header = [_question_label(template, code), "Antal", "Andel"]
        respondents = _count(item["respondents"], analysis)
        base = f"Bas: {respondents} svarande som kryssat minst ett alternativ."
        lines += [*_table(header, rows, "lrr"), base, ""]
    return lines[:-1]


def _factor_section(analysis: RoundAnalysis, template: Template | None, org: str) -> list[str]:
    """The report's §6.9 table plus a quadrant column, sorted by gap ascending (None last)."""
    factor_texts = {f.key: f.text(org) for f in template.factors} if template is not None else {}
    ranked = sorted(
        analysis["factors"].items(),
        key=lambda pair: (pair[1]["gap"] is None, pair[1]["gap"] or 0.0),
    )
    rows = []
    for key, result in ranked:
        quadrant = result["quadrant"]
        label = _NOTHING if quadrant is None else _QUADRANT_LABELS_SV[quadrant]
        marker = " *" if result["paired"]["near_line"] else ""
        text = factor_texts.get(key, key)
        importance: Any = result["importance"]
        current: Any = result["current"]
        rows.append(
            [
                text[:1].upper() + text[1:],  # "{org}s ..." may start with "staden"
                _or_hidden(
                    _sv_decimal(importance["mean"]),
                    importance["mean"],
                    importance.get("suppressed"),
                    analysis,
                ),
                _or_hidden(
                    _sv_decimal(current["mean"]),
                    current["mean"],
                    current.get("suppressed"),
                    analysis,
                ),
                _or_hidden(
                    _sv_decimal(result["gap"], signed=True),
                    result["gap"],
                    result.get("suppressed"),
                    analysis,
                ),
                _or_hidden(label, quadrant, result.get("suppressed"), analysis) + marker,
            ]
        )
    header = [
        "Gynnande faktorer för att innovationer ska komma till stånd och få genomslag",
        "Värdering\ngenerellt",
        "Bedömning\nidag",
        "Differens",
        "Kvadrant",
    ]
    ipa = analysis["ipa"]
    lines = _table(header, rows, "lrrrl")
    lines.append(
        f"Kvadrantlinjer: värdering generellt {_sv_decimal(ipa['importance_threshold'])}, "
        f"bedömning idag {_sv_decimal(ipa['current_threshold'])}."
    )
    lines.append("* Nära en kvadrantlinje: placeringen är osäker (parat 95 %-intervall).")
    return lines


def format_table(
    analysis: RoundAnalysis, *, template: Template | None = None, org: str = "staden"
) -> str:
    """Plain-text tables of one round's analysis for the CLI, in Swedish with decimal commas.

    Takes the dict from :func:`analyse_round` (or the same JSON read back). Labels come from
    ``template`` or, if not given, the built-in template named in the analysis; unknown codes
    are shown as they are. ``org`` fills ``{org}`` in factor texts ("staden" → "stadens
    ledning"). Numbers are rounded to two decimals here only.
    """
    chosen = template if template is not None else TEMPLATES.get(analysis["template"])
    heading = [f"Omgång {analysis['round']} (mall {analysis['template']})"]
    if "suppression" in analysis:
        heading.append(f"Konfidentiell omgång: inga siffror från {_hidden_text(analysis)} visas.")
    sections = [
        heading,
        _response_section(analysis),
        _scale_section(analysis, chosen),
        _yes_no_section(analysis, chosen),
        _multi_section(analysis, chosen),
        _factor_section(analysis, chosen, org),
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"
