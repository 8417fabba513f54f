"""Awards and competitions: nominations, the jury's conflicts and scores, the chair's decision."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import can
from innovera.spreading import selectors_awards, services_awards
from innovera.spreading.models import (
    Assessment,
    AwardRound,
    ConflictOfInterest,
    CriterionScore,
    Nomination,
    NominationStatus,
    RoundStatus,
)
from innovera.spreading.tests.awards_factories import (
    enter_external,
    external_round,
    make_round,
    nominate,
    scores_for,
    seated_round,
)
from innovera.spreading.tests.factories import make_example, make_user

pytestmark = pytest.mark.django_db


# --- nominations -------------------------------------------------------------------------------


def test_an_employee_nominates_a_unit_with_a_motivation(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"])
    person = make_user(unit=city["north"])

    entry = services_awards.nomination_create(
        user=person,
        round_=round_,
        category=round_.categories.first(),
        subject_kind="unit",
        unit=city["south"],
        motivation="De har förnyat skolan.",
    )

    assert entry.status == NominationStatus.ENTERED
    assert (entry.title, entry.unit, entry.nominating_unit) == (
        "Södermalm",
        city["south"],
        city["north"],
    )


def test_a_good_example_is_nominated_for_its_unit(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"])
    example = make_example(unit=city["south"])
    entry = services_awards.nomination_create(
        user=make_user(unit=city["south"]),
        round_=round_,
        category=round_.categories.first(),
        subject_kind="example",
        example=example,
        motivation="Tavlan har spridits till tio enheter.",
    )
    assert (entry.title, entry.unit) == (example.title, city["south"])


@pytest.mark.parametrize(
    ("round_fields", "subject", "field", "says"),
    [
        ({"opens_in": -20, "closes_in": -1}, "north", "round", "Nomineringsperioden stängde"),
        ({"eligible_unit_types": ["district"]}, "port", "subject", "Hamnbolaget"),
    ],
    ids=["after_the_period", "a_company_in_a_round_for_districts"],
)
def test_a_refused_nomination_says_why_in_swedish_at_its_field_and_stores_nothing(
    city: dict[str, Any], round_fields: dict[str, Any], subject: str, field: str, says: str
) -> None:
    round_ = make_round(office=city["office"], **round_fields)
    with pytest.raises(ApplicationError) as refused:
        services_awards.nomination_create(
            user=make_user(unit=city["north"]),
            round_=round_,
            category=round_.categories.first(),
            subject_kind="unit",
            unit=city[subject],
            motivation="Det här har förnyat arbetet.",
        )
    assert refused.value.field == field
    assert says in str(refused.value.message)
    assert not Nomination.objects.exists()


def test_a_resident_may_not_nominate_to_a_round_for_the_citys_units(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"])
    assert not can(make_user(), "award.nominate", round_)
    assert can(make_user(unit=city["north"]), "award.nominate", round_)


def test_the_nominator_withdraws_until_the_period_closes(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"])
    person = make_user(unit=city["north"])
    entry = nominate(user=person, round_=round_, unit=city["north"], title="Läxhjälpen")

    assert not can(make_user(unit=city["north"]), "nomination.withdraw", entry)
    services_awards.nomination_withdraw(user=person, nomination=entry)
    entry.refresh_from_db()
    assert entry.status == NominationStatus.WITHDRAWN

    late = nominate(user=person, round_=round_, unit=city["north"], title="Tavlorna")
    AwardRound.objects.filter(pk=round_.pk).update(
        nomination_closes=timezone.localdate() - datetime.timedelta(days=1),
        nomination_opens=timezone.localdate() - datetime.timedelta(days=5),
    )
    with pytest.raises(ApplicationError, match="kan inte längre dras tillbaka"):
        services_awards.nomination_withdraw(user=person, nomination=late)
    late.refresh_from_db()
    assert late.status == NominationStatus.ENTERED


def test_an_external_entry_counts_only_once_its_address_is_confirmed(
    city: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    round_ = external_round(office=city["office"], name="LYS")
    with django_capture_on_commit_callbacks(execute=True):
        entry = enter_external(
            round_,
            name="Eva Entreprenör",
            organisation="Lysande AB",
            title="Smarta gatlampor",
            motivation="Lampor som tänds när någon går förbi.",
        )
    assert entry.status == NominationStatus.UNCONFIRMED
    assert not selectors_awards.nominations_shown(user=city["office"], round_=round_)
    (message,) = mail.outbox
    token = re.search(r"/bekrafta/([\w-]+)/", str(message.body))
    assert token is not None and message.to == ["eva@example.org"]
    assert token.group(1) not in entry.confirm_digest  # only a digest is kept

    services_awards.nomination_confirm(token=token.group(1))
    assert [
        e.title for e in selectors_awards.nominations_shown(user=city["office"], round_=round_)
    ] == ["Smarta gatlampor"]


def test_an_external_entry_without_a_valid_address_is_refused_at_the_field(
    city: dict[str, Any],
) -> None:
    round_ = external_round(office=city["office"])
    with pytest.raises(ApplicationError) as refused:
        enter_external(round_, email="eva-at-example", motivation="Bra.")
    assert refused.value.field == "email"
    assert not Nomination.objects.exists()


def test_a_round_for_the_citys_units_has_no_public_entry_form(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"])
    assert not can(AnonymousUser(), "award.enter", round_)


# --- the jury ----------------------------------------------------------------------------------


def test_two_jurors_score_and_the_conflicted_one_neither_scores_nor_sees_the_entry(
    city: dict[str, Any],
) -> None:
    setup = seated_round(city)
    round_, chair, juror = setup["round"], setup["chair"], setup["juror"]
    north, south, west = setup["entries"]

    # Jon is from Södermalm: conflicted on Södermalm's entry without declaring anything.
    sheet = selectors_awards.jury_sheet(user=juror, round_=round_)
    conflicted = {item.nomination.title: item.conflicted for item in sheet["entries"]}
    assert conflicted == {
        "Norrmalms läxhjälp": False,
        "Södermalms tavlor": True,
        "Västerorts lån": False,
    }
    assert sheet["waiting"] == 2
    # He declares a conflict on Västerort's entry too (his sister works there).
    services_awards.conflict_declare(user=juror, nomination=west, reason="Min syster arbetar där.")

    services_awards.assessment_submit(user=chair, nomination=north, scores=scores_for(round_, 5, 4))
    services_awards.assessment_submit(user=chair, nomination=south, scores=scores_for(round_, 3, 3))
    services_awards.assessment_submit(user=chair, nomination=west, scores=scores_for(round_, 4, 4))

    for entry in (south, west):
        with pytest.raises(ApplicationError) as refused:
            services_awards.assessment_submit(
                user=juror, nomination=entry, scores=scores_for(round_, 5, 5)
            )
        assert "jäv" in str(refused.value.message)
        assert not can(juror, "nomination.see_scores", entry)
    assert not Assessment.objects.filter(juror=juror).exists()

    # Independent: before his own, Jon sees none of the chair's scores on Norrmalm's entry.
    before = {
        i.nomination.pk: i
        for i in selectors_awards.jury_sheet(user=juror, round_=round_)["entries"]
    }
    assert before[north.pk].others == [] and before[north.pk].mine is None
    services_awards.assessment_submit(user=juror, nomination=north, scores=scores_for(round_, 2, 1))
    after = {
        i.nomination.pk: i
        for i in selectors_awards.jury_sheet(user=juror, round_=round_)["entries"]
    }
    assert [o.juror for o in after[north.pk].others] == ["Ceci Ordförande"]
    # The conflicted entries show no scores to him at all.
    assert after[south.pk].others == [] and after[west.pk].others == []

    overview = selectors_awards.chair_overview(user=chair, round_=round_)
    rows = {row.nomination.title: row for group in overview["categories"] for row in group["rows"]}
    # Chair: (5·2 + 4) / 3 = 4,67; Jon: (2·2 + 1) / 3 = 1,67 → mean 3,17, spread 3: disagreement.
    assert rows["Norrmalms läxhjälp"].result.mean == pytest.approx(19 / 6)
    assert rows["Norrmalms läxhjälp"].result.spread == pytest.approx(3)
    assert rows["Norrmalms läxhjälp"].result.disagreement
    assert (
        rows["Västerorts lån"].rank,
        rows["Norrmalms läxhjälp"].rank,
        rows["Södermalms tavlor"].rank,
    ) == (1, 2, 3)
    assert rows["Södermalms tavlor"].conflicts == 1 and rows["Västerorts lån"].conflicts == 1


def test_a_score_outside_the_scale_is_refused_naming_the_criterion(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_, chair = setup["round"], setup["chair"]
    first, second = list(round_.criteria.all())
    with pytest.raises(ApplicationError) as refused:
        services_awards.assessment_submit(
            user=chair, nomination=setup["entries"][0], scores={first.pk: 4, second.pk: "7"}
        )
    assert refused.value.field == f"criterion-{second.pk}"
    assert "Nytta för invånarna" in str(refused.value.message) and "1 till 5" in str(
        refused.value.message
    )
    assert not Assessment.objects.exists() and not CriterionScore.objects.exists()


def test_a_juror_cannot_change_scores_after_submitting(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_, chair, entry = setup["round"], setup["chair"], setup["entries"][0]
    services_awards.assessment_submit(user=chair, nomination=entry, scores=scores_for(round_, 3, 3))
    with pytest.raises(ApplicationError, match="redan"):
        services_awards.assessment_submit(
            user=chair, nomination=entry, scores=scores_for(round_, 5, 5)
        )
    assert list(CriterionScore.objects.values_list("value", flat=True)) == [3, 3]


def test_declaring_a_conflict_after_scoring_removes_the_score(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_, chair, entry = setup["round"], setup["chair"], setup["entries"][0]
    services_awards.assessment_submit(user=chair, nomination=entry, scores=scores_for(round_, 3, 3))
    services_awards.conflict_declare(
        user=chair, nomination=entry, reason="Jag är gift med rektorn."
    )
    assert not Assessment.objects.exists()
    assert ConflictOfInterest.objects.get().reason == "Jag är gift med rektorn."


def test_someone_off_the_jury_cannot_score(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    outsider = make_user(unit=city["north"])
    with pytest.raises(ApplicationError):
        services_awards.assessment_submit(
            user=outsider, nomination=setup["entries"][0], scores=scores_for(setup["round"], 3, 3)
        )
    assert not Assessment.objects.exists()


def test_a_juror_of_one_category_does_not_see_another_categorys_entries(
    city: dict[str, Any],
) -> None:
    round_ = make_round(office=city["office"])
    digital = list(round_.categories.all())[1]
    nominator = make_user(unit=city["north"])
    nominate(user=nominator, round_=round_, unit=city["north"], title="Tavlor", category=0)
    app = nominate(user=nominator, round_=round_, unit=city["west"], title="Appen", category=1)
    juror = make_user(unit=city["root"])
    services_awards.juror_add(user=city["office"], round_=round_, juror=juror, category=digital)
    services_awards.round_advance(user=city["office"], round_=round_)
    round_.refresh_from_db()

    sheet = selectors_awards.jury_sheet(user=juror, round_=round_)
    assert [item.nomination.title for item in sheet["entries"]] == ["Appen"]
    assert can(juror, "nomination.score", Nomination.objects.get(pk=app.pk))


# --- the decision and the results -------------------------------------------------------------


def test_the_chair_publishes_winners_with_their_motivations(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_, chair, juror = setup["round"], setup["chair"], setup["juror"]
    north = setup["entries"][0]
    anonymous = AnonymousUser()
    assert not can(anonymous, "award.results", round_)
    assert not can(juror, "award.chair", round_)
    with pytest.raises(ApplicationError):
        services_awards.round_decide(user=juror, round_=round_, winners={north.pk: "Bra."})

    with pytest.raises(ApplicationError) as refused:
        services_awards.round_decide(user=chair, round_=round_, winners={north.pk: "  "})
    assert refused.value.field == f"motivation-{north.pk}"
    services_awards.round_decide(
        user=chair, round_=round_, winners={north.pk: "läxhjälpen når alla elever i stadsdelen"}
    )
    services_awards.round_publish(user=chair, round_=round_)
    round_.refresh_from_db()

    assert round_.status == RoundStatus.PUBLISHED and can(anonymous, "award.results", round_)
    shown = selectors_awards.results(user=anonymous, round_=round_)
    winners = [w for group in shown["categories"] for w in group["winners"]]
    assert [w.sentence for w in winners] == [
        "Norrmalms läxhjälp (Norrmalm) vann förnyelsepriset 2026 med motiveringen: "
        "”läxhjälpen når alla elever i stadsdelen”"
    ]


def test_results_are_not_published_before_the_chair_decides(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    with pytest.raises(ApplicationError):
        services_awards.round_publish(user=setup["chair"], round_=setup["round"])
    setup["round"].refresh_from_db()
    assert setup["round"].status == RoundStatus.SCORING


def test_a_winning_good_example_links_to_its_page(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_ = setup["round"]
    example = make_example(unit=city["north"])
    entry = Nomination.objects.create(
        round=round_,
        category=round_.categories.first(),
        subject_kind="example",
        example=example,
        unit=city["north"],
        title=example.title,
        motivation="m",
    )
    services_awards.round_decide(user=setup["chair"], round_=round_, winners={entry.pk: "Sprids."})
    winners = [
        w
        for group in selectors_awards.results(user=setup["chair"], round_=round_)["categories"]
        for w in group["winners"]
    ]
    assert [w.example_url for w in winners] == [example.get_absolute_url()]


# --- my work -----------------------------------------------------------------------------------


def test_my_work_shows_a_juror_the_entries_waiting_and_the_office_the_round(
    city: dict[str, Any],
) -> None:
    setup = seated_round(city)
    round_, juror = setup["round"], setup["juror"]
    (item,) = selectors_awards.work_items(user=juror)
    assert item.count == 2  # three entries, one of his own unit
    services_awards.assessment_submit(
        user=juror, nomination=setup["entries"][0], scores=scores_for(round_, 3, 3)
    )
    (item,) = selectors_awards.work_items(user=juror)
    assert item.count == 1
    office_items = selectors_awards.work_items(user=city["office"])
    assert [i.url for i in office_items] == [round_.get_absolute_url()]


def test_the_jury_sheet_reads_in_a_fixed_number_of_queries(
    city: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    setup = seated_round(city)
    round_, chair = setup["round"], setup["chair"]
    for entry in setup["entries"]:
        services_awards.assessment_submit(
            user=chair, nomination=entry, scores=scores_for(round_, 3, 4)
        )
    chair.refresh_from_db()
    with django_assert_max_num_queries(8):
        sheet = selectors_awards.jury_sheet(user=chair, round_=round_)
        assert len(sheet["entries"]) == 3
    with django_assert_max_num_queries(8):
        selectors_awards.chair_overview(user=chair, round_=round_)
