"""The built-in survey template ``stockholm-2014`` as plain, immutable data.

The 2014 report (Governo/Damvad, *Stärkt innovationsförmåga i Stockholms stad*, §1.3 and §6)
describes, but does not print, the questionnaire sent to the city's heads of administration and
company directors. This module reconstructs it exactly as the contract in
``shared/product/survey-instrument.md`` §1 lays it out, so that the analysis layer, the importer
and the reports all agree on codes, scales and option keys.

Everything here is deliberately free of Django: a template is data that an innovation office may
copy and edit (the database layer stores such copies), while this built-in one stays the
reference. Swedish is the source text; the English text of each item is our own faithful
translation, used when a report is produced in English.

``{org}`` in a text stands for the organisation's name (``Stockholms stad`` in the report);
:func:`render_org` fills it in, including the Swedish genitive.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Final, Literal

MAX_TEXT_ANSWER: Final = 5000
"""The longest free-text answer: the survey's own page (`SurveyPageForm`) and an import."""

__all__ = [
    "COLLABORATION_PARTNER_OPTIONS",
    "CURRENT_SCALE",
    "DONT_KNOW_LABEL_EN",
    "DONT_KNOW_LABEL_SV",
    "FACTORS",
    "IDEA_SOURCE_OPTIONS",
    "IMPORTANCE_SCALE",
    "MAX_TEXT_ANSWER",
    "SCALE_A",
    "STOCKHOLM_2014",
    "TEMPLATES",
    "Factor",
    "FactorDimension",
    "Option",
    "Question",
    "QuestionType",
    "Scale",
    "ScalePoint",
    "Template",
    "factor_code",
    "render_org",
]

DONT_KNOW_LABEL_SV: Final = "Vet ej"
DONT_KNOW_LABEL_EN: Final = "Don't know"

FactorDimension = Literal["importance", "current"]
"""The two ratings of a favourable factor: (a) in general, (b) in the organisation today."""


class QuestionType(StrEnum):
    """The five kinds of question the instrument uses; the values are the contract's type names."""

    YES_NO = "yes_no"
    SCALE = "scale"
    MULTI = "multi"
    TEXT = "text"
    FACTOR_GRID = "factor_grid"


@dataclass(frozen=True)
class ScalePoint:
    """One point of a 1-4 scale; labels are ``None`` where the questionnaire labels only ends."""

    value: int
    label_sv: str | None
    label_en: str | None


@dataclass(frozen=True)
class Scale:
    """A four-point rating scale and whether "vet ej" (don't know) is a valid answer on it."""

    key: str
    points: tuple[ScalePoint, ...]
    allows_dont_know: bool

    @cached_property
    def values(self) -> tuple[int, ...]:
        """The valid numeric answers, lowest first (1-4 for every built-in scale)."""
        return tuple(point.value for point in self.points)

    def label(self, value: int, lang: str = "sv") -> str | None:
        """The label of ``value`` in ``lang`` ("sv" or "en"), ``None`` for an unlabelled point."""
        for point in self.points:
            if point.value == value:
                return point.label_en if lang == "en" else point.label_sv
        raise KeyError(f"{value} is not a point of scale {self.key!r}")


@dataclass(frozen=True)
class Option:
    """One tickable option of a multiple-choice question."""

    key: str
    label_sv: str
    label_en: str

    def label(self, lang: str = "sv") -> str:
        """The option's label in ``lang`` ("sv" or "en")."""
        return self.label_en if lang == "en" else self.label_sv


@dataclass(frozen=True)
class Factor:
    """A favourable factor of the factor grid, rated twice (importance and today).

    ``inferred`` marks the two factors whose names the report does not state and which the
    contract therefore reconstructs (``employee_competence``, ``external_collaboration``).
    """

    key: str
    text_sv: str
    text_en: str
    inferred: bool = False

    def text(self, org: str, lang: str = "sv") -> str:
        """The factor's text in ``lang`` with ``{org}`` replaced by the organisation's name."""
        return render_org(self.text_en if lang == "en" else self.text_sv, org)


