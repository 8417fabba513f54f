"""Demo challenges and ideas, drawn from the report's examples (Bilaga 4), in every stage."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from innovera.ideas import services
from innovera.ideas.models import (
    ChallengeStatus,
    Criterion,
    EffectKind,
    Idea,
    PilotPhase,
    RoutingRule,
    Stage,
    SubmitterRole,
    Topic,
    Visibility,
)
from innovera.organisations.models import Unit, User

TOPICS = [
    "Äldreomsorg",
    "Miljö och klimat",
    "Trafik och parkering",
    "Digitala tjänster",
    "Skola och förskola",
]

CHALLENGES = [
    # slug of owner unit, title, need, for whom, audience
    (
        "bromma",
        "Tryggare hemtjänst",
        "Hur kan hemtjänsten bli tryggare och effektivare för både brukare och personal?",
        "Äldre med hemtjänst och deras anhöriga",
        "public",
    ),
    (
        "trafikkontoret",
        "Enklare parkering",
        "Hur gör vi det enklare att betala och hitta parkering i innerstaden?",
        "Bilister och boende",
        "public",
    ),
    (
        "serviceforvaltningen",
        "Smartare interna e-tjänster",
        "Vilka interna flöden kan förenklas med digitala verktyg?",
        "Stadens medarbetare",
        "internal",
    ),
]

# title, description, value, for whom, challenge index or None, submitter role, final stage,
# visibility, topic
IDEAS = [
    (
        "Betala P-telefon",
        "Betala parkering med mobilen i stället för i automaten.",
        "Slipper leta växel och gå till automaten; färre felparkeringsavgifter.",
        "Bilister",
        1,
        SubmitterRole.EMPLOYEE,
        "spread",
        Visibility.PUBLIC,
        "Trafik och parkering",
    ),
    (
        "Nyckelfri hemtjänst",
        "Digitala lås så att personalen inte behöver hantera fysiska nycklar.",
        "Tryggare för brukarna och mindre tid på att hämta nycklar.",
        "Brukare och personal i hemtjänsten",
        0,
        SubmitterRole.MANAGER,
        "implemented",
        Visibility.PUBLIC,
        "Äldreomsorg",
    ),
    (
        "Tyck till-appen",
        "En app där invånare kan rapportera fel i gatumiljön med bild och position.",
        "Snabbare åtgärder och bättre kunskap om var problemen finns.",
        "Alla som rör sig i staden",
        None,
        SubmitterRole.RESIDENT,
        "testing",
        Visibility.PUBLIC,
        "Digitala tjänster",
    ),
    (
        "Sopsaltaren",
        "Ett fordon som både sopar och saltar cykelbanor på vintern.",
        "Framkomliga cykelbanor hela vintern.",
        "Cyklister",
        None,
        SubmitterRole.EMPLOYEE,
        "prioritised",
        Visibility.PUBLIC,
        "Trafik och parkering",
    ),
    (
        "Skelettjordar och biokol för gatuträd",
        "Plantera gatuträd i skelettjord med biokol.",
        "Träden växer bättre och dagvatten renas.",
        "Boende och miljön",
        None,
        SubmitterRole.EMPLOYEE,
        "implemented",
        Visibility.PUBLIC,
        "Miljö och klimat",
    ),
    (
        "Läxhjälp på biblioteket",
        "Volontärer ger läxhjälp i bibliotekets lokaler på kvällar.",
        "Fler elever klarar skolan.",
        "Elever i årskurs 4–9",
        None,
        SubmitterRole.CIVIL_SOCIETY,
        "in_review",
        Visibility.PUBLIC,
        "Skola och förskola",
    ),
    (
        "Digital signering av interna beslut",
        "E-signatur för delegationsbeslut.",
        "Kortare ledtider och mindre papper.",
        "Chefer och handläggare",
        2,
        SubmitterRole.EMPLOYEE,
        "in_review",
        Visibility.CITY,
        "Digitala tjänster",
    ),
    (
        "Schemaläggning med AI i hemtjänsten",
        "Pröva ett verktyg som föreslår turordning för besök.",
        "Mer tid hos brukarna, mindre tid i bilen.",
        "Hemtjänstpersonal",
        0,
        SubmitterRole.EMPLOYEE,
        "submitted",
        Visibility.UNIT,
        "Äldreomsorg",
    ),
    (
        "Parkeringssensorer som visar lediga platser",
        "Sensorer i gatan och en karta över lediga platser.",
        "Mindre söktrafik.",
        "Bilister",
        1,
        SubmitterRole.COMPANY,
        "declined",
        Visibility.PUBLIC,
        "Trafik och parkering",
    ),
    (
        "Betala parkering i appen",
        "Mobilbetalning av parkering.",
        "Enklare betalning.",
        "Bilister",
        1,
        SubmitterRole.RESIDENT,
        "merged",
        Visibility.PUBLIC,
        "Trafik och parkering",
    ),
    (
        "Lånecyklar för hemtjänsten",
        "Elcyklar i stället för bilar i täta områden.",
        "Snabbare förflyttning och bättre miljö.",
        "Hemtjänstpersonal",
        0,
        SubmitterRole.EMPLOYEE,
        "parked",
        Visibility.PUBLIC,
        "Äldreomsorg",
    ),
    (
        "Gemensam idébank för förskolorna",
        "Dela pedagogiska idéer mellan förskolor.",
        "Goda exempel sprids.",
        "Förskolepersonal",
        None,
        SubmitterRole.EMPLOYEE,
        "submitted",
        Visibility.CITY,
        "Skola och förskola",
    ),
]

PATHS = {
    "submitted": [],
    "in_review": ["in_review"],
    "prioritised": ["in_review", "prioritised"],
    "declined": ["in_review", "declined"],
    "merged": ["merged"],
    "parked": ["in_review", "parked"],
    "testing": ["in_review", "prioritised", "testing"],
    "implemented": ["in_review", "prioritised", "testing", "implemented"],
    "spread": ["in_review", "prioritised", "testing", "implemented", "spread"],
}
REASONS = {
    "declined": "Liknande lösning finns redan upphandlad; vi prövar den först.",
    "parked": "Bra idé men ingen budget i år; tas upp igen vid nästa budgetår.",
    "merged": "Samma idé som Betala P-telefon.",
}


def demo_ideas_load() -> bool:
    """Create the demo challenges and ideas unless there are ideas already.

    The demo's own stage moves would mail their followers; those e-mails are dropped.
    """
    if Idea.objects.exists():
        return False
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _load()
    return True


@transaction.atomic
def _load() -> None:
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    topics = {
        name: Topic.objects.get_or_create(name=name, slug=slugify(name))[0] for name in TOPICS
    }
    RoutingRule.objects.get_or_create(
        topic=topics["Miljö och klimat"],
        defaults={"unit": Unit.objects.get(slug="miljoforvaltningen")},
    )
    RoutingRule.objects.get_or_create(
        topic=topics["Skola och förskola"],
        defaults={"unit": Unit.objects.get(slug="utbildningsforvaltningen")},
    )
    RoutingRule.objects.get_or_create(
        topic=topics["Digitala tjänster"],
        defaults={"unit": Unit.objects.get(slug="serviceforvaltningen")},
    )
    challenges = []
    for unit_slug, title, need, for_whom, audience in CHALLENGES:
        challenges.append(
            services.challenge_publish(
                user=office,
                owner_unit=Unit.objects.get(slug=unit_slug),
                fields={
                    "title": title,
                    "need": need,
                    "for_whom": for_whom,
                    "audience": audience,
                    "status": ChallengeStatus.OPEN,
                },
            )
        )
    resident = User.objects.get(email="invanare@demo.example.org")
    employee = User.objects.get(email="medarbetare@demo.example.org")
    stages = {stage.key: stage for stage in Stage.objects.all()}
    criteria = list(Criterion.objects.filter(active=True))
    started = timezone.now() - datetime.timedelta(days=400)
    created: dict[str, Idea] = {}
    for index, (
        title,
        description,
        value,
        for_whom,
        challenge,
        role,
        final,
        visibility,
        topic,
    ) in enumerate(IDEAS):
        submitter = (
            resident
            if role in (SubmitterRole.RESIDENT, SubmitterRole.CIVIL_SOCIETY, SubmitterRole.COMPANY)
            else employee
        )
        idea, _new = services.idea_submit(
            user=submitter,
            submission_key=uuid.uuid4(),
            fields={
                "title": title,
                "description": description,
                "value": value,
                "for_whom": for_whom,
                "situation": "",
                "submitter_role": role,
            },
            topics=[topics[topic]],
            challenge=challenges[challenge] if challenge is not None else None,
        )
        Idea.objects.filter(pk=idea.pk).update(
            visibility=visibility,
            created_at=started + datetime.timedelta(days=index * 30),
            innovation_type="process" if index % 2 else "product",
            degree="incremental" if index % 3 else "radical",
        )
        idea.refresh_from_db()
        if idea.owner_unit is None:
            idea.owner_unit = Unit.objects.get(slug="stadsledningskontoret")
            idea.save(update_fields=["owner_unit"])
        created[title] = idea
        for step in PATHS[final]:
            if step == "prioritised":
                services.idea_score(
                    user=office,
                    idea=idea,
                    values={c: 3 + (index + c.order // 10) % 3 for c in criteria},
                )
            if step == "implemented":
                pilot = services.pilot_record(
                    user=office,
                    idea=idea,
                    fields={
                        "phase": PilotPhase.SMALL,
                        "plan": "Test i en enhet under tre månader.",
                        "test_site": idea.owner_unit.name if idea.owner_unit else "",
                        "test_persons": 25,
                    },
                )
                services.pilot_decide(
                    user=office,
                    pilot=pilot,
                    decision="go",
                    reason="Testet visade tydlig nytta.",
                    results="Nöjdare brukare och kortare tider.",
                )
            services.idea_move(
                user=office,
                idea_id=idea.pk,
                to_stage=stages[step],
                reason=REASONS.get(step, "Bedömd av idéansvarig."),
                merge_into=created.get("Betala P-telefon") if step == "merged" else None,
            )
        if final in ("implemented", "spread"):
            services.effect_add(
                user=office,
                idea=idea,
                kind=EffectKind.TIME,
                text="Kortare handläggning",
                number=Decimal("12.5"),
            )
            services.lesson_add(
                user=office, idea=idea, text="Involvera personalen tidigt.", did_not_work=False
            )
            services.lesson_add(
                user=office,
                idea=idea,
                text="Första leverantörens lösning fungerade inte i kyla.",
                did_not_work=True,
            )
        if visibility == Visibility.PUBLIC:
            if resident != submitter:
                services.support_add(user=resident, idea=idea)
            services.comment_add(
                user=employee, idea=idea, body="Bra idé, vi har samma behov hos oss."
            )
