"""Working with ideas: "Mitt arbete", no orphan ideas, and the idea page for those who handle it
(issue 9, §1–§4)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from innovera.core.selectors import my_work
from innovera.ideas import services
from innovera.ideas.models import (
    Criterion,
    Effect,
    Idea,
    Notification,
    Pilot,
    RouteChange,
    RoutingRule,
    Stage,
    Topic,
)
from innovera.ideas.tests.factories import make_coordinator, make_idea, make_office
from innovera.organisations.models import Unit, User
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def lines(user: object) -> dict[str, list[str]]:
    """Mitt arbete as {heading: [line labels]}, in English."""
    with translation.override("en"):
        return {str(g.label): [str(i.label) for i in g.items] for g in my_work(user=user)}


def page(client: Client, idea: Idea) -> str:
    return client.get(idea.get_absolute_url()).content.decode()


def stage(key: str) -> Stage:
    return Stage.objects.get(key=key)


def moved(idea: Idea, key: str, by: User) -> Idea:
    return services.idea_move(user=by, idea_id=idea.pk, to_stage=stage(key), reason="Skäl")


# --- Mitt arbete ------------------------------------------------------------------------------


def test_signing_in_lands_on_my_work_unless_a_next_was_asked_for(client: Client) -> None:
    user = make_user(password="ett-bra-lösenord-42")
    response = client.post(
        reverse("organisations:login"),
        {"username": user.email, "password": "ett-bra-lösenord-42"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:my_work")

    client.logout()
    response = client.post(
        reverse("organisations:login") + "?next=/ideer/ny/",
        {"username": user.email, "password": "ett-bra-lösenord-42"},
    )
    assert response["Location"] == "/ideer/ny/"


def test_the_city_sign_in_also_lands_on_my_work(settings: object) -> None:
    # mozilla-django-oidc sends the person to LOGIN_REDIRECT_URL after the provider's answer.
    assert reverse(settings.LOGIN_REDIRECT_URL) == "/mitt-arbete/"  # type: ignore[attr-defined]


def test_a_coordinator_sees_new_ideas_of_their_units_and_not_of_others(client: Client) -> None:
    bromma, farsta = make_unit(name="Bromma"), make_unit(name="Farsta")
    coordinator = make_coordinator(bromma)
    make_idea(unit=bromma, title="Nyckelfri hemtjänst")
    make_idea(unit=farsta, title="Farstas idé")

    work = lines(coordinator)

    assert work["New ideas for your units"] == ["Nyckelfri hemtjänst"]
    assert "Farstas idé" not in str(work)
    client.force_login(coordinator)
    html = client.get(reverse("core:my_work")).content.decode()
    assert "Nya idéer till dina enheter" in html
    assert Idea.objects.get(title="Nyckelfri hemtjänst").get_absolute_url() in html


def test_ideas_of_units_below_the_coordinated_one_count_as_theirs() -> None:
    administration = make_unit(name="Äldreförvaltningen")
    unit = make_unit(name="Hemtjänsten", parent=administration)
    coordinator = make_coordinator(administration)
    make_idea(unit=unit, title="Digitala lås")

    assert lines(coordinator)["New ideas for your units"] == ["Digitala lås"]


def test_an_idea_in_review_waits_for_my_score_until_i_have_scored() -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    idea = moved(make_idea(unit=unit, title="Bedöm mig"), "in_review", coordinator)
    assert lines(coordinator)["In review without your score"] == ["Bedöm mig"]

    services.idea_score(
        user=coordinator, idea=idea, values=dict.fromkeys(Criterion.objects.filter(active=True), 4)
    )

    assert "In review without your score" not in lines(coordinator)


def test_a_pilot_without_a_decision_waits_for_a_go_or_no_go() -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    idea = make_idea(unit=unit, title="Testa mig")
    pilot = Pilot.objects.create(idea=idea, phase="small", plan="Plan", test_site="Bromma")
    assert lines(coordinator)["Pilots waiting for a go/no-go decision"] == ["Testa mig"]

    services.pilot_decide(user=coordinator, pilot=pilot, decision="go", reason="Bra")

    assert "Pilots waiting for a go/no-go decision" not in lines(coordinator)


def test_an_idea_with_no_move_for_the_set_number_of_days_is_named(settings: object) -> None:
    settings.IDEAS_STALE_DAYS = 10  # type: ignore[attr-defined]
    unit = make_unit()
    coordinator = make_coordinator(unit)
    idea = moved(make_idea(unit=unit, title="Bortglömd"), "in_review", coordinator)
    fresh = moved(make_idea(unit=unit, title="Färsk"), "in_review", coordinator)
    Idea.objects.filter(pk=idea.pk).update(
        stage_changed_at=timezone.now() - datetime.timedelta(days=11)
    )
    Idea.objects.filter(pk=fresh.pk).update(
        stage_changed_at=timezone.now() - datetime.timedelta(days=9)
    )

    assert lines(coordinator)["No move for 10 days"] == ["Bortglömd"]


def test_residents_and_employees_see_their_ideas_with_their_stage_and_what_they_follow() -> None:
    unit = make_unit()
    resident = make_user()
    mine = make_idea(submitter=resident, unit=unit, title="Min idé")
    other = make_idea(unit=unit, title="Någon annans idé")
    services.follow_set(user=resident, idea=other, following=True)

    with translation.override("en"):
        groups = {str(g.label): g.items for g in my_work(user=resident)}

    assert [(str(i.label), str(i.detail)) for i in groups["Your ideas"]] == [
        ("Min idé", "Submitted")
    ]
    assert groups["Your ideas"][0].url == mine.get_absolute_url()
    assert [str(i.label) for i in groups["Ideas you follow"]] == ["Någon annans idé"]
    # Information, not work: it does not count in the menu.
    assert not any(i.waiting for i in groups["Your ideas"] + groups["Ideas you follow"])


def test_an_internal_idea_one_follows_but_may_no_longer_see_is_not_listed() -> None:
    unit = make_unit()
    resident = make_user()
    idea = make_idea(unit=unit, title="Blev intern")
    services.follow_set(user=resident, idea=idea, following=True)
    Idea.objects.filter(pk=idea.pk).update(visibility="unit")

    assert "Blev intern" not in str(lines(resident))


def test_my_work_costs_the_same_queries_whatever_the_number_of_ideas(client: Client) -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    client.force_login(coordinator)

    def queries_for_the_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("core:my_work")).status_code == 200
        return len(captured)

    make_idea(unit=unit, title="En")
    queries_for_the_page()  # the first request of a session also saves the session
    few = queries_for_the_page()
    for n in range(15):
        idea = make_idea(unit=unit, title=f"Idé {n}")
        Pilot.objects.create(idea=idea, phase="small", plan="Plan", test_site="Här")
        services.follow_set(user=coordinator, idea=idea, following=True)
    many = queries_for_the_page()

    assert many == few


def test_the_menu_shows_my_work_with_the_number_waiting(client: Client) -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    make_idea(unit=unit, title="En")
    make_idea(unit=unit, title="Två")
    client.force_login(coordinator)

    html = client.get(reverse("core:home")).content.decode()

    assert 'href="/mitt-arbete/">Mitt arbete <span class="menu-count">2' in html
    assert "Gå till Mitt arbete" in html


def test_my_work_is_for_signed_in_people(client: Client) -> None:
    response = client.get(reverse("core:my_work"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


# --- No orphan ideas --------------------------------------------------------------------------


def submit(user: User, title: str, topics: list[Topic] | None = None) -> Idea:
    idea, _created = services.idea_submit(
        user=user,
        submission_key=uuid.uuid4(),
        fields={
            "title": title,
            "description": "Beskrivning",
            "value": "Värde",
            "for_whom": "Alla",
            "situation": "",
            "submitter_role": "employee",
        },
        topics=topics or [],
    )
    return idea


def test_an_idea_without_challenge_or_topic_rule_goes_to_the_offices_list(client: Client) -> None:
    office = make_office()
    employee = make_user(unit=make_unit())
    idea = submit(employee, "Ingen äger mig")

    assert idea.owner_unit is None
    assert lines(office)["Ideas to assign"] == ["Ideas that nobody handles yet"]
    client.force_login(office)
    html = client.get(reverse("ideas:unassigned")).content.decode()
    assert "Ingen äger mig" in html


def test_an_idea_a_topic_rule_routes_is_not_unassigned() -> None:
    office = make_office()
    unit = make_unit(name="Trafikkontoret")
    topic = Topic.objects.create(name="Trafik", slug="trafik")
    RoutingRule.objects.create(topic=topic, unit=unit)

    idea = submit(make_user(unit=unit), "Cykelbanor", topics=[topic])

    assert idea.owner_unit == unit
    assert "Ideas to assign" not in lines(office)


def test_the_submitter_is_told_who_will_look_at_the_idea(client: Client) -> None:
    employee = make_user(unit=make_unit())
    client.force_login(employee)
    form = client.get(reverse("ideas:idea_submit")).context["form"]

    response = client.post(
        reverse("ideas:idea_submit"),
        {
            "submission_key": form.initial["submission_key"],
            "title": "Utan ägare",
            "description": "Beskrivning",
            "value": "Värde",
            "for_whom": "Alla",
            "submitter_role": "employee",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "Tack! Din idé har skickats in." in html
    assert "Innovationskontoret läser den och skickar den till den enhet" in html
    notice = Notification.objects.get(user=employee)
    assert "Innovationskontoret läser den" in notice.text


def test_the_office_routes_an_unassigned_idea_with_a_reason_on_record(client: Client) -> None:
    office = make_office()
    unit = make_unit(name="Stadsbyggnadskontoret")
    submitter = make_user(unit=make_unit())
    idea = submit(submitter, "Gröna tak")
    client.force_login(office)

    response = client.post(
        reverse("ideas:idea_route", args=[idea.pk]),
        {"route-to_unit": unit.pk, "route-reason": "Gäller byggnader."},
        follow=True,
    )

    idea.refresh_from_db()
    assert idea.owner_unit == unit
    change = RouteChange.objects.get(idea=idea)
    assert (change.from_unit, change.to_unit, change.actor, change.reason) == (
        None,
        unit,
        office,
        "Gäller byggnader.",
    )
    html = response.content.decode()
    assert "Idén har skickats till Stadsbyggnadskontoret" in html
    assert "Gröna tak" not in client.get(reverse("ideas:unassigned")).content.decode()
    # On record in the history, and the submitter is told.
    history = page(client, idea)
    assert "Skickad till Stadsbyggnadskontoret" in history
    assert "Gäller byggnader." in history
    assert Notification.objects.filter(user=submitter, text__contains="hanteras nu av").exists()


def test_routing_without_a_reason_is_refused_at_the_field_and_keeps_the_choice(
    client: Client,
) -> None:
    office = make_office()
    unit = make_unit(name="Miljöförvaltningen")
    idea = submit(make_user(unit=make_unit()), "Utan skäl")
    client.force_login(office)

    response = client.post(
        reverse("ideas:idea_route", args=[idea.pk]),
        {"route-to_unit": unit.pk, "route-reason": ""},
    )

    assert response.status_code == 400
    form = response.context["route_form"]
    assert "reason" in form.errors
    assert f'<option value="{unit.pk}" selected>' in response.content.decode()
    idea.refresh_from_db()
    assert idea.owner_unit is None


def test_only_the_office_sees_the_list_to_assign(client: Client) -> None:
    client.force_login(make_coordinator(make_unit()))
    assert client.get(reverse("ideas:unassigned")).status_code == 403


# --- The idea page for those who handle it ----------------------------------------------------


def handler_setup(*stages: str) -> tuple[Unit, User, Idea]:
    """Bromma, its coordinator, and an idea of Bromma's the coordinator moved through `stages`."""
    unit = make_unit(name="Bromma")
    coordinator = make_coordinator(unit)
    idea = make_idea(unit=unit, title="Nyckelfri hemtjänst")
    for key in stages:
        moved(idea, key, coordinator)
    return unit, coordinator, idea