@dataclass(frozen=True)
class Question:
    """One numbered question of a template.

    Which optional fields are set depends on ``type``: ``scale`` for scale questions,
    ``options`` for multi questions, and ``factors`` with ``importance_scale`` and
    ``current_scale`` for the factor grid. ``__post_init__`` refuses any other combination, so a
    hand-edited template cannot silently lose its options or scale.
    """

    number: int
    code: str
    type: QuestionType
    text_sv: str
    text_en: str
    scale: Scale | None = None
    options: tuple[Option, ...] = ()
    factors: tuple[Factor, ...] = ()
    importance_scale: Scale | None = None
    current_scale: Scale | None = None

    def __post_init__(self) -> None:
        """Check that the type-specific fields match the question type."""
        is_scale = self.type is QuestionType.SCALE
        is_multi = self.type is QuestionType.MULTI
        is_grid = self.type is QuestionType.FACTOR_GRID
        if (self.scale is not None) != is_scale:
            raise ValueError(f"question {self.code!r}: only scale questions have a scale")
        if bool(self.options) != is_multi:
            raise ValueError(f"question {self.code!r}: only multi questions have options")
        grid_parts = (bool(self.factors), self.importance_scale is not None)
        if grid_parts != (is_grid, is_grid) or (self.current_scale is not None) != is_grid:
            raise ValueError(f"question {self.code!r}: only a factor grid has factors and scales")

    def text(self, lang: str = "sv") -> str:
        """The question text in ``lang`` ("sv" or "en")."""
        return self.text_en if lang == "en" else self.text_sv


@dataclass(frozen=True)
class Template:
    """A whole questionnaire: its key (as stored on a survey round) and its numbered questions."""

    key: str
    title_sv: str
    title_en: str
    questions: tuple[Question, ...]

    def question(self, code: str) -> Question:
        """The question with ``code``; ``KeyError`` naming the code if there is none."""
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(f"template {self.key!r} has no question {code!r}")

    def questions_of_type(self, question_type: QuestionType) -> tuple[Question, ...]:
        """The questions of one type, in questionnaire order."""
        return tuple(q for q in self.questions if q.type is question_type)

    @property
    def factor_grid(self) -> Question | None:
        """The template's factor-grid question, if it has one."""
        grids = self.questions_of_type(QuestionType.FACTOR_GRID)
        return grids[0] if grids else None

    @property
    def factors(self) -> tuple[Factor, ...]:
        """The favourable factors, in questionnaire order (empty without a factor grid)."""
        grid = self.factor_grid
        return grid.factors if grid is not None else ()

    def answer_codes(self) -> frozenset[str]:
        """Every key a respondent's answers may use: question codes and factor answer codes."""
        codes = {q.code for q in self.questions if q.type is not QuestionType.FACTOR_GRID}
        for factor in self.factors:
            codes.add(factor_code(factor.key, "importance"))
            codes.add(factor_code(factor.key, "current"))
        return frozenset(codes)


def factor_code(factor_key: str, dimension: FactorDimension) -> str:
    """The answer key of one factor rating, e.g. ``factor_curiosity_importance`` (contract §2)."""
    return f"factor_{factor_key}_{dimension}"


_NO_GENITIVE_S: Final = ("s", "x", "z")


def render_org(text: str, org: str) -> str:
    """Replace ``{org}`` in ``text`` with the organisation's name.

    Swedish texts write the genitive as ``{org}s`` ("{org}s lednings engagemang"). Swedish adds
    no genitive *s* to a name that already ends in *s*, *x* or *z* ("Västerås ledning", not
    "Västeråss"), so for such names the ``s`` after the placeholder is dropped. English texts
    use ``{org}'s`` and are left as written. We use ``str.replace`` rather than ``str.format``
    because office-edited texts may contain other braces.
    """
    genitive = org if org.lower().endswith(_NO_GENITIVE_S) else f"{org}s"
    return text.replace("{org}s", genitive).replace("{org}", org)


SCALE_A: Final = Scale(
    key="a",
    points=(
        ScalePoint(1, "Mycket bristfällig", "Very poor"),
        ScalePoint(2, "Bristfällig", "Poor"),
        ScalePoint(3, "God", "Good"),
        ScalePoint(4, "Mycket god", "Very good"),
    ),
    allows_dont_know=True,
)
"""The self-assessment scale of questions 2-8; "vet ej" allowed."""


def _labelled_ends(
    key: str, low: tuple[str, str], high: tuple[str, str], *, allows_dont_know: bool
) -> Scale:
    """A 1-4 scale with words (Swedish, English) at its two ends only, as the factor grids."""
    middle = (ScalePoint(2, None, None), ScalePoint(3, None, None))
    points = (ScalePoint(1, *low), *middle, ScalePoint(4, *high))
    return Scale(key=key, points=points, allows_dont_know=allows_dont_know)


IMPORTANCE_SCALE: Final = _labelled_ends(
    "importance",
    ("Inte alls viktig", "Not at all important"),
    ("Mycket viktig", "Very important"),
    allows_dont_know=False,
)
"""Factor grid (a), importance in general; no "vet ej" (the report, §6.9), skipping allowed."""

CURRENT_SCALE: Final = _labelled_ends(
    "current",
    ("Inte alls på plats", "Not in place at all"),
    ("Helt på plats", "Fully in place"),
    allows_dont_know=True,
)
"""Factor grid (b), in place in the organisation today; "vet ej" allowed."""

