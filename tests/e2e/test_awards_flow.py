"""Awards in the browser, with axe on every page state (issue 11, the jury's "done when").

Two jurors score a round: Farsta's coordinator is conflicted on Farsta's entry by her unit and
can neither see nor score it; the demo's jury account, in the chair, scores, sees the spread
and ranking, records the winner with a public motivation and publishes; the results page shows
"… vann … med motiveringen …" to anyone. The pages fit 390 px.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import Unit, User
from innovera.spreading import services_awards
from innovera.spreading.models import AwardRound, Entrants, Nomination, RoundStatus
from innovera.spreading.models.awards import token_digest
from tests.e2e.conftest import assert_accessible, follow
from tests.e2e.test_foundation_pages import sign_in
from tests.e2e.test_spreading_flow import sign_out

pytestmark = pytest.mark.browser

LEVELS = ["Saknas", "Svagt", "Godtagbart", "Gott", "Utmärkt"]


def jury_round() -> tuple[AwardRound, dict[str, Nomination]]:
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    jury = User.objects.get(email="jury@demo.example.org")
    farsta_coordinator = User.objects.get(email="samordnare.farsta@demo.example.org")
    bromma_coordinator = User.objects.get(email="samordnare@demo.example.org")
    today = timezone.localdate()
    programme = services_awards.programme_create(user=office, name="Förnyelsepriset")
    round_ = services_awards.round_create(
        user=office,
        programme=programme,
        title="Förnyelsepriset 2026",
        award_name="förnyelsepriset 2026",
        nomination_opens=today - datetime.timedelta(days=5),
        nomination_closes=today + datetime.timedelta(days=5),
        categories=[("Förnyelse i verksamheten", "")],
        criteria=[
            {"name": "Nyhetsvärde", "weight": 2, "levels": LEVELS},
            {"name": "Nytta för invånarna", "weight": 1, "levels": LEVELS},
        ],
    )
    services_awards.round_advance(user=office, round_=round_)
    entries = {}
    for slug, title in (
        ("bromma", "Brommas förbättringstavlor"),
        ("farsta", "Farstas trygghetsvandringar"),
    ):
        round_.refresh_from_db()
        entries[slug] = services_awards.nomination_create(
            user=bromma_coordinator,
            round_=round_,
            category=round_.categories.get(),
            subject_kind="unit",
            unit=Unit.objects.get(slug=slug),
            title=title,
            motivation=f"{title} har förnyat arbetet.",
        )
    services_awards.juror_add(user=office, round_=round_, juror=jury, is_chair=True)
    services_awards.juror_add(user=office, round_=round_, juror=farsta_coordinator)
    services_awards.round_advance(user=office, round_=round_)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.SCORING
    return round_, entries


def score(page: Any, round_: AwardRound, first: int, second: int) -> None:
    novelty, benefit = round_.criteria.all()
    page.locator(f"input[name='criterion-{novelty.pk}'][value='{first}']").check()
    page.locator(f"input[name='criterion-{benefit.pk}'][value='{second}']").check()
    page.get_by_role("button", name="Lämna min bedömning").click()
    expect(page.get_by_text("Din bedömning är lämnad.")).to_be_visible()


def test_two_jurors_score_one_is_conflicted_and_the_chair_publishes_the_winner(page: Any) -> None:
    demo_city_load()
    round_, entries = jury_round()
    page.set_viewport_size({"width": 390, "height": 844})

    # Farsta's coordinator: Farsta's entry is her own unit's, so it has no scoring link.
    sign_in(page, "samordnare.farsta@demo.example.org")
    page.goto(f"/utmarkelser/{round_.slug}/jury/")
    expect(
        page.get_by_role("heading", name="Juryns bedömning: Förnyelsepriset 2026")
    ).to_be_visible()
    farsta_row = page.get_by_role("row", name="Farstas trygghetsvandringar")
    expect(farsta_row.get_by_text("Jäv")).to_be_visible()
    expect(farsta_row.get_by_role("link")).to_have_count(0)
    assert_accessible(page)
    # Even by its address, the entry offers her no scores and no form.
    page.goto(f"/utmarkelser/{round_.slug}/jury/{entries['farsta'].pk}/")
    expect(page.get_by_text("Du är jävig för det här bidraget")).to_be_visible()
    expect(page.get_by_role("button", name="Lämna min bedömning")).to_have_count(0)
    assert_accessible(page)
    # She scores Bromma's entry.
    page.goto(f"/utmarkelser/{round_.slug}/jury/")
    follow(page, page.get_by_role("link", name="Brommas förbättringstavlor"))
    assert_accessible(page)
    score(page, round_, 2, 1)
    assert_accessible(page)
    sign_out(page)

    # The chair scores both entries on the scoring page; a missing score is refused first.
    sign_in(page, "jury@demo.example.org")
    page.goto(f"/utmarkelser/{round_.slug}/jury/{entries['bromma'].pk}/")
    expect(page.get_by_text("Frida Samordnare")).to_have_count(0)  # her scores stay hidden
    page.get_by_role("button", name="Lämna min bedömning").click()
    expect(page.get_by_text("Välj ett betyg för ”Nyhetsvärde”.").first).to_be_visible()
    assert_accessible(page)
    score(page, round_, 5, 4)
    expect(page.get_by_role("rowheader", name="Frida Samordnare")).to_be_visible()
    page.goto(f"/utmarkelser/{round_.slug}/jury/{entries['farsta'].pk}/")
    score(page, round_, 4, 4)

    # The spread, the ranking, the decision.
    page.goto(f"/utmarkelser/{round_.slug}/ordforande/")
    bromma_row = page.get_by_role("row", name="Brommas förbättringstavlor")
    expect(bromma_row.get_by_text("Stor oenighet")).to_be_visible()  # 4,67 against 1,67
    expect(page.get_by_role("row", name="Farstas trygghetsvandringar")).to_contain_text(
        "1 jurymedlem jävig"
    )
    assert_accessible(page)
    page.get_by_label("”Farstas trygghetsvandringar” vinner").check()
    page.get_by_label("Offentlig motivering för ”Farstas trygghetsvandringar”").fill(
        "unga leder vandringarna och förslagen genomförs inom en månad"
    )
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.get_by_text("Beslutet är registrerat.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publicera resultatet").click()
    expect(page.get_by_text("Resultatet är publicerat.")).to_be_visible()
    sign_out(page)

    # Anyone reads the results.
    page.goto(f"/utmarkelser/{round_.slug}/resultat/")
    expect(
        page.get_by_text(
            "Farstas trygghetsvandringar (Farsta stadsdelsförvaltning) vann förnyelsepriset 2026 "
            "med motiveringen: ”unga leder vandringarna och förslagen genomförs inom en månad”"
        )
    ).to_be_visible()
    assert_accessible(page)
    page.goto("/utmarkelser/")
    assert_accessible(page)


def test_the_office_sets_up_a_round_and_its_jury_and_an_entrant_withdraws(page: Any) -> None:
    demo_city_load()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "innovationskontoret@demo.example.org")

    # The round form: a period closing before it opens is refused at the field, keeping
    # what was typed.
    page.goto("/utmarkelser/")
    follow(page, page.get_by_role("link", name="Ny utmärkelseomgång"))
    assert_accessible(page)
    page.get_by_label("Det nya programmets namn").fill("Innovationspriset")
    page.get_by_label("Omgångens rubrik").fill("Innovationspriset 2027")
    page.get_by_label("Nomineringen öppnar").fill("2027-03-31")
    page.get_by_label("Nomineringen stänger").fill("2027-02-01")
    page.get_by_label("Kategorier").fill("Verksamhetsutveckling\nDigitalisering")
    page.get_by_label("Kriterium 1: namn").fill("Nyhetsvärde")
    page.get_by_label("Kriterium 1: vad varje betyg betyder").fill("\n".join(LEVELS))
    page.get_by_role("button", name="Skapa omgången").click()
    expect(
        page.get_by_text("Nomineringsperioden kan inte stänga innan den öppnar.").first
    ).to_be_visible()
    expect(page.get_by_label("Omgångens rubrik")).to_have_value("Innovationspriset 2027")
    assert_accessible(page)
    page.get_by_label("Nomineringen öppnar").fill("2027-02-01")
    page.get_by_label("Nomineringen stänger").fill("2027-03-31")
    page.get_by_role("button", name="Skapa omgången").click()

    # The jury page: seat two employees, one in the chair; unseat one after confirming.
    expect(page.get_by_role("heading", name="Juryn för Innovationspriset 2027")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Medarbetarens e-postadress").fill("jury@demo.example.org")
    page.get_by_label("Juryns ordförande").check()
    page.get_by_role("button", name="Lägg till i juryn").click()
    page.get_by_label("Medarbetarens e-postadress").fill("samordnare.farsta@demo.example.org")
    page.get_by_role("button", name="Lägg till i juryn").click()
    farsta = User.objects.get(email="samordnare.farsta@demo.example.org")
    expect(page.get_by_role("row", name=farsta.full_name)).to_contain_text("Jurymedlem")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name=f"Ta bort {farsta.full_name}"))
    assert_accessible(page)
    page.get_by_role("button", name="Ja, ta bort").click()
    expect(page.get_by_text(f"{farsta.full_name} sitter inte längre i juryn.")).to_be_visible()
    expect(page.get_by_role("row", name=farsta.full_name)).to_have_count(0)
    round_ = AwardRound.objects.get(title="Innovationspriset 2027")
    assert [(seat.user.email, seat.is_chair) for seat in round_.jurors.all()] == [
        ("jury@demo.example.org", True)
    ]
    sign_out(page)

    # An external entrant withdraws through the mailed link: the link's page asks first.
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    today = timezone.localdate()
    lys = services_awards.round_create(
        user=office,
        programme=round_.programme,
        title="LYS 2026",
        award_name="LYS 2026",
        nomination_opens=today,
        nomination_closes=today + datetime.timedelta(days=5),
        entrants=Entrants.EXTERNAL,
        categories=[("Klimat", "")],
        criteria=[{"name": "Nytta", "weight": 1, "levels": LEVELS}],
    )
    services_awards.round_advance(user=office, round_=lys)
    token = "vandringens-hemliga-lank-" + "x" * 20
    entry = Nomination.objects.create(
        round=lys,
        category=lys.categories.order_by("pk")[0],
        subject_kind="external",
        title="Smarta gatlampor",
        motivation="Lampor som tänds när någon går förbi.",
        entrant_name="Eva Entreprenör",
        entrant_email="eva@example.org",
        status="entered",
        confirm_digest=token_digest(token),
    )
    page.goto(f"/utmarkelser/bekrafta/{token}/")
    follow(page, page.get_by_role("link", name="Dra tillbaka bidraget"))
    assert_accessible(page)
    page.get_by_role("button", name="Dra tillbaka bidraget").click()
    expect(page.get_by_text("”Smarta gatlampor” är tillbakadraget från LYS 2026.")).to_be_visible()
    assert_accessible(page)
    entry.refresh_from_db()
    assert entry.status == "withdrawn"
