"""Demo awards and competitions (report §6.8, Bilaga 5–6), loaded by `demo.py`.

- Förnyelsepriset 2026 in jury scoring: nominations from districts, the jury account (Julia
  Jury) in the chair, Farsta's coordinator on the jury (conflicted on Farsta's entry by her
  unit) and one declared conflict; Frida has scored, Julia's scores are waiting.
- Kvalitetsutmärkelsen 2025, finished: its five classes, scores, winners and motivations.
- LYS 2026, a competition open to companies and residents with four categories, taking entries.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from innovera.organisations.models import Unit, UnitType, User
from innovera.spreading import services_awards as services
from innovera.spreading.models import (
    AwardCriterion,
    AwardProgramme,
    AwardRound,
    Entrants,
    Nomination,
    ProgrammeKind,
    RoundStatus,
)

LEVELS = {
    "Nyhetsvärde": [
        "Inget nytt för verksamheten.",
        "Små justeringar av det som redan görs.",
        "Nytt för verksamheten, känt på andra håll.",
        "Nytt för staden.",
        "Nytt även utanför Sverige.",
    ],
    "Nytta för invånarna": [
        "Ingen märkbar nytta.",
        "Nytta för ett fåtal.",
        "Tydlig nytta för en grupp invånare.",
        "Tydlig nytta, mätt och redovisad.",
        "Stor, mätt nytta för många invånare.",
    ],
    "Spridbarhet": [
        "Går inte att använda någon annanstans.",
        "Kräver stora anpassningar.",
        "Kan användas av liknande enheter.",
        "Beskrivet så att andra kan ta efter.",
        "Redan spritt till andra enheter.",
    ],
    "Genomförande": [
        "Bara en idé.",
        "Planerat men inte prövat.",
        "Prövat i liten skala.",
        "Infört i verksamheten.",
        "Infört och följt upp över tid.",
    ],
}
WEIGHTS = {"Nyhetsvärde": 2, "Nytta för invånarna": 2, "Spridbarhet": 1, "Genomförande": 1}


def _criteria() -> list[dict[str, Any]]:
    return [{"name": n, "weight": WEIGHTS[n], "levels": LEVELS[n]} for n in LEVELS]


def _unit(slug_start: str) -> Unit:
    unit = (
        Unit.objects.filter(slug__startswith=slug_start)
        .exclude(unit_type=UnitType.UNIT)
        .order_by("slug")
        .first()
    )
    if unit is None:
        raise LookupError(slug_start)
    return unit


def _nominate(
    round_: AwardRound, by: User, unit: Unit, category: int, title: str, why: str
) -> Nomination:
    return services.nomination_create(
        user=by,
        round_=round_,
        category=list(round_.categories.all())[category],
        subject_kind="unit",
        unit=unit,
        title=title,
        motivation=why,
    )


def _open(round_: AwardRound) -> None:
    """Open a round for nominations today, whatever its dates will be afterwards."""
    today = timezone.localdate()
    AwardRound.objects.filter(pk=round_.pk).update(
        status=RoundStatus.NOMINATING,
        nomination_opens=today - datetime.timedelta(days=30),
        nomination_closes=today + datetime.timedelta(days=30),
    )
    round_.refresh_from_db()


def _close(round_: AwardRound, opens: datetime.date, closes: datetime.date, status: str) -> None:
    AwardRound.objects.filter(pk=round_.pk).update(
        nomination_opens=opens, nomination_closes=closes, status=status
    )
    made = timezone.make_aware(datetime.datetime.combine(closes, datetime.time(12)))
    Nomination.objects.filter(round=round_).update(created_at=made)
    round_.refresh_from_db()


def _programme_round(office: User, programme: dict[str, Any], **fields: Any) -> AwardRound:
    """A new programme (`programme`: what programme_create takes) and its first round, on the
    demo's criteria."""
    made = services.programme_create(user=office, **programme)
    return services.round_create(user=office, programme=made, criteria=_criteria(), **fields)


def _to_jury(
    office: User,
    round_: AwardRound,
    opens: datetime.date,
    closes: datetime.date,
    chair: User,
    *jurors: User,
) -> AwardRound:
    """The round's nomination period moved to the given past days, then the round handed to
    its jury (the chair first)."""
    _close(round_, opens, closes, RoundStatus.NOMINATING)
    services.juror_add(user=office, round_=round_, juror=chair, is_chair=True)
    for juror in jurors:
        services.juror_add(user=office, round_=round_, juror=juror)
    return services.round_advance(user=office, round_=round_)