IDEA_SOURCE_OPTIONS: Final = (
    Option("employees", "Medarbetare", "Employees"),
    Option("managers", "Chefer", "Managers"),
    Option("customers", "Kunder/medborgare/brukare", "Customers/citizens/service users"),
    Option("suppliers", "Leverantörer", "Suppliers"),
    Option(
        "academia", "Universitet och forskningsinstitut", "Universities and research institutes"
    ),
    Option("city_units", "Andra delar av staden", "Other parts of the city"),
    Option("politicians", "Politiker", "Politicians"),
    Option("other", "Andra", "Others"),
)

COLLABORATION_PARTNER_OPTIONS: Final = (
    Option(
        "city_units",
        "Övriga bolag/förvaltningar inom staden",
        "Other companies/administrations within the city",
    ),
    Option(
        "academia", "Universitet och forskningsinstitut", "Universities and research institutes"
    ),
    Option("customers", "Kunder/medborgare/brukare", "Customers/citizens/service users"),
    Option("suppliers", "Leverantörer", "Suppliers"),
    Option("companies", "Andra entreprenörer/företag", "Other entrepreneurs/companies"),
    Option("public_sector", "Andra offentliga verksamheter", "Other public-sector organisations"),
    Option("civil_society", "Civila samhället", "Civil society"),
    Option("other", "Andra", "Others"),
)

FACTORS: Final = (
    Factor(
        "open_climate",
        "Öppet organisationsklimat och gynnsam kultur",
        "Open organisational climate and a favourable culture",
    ),
    Factor(
        "own_leadership_drive",
        "Förvaltnings-/bolagsledningens engagemang och driv",
        "Commitment and drive of the administration's/company's management",
    ),
    Factor(
        "customer_knowledge",
        "God kännedom om medborgare/kunders behov",
        "Good knowledge of citizens'/customers' needs",
    ),
    Factor("curiosity", "Nyfikenhet", "Curiosity"),
    Factor(
        "employee_drive",
        "Medarbetarnas engagemang och driv",
        "Commitment and drive of the employees",
    ),
    Factor(
        "environment_scanning",
        "God omvärldsbevakning",
        "Good monitoring of the world outside",
    ),
    Factor(
        "clear_expectations",
        "Tydliga förväntningar på medarbetarna",
        "Clear expectations of the employees",
    ),
    Factor(
        "clear_strategy",
        "Tydlig strategi och mål för innovation och utveckling",
        "A clear strategy and goals for innovation and development",
    ),
    Factor(
        "systematic_process",
        "Systematisk process för utvecklings- och innovationsarbete",
        "A systematic process for development and innovation work",
    ),
    Factor(
        "dedicated_time",
        "Tid avsatt för innovations- och förnyelsearbete",
        "Time set aside for innovation and renewal work",
    ),
    Factor(
        "financial_resources",
        "Goda ekonomiska resurser/utrymme i budget",
        "Good financial resources/room in the budget",
    ),
    Factor(
        "city_leadership_drive",
        "{org}s lednings engagemang och driv",
        "Commitment and drive of {org}'s leadership",
    ),
    Factor(
        "city_leadership_competence",
        "Kunskap och kompetens hos {org}s ledning",
        "Knowledge and competence of {org}'s leadership",
    ),
    Factor(
        "own_leadership_competence",
        "Kunskap och kompetens hos förvaltnings-/bolagsledningen",
        "Knowledge and competence of the administration's/company's management",
    ),
    Factor(
        "employee_competence",
        "Kunskap och kompetens hos medarbetarna",
        "Knowledge and competence of the employees",
        inferred=True,
    ),
    Factor(
        "external_collaboration",
        "Samverkan med aktörer utanför organisationen",
        "Collaboration with actors outside the organisation",
        inferred=True,
    ),
)


def _yes_no(number: int, code: str, text_sv: str, text_en: str) -> Question:
    return Question(number, code, QuestionType.YES_NO, text_sv, text_en)


def _scale_a(number: int, code: str, text_sv: str, text_en: str) -> Question:
    return Question(number, code, QuestionType.SCALE, text_sv, text_en, scale=SCALE_A)


def _text(number: int, code: str, text_sv: str, text_en: str) -> Question:
    return Question(number, code, QuestionType.TEXT, text_sv, text_en)


def _multi(
    number: int, code: str, text_sv: str, text_en: str, options: tuple[Option, ...]
) -> Question:
    return Question(number, code, QuestionType.MULTI, text_sv, text_en, options=options)


