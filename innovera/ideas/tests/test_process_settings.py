"""The innovation office's process settings: stages, moves, criteria and topic routing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovera.core.exceptions import ApplicationError
from innovera.ideas import process_services, services
from innovera.ideas.models import Criterion, Idea, RoutingRule, Stage, Topic, Transition
from innovera.ideas.tests.factories import make_coordinator, make_idea, make_office, submit_idea
from innovera.organisations.models import User
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def stage(key: str) -> Stage:
    return Stage.objects.get(key=key)


def in_english(client: Client) -> Client:
    # Messages are asserted on their English source: the pages are Swedish by default.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def stage_data(current: Stage, **changes: Any) -> dict[str, Any]:
    data = {
        "name_sv": current.name_sv,
        "name_en": current.name_en,
        "order": current.order,
        "is_initial": "on" if current.is_initial else "",
        "requires_reason": "on" if current.requires_reason else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def transition_table() -> dict[str, list[str]]:
    """The transitions form as it is posted when nothing is changed."""
    return {
        f"move_{t.from_stage_id}_{t.to_stage_id}": t.role_list for t in Transition.objects.all()
    }


def submit(user: User, topics: list[Topic]) -> Idea:
    return submit_idea(
        user,
        topics=topics,
        title="Fler bänkar i parken",
        description="Bänkar var hundrade meter.",
        value="Fler kan gå ut",
        for_whom="Äldre",
    )


def test_the_office_renames_a_stage_and_adds_a_move_a_coordinator_then_makes(
    client: Client,
) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    coordinator = make_coordinator(unit)
    client.force_login(make_office())
    with pytest.raises(ApplicationError):
        services.idea_move(user=coordinator, idea_id=idea.pk, to_stage=stage("prioritised"))

    renamed = client.post(
        reverse("ideas:process_stage_edit", args=[stage("prioritised").pk]),
        stage_data(stage("prioritised"), name_sv="Vald", name_en="Chosen"),
    )
    table = transition_table()
    table[f"move_{stage('submitted').pk}_{stage('prioritised').pk}"] = ["coordinator"]
    moves = client.post(reverse("ideas:process_transitions"), table)

    assert renamed.status_code == moves.status_code == 302
    assert (stage("prioritised").name_sv, stage("prioritised").name_en) == ("Vald", "Chosen")
    added = Transition.objects.get(from_stage=stage("submitted"), to_stage=stage("prioritised"))
    assert added.role_list == ["coordinator"]
    assert Transition.objects.count() == len(table)  # nothing else changed
    services.idea_move(user=coordinator, idea_id=idea.pk, to_stage=stage("prioritised"))
    idea.refresh_from_db()
    assert idea.stage.name_sv == "Vald"
    overview = client.get(reverse("ideas:process_overview")).content.decode()
    assert "Vald" in overview
    assert "Chosen" in overview


def test_a_move_without_any_role_ticked_is_no_longer_allowed(client: Client) -> None:
    client.force_login(make_office())
    table = transition_table()
    del table[f"move_{stage('submitted').pk}_{stage('in_review').pk}"]

    client.post(reverse("ideas:process_transitions"), table)

    assert not Transition.objects.filter(
        from_stage=stage("submitted"), to_stage=stage("in_review")
    ).exists()
    with pytest.raises(ApplicationError):
        services.idea_move(user=make_office(), idea_id=make_idea().pk, to_stage=stage("in_review"))


def process_urls() -> list[str]:
    """Every URL of the process settings, with real objects behind the ones that need them."""
    topic = Topic.objects.create(name="Parker", slug="parker")
    rule = RoutingRule.objects.create(topic=topic, unit=make_unit())
    some_stage, criterion = stage("parked"), Criterion.objects.first()
    assert criterion is not None
    return [
        reverse("ideas:process_overview"),
        reverse("ideas:process_stage_create"),
        reverse("ideas:process_stage_edit", args=[some_stage.pk]),
        reverse("ideas:process_stage_delete", args=[some_stage.pk]),
        reverse("ideas:process_transitions"),
        reverse("ideas:process_criterion_create"),
        reverse("ideas:process_criterion_edit", args=[criterion.pk]),
        reverse("ideas:process_routing"),
        reverse("ideas:process_routing_remove", args=[rule.pk]),
    ]


def test_the_access_test_covers_every_process_url() -> None:
    from innovera.core.permissions import url_actions

    office_names = {name for name, action in url_actions().items() if action == "process.configure"}
    assert len(process_urls()) == len(office_names) == 9


@pytest.mark.parametrize("who", ["anonymous", "resident", "employee", "coordinator"])
def test_only_the_office_may_see_or_post_any_process_page(client: Client, who: str) -> None:
    unit = make_unit()
    if who == "resident":
        client.force_login(make_user())
    elif who == "employee":
        client.force_login(make_user(unit=unit))
    elif who == "coordinator":
        client.force_login(make_coordinator(unit))
    before = (
        list(Stage.objects.values()),
        list(Transition.objects.values()),
        list(Criterion.objects.values()),
    )
    urls = process_urls()
    rules = list(RoutingRule.objects.values())

    for url in urls:
        post = {"name_sv": "X", "name_en": "X", "order": 1, "key": "x", "weight": "5"}
        for response in (client.get(url), client.post(url, post)):
            if who == "anonymous":
                assert response.status_code == 302, url
                assert response["Location"].startswith(reverse("organisations:login")), url
            else:
                assert response.status_code in {403, 405}, url
                assert response.status_code == 403 or url.endswith("/ta-bort/"), url

    after = (
        list(Stage.objects.values()),
        list(Transition.objects.values()),
        list(Criterion.objects.values()),
    )
    assert after == before
    assert list(RoutingRule.objects.values()) == rules


def test_the_services_refuse_anyone_but_the_office() -> None:
    coordinator = make_coordinator(make_unit())

    with pytest.raises(process_services.ProcessRuleError):
        process_services.transition_set(
            user=coordinator,
            from_stage=stage("submitted"),
            to_stage=stage("spread"),
            roles=["coordinator"],
        )
    with pytest.raises(process_services.ProcessRuleError):
        process_services.topic_create(user=coordinator, name="Parker")

    assert not Transition.objects.filter(to_stage=stage("spread"), from_stage__key="submitted")
    assert not Topic.objects.exists()


def test_the_only_first_stage_cannot_lose_its_mark_and_nothing_changes(client: Client) -> None:
    in_english(client).force_login(make_office())
    first = stage("submitted")

    response = client.post(
        reverse("ideas:process_stage_edit", args=[first.pk]),
        stage_data(first, name_sv="Nytt namn", is_initial=""),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "New ideas must start in one stage" in page
    assert "error-summary" in page
    first.refresh_from_db()
    assert first.is_initial
    assert first.name_sv == "Inskickad"
    assert list(Stage.objects.filter(is_initial=True)) == [first]


def test_marking_another_stage_first_moves_the_mark_there(client: Client) -> None:
    client.force_login(make_office())
    review = stage("in_review")

    response = client.post(
        reverse("ideas:process_stage_edit", args=[review.pk]), stage_data(review, is_initial="on")
    )

    assert response.status_code == 302
    assert list(Stage.objects.filter(is_initial=True)) == [stage("in_review")]
    assert make_idea().stage.key == "in_review"


def test_a_new_stage_needs_a_key_no_other_stage_has(client: Client) -> None:
    in_english(client).force_login(make_office())
    url = reverse("ideas:process_stage_create")
    data = {"name_sv": "Utreds", "name_en": "Being studied", "order": 15}

    taken = client.post(url, {**data, "key": "parked"})
    added = client.post(url, {**data, "key": "studied"})

    assert taken.status_code == 200
    assert "Another stage has the key" in taken.content.decode()
    assert added.status_code == 302
    new = stage("studied")
    assert (new.name_sv, new.order, new.is_initial) == ("Utreds", 15, False)
    assert Stage.objects.filter(key="parked").count() == 1


def test_a_new_first_stage_takes_the_mark_over(client: Client) -> None:
    client.force_login(make_office())

    client.post(
        reverse("ideas:process_stage_create"),
        {"key": "draft", "name_sv": "Utkast", "name_en": "Draft", "order": 0, "is_initial": "on"},
    )

    assert list(Stage.objects.filter(is_initial=True).values_list("key", flat=True)) == ["draft"]


def test_a_stage_an_idea_is_in_cannot_be_deleted(client: Client) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    services.idea_move(user=make_coordinator(unit), idea_id=idea.pk, to_stage=stage("in_review"))
    in_english(client).force_login(make_office())
    url = reverse("ideas:process_stage_delete", args=[stage("in_review").pk])

    explained = client.get(url)
    refused = client.post(url)

    assert explained.status_code == refused.status_code == 200
    assert "1 idea is in this stage" in refused.content.decode()
    assert Stage.objects.filter(key="in_review").exists()
    assert Transition.objects.filter(from_stage__key="in_review").exists()


def test_a_stage_ideas_have_passed_through_cannot_be_deleted(client: Client) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    coordinator = make_coordinator(unit)
    services.idea_move(user=coordinator, idea_id=idea.pk, to_stage=stage("in_review"))
    services.idea_move(user=coordinator, idea_id=idea.pk, to_stage=stage("prioritised"))
    in_english(client).force_login(make_office())

    refused = client.post(reverse("ideas:process_stage_delete", args=[stage("in_review").pk]))

    assert "1 idea has passed through this stage" in refused.content.decode()
    assert Stage.objects.filter(key="in_review").exists()


def test_the_first_stage_cannot_be_deleted_even_without_ideas(client: Client) -> None:
    client.force_login(make_office())

    client.post(reverse("ideas:process_stage_delete", args=[stage("submitted").pk]))

    assert stage("submitted").is_initial


def test_an_unused_stage_is_deleted_with_its_moves(client: Client) -> None:
    office = make_office()
    extra = process_services.stage_save(
        user=office,
        stage=None,
        key="extra",
        name_sv="Extra",
        name_en="Extra",
        order=99,
        is_initial=False,
        requires_reason=False,
    )
    process_services.transition_set(
        user=office, from_stage=stage("parked"), to_stage=extra, roles=["innovation_office"]
    )
    client.force_login(office)

    response = client.post(reverse("ideas:process_stage_delete", args=[extra.pk]))

    assert response.status_code == 302
    assert not Stage.objects.filter(key="extra").exists()
    assert not Transition.objects.filter(to_stage__key="extra").exists()


def test_a_new_weight_changes_the_weighted_score_and_the_stored_one(client: Client) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    value, cost = Criterion.objects.get(key="resident_value"), Criterion.objects.get(key="cost")
    services.idea_score(user=make_coordinator(unit), idea=idea, values={value: 5, cost: 1})
    assert services.weighted_score(idea) == Decimal("3.00")
    client.force_login(make_office())

    response = client.post(
        reverse("ideas:process_criterion_edit", args=[value.pk]),
        {"name_sv": value.name_sv, "name_en": value.name_en, "weight": "3", "active": "on"},
    )

    assert response.status_code == 302
    value.refresh_from_db()
    assert value.weight == Decimal(3)
    assert services.weighted_score(idea) == Decimal("4.00")  # (5·3 + 1·1) / 4
    idea.refresh_from_db()
    assert idea.score == Decimal("4.00")  # the ranking follows at once


def test_a_weight_takes_a_decimal_comma_and_stays_within_0_to_10(client: Client) -> None:
    criterion = Criterion.objects.get(key="novelty")
    client.force_login(make_office())
    url = reverse("ideas:process_criterion_edit", args=[criterion.pk])
    data = {"name_sv": criterion.name_sv, "name_en": criterion.name_en, "active": "on"}

    too_heavy = client.post(url, {**data, "weight": "10,5"})
    criterion.refresh_from_db()
    assert too_heavy.status_code == 200
    assert criterion.weight == Decimal(1)

    client.post(url, {**data, "weight": "2,5"})
    criterion.refresh_from_db()
    assert criterion.weight == Decimal("2.5")


def test_a_criterion_out_of_use_no_longer_counts(client: Client) -> None:
    unit = make_unit()
    idea = make_idea(unit=unit)
    value, cost = Criterion.objects.get(key="resident_value"), Criterion.objects.get(key="cost")
    services.idea_score(user=make_coordinator(unit), idea=idea, values={value: 5, cost: 1})
    client.force_login(make_office())

    client.post(
        reverse("ideas:process_criterion_edit", args=[cost.pk]),
        {"name_sv": cost.name_sv, "name_en": cost.name_en, "weight": "1"},
    )

    idea.refresh_from_db()
    assert services.weighted_score(idea) == idea.score == Decimal("5.00")


def test_the_office_adds_a_criterion(client: Client) -> None:
    client.force_login(make_office())

    response = client.post(
        reverse("ideas:process_criterion_create"),
        {"name_sv": "Hållbarhet", "name_en": "Sustainability", "weight": "1,5", "active": "on"},
    )

    assert response.status_code == 302
    added = Criterion.objects.get(name_en="Sustainability")
    assert (added.key, added.weight, added.active) == ("sustainability", Decimal("1.5"), True)
    assert added.order > max(c.order for c in Criterion.objects.exclude(pk=added.pk))


def test_a_routing_rule_with_a_new_topic_sends_new_ideas_to_the_unit(client: Client) -> None:
    parks = make_unit(name="Park- och naturförvaltningen")
    client.force_login(make_office())

    response = client.post(
        reverse("ideas:process_routing"), {"new_topic": " Parker  och grönytor ", "unit": parks.pk}
    )

    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.name, topic.slug) == ("Parker och grönytor", "parker-och-gronytor")
    assert RoutingRule.objects.get().unit == parks
    assert submit(make_user(), [topic]).owner_unit == parks


def test_a_new_rule_for_a_topic_replaces_the_old_one_and_removing_it_stops_routing(
    client: Client,
) -> None:
    topic = Topic.objects.create(name="Skola", slug="skola")
    old, new = make_unit(), make_unit()
    client.force_login(make_office())

    client.post(reverse("ideas:process_routing"), {"topic": topic.pk, "unit": old.pk})
    client.post(reverse("ideas:process_routing"), {"topic": topic.pk, "unit": new.pk})
    assert submit(make_user(), [topic]).owner_unit == new

    rule = RoutingRule.objects.get()
    client.post(reverse("ideas:process_routing_remove", args=[rule.pk]))
    assert not RoutingRule.objects.exists()
    assert submit(make_user(), [topic]).owner_unit is None


def test_a_rule_needs_one_topic_and_an_existing_name_is_not_created_twice(client: Client) -> None:
    Topic.objects.create(name="Skola", slug="skola")
    unit = make_unit()
    in_english(client).force_login(make_office())
    url = reverse("ideas:process_routing")

    neither = client.post(url, {"unit": unit.pk})
    twice = client.post(url, {"new_topic": "skola", "unit": unit.pk})

    assert neither.status_code == twice.status_code == 200
    assert "Choose a topic, or write the name of a new one." in neither.content.decode()
    assert "exists already" in twice.content.decode()
    assert Topic.objects.count() == 1
    assert not RoutingRule.objects.exists()


def test_every_process_page_renders_for_the_office(client: Client) -> None:
    client.force_login(make_office())
    urls = [url for url in process_urls() if not url.endswith("/ta-bort/")]
    urls.append(reverse("ideas:process_stage_delete", args=[stage("submitted").pk]))

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<h1" in response.content, url


def test_the_idea_list_links_the_process_settings_for_the_office_only(client: Client) -> None:
    link = reverse("ideas:process_overview")
    assert link not in client.get(reverse("ideas:idea_list")).content.decode()
    client.force_login(make_coordinator(make_unit()))
    assert link not in client.get(reverse("ideas:idea_list")).content.decode()

    client.force_login(make_office())
    assert link in client.get(reverse("ideas:idea_list")).content.decode()


def test_the_office_says_what_a_criterions_scale_ends_mean_and_the_scorers_are_shown_it(
    client: Client,
) -> None:
    cost = Criterion.objects.get(key="cost")
    client.force_login(make_office())
    url = reverse("ideas:process_criterion_edit", args=[cost.pk])
    assert f'value="{cost.scale_low_sv}"' in client.get(url).content.decode()

    client.post(
        url,
        {
            "name_sv": cost.name_sv,
            "name_en": cost.name_en,
            "weight": "1",
            "active": "on",
            "scale_low_sv": " mycket dyr ",
            "scale_high_sv": "nästan gratis",
            "scale_low_en": "very costly",
            "scale_high_en": "almost free",
        },
    )

    cost.refresh_from_db()
    assert (cost.scale_low_sv, cost.scale_high_sv) == ("mycket dyr", "nästan gratis")
    assert (cost.scale_low_en, cost.scale_high_en) == ("very costly", "almost free")
    unit = make_unit()
    idea = make_idea(unit=unit)
    services.idea_move(
        user=make_office(), idea_id=idea.pk, to_stage=Stage.objects.get(key="in_review")
    )
    client.force_login(make_coordinator(unit))
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "1 = mycket dyr, 5 = nästan gratis" in page


def test_the_overview_costs_the_same_queries_for_few_and_many_stages_and_rules(
    client: Client,
) -> None:
    client.force_login(make_office())
    overview = reverse("ideas:process_overview")
    client.get(overview)  # the session and the menu's first reads
    with CaptureQueriesContext(connection) as few:
        assert client.get(overview).status_code == 200
    unit = make_unit()
    for number in range(8):
        Stage.objects.create(
            key=f"extra_{number}",
            name_sv=f"Extra {number}",
            name_en=f"Extra {number}",
            order=100 + number,
        )
        topic = Topic.objects.create(name=f"Ämne {number}", slug=f"amne-{number}")
        RoutingRule.objects.create(topic=topic, unit=unit)
    make_idea(stage=stage("in_review"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(overview)

    assert "Extra 7" in response.content.decode()
    assert len(many) == len(few)