def section(html: str) -> str:
    start = html.index('id="hantera"')
    return html[start : html.index("</section>", start)]


def test_a_submitted_idea_offers_assess_route_and_classify_only(client: Client) -> None:
    _unit, coordinator, idea = handler_setup()
    client.force_login(coordinator)

    html = page(client, idea)
    handling = section(html)

    for offered in ("Flytta till ett annat steg", "Skicka till en annan enhet", "Klassificera"):
        assert offered in handling
    for not_offered in ("Registrera en pilot", "Registrera en effekt", "Registrera en lärdom"):
        assert not_offered not in handling
    # Before the comments.
    assert html.index('id="hantera"') < html.index('id="kommentarer"')


def test_in_review_the_page_offers_scoring_with_weights_and_what_1_and_5_mean(
    client: Client,
) -> None:
    _unit, coordinator, idea = handler_setup()
    Criterion.objects.filter(key="cost").update(weight=Decimal("2"))
    moved(idea, "in_review", coordinator)
    client.force_login(coordinator)

    handling = section(page(client, idea))

    assert "Kostnad (vikt 2,0)" in handling
    assert "1 = hög kostnad, 5 = låg kostnad" in handling
    assert "Registrera en pilot" not in handling


def test_after_saving_scores_the_weighted_result_is_shown(client: Client) -> None:
    _unit, coordinator, idea = handler_setup("in_review")
    client.force_login(coordinator)
    criteria = list(Criterion.objects.filter(active=True))
    data = {f"score-criterion_{c.pk}": "4" for c in criteria}
    data[f"score-criterion_{criteria[0].pk}"] = "5"

    html = client.post(reverse("ideas:idea_score", args=[idea.pk]), data, follow=True)

    assert "Idéns viktade resultat är 4,20 av 5." in html.content.decode()


