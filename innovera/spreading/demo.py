"""Demo good examples, adoptions and a campaign week of sessions, drawn from the report.

Stureby vård- och omsorgsboende's KISAM (§3.2), trafikkontoret's stadsmiljö department and its
förnyelsepris 2012 (§3.3), nämndsekretariatet's kvalitetsutmärkelse 2011 (§3.4), Malmö's testbed
for elderly care (Bilaga 5) and two of the demo's implemented ideas from Bilaga 4. Each has
adoptions in several states; one ended with its lessons. The campaign week holds sessions before
and after today: one full with a waiting list, attendance marked on the past ones.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from innovera.ideas.models import Idea, Topic
from innovera.organisations.models import Unit, UnitType, User
from innovera.spreading import services
from innovera.spreading.demo_awards import demo_awards_load
from innovera.spreading.models import AdoptionStatus, GoodExample

# unit slug, title, summary, problem, what was done, effects, how to adopt, did not work,
# suits, topic, idea title (or None), adoptions [(unit slug, final status, lessons)]
EXAMPLES = [
    (
        "enskede-arsta-vantor-stureby-vard-och-omsorgsboende",
        "KISAM – kvalitet i samverkan på Stureby vård- och omsorgsboende",
        "Personal, boende och anhöriga förbättrar vardagen tillsammans i små, täta steg.",
        "Förbättringsidéer från personalen stannade i fikarummet och nådde aldrig ledningen.",
        "Varje arbetslag har en förbättringstavla; idéer prövas i liten skala och följs upp "
        "på korta möten varje vecka. Boende och anhöriga bjuds in att tycka till.",
        "Fler idéer från personalen blir genomförda, och de boende märker skillnad i vardagen.",
        "1. Sätt upp en förbättringstavla per arbetslag.\n2. Boka 15 minuter i veckan.\n"
        "3. Pröva en idé i taget i liten skala och följ upp.",
        "Att starta på alla avdelningar samtidigt – det blev för mycket på en gång.",
        [UnitType.UNIT, UnitType.DISTRICT],
        "Äldreomsorg",
        None,
        [
            ("farsta-aldreomsorg", AdoptionStatus.IN_USE, "Tavlan fungerade bäst digitalt."),
            ("skarpnack-aldreomsorg", AdoptionStatus.PLANNING, ""),
            ("bromma-avdelningen-for-aldreomsorg", AdoptionStatus.INTERESTED, ""),
        ],
    ),
    (
        "trafikkontoret-avdelning-stadsmiljo",
        "Stadsmiljöavdelningens förnyelsearbete (förnyelsepriset 2012)",
        "Ett arbetssätt där medarbetarnas förslag om gatu- och parkmiljö prövas i skarpt läge.",
        "Förslag från fältpersonalen tog lång tid att pröva och föll ofta bort.",
        "Avdelningen avsatte tid och en liten budget för tester, och redovisade resultaten "
        "öppet. Arbetet fick stadens förnyelsepris 2012.",
        "Kortare tid från förslag till test; fler förslag från fältet.",
        "Avsätt en testbudget, utse en kontaktperson och redovisa varje test, även de som "
        "misslyckas.",
        "Tester utan tydlig ägare blev liggande.",
        [UnitType.DEPARTMENT, UnitType.UNIT],
        "Trafik och parkering",
        None,
        [
            ("idrottsforvaltningen-idrottsanlaggningar", AdoptionStatus.IN_USE, ""),
            (
                "fastighetskontoret-fastighetsforvaltning",
                AdoptionStatus.DROPPED,
                "Testbudgeten räckte inte när den delades med underhållet; avsätt den separat.",
            ),
        ],
    ),
    (
        "stadsledningskontoret-fornyelseavdelningen",
        "Nämndsekretariatets kvalitetsarbete (kvalitetsutmärkelsen 2011)",
        "Ett sekretariat som gjorde nämndhandlingarna enklare att läsa och snabbare att ta fram.",
        "Handlingarna var svåra att läsa och kom sent till ledamöterna.",
        "Gemensamma mallar, en tidsplan bakåt från sammanträdet och återkoppling från "
        "ledamöterna efter varje möte.",
        "Handlingarna kommer i tid och ledamöterna ger bättre omdömen.",
        "Börja med mallen och tidsplanen; be om återkoppling efter varje sammanträde.",
        "",
        [UnitType.DEPARTMENT, UnitType.DISTRICT],
        "Digitala tjänster",
        None,
        [
            ("sodermalm-staben", AdoptionStatus.IN_USE, "Mallen behövde anpassas till SDN."),
            ("norrmalm", AdoptionStatus.PLANNING, ""),
        ],
    ),
    (
        "aldreforvaltningen-aldre-direkt",
        "Testbädd för äldreomsorg (efter Malmö stad)",
        "Behov i äldreomsorgen matchas med lösningar som prövas i liten skala först.",
        "Nya lösningar köptes in utan att ha prövats i verksamheten.",
        "Ett kort idéformulär, matchning av behov och lösning, litet test → större test → "
        "beslut. Förebilden är Malmö stads testbädd.",
        "Färre inköp som inte används; personalen är med och bestämmer.",
        "Utse en testbäddsledare, använd ett kort formulär och besluta efter varje testfas.",
        "Att hoppa över det lilla testet – det större testet blev då för dyrt att stoppa.",
        [UnitType.DEPARTMENT, UnitType.DISTRICT],
        "Äldreomsorg",
        None,
        [
            ("hasselby-vallingby-aldreomsorg", AdoptionStatus.INTERESTED, ""),
        ],
    ),
    (
        "trafikkontoret",
        "Betala parkering med mobilen",
        "Parkering betalas med mobilen i stället för i automaten.",
        "Bilister letade växel och fick felparkeringsavgifter.",
        "En tjänst där bilisten startar och stoppar parkeringen i mobilen.",
        "Färre felparkeringsavgifter och nöjdare bilister.",
        "Upphandla eller anslut till en befintlig tjänst; skylta tydligt vid automaterna.",
        "",
        [UnitType.DEPARTMENT, UnitType.COMPANY],
        "Trafik och parkering",
        "Betala P-telefon",
        [("stockholm-parkering-garageforvaltning", AdoptionStatus.IN_USE, "")],
    ),
    (
        "miljoforvaltningen",
        "Skelettjordar och biokol för gatuträd",
        "Gatuträd planteras i skelettjord med biokol: träden växer bättre och dagvattnet renas.",
        "Gatuträd i hårdgjord miljö dog unga och dagvattnet gick orenat.",
        "Plantering i skelettjord blandad med biokol av trädgårdsavfall.",
        "Träden växer bättre; dagvatten renas på plats.",
        "Ta fram biokol lokalt, planera skelettjorden tidigt i gatuprojektet.",
        "",
        [UnitType.DEPARTMENT, UnitType.DISTRICT],
        "Miljö och klimat",
        "Skelettjordar och biokol för gatuträd",
        [
            (
                "stockholm-vatten-henriksdals-reningsverk",
                AdoptionStatus.DROPPED,
                "Biokolet fanns inte att få i tillräcklig mängd; planera inköpet ett år före.",
            ),
            ("hagersten-liljeholmen", AdoptionStatus.PLANNING, ""),
        ],
    ),
]

SESSIONS = [
    # day offset, hour, title, learn, place, capacity, bookings, example index
    (
        -2,
        9,
        "Kom igång med förbättringstavlan",
        "Hur KISAM-tavlan används i arbetslaget.",
        "Stureby vård- och omsorgsboende, samlingssalen",
        12,
        8,
        0,
    ),
    (
        -1,
        13,
        "Så redovisar ni tester öppet",
        "Stadsmiljöavdelningens sätt att visa resultat, också misslyckade.",
        "",
        30,
        12,
        1,
    ),
    (
        2,
        10,
        "Testbädd i praktiken",
        "Från idéformulär till beslut, steg för steg.",
        "Äldre direkt, Kungsholmen",
        5,
        8,
        3,
    ),
    (
        3,
        14,
        "Bättre nämndhandlingar",
        "Mallar och tidsplan som gör handlingarna lättare att läsa.",
        "",
        25,
        6,
        2,
    ),
]


def demo_spreading_load() -> bool:
    """Create the demo examples, adoptions and campaign week unless there are examples, and
    the award rounds (`demo_awards`) unless there are programmes."""
    created = False
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        if not GoodExample.objects.exists():
            _load()
            created = True
        created = demo_awards_load() or created
    return created


def _unit(slug: str) -> Unit:
    return Unit.objects.get(slug=slug)


@transaction.atomic
def _load() -> None:
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    examples = []
    for (
        unit_slug,
        title,
        summary,
        problem,
        done,
        effects,
        how,
        failed,
        suits,
        topic,
        idea_title,
        adoptions,
    ) in EXAMPLES:
        idea = Idea.objects.filter(title=idea_title).first() if idea_title else None
        unit = idea.owner_unit if idea is not None and idea.owner_unit else _unit(unit_slug)
        example = services.example_create(
            user=office,
            unit=unit,
            fields={
                "title": title,
                "summary": summary,
                "problem": problem,
                "what_was_done": done,
                "effects": effects,
                "for_whom": summary.split(":")[0][:300],
                "how_to_adopt": how,
                "did_not_work": failed,
                "contact": office,
            },
            topics=Topic.objects.filter(name=topic),
            unit_types=suits,
            idea=idea,
        )
        services.example_publish(user=office, example=example)
        examples.append(example)
        for adopting_slug, final, lessons in adoptions:
            adoption, _created = services.adoption_create(
                user=office, example_id=example.pk, unit=_unit(adopting_slug)
            )
            path = {
                AdoptionStatus.INTERESTED: [],
                AdoptionStatus.PLANNING: [AdoptionStatus.PLANNING],
                AdoptionStatus.IN_USE: [AdoptionStatus.PLANNING, AdoptionStatus.IN_USE],
                AdoptionStatus.DROPPED: [AdoptionStatus.PLANNING, AdoptionStatus.DROPPED],
            }[final]
            for status in path:
                services.adoption_update(
                    user=office,
                    adoption_id=adoption.pk,
                    status=status,
                    changes="Anpassat till vår verksamhet." if status != "planning" else "",
                    outcome="Fungerar i vardagen." if status == AdoptionStatus.IN_USE else "",
                    lessons=lessons,
                    drop_reason=lessons if status == AdoptionStatus.DROPPED else "",
                )
    # A draft that only its author and the office see.
    services.example_create(
        user=office,
        unit=_unit("serviceforvaltningen-kontaktcenter-stockholm"),
        fields={
            "title": "Kontaktcentrets svarsmallar (utkast)",
            "summary": "Gemensamma svarsmallar för vanliga frågor.",
            "problem": "Samma fråga fick olika svar.",
            "what_was_done": "Mallar skrivna tillsammans med handläggarna.",
            "for_whom": "Handläggare",
            "how_to_adopt": "Samla de tio vanligaste frågorna först.",
        },
    )
    _load_campaign(office, examples)


def _load_campaign(office: User, examples: list[GoodExample]) -> None:
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    week = today.isocalendar().week
    campaign = services.campaign_create(
        user=office,
        title=f"Lär av en kollega, vecka {week}",
        starts_on=monday - datetime.timedelta(days=3),
        ends_on=monday + datetime.timedelta(days=10),
        description="Kollegor lär kollegor: korta pass om det som fungerar.",
    )
    organiser = User.objects.get(email="samordnare@demo.example.org")
    people = list(
        User.objects.filter(unit__isnull=False, email__regex=r"\.\d+@demo\.example\.org$").order_by(
            "pk"
        )[:40]
    )
    tz = timezone.get_current_timezone()
    for offset, hour, title, learn, place, capacity, booked, example_index in SESSIONS:
        day = today + datetime.timedelta(days=offset)
        starts = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
        session = services.session_create(
            user=organiser,
            fields={
                "title": title,
                "learn": learn,
                "for_whom": "Medarbetare och chefer",
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
                "place": place,
                "online_url": "" if place else "https://moten.example.org/kunskapsdelning",
                "capacity": capacity,
                "booking_deadline": starts - datetime.timedelta(hours=12),
                "example": examples[example_index],
                "campaign": campaign,
                "open_to_residents": offset == 3,
            },
        )
        # Bookings made before the deadline, in order, so the full one has a waiting list.
        for n, person in enumerate(people[example_index * 8 : example_index * 8 + booked]):
            services.booking_create(
                user=person,
                session_id=session.pk,
                now=starts - datetime.timedelta(days=7, minutes=-n),
            )
        if offset < 0:
            bookings = session.bookings.filter(status="booked").order_by("pk")
            services.attendance_mark(
                user=organiser,
                session_id=session.pk,
                attended={b.pk: i % 4 != 3 for i, b in enumerate(bookings)},
            )
