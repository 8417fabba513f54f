"""The innovation office sets an award up: a round (and a programme), its jury and chair; and an
external entrant withdraws through the mailed link."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innovera.core.exceptions import ApplicationError, Refusals
from innovera.core.models import AuditEntry
from innovera.spreading import selectors_awards, services_awards
from innovera.spreading.models import (
    AwardProgramme,
    AwardRound,
    Entrants,
    Juror,
    Nomination,
    NominationStatus,
    RoundStatus,
)
from innovera.spreading.permissions_awards import can_score
from innovera.spreading.tests.awards_factories import (
    LEVELS,
    enter_external,
    external_nomination,
    external_round,
    make_round,
    nominate,
    signed_in,
)
from innovera.spreading.tests.factories import make_coordinator, make_user

pytestmark = pytest.mark.django_db

CREATE = reverse("spreading:award_round_create")


def round_data(**fields: str) -> dict[str, str]:
    return {
        "programme": "",
        "programme_name": "Förnyelsepriset",
        "programme_kind": "award",
        "title": "Förnyelsepriset 2027",
        "award_name": "förnyelsepriset 2027",
        "nomination_opens": "2027-02-01",
        "nomination_closes": "2027-03-31",
        "entrants": "internal",
        "categories": "Verksamhetsutveckling\nDigitalisering",
        "criterion-1-name": "Nyhetsvärde",
        "criterion-1-weight": "1,5",
        "criterion-1-levels": "\n".join(LEVELS),
        **fields,
    }


# --- creating a round --------------------------------------------------------------------------


def test_the_office_creates_a_round_in_a_new_programme_being_prepared(
    city: dict[str, Any],
) -> None:
    client = signed_in(city["office"])
    assert "Ny utmärkelseomgång" in client.get(reverse("spreading:award_list")).content.decode()

    answer = client.post(CREATE, round_data(), secure=True)

    round_ = AwardRound.objects.get(title="Förnyelsepriset 2027")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("spreading:award_jurors", kwargs={"slug": round_.slug})
    assert round_.status == RoundStatus.PREPARING and round_.programme.name == "Förnyelsepriset"
    assert [c.name for c in round_.categories.all()] == ["Verksamhetsutveckling", "Digitalisering"]
    (criterion,) = round_.criteria.all()
    assert str(criterion.weight) == "1.50" and criterion.levels == LEVELS
    assert AuditEntry.objects.filter(action="award_round.create", actor=city["office"]).exists()


def test_a_round_can_join_an_existing_programme(city: dict[str, Any]) -> None:
    existing = make_round(office=city["office"]).programme
    answer = signed_in(city["office"]).post(
        CREATE, round_data(programme=str(existing.pk), programme_name=""), secure=True
    )
    assert answer.status_code == 302
    assert AwardRound.objects.get(title="Förnyelsepriset 2027").programme == existing
    assert AwardProgramme.objects.count() == 1


def test_a_period_closing_before_it_opens_is_refused_at_the_field_keeping_what_was_typed(
    city: dict[str, Any],
) -> None:
    answer = signed_in(city["office"]).post(
        CREATE,
        round_data(nomination_opens="2027-03-31", nomination_closes="2027-02-01"),
        secure=True,
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "Nomineringsperioden kan inte stänga innan den öppnar." in page
    assert 'value="2027-02-01"' in page and 'value="Förnyelsepriset 2027"' in page
    assert not AwardRound.objects.exists() and not AwardProgramme.objects.exists()


def test_a_criterion_without_five_score_texts_is_refused_at_its_field(
    city: dict[str, Any],
) -> None:
    answer = signed_in(city["office"]).post(
        CREATE, round_data(**{"criterion-1-levels": "Svagt\nStarkt"}), secure=True
    )
    assert answer.status_code == 400
    assert "fem rader" in answer.content.decode()
    assert not AwardRound.objects.exists()


def test_a_round_in_no_programme_is_refused_at_the_new_programmes_name_by_the_service(
    city: dict[str, Any],
) -> None:
    answer = signed_in(city["office"]).post(
        CREATE, round_data(programme="", programme_name=""), secure=True
    )
    assert answer.status_code == 400
    assert answer.context["form"].errors["programme_name"] == [
        "Välj ett program, eller namnge ett nytt för omgången."
    ]
    assert 'value="Förnyelsepriset 2027"' in answer.content.decode()
    assert not AwardRound.objects.exists() and not AwardProgramme.objects.exists()


def test_a_criterion_refused_by_the_service_is_shown_at_the_row_it_was_typed_in(
    city: dict[str, Any],
) -> None:
    answer = signed_in(city["office"]).post(
        CREATE,
        round_data(
            **{
                "criterion-1-name": "",
                "criterion-1-levels": "",
                "criterion-2-name": "Nytta",
                "criterion-2-levels": "Svagt\nStarkt",
            }
        ),
        secure=True,
    )
    errors = answer.context["form"].errors
    assert answer.status_code == 400
    assert errors["criterion-2-levels"] == [
        "Beskriv vad varje betyg från 1 till 5 betyder: fem rader."
    ]
    assert "criterion-1-levels" not in errors
    assert 'value="Nytta"' in answer.content.decode()
    assert not AwardRound.objects.exists() and not AwardProgramme.objects.exists()


def test_a_round_without_a_criterion_is_refused_at_the_first_row(city: dict[str, Any]) -> None:
    answer = signed_in(city["office"]).post(
        CREATE, round_data(**{"criterion-1-name": "", "criterion-1-levels": ""}), secure=True
    )
    assert answer.status_code == 400
    assert answer.context["form"].errors["criterion-1-name"] == [
        "En omgång har minst ett bedömningskriterium."
    ]
    assert not AwardRound.objects.exists()


def created_by_the_service(office: Any, **fields: Any) -> AwardRound:
    """`round_create` called as the form would, for a round in a new programme of one day with
    one category and one criterion, `fields` instead of those."""
    today = timezone.localdate()
    return services_awards.round_create(
        **{
            "user": office,
            "programme": None,
            "programme_name": "Förnyelsepriset",
            "title": "Förnyelsepriset 2027",
            "award_name": "",
            "nomination_opens": today,
            "nomination_closes": today,
            "categories": [("Digitalisering", "")],
            "criteria": [{"name": "Nyhetsvärde", "levels": LEVELS}],
            **fields,
        }
    )


def test_the_service_names_a_refused_criterion_by_its_place(city: dict[str, Any]) -> None:
    good = {"name": "Nyhetsvärde", "levels": LEVELS}
    with pytest.raises(ApplicationError) as refused:
        created_by_the_service(
            city["office"], criteria=[good, {"name": "Nytta", "weight": 0, "levels": LEVELS}]
        )
    assert refused.value.field == "criteria.1.weight"
    assert not AwardProgramme.objects.exists()


def test_every_problem_of_a_round_is_shown_at_once_each_at_its_field_and_nothing_is_stored(
    city: dict[str, Any],
) -> None:
    three_lines = "Svagt\nGodkänt\nStarkt"
    answer = signed_in(city["office"]).post(
        CREATE,
        round_data(
            programme="",
            programme_name="",
            nomination_opens="2027-03-31",
            nomination_closes="2027-02-01",
            **{
                "criterion-1-levels": three_lines,
                "criterion-2-name": "Nytta",
                "criterion-2-levels": three_lines,
            },
        ),
        secure=True,
    )
    five_lines = "Beskriv vad varje betyg från 1 till 5 betyder: fem rader."
    page = answer.content.decode()
    assert answer.status_code == 400
    assert answer.context["form"].errors == {
        "programme_name": ["Välj ett program, eller namnge ett nytt för omgången."],
        "nomination_closes": ["Nomineringsperioden kan inte stänga innan den öppnar."],
        "criterion-1-levels": [five_lines],
        "criterion-2-levels": [five_lines],
    }
    start = page.index('class="ds-error-summary"')
    summary = page[start : page.index("</ul>", start)]
    for field in (
        "programme_name",
        "nomination_closes",
        "criterion-1-levels",
        "criterion-2-levels",
    ):
        assert f'href="#id_{field}"' in summary
    assert summary.count(five_lines) == 2
    assert 'value="Förnyelsepriset 2027"' in page and 'value="Nytta"' in page
    assert 'value="2027-02-01"' in page and "Svagt\nGodkänt\nStarkt" in page
    assert not AwardRound.objects.exists() and not AwardProgramme.objects.exists()


def test_the_service_raises_every_refusal_of_a_round_together(city: dict[str, Any]) -> None:
    with pytest.raises(Refusals) as refused:
        created_by_the_service(
            city["office"],
            programme_name=" ",
            title="",
            nomination_closes=timezone.localdate() - timedelta(days=1),
            categories=[("Digitalisering", ""), ("Digitalisering ", "")],
            criteria=[
                {"name": "Nyhetsvärde", "weight": "noll", "levels": LEVELS[:3]},
                {"name": "Nytta", "levels": LEVELS},
            ],
            eligible_unit_types=["planet"],
        )
    assert [(error.field, str(error.message)) for error in refused.value.refusals] == [
        ("programme_name", "Välj ett program, eller namnge ett nytt för omgången."),
        ("title", "Ge omgången en rubrik."),
        ("nomination_closes", "Nomineringsperioden kan inte stänga innan den öppnar."),
        ("eligible_unit_types", "Okänd enhetstyp: planet."),
        ("categories", "Två kategorier har samma namn."),
        (
            "criteria.0.weight",
            "Kriteriet ”Nyhetsvärde”: vikten är ett tal över noll, till exempel 1 eller 1,5.",
        ),
        ("criteria.0.levels", "Beskriv vad varje betyg från 1 till 5 betyder: fem rader."),
    ]
    assert refused.value.status == 400
    assert not AwardRound.objects.exists() and not AwardProgramme.objects.exists()


def test_a_coordinator_may_not_create_a_round_and_is_not_offered_to(
    city: dict[str, Any],
) -> None:
    client = signed_in(make_coordinator(city["north"]))
    assert "Ny utmärkelseomgång" not in client.get(reverse("spreading:award_list")).content.decode()
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, round_data(), secure=True).status_code == 403
    assert not AwardRound.objects.exists()


def test_someone_not_signed_in_is_sent_to_sign_in_from_the_round_form(
    city: dict[str, Any],
) -> None:
    answer = Client().get(CREATE)
    assert answer.status_code == 302 and "/konto/" in answer["Location"]


# --- the jury ----------------------------------------------------------------------------------


def jurors_url(round_: AwardRound) -> str:
    return reverse("spreading:award_jurors", kwargs={"slug": round_.slug})


def test_the_office_seats_a_juror_by_address_and_the_own_unit_conflict_applies(
    city: dict[str, Any],
) -> None:
    round_ = make_round(office=city["office"], status=RoundStatus.NOMINATING)
    nominator = make_user(unit=city["north"])
    south_entry = nominate(user=nominator, round_=round_, unit=city["south"], title="Tavlor")
    north_entry = nominate(user=nominator, round_=round_, unit=city["north"], title="Läxhjälp")
    juror = make_user(unit=city["south"], full_name="Jon Jurysson", email="jon@example.org")
    client = signed_in(city["office"])

    answer = client.post(jurors_url(round_), {"email": "JON@example.org"}, secure=True)

    assert answer.status_code == 302
    seat = Juror.objects.get(round=round_)
    assert seat.user == juror and not seat.is_chair and seat.category is None
    assert "Jon Jurysson" in client.get(jurors_url(round_)).content.decode()
    assert AuditEntry.objects.filter(action="award_juror.add", person=juror).exists()
    services_awards.round_advance(user=city["office"], round_=round_)
    south_entry.refresh_from_db()
    north_entry.refresh_from_db()
    assert can_score(juror, north_entry)
    assert not can_score(juror, south_entry)  # his own unit's entry


def test_an_unknown_address_is_refused_at_the_field(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"], status=RoundStatus.PREPARING)
    answer = signed_in(city["office"]).post(
        jurors_url(round_), {"email": "ingen@example.org"}, secure=True
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and "ingen@example.org" in page
    assert "Ingen aktiv medarbetare" in page
    assert not Juror.objects.exists()


def seat_on_a_round_being_prepared(juror: Any, city: dict[str, Any], page: str) -> tuple[Any, str]:
    """The office seats `juror` on a new round being prepared: the seat and its `page`."""
    round_ = make_round(office=city["office"], status=RoundStatus.PREPARING)
    seat = services_awards.juror_add(user=city["office"], round_=round_, juror=juror)
    return seat, reverse(f"spreading:{page}", kwargs={"slug": round_.slug, "pk": seat.pk})


def test_the_office_chooses_the_chair_and_changes_its_mind(city: dict[str, Any]) -> None:
    chair = make_user(unit=city["root"], full_name="Ceci Ordförande")
    seat, url = seat_on_a_round_being_prepared(chair, city, "award_juror_chair")
    client = signed_in(city["office"])

    assert client.post(url, secure=True).status_code == 302
    seat.refresh_from_db()
    assert seat.is_chair
    client.post(url, secure=True)
    seat.refresh_from_db()
    assert not seat.is_chair


def test_the_office_unseats_a_juror_after_confirming(city: dict[str, Any]) -> None:
    juror = make_user(unit=city["west"], full_name="Vera Västerort")
    _seat, url = seat_on_a_round_being_prepared(juror, city, "award_juror_remove")
    client = signed_in(city["office"])

    page = client.get(url).content.decode()
    assert "Ta bort Vera Västerort ur juryn" in page and Juror.objects.exists()  # a GET asks
    assert client.post(url, secure=True).status_code == 302
    assert not Juror.objects.exists()
    assert AuditEntry.objects.filter(action="award_juror.remove", person=juror).exists()


def test_a_juror_is_not_unseated_once_scoring_has_started(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"], status=RoundStatus.NOMINATING)
    juror = make_user(unit=city["west"])
    seat = services_awards.juror_add(user=city["office"], round_=round_, juror=juror)
    services_awards.round_advance(user=city["office"], round_=round_)
    with pytest.raises(services_awards.ApplicationError, match="Juryns bedömning har börjat"):
        services_awards.juror_remove(user=city["office"], seat=seat)
    assert Juror.objects.filter(pk=seat.pk).exists()


def test_the_jury_pages_of_a_round_being_prepared_do_not_exist_for_a_coordinator(
    city: dict[str, Any],
) -> None:
    juror = make_user(unit=city["west"])
    seat, remove = seat_on_a_round_being_prepared(juror, city, "award_juror_remove")
    client = signed_in(make_coordinator(city["north"]))
    assert client.get(jurors_url(seat.round)).status_code == 404
    assert client.post(remove, secure=True).status_code == 404
    assert Juror.objects.filter(pk=seat.pk).exists()


def test_a_coordinator_may_not_seat_jurors_on_a_public_round(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"], status=RoundStatus.NOMINATING)
    coordinator = make_coordinator(city["north"])
    client = signed_in(coordinator)
    assert client.get(jurors_url(round_)).status_code == 403
    assert client.post(jurors_url(round_), {"email": coordinator.email}).status_code == 403
    assert not Juror.objects.exists()


def test_someone_not_signed_in_is_sent_to_sign_in_from_the_jury_page(
    city: dict[str, Any],
) -> None:
    round_ = make_round(office=city["office"], status=RoundStatus.NOMINATING)
    answer = Client().get(jurors_url(round_))
    assert answer.status_code == 302 and "/konto/" in answer["Location"]


# --- an external entrant withdraws -------------------------------------------------------------


def external_entry(city: dict[str, Any], **fields: Any) -> tuple[Nomination, str]:
    round_ = make_round(office=city["office"], entrants=Entrants.EXTERNAL, name="LYS", **fields)
    token = secrets.token_urlsafe(32)
    entry = external_nomination(
        round_,
        secret=token,
        title="Smarta gatlampor",
        entrant_name="Eva Entreprenör",
        entrant_email="eva@example.org",
        confirmed_at=timezone.now(),
    )
    return entry, token


def test_the_mail_offers_the_link_to_withdraw_through(
    city: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    round_ = external_round(office=city["office"], name="LYS")
    with django_capture_on_commit_callbacks(execute=True):
        enter_external(
            round_, name="Eva Entreprenör", title="Smarta gatlampor", motivation="Lampor."
        )
    assert "dra tillbaka" in str(mail.outbox[0].body)


def test_an_external_entrant_withdraws_with_a_post_from_the_links_page(
    city: dict[str, Any],
) -> None:
    entry, token = external_entry(city)
    confirm = Client().get(reverse("spreading:award_confirm", kwargs={"token": token}))
    url = reverse("spreading:award_entry_withdraw", kwargs={"token": token})
    assert url in confirm.content.decode()

    page = Client().get(url)  # a mail scanner opening the link withdraws nothing
    assert page.status_code == 200 and "Dra tillbaka bidraget" in page.content.decode()
    entry.refresh_from_db()
    assert entry.status == NominationStatus.ENTERED

    done = Client().post(url)
    entry.refresh_from_db()
    assert done.status_code == 200 and entry.status == NominationStatus.WITHDRAWN
    assert "är tillbakadraget" in done.content.decode()


def test_an_external_entry_is_not_withdrawn_after_the_period_closes(
    city: dict[str, Any],
) -> None:
    entry, token = external_entry(city, opens_in=-10, closes_in=-1)
    answer = Client().post(reverse("spreading:award_entry_withdraw", kwargs={"token": token}))
    entry.refresh_from_db()
    assert answer.status_code == 400 and "har stängt" in answer.content.decode()
    assert entry.status == NominationStatus.ENTERED


def test_a_wrong_withdrawal_link_is_a_404(city: dict[str, Any]) -> None:
    url = reverse("spreading:award_entry_withdraw", kwargs={"token": "not-a-token"})
    assert Client().get(url).status_code == 404
    assert Client().post(url).status_code == 404


def test_a_withdrawn_entrys_confirmation_link_says_so_and_offers_nothing(
    city: dict[str, Any],
) -> None:
    _entry, token = external_entry(city)
    services_awards.nomination_withdraw_external(token=token)
    page = Client().get(reverse("spreading:award_confirm", kwargs={"token": token}))
    text = page.content.decode()
    assert "är redan tillbakadraget" in text
    assert "Bekräfta bidraget" not in text and "dra-tillbaka" not in text


def test_the_jury_page_reads_in_a_fixed_number_of_queries(
    city: dict[str, Any], django_assert_num_queries: Any
) -> None:
    round_ = make_round(office=city["office"], status=RoundStatus.PREPARING)
    for unit in ("north", "south", "west"):
        services_awards.juror_add(
            user=city["office"], round_=round_, juror=make_user(unit=city[unit])
        )
    with django_assert_num_queries(1):
        page = selectors_awards.jury_page(round_=round_)
        names = [(seat.user.unit.name, seat.category) for seat in page["seats"]]
    assert len(names) == 3