def _scored(
    criteria: list[AwardCriterion], juror: User, entry: Nomination, values: tuple[int, ...]
) -> None:
    """The juror's scores on the entry, one value per criterion (the round's, in its order)."""
    services.assessment_submit(
        user=juror,
        nomination=entry,
        scores={c.pk: v for c, v in zip(criteria, values, strict=True)},
    )


@transaction.atomic
def demo_awards_load() -> bool:
    """Create the demo's programmes and rounds unless there are any."""
    if AwardProgramme.objects.exists():
        return False
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    jury = User.objects.get(email="jury@demo.example.org")
    farsta_coordinator = User.objects.get(email="samordnare.farsta@demo.example.org")
    bromma_coordinator = User.objects.get(email="samordnare@demo.example.org")
    today = timezone.localdate()
    _fornyelsepriset(office, jury, farsta_coordinator, bromma_coordinator, today)
    _kvalitetsutmarkelsen(office, jury, bromma_coordinator, today)
    _lys(office, jury, today)
    return True


def _fornyelsepriset(
    office: User, jury: User, farsta: User, bromma: User, today: datetime.date
) -> None:
    round_ = _programme_round(
        office,
        {
            "name": "Förnyelsepriset",
            "description": "Stadens pris till verksamheter som förnyat sitt arbete för invånarna.",
        },
        title="Förnyelsepriset 2026",
        award_name="förnyelsepriset 2026",
        description="Nominera förnyelse som gjort skillnad för stockholmarna under året.",
        nomination_opens=today - datetime.timedelta(days=90),
        nomination_closes=today - datetime.timedelta(days=10),
        categories=[("Förnyelse i verksamheten", "")],
        eligible_unit_types=[UnitType.DISTRICT, UnitType.DEPARTMENT, UnitType.COMPANY],
    )
    _open(round_)
    entries = [
        _nominate(
            round_,
            bromma,
            _unit("bromma"),
            0,
            "Brommas digitala förbättringstavlor",
            "Alla arbetslag i äldreomsorgen arbetar med digitala förbättringstavlor; 140 idéer "
            "prövades under året.",
        ),
        _nominate(
            round_,
            farsta,
            _unit("farsta"),
            0,
            "Farstas trygghetsvandringar med unga",
            "Unga leder trygghetsvandringar och förslagen genomförs inom en månad.",
        ),
        _nominate(
            round_,
            bromma,
            _unit("skarholmen"),
            0,
            "Skärholmens språkcaféer",
            "Språkcaféer i biblioteket där nyanlända och pensionärer möts varje vecka.",
        ),
        _nominate(
            round_,
            bromma,
            _unit("rinkeby-kista"),
            0,
            "Rinkeby-Kistas lånecykelpool",
            "Cyklar att låna för hemtjänsten minskade bilresorna med en tredjedel.",
        ),
    ]
    round_ = _to_jury(
        office,
        round_,
        today - datetime.timedelta(days=90),
        today - datetime.timedelta(days=10),
        jury,
        farsta,
    )
    # Julia knows the library staff in Skärholmen well: she declares it.
    services.conflict_declare(
        user=jury, nomination=entries[2], reason="Jag har arbetat med biblioteket i projektet."
    )
    # Frida has scored the entries she may (Farsta's is her own unit's: conflicted).
    criteria = list(round_.criteria.all())
    for entry, values in (
        (entries[0], (4, 5, 4, 4)),
        (entries[2], (3, 4, 3, 5)),
        (entries[3], (5, 3, 4, 3)),
    ):
        _scored(criteria, farsta, entry, values)


KVALITET_CLASSES = [
    ("Förskola och skola", "Förskolor, grundskolor och gymnasier."),
    ("Vård och omsorg", "Äldreomsorg, stöd och service till personer med funktionsnedsättning."),
    ("Individ- och familjeomsorg", "Socialtjänstens verksamheter."),
    ("Stadsmiljö och samhällsbyggnad", "Gator, parker, bygglov och miljö."),
    ("Stöd och service", "Verksamheter som stödjer andra verksamheter i staden."),
]


