"""The URL walk's samples for awards and competitions (merged into `url_samples.py`).

Called after the demo is loaded: Förnyelsepriset 2026 is in jury scoring with the jury account
in the chair, Kvalitetsutmärkelsen 2025 is published, LYS 2026 takes external entries. The
jury's pages and unpublished results do not exist for anyone off the jury (404).
"""

from __future__ import annotations

import secrets
from dataclasses import replace

from django.utils import timezone

from innovera.core.url_walk import Sample
from innovera.organisations.models import Unit, User
from innovera.spreading import services_awards
from innovera.spreading.models import AwardRound, Nomination, NominationStatus, RoundStatus
from innovera.spreading.tests.awards_factories import external_nomination


def award_samples() -> dict[str, Sample]:
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    employee = User.objects.get(email="medarbetare@demo.example.org")
    jury = User.objects.get(email="jury@demo.example.org")
    scoring = AwardRound.objects.get(title="Förnyelsepriset 2026")
    published = AwardRound.objects.get(title="Kvalitetsutmärkelsen 2025")
    lys = AwardRound.objects.get(title="LYS 2026")
    waiting = [
        entry
        for entry in Nomination.objects.filter(round=scoring).order_by("pk")
        if not entry.conflicts.filter(juror=jury).exists()
    ]
    to_score, to_declare = waiting[0], waiting[1]

    today = timezone.localdate()

    def new_round(title: str) -> AwardRound:
        """A round for the city's units, being prepared."""
        return services_awards.round_create(
            user=office,
            programme=scoring.programme,
            title=title,
            award_name=title.lower(),
            nomination_opens=today,
            nomination_closes=today,
            categories=[("Allt", "")],
            criteria=[{"name": "Nytta", "weight": 1, "levels": ["1", "2", "3", "4", "5"]}],
        )

    # One taking nominations, with the employee's own nomination.
    open_round = new_round("Vandringens pris")
    AwardRound.objects.filter(pk=open_round.pk).update(status=RoundStatus.NOMINATING)
    open_round.refresh_from_db()
    own = services_awards.nomination_create(
        user=employee,
        round_=open_round,
        category=open_round.categories.get(),
        subject_kind="unit",
        unit=Unit.objects.get(slug="bromma"),
        motivation="Vandringens nominering.",
    )

    preparing = new_round("Vandringens omgång")

    def preparing_round() -> dict[str, str]:
        # Moving a round on uses it up: each request gets a fresh one being prepared.
        return {"slug": new_round("Vandringens omgång").slug}

    token = secrets.token_urlsafe(32)
    external_nomination(lys, secret=token, status=NominationStatus.UNCONFIRMED)

    def fresh_token() -> dict[str, str]:
        # Withdrawing uses the entry up: each request gets a fresh one of its own.
        secret = secrets.token_urlsafe(32)
        external_nomination(lys, secret=secret, title="Vandringens återtagna bidrag")
        return {"token": secret}

    # A seat on a round being prepared, held by someone the walk does not sign in as (a seat
    # would show them the round).
    seated = User.objects.create_user(
        email="vandrande.juror@demo.example.org",
        full_name="Vandrande Juror",
        unit=Unit.objects.get(slug="bromma"),
    )

    def fresh_seat() -> dict[str, object]:
        seat = services_awards.juror_add(user=office, round_=preparing, juror=seated)
        return {"slug": preparing.slug, "pk": seat.pk}

    on_preparing = Sample({"slug": preparing.slug}, obj=preparing, hidden_unless="award.view")

    on_scoring = Sample({"slug": scoring.slug}, obj=scoring)
    jury_page = replace(on_scoring, hidden_unless="award.jury")
    return {
        "spreading:award_list": Sample(),
        "spreading:award_my_nominations": Sample(),
        "spreading:award_jury_work": Sample(),
        "spreading:award_confirm": Sample({"token": token}),
        "spreading:award_round": on_scoring,
        "spreading:award_nominate": Sample({"slug": open_round.slug}, obj=open_round),
        "spreading:award_enter": Sample({"slug": lys.slug}, obj=lys),
        # A round being prepared is the office's alone: a 404 to everyone else.
        "spreading:award_advance": Sample(
            preparing_round,
            method="post",
            obj=preparing,
            hidden_unless="award.view",
        ),
        "spreading:award_withdraw": Sample(
            {"slug": open_round.slug, "pk": own.pk},
            method="post",
            obj=own,
            hidden_unless="nomination.view",
        ),
        "spreading:award_jury": jury_page,
        "spreading:award_score": replace(
            jury_page, kwargs={"slug": scoring.slug, "pk": to_score.pk}
        ),
        "spreading:award_conflict": Sample(
            {"slug": scoring.slug, "pk": to_declare.pk},
            method="post",
            obj=to_declare,
            hidden_unless="award.jury",
        ),
        "spreading:award_chair": replace(on_scoring, hidden_unless="award.chair"),
        "spreading:award_publish": Sample(
            {"slug": published.slug}, method="post", obj=published, hidden_unless="award.publish"
        ),
        "spreading:award_round_create": Sample(),
        "spreading:award_entry_withdraw": Sample(fresh_token, method="post"),
        "spreading:award_jurors": on_preparing,
        "spreading:award_juror_chair": replace(on_preparing, kwargs=fresh_seat, method="post"),
        "spreading:award_juror_remove": replace(on_preparing, kwargs=fresh_seat, method="post"),
        "spreading:award_results": Sample({"slug": published.slug}, obj=published),
        "api:spreading:award_list": Sample(),
        "api:spreading:award_nominations": Sample(
            {"slug": scoring.slug}, obj=scoring, hidden_unless="award.nominations"
        ),
    }
