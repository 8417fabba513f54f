"""The stage process: who may move an idea, along which transitions, with which reasons."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from innovera.core.exceptions import ApplicationError
from innovera.ideas import services
from innovera.ideas.models import (
    Criterion,
    Follow,
    Idea,
    Notification,
    Stage,
    StageMove,
    Support,
)
from innovera.ideas.tests.factories import (
    make_challenge,
    make_coordinator,
    make_idea,
    make_office,
)
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def stage(key: str) -> Stage:
    return Stage.objects.get(key=key)


def test_a_new_idea_starts_submitted_with_its_trail_and_its_submitter_following() -> None:
    submitter = make_user()

    idea = make_idea(submitter=submitter)

    assert idea.stage.key == "submitted"
    assert list(idea.moves.values_list("to_stage__key", flat=True)) == ["submitted"]
    assert Follow.objects.filter(idea=idea, user=submitter).exists()


def test_submitting_the_same_form_twice_creates_one_idea() -> None:
    user = make_user()
    key = uuid.uuid4()
    fields = {
        "title": "T",
        "description": "D",
        "value": "V",
        "for_whom": "F",
        "situation": "",
        "submitter_role": "resident",
    }

    first, created_first = services.idea_submit(user=user, submission_key=key, fields=fields)
    second, created_second = services.idea_submit(user=user, submission_key=key, fields=fields)

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Idea.objects.count() == 1


def test_a_resident_without_a_confirmed_address_cannot_submit() -> None:
    with pytest.raises(ApplicationError, match="Bekräfta"):
        make_idea(submitter=make_user(verified=False))


def test_the_owner_units_coordinator_moves_along_allowed_transitions() -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    coordinator = make_coordinator(unit)

    services.idea_move(user=coordinator, idea_id=idea.pk, to_stage=stage("in_review"))

    idea.refresh_from_db()
    assert idea.stage.key == "in_review"
    move = StageMove.objects.filter(idea=idea).last()
    assert move is not None and move.actor == coordinator and move.from_stage.key == "submitted"  # type: ignore[union-attr]


@pytest.mark.parametrize("who", ["resident", "other_coordinator", "employee"])
def test_others_may_not_move_an_idea_and_it_stays_as_it_was(who: str) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    actor = {
        "resident": make_user(),
        "other_coordinator": make_coordinator(make_unit()),
        "employee": make_user(unit=unit),
    }[who]

    with pytest.raises(ApplicationError, match=r"idéansvariga|innovationskontoret"):
        services.idea_move(user=actor, idea_id=idea.pk, to_stage=stage("in_review"))

    idea.refresh_from_db()
    assert idea.stage.key == "submitted"
    assert idea.moves.count() == 1


def test_a_move_outside_the_transitions_is_refused_with_the_reason() -> None:
    idea = make_idea(unit=make_unit())

    with pytest.raises(ApplicationError, match=r"Inskickad.*Införd"):
        services.idea_move(user=make_office(), idea_id=idea.pk, to_stage=stage("implemented"))

    idea.refresh_from_db()
    assert idea.stage.key == "submitted"


def test_declining_needs_a_reason() -> None:
    idea = make_idea(unit=make_unit())
    office = make_office()

    with pytest.raises(ApplicationError, match="skäl"):
        services.idea_move(user=office, idea_id=idea.pk, to_stage=stage("declined"), reason="  ")
    services.idea_move(
        user=office, idea_id=idea.pk, to_stage=stage("declined"), reason="Finns redan."
    )

    idea.refresh_from_db()
    assert idea.stage.key == "declined"
    assert idea.moves.last().reason == "Finns redan."  # type: ignore[union-attr]


def test_merging_carries_supports_and_followers_over() -> None:
    office = make_office()
    target = make_idea(unit=make_unit(), title="Betala P-telefon")
    duplicate = make_idea(unit=make_unit(), title="Betala parkering i appen")
    both, only_duplicate = make_user(), make_user()
    services.support_add(user=both, idea=target)
    services.support_add(user=both, idea=duplicate)
    services.support_add(user=only_duplicate, idea=duplicate)

    services.idea_move(
        user=office,
        idea_id=duplicate.pk,
        to_stage=stage("merged"),
        reason="Samma idé.",
        merge_into=target,
    )

    target.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target
    assert set(Support.objects.filter(idea=target).values_list("user_id", flat=True)) == {
        both.pk,
        only_duplicate.pk,
    }
    assert target.support_count == 2
    assert Follow.objects.filter(idea=target, user=duplicate.submitter).exists()


def test_one_support_per_person() -> None:
    idea = make_idea()
    fan = make_user()

    assert services.support_add(user=fan, idea=idea) is True
    assert services.support_add(user=fan, idea=idea) is False

    idea.refresh_from_db()
    assert idea.support_count == 1


def test_the_score_is_the_weighted_mean_of_the_criteria() -> None:
    idea = make_idea(unit=make_unit())
    criteria = list(Criterion.objects.order_by("order"))
    Criterion.objects.filter(pk=criteria[0].pk).update(weight=3)
    criteria[0].refresh_from_db()

    score = services.idea_score(
        user=make_office(), idea=idea, values={criteria[0]: 5, criteria[1]: 1}
    )

    # (5 × 3 + 1 × 1) / (3 + 1) = 4.00
    assert str(score) == "4.00"


def test_the_decision_to_prioritise_records_the_score_it_rests_on() -> None:
    office = make_office()
    idea = make_idea(unit=make_unit())
    services.idea_move(user=office, idea_id=idea.pk, to_stage=stage("in_review"))
    services.idea_score(user=office, idea=idea, values=dict.fromkeys(Criterion.objects.all(), 4))

    services.idea_move(
        user=office, idea_id=idea.pk, to_stage=stage("prioritised"), reason="Högst poäng."
    )

    assert str(StageMove.objects.filter(idea=idea).last().score) == "4.00"  # type: ignore[union-attr]


def test_a_score_outside_1_to_5_is_refused() -> None:
    idea = make_idea(unit=make_unit())
    criterion = Criterion.objects.first()
    assert criterion is not None

    with pytest.raises(ApplicationError, match="1–5"):
        services.idea_score(user=make_office(), idea=idea, values={criterion: 7})


def test_a_no_go_pilot_with_its_lessons_is_kept() -> None:
    office = make_office()
    idea = make_idea(unit=make_unit())
    pilot = services.pilot_record(
        user=office,
        idea=idea,
        fields={"phase": "small", "plan": "P", "test_site": "Bromma", "test_persons": 12},
    )

    services.pilot_decide(
        user=office,
        pilot=pilot,
        decision="no_go",
        reason="Fungerade inte i kyla.",
        results="Låsen frös.",
    )
    services.lesson_add(user=office, idea=idea, text="Testa vintertid.", did_not_work=True)

    pilot.refresh_from_db()
    assert pilot.decision == "no_go" and pilot.decided_by == office
    assert idea.lessons.get().did_not_work is True


def test_followers_are_told_of_a_move_but_only_if_they_may_still_see_the_idea() -> None:
    unit = make_unit()
    idea = make_idea(unit=unit, visibility="unit")
    colleague = make_user(unit=unit)
    outsider = make_user()
    Follow.objects.create(idea=idea, user=colleague)
    Follow.objects.create(idea=idea, user=outsider)

    services.idea_move(user=make_office(), idea_id=idea.pk, to_stage=stage("in_review"))

    notified = set(Notification.objects.filter(idea=idea).values_list("user_id", flat=True))
    assert colleague.pk in notified
    assert outsider.pk not in notified


def test_a_move_whose_transition_leaves_out_the_coordinators_is_refused_to_them() -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    from innovera.ideas.models import Transition

    Transition.objects.filter(from_stage__key="submitted", to_stage__key="in_review").update(
        roles="innovation_office"
    )

    with pytest.raises(ApplicationError, match="Din roll"):
        services.idea_move(
            user=make_coordinator(unit), idea_id=idea.pk, to_stage=stage("in_review")
        )
    services.idea_move(user=make_office(), idea_id=idea.pk, to_stage=stage("in_review"))

    idea.refresh_from_db()
    assert idea.stage.key == "in_review"


def test_the_ranking_lists_scored_ideas_per_challenge_best_first(client: Client) -> None:
    from django.urls import reverse

    unit = make_unit()
    coordinator = make_coordinator(unit)
    challenge = make_challenge(unit, by=coordinator, title="Hemtjänst")
    low = make_idea(unit=unit, title="Låg idé", challenge=challenge)
    high = make_idea(unit=unit, title="Hög idé", challenge=challenge)
    other = make_idea(unit=unit, title="Utanför")
    criterion = Criterion.objects.first()
    assert criterion is not None
    for idea, value in ((low, 2), (high, 5), (other, 4)):
        services.idea_score(user=coordinator, idea=idea, values={criterion: value})
    client.force_login(coordinator)

    page = client.get(reverse("ideas:ranking"), {"utmaning": challenge.slug}).content.decode()

    assert page.index("Hög idé") < page.index("Låg idé")
    assert "Utanför" not in page