def _kvalitetsutmarkelsen(office: User, jury: User, bromma: User, today: datetime.date) -> None:
    round_ = _programme_round(
        office,
        {
            "name": "Kvalitetsutmärkelsen",
            "description": "Stadens utmärkelse för systematiskt kvalitets- och förbättringsarbete, i fem klasser.",
        },
        title="Kvalitetsutmärkelsen 2025",
        award_name="kvalitetsutmärkelsen 2025",
        nomination_opens=datetime.date(2025, 2, 1),
        nomination_closes=datetime.date(2025, 4, 30),
        categories=KVALITET_CLASSES,
    )
    _open(round_)
    nominated = [
        (
            0,
            "enskede",
            "Förskolornas pedagogiska dokumentation",
            "dokumentationen gör barnens lärande synligt för vårdnadshavarna",
        ),
        (
            1,
            "farsta",
            "Farstas hemtjänst i egen regi",
            "kontinuiteten i hemtjänsten ökade och de äldre möter färre olika personal",
        ),
        (
            2,
            "sodermalm",
            "Södermalms tidiga insatser för familjer",
            "familjer får stöd inom en vecka i stället för tre månader",
        ),
        (
            3,
            "trafikkontoret",
            "Trafikkontorets felanmälan med foto",
            "invånarnas felanmälningar åtgärdas dubbelt så snabbt",
        ),
        (
            4,
            "serviceforvaltningen",
            "Kontaktcenter Stockholms svarsmallar",
            "samma fråga får samma, korrekta svar",
        ),
        (1, "bromma", "Brommas mobila demensteam", "anhöriga får stöd hemma när det behövs"),
    ]
    entries = [
        (_nominate(round_, bromma, _unit(slug), category, title, f"Bidraget visar att {why}."), why)
        for category, slug, title, why in nominated
    ]
    round_ = _to_jury(office, round_, datetime.date(2025, 2, 1), datetime.date(2025, 4, 30), jury)
    criteria = list(round_.criteria.all())
    for n, (entry, _why) in enumerate(entries):
        _scored(criteria, jury, entry, (5, 5, 4, 5) if n < 5 else (4, 3, 3, 4))
    services.round_decide(user=jury, round_=round_, winners={e.pk: why for e, why in entries[:5]})
    services.round_publish(user=jury, round_=round_)
    published = timezone.make_aware(datetime.datetime(2025, 6, 10, 10))  # noqa: DTZ001
    AwardRound.objects.filter(pk=round_.pk).update(published_at=published)


LYS_CATEGORIES = [
    ("Trygghet", "Tryggare gator, torg och hem."),
    ("Klimat", "Lägre utsläpp och en stad som klarar ett varmare klimat."),
    ("Hälsa", "Rörelse, mat och psykisk hälsa."),
    ("Digitala tjänster", "Tjänster som gör kontakten med staden enklare."),
]


def _lys(office: User, jury: User, today: datetime.date) -> None:
    round_ = _programme_round(
        office,
        {
            "name": "LYS",
            "kind": ProgrammeKind.COMPETITION,
            "description": "En innovationstävling där företag och invånare löser stadens utmaningar.",
        },
        title="LYS 2026",
        award_name="LYS 2026",
        description="Skicka in din lösning på en av stadens fyra utmaningar.",
        nomination_opens=today - datetime.timedelta(days=14),
        nomination_closes=today + datetime.timedelta(days=45),
        categories=LYS_CATEGORIES,
        entrants=Entrants.EXTERNAL,
    )
    services.juror_add(user=office, round_=round_, juror=jury, is_chair=True)
    round_ = services.round_advance(user=office, round_=round_)  # open for entries
    confirmed = services.nomination_enter_external(
        round_=round_,
        category=list(round_.categories.all())[1],
        name="Demo Entreprenör",
        organisation="Gröna tak AB",
        email="gronatak@demo.example.org",
        title="Gröna tak på busskurerna",
        motivation="Sedumtak som svalkar, renar dagvatten och ger pollinerare en plats.",
    )
    Nomination.objects.filter(pk=confirmed.pk).update(status="entered", confirmed_at=timezone.now())
    services.nomination_enter_external(
        round_=round_,
        category=list(round_.categories.all())[3],
        name="Demo Invånare",
        email="idee@demo.example.org",
        title="Påminnelse om grovsopor i mobilen",
        motivation="En påminnelse när grovsopbilen kommer till kvarteret.",
    )
