"""The round report of survey-instrument.md §4: one context, three renderings (HTML, PDF, XLSX).

The results page shows the same context, so what the office reads on screen is what it
downloads. Every chart comes with the table of its numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innovera.core import formatting
from innovera.core.charts.figure import DataTable, Figure
from innovera.core.exports import Number, Sheet, clean_text, write_xlsx
from innovera.surveys import charts, selectors
from innovera.surveys.analysis import RoundAnalysis, suppress_small_cells, text_answers
from innovera.surveys.analysis_counts import TEXT_EXCERPT_SIZE
from innovera.surveys.instrument import QuestionType, Template
from innovera.surveys.models import OrgType, Round, SurveyMode

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The page and the PDF show this many free-text answers per question (the excerpt stored with
# the counts); the workbook has them all. A round of thousands would otherwise make a report of
# thousands of pages.
FREE_TEXT_SHOWN = TEXT_EXCERPT_SIZE
# Part of the key of the cached sections: raise it when a chart or table changes shape, so
# that a deployment does not show sections drawn by the code before it.
SECTIONS_CACHE_VERSION = 1
SECTIONS_CACHE_SECONDS = 7 * 24 * 3600
QUADRANTS_EN = {
    "concentrate_here": "Concentrate here",
    "keep_up": "Keep up the good work",
    "low_priority": "Low priority",
    "possible_overkill": "Possible overkill",
}
CATEGORIES_EN = (("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("dk", "Don't know"))


@dataclass(frozen=True)
class Hidden:
    """A figure a confidential or anonymous round does not show: too few respondents."""

    minimum: int

    def format(self, lang: str) -> str:
        with translation.override(lang):
            return _("fewer than %(n)s answers") % {"n": self.minimum}


def _min_respondents() -> int:
    return int(settings.SURVEY_MIN_RESPONDENTS)


def _cell(value: Any, hidden: Any, kind: str | None = None) -> Any:
    """A table cell: a figure the privacy rule removed says why it is missing; a number is
    kept as a number (``kind`` mean, share or diff) for the workbook."""
    if value is None and hidden:
        return Hidden(_min_respondents())
    return Num(value, kind) if kind is not None else value


@dataclass(frozen=True)
class Num:
    """A number in a table: kept as a number for the workbook, formatted for the page."""

    value: float | None
    kind: str = "mean"  # mean (3,75), share (81 %) or diff (+0,18)

    def format(self, lang: str) -> str:
        if self.value is None:
            return "–"
        language: formatting.Language = "en" if lang == "en" else "sv"
        if self.kind == "share":
            return formatting.percent(self.value, lang=language)
        if self.kind == "diff":
            return formatting.signed(self.value, lang=language)
        return formatting.decimal(self.value, lang=language)


Table = DataTable
"""A table of the report: a sheet in the workbook, a <table> in HTML."""


@dataclass(frozen=True)
class FreeText:
    """A text question's answers: all of them (the workbook) or the stored excerpt (the page
    and the PDF), with ``count`` the number of answers in either case."""

    question: str
    answers: list[str]
    count: int | None = None

    @property
    def shown(self) -> list[str]:
        return self.answers[:FREE_TEXT_SHOWN]

    @property
    def hidden(self) -> int:
        total = len(self.answers) if self.count is None else self.count
        return max(0, total - len(self.shown))


@dataclass
class Section:
    title: str
    table: Table
    chart: str = ""
    note: str = ""

    @property
    def figure(self) -> Figure:
        return Figure(self.table, self.chart)


def _formatters(lang: str) -> tuple[Callable[[float], str], Callable[[float], str]]:
    language: formatting.Language = "en" if lang == "en" else "sv"
    return (
        lambda v: formatting.decimal(v, lang=language),
        lambda v: formatting.percent(v, lang=language),
    )


def _sections(
    survey_round: Round, analysis: RoundAnalysis, template: Template, lang: str
) -> list[Section]:
    """The tables and charts, drawn once per stored analysis (and language) and then cached.

    The key is the analysis's token, which changes whenever the counts do, and the tokens of
    the earlier rounds in the trend; so a cached section is never older than its numbers, and
    the charts (the cross diagram's label layout above all) are not drawn again per request.
    """
    trend_rounds = selectors.rounds_for_trend(survey_round)
    key = ":".join(
        [
            "surveys:sections",
            str(SECTIONS_CACHE_VERSION),
            lang,
            str(_min_respondents()),
            survey_round.mode,
            selectors.round_analysis_token(survey_round),
            *(selectors.round_analysis_token(r) for r in trend_rounds),
        ]
    )
    sections: list[Section] | None = cache.get(key)
    if sections is not None:
        return sections
    number, percent = _formatters(lang)
    sections = [
        _response_section(analysis, percent),
        *_scale_sections(analysis, template, lang, number),
        _yes_no_section(analysis, template, lang, percent),
        *_multi_sections(analysis, template, lang, percent),
        *_factor_sections(analysis, template, lang, number),
        _breakdown_section(analysis, template, lang, number),
    ]
    trend = _trend_section(trend_rounds, template, lang, number)
    if trend:
        sections.append(trend)
    cache.set(key, sections, SECTIONS_CACHE_SECONDS)
    return sections


def _free_text(
    survey_round: Round, template: Template, lang: str, *, every_answer: bool
) -> list[FreeText]:
    """The stored excerpt (no answer is read), or for the workbook every answer.

    Control characters stored before the forms refused them are stripped from the answers
    here; the excerpt was stripped when it was stored (``tallying.stored_excerpt``) and is
    shown as it is."""
    if every_answer:
        every = text_answers(selectors.round_responses(survey_round), template)
        return [
            FreeText(template.question(code).text(lang), [clean_text(a) for a in answers])
            for code, answers in every.items()
            if answers
        ]
    return [
        FreeText(
            template.question(code).text(lang),
            entry["first"],
            entry["count"],
        )
        for code, entry in selectors.round_text_excerpt(survey_round).items()
        if entry["count"]
    ]


def report_context(
    survey_round: Round, *, lang: str = "sv", every_answer: bool = False
) -> dict[str, Any]:
    """Everything the report shows, from the stored analysis; raises EmptyRoundError for a
    round without answers. Only ``every_answer`` (the workbook's free text) reads answers."""
    with translation.override(lang):
        template = selectors.round_template(survey_round)
        analysis = selectors.round_analysis_shown(survey_round)
        sections = _sections(survey_round, analysis, template, lang)
        free_text_allowed = selectors.round_free_text_allowed(survey_round, analysis)
        free_text = (
            _free_text(survey_round, template, lang, every_answer=every_answer)
            if free_text_allowed
            else []
        )
        protected = "suppression" in analysis
        minimum = {"n": _min_respondents()}
        return {
            "analysis": analysis,
            "sections": sections,
            "free_text": free_text,
            "privacy_note": _(
                "To protect the respondents, no figure from fewer than %(n)s respondents is shown, "
                "and free-text answers only when at least %(n)s have answered."
            )
            % minimum
            if protected
            else "",
            "free_text_withheld": _(
                "Free-text answers are not shown: fewer than %(n)s respondents have answered."
            )
            % minimum
            if not free_text_allowed
            else "",
            "lang": lang,
            # The round's own title ("Innovationsförmåga 2014"); the kind of survey is said
            # once, above it, so the two never double up (issue 9).
            "title": str(survey_round),
            "kicker": _("Survey on innovation capability"),
            "made_on": timezone.localdate(),
            "method_note": _method_note(survey_round),
        }


def _method_note(survey_round: Round) -> str:
    """A few sentences on how the figures came about, for the report's title page."""
    note = _(
        "The heads of the city's administrations and companies answered the survey on "
        "innovation capability, each for their own organisation. Ratings are on a "
        "scale from 1 to 4; a mean is taken over the valid answers, without “don't know”. "
        "Shares are of those who answered the question."
    )
    if survey_round.mode != SurveyMode.IDENTIFIED:
        note += " " + _(
            "No figure from fewer than %(n)s respondents is shown, so that no answer can be "
            "traced to an organisation."
        ) % {"n": _min_respondents()}
    return str(note)


def _response_section(analysis: RoundAnalysis, percent: Callable[[float], str]) -> Section:
    table = Table(
        "response", _("Response rate"), [_("Kind"), _("Invited"), _("Answered"), _("Rate")]
    )
    for org_type, rate in analysis["by_org_type"].items():
        table.rows.append(
            [
                str(OrgType(org_type).label),
                rate["invited"],
                rate["responded"],
                Num(rate["response_rate"], "share"),
            ]
        )
    table.rows.append(
        [
            _("Total"),
            analysis["invited"],
            analysis["responded"],
            Num(analysis["response_rate"], "share"),
        ]
    )
    return Section(_("Response rate"), table)


def _scale_sections(
    analysis: RoundAnalysis, template: Template, lang: str, number: Callable[[float], str]
) -> list[Section]:
    questions = template.questions_of_type(QuestionType.SCALE)
    means = Table(
        "self_assessment",
        _("Self-assessment"),
        [_("Question"), _("Mean"), "n", _("Don't know"), _("No answer")],
    )
    bars: list[tuple[str, float | None]] = []
    distribution_rows: list[tuple[str, dict[str, int]]] = []
    distribution = Table(
        "distribution",
        _("Distribution of answers"),
        [_("Question"), "1", "2", "3", "4", _("Don't know"), _("No answer")],
    )
    for question in questions:
        item = analysis["items"][question.code]
        if item["type"] != "scale":
            continue
        text = question.text(lang)
        means.rows.append(
            [
                text,
                _cell(item["mean"], item.get("suppressed"), "mean"),
                _cell(item["n"], True),
                _cell(item["dont_know"], True),
                _cell(item["missing"], True),
            ]
        )
        bars.append((text, item["mean"]))
        spread = item["distribution"]
        counts = {**(spread or {}), "dk": item["dont_know"] or 0}
        distribution_rows.append((text, counts if spread is not None else {}))
        distribution.rows.append(
            [
                text,
                *(
                    _cell(None if spread is None else spread.get(str(v), 0), True)
                    for v in range(1, 5)
                ),
                _cell(item["dont_know"], True),
                _cell(item["missing"], True),
            ]
        )
    chart = charts.horizontal_bar_chart(
        bars,
        title=_("Self-assessment, mean on the scale 1–4"),
        description=_("Means of the valid answers; the table below gives n and don't know."),
        minimum=0,
        maximum=4,
        chart_id="chart-self-assessment",
        number_format=number,
    )
    dist_chart = charts.distribution_chart(
        distribution_rows,
        title=_("Distribution of answers"),
        description=_("Share of answers per scale point; the table below gives the counts."),
        chart_id="chart-distribution",
        categories=CATEGORIES_EN if lang == "en" else charts.SCALE_CATEGORIES_SV,
    )
    return [
        Section(_("Self-assessment"), means, chart),
        Section(_("Distribution of answers"), distribution, dist_chart),
    ]


def _yes_no_section(
    analysis: RoundAnalysis, template: Template, lang: str, percent: Callable[[float], str]
) -> Section:
    table = Table(
        "yes_no", _("Yes or no"), [_("Question"), _("Yes"), _("No"), _("No answer"), _("Share yes")]
    )
    bars: list[tuple[str, float | None]] = []
    for question in template.questions_of_type(QuestionType.YES_NO):
        item = analysis["items"][question.code]
        if item["type"] != "yes_no":
            continue
        table.rows.append(
            [
                question.text(lang),
                _cell(item["yes"], True),
                _cell(item["no"], True),
                _cell(item["missing"], True),
                _cell(item["yes_share"], item.get("suppressed"), "share"),
            ]
        )
        bars.append((question.text(lang), item["yes_share"]))
    chart = charts.horizontal_bar_chart(
        bars,
        title=_("Share answering yes"),
        description=_("Share of those who answered; the table below gives the counts."),
        minimum=0,
        maximum=1,
        value_label=percent,
        chart_id="chart-yes-no",
    )
    return Section(_("Yes or no"), table, chart)


def _multi_sections(
    analysis: RoundAnalysis, template: Template, lang: str, percent: Callable[[float], str]
) -> list[Section]:
    sections = []
    for question in template.questions_of_type(QuestionType.MULTI):
        item = analysis["multi"][question.code]
        labels = {option.key: option.label(lang) for option in question.options}
        ordered = sorted(item["options"].items(), key=lambda kv: -(kv[1]["count"] or 0))
        table = Table(
            f"multi_{question.code}", question.text(lang), [_("Answer"), _("Count"), _("Share")]
        )
        hidden = bool(item.get("suppressed"))
        for key, share in ordered:
            table.rows.append(
                [
                    labels.get(key, key),
                    _cell(share["count"], True),
                    _cell(share["share"], hidden, "share"),
                ]
            )
        chart = charts.horizontal_bar_chart(
            [(labels.get(key, key), share["share"]) for key, share in ordered],
            title=question.text(lang),
            description=_("Share of the %(n)s respondents who ticked at least one answer.")
            % {"n": item["respondents"]}
            if item["respondents"] is not None
            else _("Share of the respondents who ticked at least one answer."),
            minimum=0,
            maximum=1,
            value_label=percent,
            chart_id=f"chart-{question.code.replace('_', '-')}",
        )
        note = _("Base: %(n)s respondents who ticked at least one answer.") % {
            "n": item["respondents"]
            if item["respondents"] is not None
            else Hidden(_min_respondents()).format(lang)
        }
        sections.append(Section(question.text(lang), table, chart, note))
    return sections


def _factor_sections(
    analysis: RoundAnalysis, template: Template, lang: str, number: Callable[[float], str]
) -> list[Section]:
    grid = template.factor_grid
    if grid is None:
        return []
    texts = {f.key: f.text(settings.ORGANISATION_NAME, lang) for f in grid.factors}
    quadrant_names = QUADRANTS_EN if lang == "en" else charts.QUADRANT_LABELS_SV
    table = Table(
        "factors",
        _("Favourable factors"),
        [
            _("Factor"),
            _("Importance in general"),
            _("In place today"),
            _("Difference"),
            _("Quadrant"),
        ],
    )
    ordered = sorted(
        analysis["factors"].items(),
        key=lambda kv: (kv[1]["gap"] is None, kv[1]["gap"] if kv[1]["gap"] is not None else 0),
    )
    points = []
    for key, factor in ordered:
        importance, current = factor["importance"]["mean"], factor["current"]["mean"]
        gap = factor["gap"]
        hidden = bool(factor.get("suppressed"))
        table.rows.append(
            [
                texts.get(key, key),
                _cell(importance, factor["importance"].get("suppressed"), "mean"),
                _cell(current, factor["current"].get("suppressed"), "mean"),
                _cell(gap, hidden, "diff"),
                Hidden(_min_respondents())
                if hidden
                else quadrant_names.get(factor["quadrant"] or "", "–"),
            ]
        )
        if importance is not None and current is not None:
            points.append((texts.get(key, key), importance, current))
    ipa = analysis["ipa"]
    chart = charts.cross_diagram(
        points,
        importance_threshold=ipa["importance_threshold"] or 3.0,
        current_threshold=ipa["current_threshold"] or 3.0,
        title=_("Cross diagram of the favourable factors"),
        description=_(
            "Importance in general against how far each factor is in place today; the shaded "
            "quadrant holds the factors that matter but are not in place."
        ),
        chart_id="chart-cross-diagram",
        axis_min=min([2.0] + [min(p[1], p[2]) - 0.1 for p in points]),
        axis_max=4.0,
        number_format=number,
        x_title=_("Importance in general"),
        y_title=_("In place today"),
        quadrant_labels=quadrant_names,
    )
    return [
        Section(
            _("Favourable factors"), table, "", _("Sorted by the difference, largest gap first.")
        ),
        Section(_("Cross diagram"), Table("ipa", _("Cross diagram"), [], []), chart),
    ]


def _breakdown_section(
    analysis: RoundAnalysis, template: Template, lang: str, number: Callable[[float], str]
) -> Section:
    kinds = [t for t in OrgType.values if t in analysis["by_org_type"]]
    table = Table(
        "by_org_type",
        _("By kind of organisation"),
        [_("Question"), *(str(OrgType(t).label) for t in kinds)],
    )
    for question in template.questions_of_type(QuestionType.SCALE):
        item = analysis["items"][question.code]
        if item["type"] != "scale":
            continue
        cells = suppress_small_cells(dict(item["by_org_type"]), min_n=_min_respondents())
        row: list[Any] = [question.text(lang)]
        for kind in kinds:
            cell = cells.get(kind)
            if not cell or cell.get("suppressed") or cell.get("mean") is None:
                row.append(Hidden(_min_respondents()) if cell and cell.get("suppressed") else "–")
            else:
                row.append(Num(float(cell["mean"])))  # type: ignore[arg-type]
        table.rows.append(row)
    note = _("Cells with fewer than %(n)s answers are not shown, to protect the respondents.") % {
        "n": _min_respondents()
    }
    return Section(_("By kind of organisation"), table, "", note)


def _trend_section(
    rounds: list[Round], template: Template, lang: str, number: Callable[[float], str]
) -> Section | None:
    """Self-assessment means over the rounds of the same template, up to this one."""
    if len(rounds) < 2:
        return None
    analyses = [(r, selectors.round_analysis_shown(r)) for r in rounds]
    questions = list(template.questions_of_type(QuestionType.SCALE))
    table = Table("trend", _("Trend over rounds"), [_("Question"), *(str(r) for r, _a in analyses)])
    series: dict[str, list[tuple[str, float | None]]] = {}
    for question in questions:
        values: list[float | None] = []
        for _r, analysis in analyses:
            item = analysis["items"].get(question.code)
            values.append(item["mean"] if item and item["type"] == "scale" else None)
        table.rows.append(
            [
                question.text(lang),
                *(
                    _hidden_or_mean(analysis["items"].get(question.code), value)
                    for (_r, analysis), value in zip(analyses, values, strict=True)
                ),
            ]
        )
        series[question.text(lang)] = [
            (str(r), v) for (r, _a), v in zip(analyses, values, strict=True)
        ]
    chart = charts.trend_chart(
        series,
        title=_("Self-assessment over the rounds"),
        description=_("Means on the scale 1–4 per round; the table below gives the numbers."),
        chart_id="chart-trend",
        minimum=1,
        maximum=4,
        number_format=number,
    )
    return Section(_("Trend over rounds"), table, chart)


def _hidden_or_mean(item: Any, value: float | None) -> Any:
    return Hidden(_min_respondents()) if item and item.get("suppressed") else Num(value)


def render_report(survey_round: Round, file_format: str, *, lang: str = "sv") -> tuple[bytes, str]:
    context = report_context(survey_round, lang=lang, every_answer=file_format == "xlsx")
    if file_format == "xlsx":
        return report_xlsx(context), FORMATS["xlsx"]
    with translation.override(lang):
        html = render_to_string("surveys/report.html", {"round": survey_round, **context})
    if file_format == "pdf":
        from weasyprint import HTML

        # PDF/UA-1 makes WeasyPrint write a tagged PDF that screen readers can follow.
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"), FORMATS["pdf"]
    return html.encode("utf-8"), FORMATS["html"]


def _workbook_cell(cell: Any, lang: str) -> Any:
    if isinstance(cell, Num):
        return Number(cell.value, "0%" if cell.kind == "share" else "0.00")
    if isinstance(cell, Hidden):
        return cell.format(lang)
    return cell


def report_xlsx(context: dict[str, Any]) -> bytes:
    """One sheet per table, and the free text: written by core's safe-cell writer, so an answer
    like ``=HYPERLINK(…)`` is text in the workbook, never a live formula."""
    lang = context["lang"]
    sheets = [
        Sheet(
            section.table.title or section.table.key,
            section.table.headers,
            [[_workbook_cell(cell, lang) for cell in row] for row in section.table.rows],
            widths={0: 60},
        )
        for section in context["sections"]
        if section.table.headers
    ]
    if context["free_text"]:
        sheets.append(
            Sheet(
                _("Free text"),
                [_("Question"), _("Answer")],
                (
                    [entry.question, answer]
                    for entry in context["free_text"]
                    for answer in entry.answers
                ),
                widths={0: 60, 1: 100},
            )
        )
    return write_xlsx(sheets)