STOCKHOLM_2014: Final = Template(
    key="stockholm-2014",
    title_sv="Innovationsförmåga i stadens förvaltningar och bolag (2014)",
    title_en="Innovation capability in the city's administrations and companies (2014)",
    questions=(
        _yes_no(
            1,
            "uses_concept",
            "Använder ni begreppet innovation i er förvaltning/ert bolag?",
            "Do you use the concept of innovation in your administration/company?",
        ),
        _scale_a(
            2,
            "sa_overall",
            "Hur bedömer du innovationsförmågan i din organisation som helhet?",
            "How do you rate the innovation capability of your organisation as a whole?",
        ),
        _scale_a(
            3,
            "sa_managers",
            "I vilken utsträckning är cheferna i organisationen utvecklingsorienterade?",
            "To what extent are the managers in the organisation development-oriented?",
        ),
        _scale_a(
            4,
            "sa_customer",
            "I vilken utsträckning har organisationen kunden/medborgaren i fokus?",
            "To what extent does the organisation focus on the customer/citizen?",
        ),
        _scale_a(
            5,
            "sa_culture",
            "I vilken utsträckning uppmuntrar kulturen idéer och utveckling?",
            "To what extent does the culture encourage ideas and development?",
        ),
        _scale_a(
            6,
            "sa_receive",
            "Hur bedömer du förmågan att ta emot goda exempel från andra?",
            "How do you rate the ability to take in good examples from others?",
        ),
        _scale_a(
            7,
            "sa_spread",
            "Hur bedömer du förmågan att sprida goda exempel till andra?",
            "How do you rate the ability to spread good examples to others?",
        ),
        _scale_a(
            8,
            "sa_procurement",
            "Hur bedömer du förmågan att genom upphandling söka innovativa lösningar på problem "
            "och behov (efterfrågestyrd innovationsprocess)?",
            "How do you rate the ability to seek innovative solutions to problems and needs "
            "through procurement (a demand-driven innovation process)?",
        ),
        _text(
            9,
            "innovation_examples",
            "Ge exempel på innovationer i er verksamhet.",
            "Give examples of innovations in your organisation.",
        ),
        _text(
            10,
            "needs_more_innovation",
            "Inom vilka områden behöver ni bli mer innovativa?",
            "In which areas do you need to become more innovative?",
        ),
        _text(
            11,
            "customer_needs_methods",
            "Hur arbetar ni för att fånga kundernas behov?",
            "How do you work to capture the customers' needs?",
        ),
        _text(
            12,
            "development_orientation_methods",
            "Hur arbetar ni för att stärka utvecklingsorienteringen bland chefer och medarbetare?",
            "How do you work to strengthen the development orientation among managers and "
            "employees?",
        ),
        _text(
            13,
            "idea_stimulation_methods",
            "Hur stimulerar ni nya idéer till utveckling?",
            "How do you stimulate new ideas for development?",
        ),
        _multi(
            14,
            "idea_sources",
            "Vem brukar oftast komma med idéer till nya eller väsentligt förbättrade tjänster och "
            "processer? Du kan ange fler än ett svar.",
            "Who most often comes up with ideas for new or significantly improved services and "
            "processes? You may give more than one answer.",
            IDEA_SOURCE_OPTIONS,
        ),
        _yes_no(
            15,
            "has_idea_routines",
            "Har ni rutiner för att fånga och använda idéer om nya eller väsentligt förbättrade "
            "tjänster och processer?",
            "Do you have routines for capturing and using ideas about new or significantly "
            "improved services and processes?",
        ),
        _text(16, "idea_routines", "Beskriv rutinerna.", "Describe the routines."),
        _multi(
            17,
            "collaboration_partners",
            "Vilka utanför er verksamhet samarbetar ni främst med i utvecklingen av nya tjänster "
            "och processer? Du kan ange fler än ett svar.",
            "Who outside your organisation do you mainly collaborate with in developing new "
            "services and processes? You may give more than one answer.",
            COLLABORATION_PARTNER_OPTIONS,
        ),
        _text(
            18,
            "collaboration_examples",
            "Ge exempel på samverkan.",
            "Give examples of collaboration.",
        ),
        Question(
            19,
            "factors",
            QuestionType.FACTOR_GRID,
            "Gynnande faktorer för att innovationer ska komma till stånd och få genomslag: "
            "värdera varje faktor (a) generellt, (b) i er verksamhet i dag.",
            "Favourable factors for innovations to come about and make an impact: rate each "
            "factor (a) in general, (b) in your organisation today.",
            factors=FACTORS,
            importance_scale=IMPORTANCE_SCALE,
            current_scale=CURRENT_SCALE,
        ),
        _yes_no(
            20,
            "knows_awards",
            "Känner du till stadens kvalitetsutmärkelse och förnyelsepris?",
            "Are you familiar with the city's quality award and renewal prize?",
        ),
        _text(21, "other_comments", "Övriga kommentarer.", "Other comments."),
    ),
)
"""The reconstructed 2014 questionnaire: 21 questions, 7 self-assessments, 16 factors."""

TEMPLATES: Final = MappingProxyType({STOCKHOLM_2014.key: STOCKHOLM_2014})
"""Built-in templates by key; offices' own copies live in the database, not here."""