def test_testing_offers_pilots_and_implemented_offers_effects_and_lessons(client: Client) -> None:
    _unit, coordinator, idea = handler_setup("in_review", "prioritised", "testing")
    client.force_login(coordinator)
    handling = section(page(client, idea))
    assert "Registrera en pilot" in handling
    assert "Registrera en effekt" not in handling

    moved(idea, "implemented", coordinator)
    handling = section(page(client, idea))
    assert "Registrera en effekt" in handling
    assert "Registrera en lärdom" in handling
    assert "Registrera en pilot" not in handling


def test_a_go_decision_offers_to_move_the_idea_to_implemented(client: Client) -> None:
    _unit, coordinator, idea = handler_setup("in_review", "prioritised", "testing")
    pilot = Pilot.objects.create(idea=idea, phase="small", plan="Plan", test_site="Bromma")
    client.force_login(coordinator)

    response = client.post(
        reverse("ideas:pilot_decide", args=[idea.pk, pilot.pk]),
        {
            f"decision-{pilot.pk}-decision": "go",
            f"decision-{pilot.pk}-results": "Nöjda brukare",
            f"decision-{pilot.pk}-reason": "Tydlig nytta",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "Beslutet ”Gå vidare” har registrerats för piloten." in html
    assert "Flytta idén till ”Införd”" in html
    assert response.context["suggested_moves"][0].to_stage.key == "implemented"


def test_a_no_go_decision_offers_parked_or_declined(client: Client) -> None:
    _unit, coordinator, idea = handler_setup("in_review", "prioritised", "testing")
    pilot = Pilot.objects.create(idea=idea, phase="small", plan="Plan", test_site="Bromma")
    services.pilot_decide(user=coordinator, pilot=pilot, decision="no_go", reason="Ingen nytta")
    client.force_login(coordinator)

    response = client.get(idea.get_absolute_url())

    keys = [t.to_stage.key for t in response.context["suggested_moves"]]
    assert keys == ["parked", "declined"]
    html = response.content.decode()
    assert "Flytta idén till ”Parkerad”" in html
    assert "Flytta idén till ”Avslagen”" in html


def test_a_move_that_needs_a_reason_is_refused_at_the_field_keeping_stage_and_text(
    client: Client,
) -> None:
    _unit, coordinator, idea = handler_setup()
    client.force_login(coordinator)
    declined = stage("declined")

    response = client.post(
        reverse("ideas:idea_move", args=[idea.pk]),
        {"move-to_stage": declined.pk, "move-reason": "   "},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert response.context["move_form"].errors["reason"] == [
        "Ange ett skäl för flytten till ”Avslagen”."
    ]
    assert 'id="id_move-reason_error"' in html
    assert f'<option value="{declined.pk}" selected data-requires-reason="true">' in html
    idea.refresh_from_db()
    assert idea.stage.key == "submitted"

    response = client.post(
        reverse("ideas:idea_move", args=[idea.pk]),
        {"move-to_stage": declined.pk, "move-reason": "Finns redan", "move-merge_into": ""},
        follow=True,
    )
    assert "Idén har flyttats till ”Avslagen”." in response.content.decode()


def test_the_reason_label_says_required_for_the_stages_that_need_one(client: Client) -> None:
    _unit, coordinator, idea = handler_setup()
    client.force_login(coordinator)

    handling = section(page(client, idea))

    assert '<span class="reason-required">(krävs)</span>' in handling
    assert f'<option value="{stage("declined").pk}" data-requires-reason="true">' in handling
    assert f'<option value="{stage("in_review").pk}">' in handling


def test_every_handling_action_confirms_what_happened(client: Client) -> None:
    _unit, coordinator, idea = handler_setup("in_review", "prioritised", "testing")
    client.force_login(coordinator)

    response = client.post(
        reverse("ideas:idea_pilot", args=[idea.pk]),
        {
            "pilot-phase": "small",
            "pilot-plan": "Tre månader",
            "pilot-test_site": "Hemtjänsten",
            "pilot-test_persons": "25",
        },
        follow=True,
    )
    assert "Piloten ”Litet test: Hemtjänsten” har registrerats." in response.content.decode()

    moved(idea, "implemented", coordinator)
    response = client.post(
        reverse("ideas:idea_effect", args=[idea.pk]),
        {"effect-kind": "time", "effect-text": "Kortare besök", "effect-number": "4,5"},
        follow=True,
    )
    assert "Effekten har sparats." in response.content.decode()
    response = client.post(
        reverse("ideas:idea_lesson", args=[idea.pk]),
        {"lesson-text": "Reservbatterier behövs"},
        follow=True,
    )
    assert "Lärdomen har sparats." in response.content.decode()


def test_the_history_names_who_decided_person_for_employees_unit_always(client: Client) -> None:
    unit = make_unit(name="Bromma stadsdelsförvaltning")
    coordinator = make_coordinator(unit)
    coordinator.full_name = "Sanna Samordnare"
    coordinator.save()
    idea = make_idea(unit=unit, title="Beslutad")
    moved(idea, "in_review", coordinator)

    client.force_login(make_user(unit=make_unit()))
    trail = page(client, idea)
    assert "beslut av Sanna" in trail
    assert "Bromma stadsdelsförvaltning" in trail.split('class="trail"')[1]

    client.force_login(make_user())  # a resident
    trail = page(client, idea).split('class="trail"')[1]
    assert "beslut av Bromma stadsdelsförvaltning" in trail
    assert "Sanna" not in trail


# --- Forms and words --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["12,5", "12.5", " 12,5 "])
def test_an_effects_number_takes_comma_and_point_and_shows_a_comma(
    client: Client, typed: str
) -> None:
    _unit, coordinator, idea = handler_setup("in_review", "prioritised", "testing", "implemented")
    client.force_login(coordinator)

    client.post(
        reverse("ideas:idea_effect", args=[idea.pk]),
        {
            "effect-kind": "time",
            "effect-text": "Kortare besök",
            "effect-number": typed,
            "effect-unit": "minutes",
        },
    )

    effect = Effect.objects.get(idea=idea)
    assert (effect.number, effect.unit) == (Decimal("12.5"), "minutes")
    assert "<td>12,5 minuter</td>" in page(client, idea)


@pytest.mark.parametrize(
    ("sent", "error"),
    [
        pytest.param({"effect-number": "tolv"}, "Skriv ett tal, till exempel 12,5.", id="wrong"),
        pytest.param({"effect-unit": "minutes"}, "Skriv talet som enheten gäller.", id="missing"),
    ],
)
def test_a_wrong_or_missing_number_is_named_at_the_number_and_the_text_is_kept(
    client: Client, sent: dict[str, str], error: str
) -> None:
    _unit, coordinator, idea = handler_setup("in_review", "prioritised", "testing", "implemented")
    client.force_login(coordinator)

    response = client.post(
        reverse("ideas:idea_effect", args=[idea.pk]),
        {"effect-kind": "time", "effect-text": "Kortare besök", **sent},
    )

    assert response.status_code == 400
    assert response.context["effect_form"].errors["number"] == [error]
    assert "Kortare besök</textarea>" in response.content.decode()
    assert not Effect.objects.exists()


def test_the_submitter_role_starts_with_the_persons_likely_role(client: Client) -> None:
    client.force_login(make_user(unit=make_unit()))
    form = client.get(reverse("ideas:idea_submit")).context["form"]
    assert form["submitter_role"].value() == "employee"

    client.force_login(make_user())
    form = client.get(reverse("ideas:idea_submit")).context["form"]
    assert form["submitter_role"].value() == "resident"
    offered = [value for value, _label in form.fields["submitter_role"].choices]
    assert "employee" not in offered
    assert "manager" not in offered
    assert "resident" in offered


def test_in_english_the_stage_names_are_english(client: Client) -> None:
    _unit, coordinator, idea = handler_setup("in_review")
    client.force_login(coordinator)
    client.cookies["innovera_language"] = "en"

    html = page(client, idea)

    assert '<span class="ds-tag" data-color="info">In review</span>' in html
    assert "<strong>Submitted</strong>" in html
    assert ">Prioritised</option>" in html
    assert "Under bedömning" not in html


# --- Every page reachable ---------------------------------------------------------------------


def menu(client: Client) -> str:
    html = client.get(reverse("core:home")).content.decode()
    return html[html.index('class="site-nav site-nav--wide"') : html.index("</nav>")]


def test_the_menu_links_each_role_to_the_pages_it_may_use(client: Client) -> None:
    client.force_login(make_user())
    resident = menu(client)
    assert reverse("ideas:notifications") in resident
    for hidden in ("ideas:ranking", "ideas:unassigned", "ideas:process_overview"):
        assert reverse(hidden) not in resident

    client.force_login(make_coordinator(make_unit()))
    coordinator = menu(client)
    assert reverse("ideas:ranking") in coordinator
    assert reverse("ideas:unassigned") not in coordinator

    client.force_login(make_office())
    office = menu(client)
    for shown in ("ideas:ranking", "ideas:unassigned", "ideas:process_overview"):
        assert reverse(shown) in office


def test_the_challenge_list_links_publishing_for_those_who_may_publish(client: Client) -> None:
    client.force_login(make_user())
    assert (
        reverse("ideas:challenge_create")
        not in client.get(reverse("ideas:challenge_list")).content.decode()
    )

    client.force_login(make_coordinator(make_unit()))
    html = client.get(reverse("ideas:challenge_list")).content.decode()
    assert f'href="{reverse("ideas:challenge_create")}"' in html


def test_the_idea_list_links_the_ranking_for_coordinators(client: Client) -> None:
    client.force_login(make_coordinator(make_unit()))
    html = client.get(reverse("ideas:idea_list")).content.decode()
    assert f'href="{reverse("ideas:ranking")}"' in html
    ranking = client.get(reverse("ideas:ranking")).content.decode()
    assert reverse("ideas:idea_export", args=["csv"]) in ranking


def test_the_menu_counts_every_new_idea_not_only_those_listed(client: Client) -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    for n in range(13):
        make_idea(unit=unit, title=f"Ny idé {n}")
    client.force_login(coordinator)

    page = client.get(reverse("core:my_work")).content.decode()
    html = client.get(reverse("core:home")).content.decode()

    assert page.count("Ny idé ") == 10
    assert "Fler i listan över idéer" in page
    assert 'href="/mitt-arbete/">Mitt arbete <span class="menu-count">13' in html
