"""What the process-settings pages read: the stages, moves, criteria and routing rules.

The pages are the office's (`process.configure`, asked by the views' `@requires`); nothing here
filters by person. The writes are in `process_services`.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from innovera.ideas.models import Criterion, RoutingRule, Stage, Transition


def stages_in_order() -> QuerySet[Stage]:
    return Stage.objects.order_by("order", "pk")


def stages_with_idea_counts() -> list[Stage]:
    """The stages in order, each with `idea_count`: the overview says which can be deleted."""
    return list(stages_in_order().annotate(idea_count=Count("idea")))


def transitions() -> list[Transition]:
    return list(Transition.objects.all())


def criteria_in_order() -> QuerySet[Criterion]:
    return Criterion.objects.order_by("order", "pk")


def routing_rules() -> QuerySet[RoutingRule]:
    return RoutingRule.objects.select_related("topic", "unit").order_by("topic__name")


def next_stage_order() -> int:
    """The order a new stage gets: after the last, with room for one in between."""
    last = Stage.objects.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 10


def stage_or_404(pk: int) -> Stage:
    return get_object_or_404(Stage, pk=pk)


def criterion_or_404(pk: int) -> Criterion:
    return get_object_or_404(Criterion, pk=pk)


def routing_rule_or_404(pk: int) -> RoutingRule:
    return get_object_or_404(RoutingRule.objects.select_related("topic"), pk=pk)
