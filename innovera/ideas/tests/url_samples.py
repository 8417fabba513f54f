"""The URL walk's samples for the ideas app and its API (see innovera/core/url_walk.py).

The idea is visible within its unit only, so the walk also sees that people outside the unit
get 404 on every one of its addresses, never 403.
"""

from __future__ import annotations

from dataclasses import replace

from django.core.files.uploadedfile import SimpleUploadedFile

from innovera.core.url_walk import Sample
from innovera.ideas import services
from innovera.ideas.models import (
    Audience,
    Criterion,
    Pilot,
    RoutingRule,
    Stage,
    Topic,
)
from innovera.ideas.tests.factories import make_challenge, make_idea
from innovera.organisations.models import Unit, User


def url_samples() -> dict[str, Sample]:
    bromma = Unit.objects.get(slug="bromma")
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    idea = make_idea(unit=bromma, visibility="unit", title="Nyckelfri hemtjänst i Bromma")
    pilot = Pilot.objects.create(idea=idea, phase="small", plan="Två veckor", test_site="Bromma")
    attachment = services.attachment_add(
        idea=idea, upload=SimpleUploadedFile("plan.txt", b"Plan", content_type="text/plain")
    )
    challenge = make_challenge(
        bromma, by=office, need="Färre nycklar", for_whom="Brukare", audience=Audience.INTERNAL
    )
    stage = Stage.objects.get(key="submitted")
    criterion = Criterion.objects.filter(active=True).first()
    assert criterion is not None, "the default process has criteria"
    topic = Topic.objects.create(name="Vandring", slug="vandring")

    def routing_rule() -> dict[str, int]:
        # Removing a rule uses it up: each request gets its own.
        rule, _created = RoutingRule.objects.get_or_create(topic=topic, defaults={"unit": bromma})
        return {"pk": rule.pk}

    on_idea = Sample({"pk": idea.pk}, obj=idea, hidden_unless="idea.view")
    # The handler's and participant's forms are POSTs; people not signed in sign in first.
    handling = replace(on_idea, method="post", signed_in_only=True)
    on_challenge = Sample({"slug": challenge.slug}, obj=challenge, hidden_unless="challenge.view")
    return {
        "ideas:idea_list": Sample(),
        "ideas:idea_submit": Sample(),
        "ideas:idea_similar": Sample(query="title=nyckelfri"),
        "ideas:idea_feed": Sample(),
        "ideas:ranking": Sample(),
        "ideas:unassigned": Sample(),
        "ideas:idea_export": Sample({"file_format": "csv"}),
        "ideas:idea_detail": on_idea,
        "ideas:idea_move": handling,
        "ideas:idea_support": handling,
        "ideas:idea_follow": handling,
        "ideas:idea_comment": handling,
        "ideas:idea_score": handling,
        "ideas:idea_pilot": handling,
        "ideas:pilot_decide": replace(handling, kwargs={"pk": idea.pk, "pilot_id": pilot.pk}),
        "ideas:idea_effect": handling,
        "ideas:idea_lesson": handling,
        "ideas:idea_route": handling,
        "ideas:idea_classify": handling,
        "ideas:attachment": replace(
            on_idea, kwargs={"pk": idea.pk, "attachment_id": attachment.pk}
        ),
        "ideas:challenge_list": Sample(),
        "ideas:challenge_create": Sample(),
        "ideas:challenge_detail": on_challenge,
        "ideas:notifications": Sample(),
        "ideas:process_overview": Sample(),
        "ideas:process_stage_create": Sample(),
        "ideas:process_stage_edit": Sample({"pk": stage.pk}),
        "ideas:process_stage_delete": Sample({"pk": stage.pk}),
        "ideas:process_transitions": Sample(),
        "ideas:process_criterion_create": Sample(),
        "ideas:process_criterion_edit": Sample({"pk": criterion.pk}),
        "ideas:process_routing": Sample(),
        "ideas:process_routing_remove": Sample(routing_rule, method="post"),
        # The API answers 401 where a page sends to sign in.
        "api:openapi": Sample(),
        "api:ideas:challenge_list": Sample(),
        "api:ideas:challenge_detail": on_challenge,
        "api:ideas:idea_list": Sample(),
        "api:ideas:idea_detail": on_idea,
        "api:ideas:idea_comment": on_idea,
        "api:ideas:idea_support": handling,
        "api:ideas:idea_move": on_idea,
    }
