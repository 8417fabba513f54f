"""The ideas app's part of "Mitt arbete" and the innovation office's "Att fördela" list.

Each kind of work is one query, whatever the number of ideas it finds, so the page costs the
same for a coordinator with three new ideas as for one with three hundred (tested with
`django_assert_num_queries`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innovera.core.formatting import date_long
from innovera.core.registry import WorkItem
from innovera.ideas import permissions
from innovera.ideas.models import Follow, Idea, Pilot, PilotDecision, Score
from innovera.organisations.models import User
from innovera.organisations.permissions import coordinator_units, is_innovation_office

# Lines per kind of work; beyond them one line links to the whole list.
SHOWN = 10
# Stages whose ideas are being scored.
REVIEW_STAGE_KEYS = ("in_review",)
# Stages an idea does not leave on its own: no idea in them waits for anybody.
CLOSED_STAGE_KEYS = ("declined", "merged", "spread")


def stale_days() -> int:
    """Days without a move after which an idea is named as waiting (`IDEAS_STALE_DAYS`)."""
    return int(settings.IDEAS_STALE_DAYS)


def _under(units: set[int]) -> Q:
    """Ideas owned by these units or by a unit below them (the tree is three levels deep:
    city, administration or company, unit)."""
    return (
        Q(owner_unit_id__in=units)
        | Q(owner_unit__parent_id__in=units)
        | Q(owner_unit__parent__parent_id__in=units)
    )


def unassigned_ideas() -> QuerySet[Idea]:
    """Ideas nobody owns: no challenge and no topic rule routed them. The office routes them
    ("Att fördela"); merged and declined ones wait for nobody."""
    return (
        Idea.objects.filter(owner_unit__isnull=True, merged_into__isnull=True)
        .exclude(stage__key__in=CLOSED_STAGE_KEYS)
        .select_related("stage", "challenge")
        .order_by("created_at", "id")
    )


def _idea_line(
    group: str, idea: Idea, detail: str, order: int, anchor: str = "", *, waiting: bool = True
) -> WorkItem:
    url = idea.get_absolute_url() + anchor
    return WorkItem(group, idea.title, url, order=order, waiting=waiting, detail=detail)


def _lines(
    group: str,
    ideas: QuerySet[Idea],
    detail: Any,
    order: int,
    more_url: str,
    anchor: str = "",
) -> list[WorkItem]:
    """One line per idea, SHOWN at most, and a line with the number of the others."""
    shown = list(_with_total(ideas)[: SHOWN + 1])
    lines = [_idea_line(group, idea, detail(idea), order, anchor) for idea in shown[:SHOWN]]
    return lines + _more(group, shown, order, more_url)


def _with_total(rows: QuerySet[Any]) -> QuerySet[Any]:
    # Each row carries the number of all rows (a window over the whole filtered set, counted
    # before the slice), so the list and its count are one query.
    return rows.annotate(waiting_total=Window(Count("pk")))


def _more(group: str, shown: list[Any], order: int, url: str) -> list[WorkItem]:
    """When more than SHOWN wait, a line that counts the others: they wait as much as those
    shown, so the menu's number counts them too."""
    if len(shown) <= SHOWN:
        return []
    others = shown[0].waiting_total - SHOWN
    return [WorkItem(group, _("More in the list of ideas"), url, count=others, order=order)]


def work_items(*, user: Any) -> list[WorkItem]:
    """What waits for this person in the ideas app: for coordinators the ideas of their units
    (new, in review without their score, pilots without a decision, no move for a while), for
    the innovation office the ideas nobody owns, and for everyone their own ideas and those
    they follow."""
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    items: list[WorkItem] = []
    if is_innovation_office(user):
        unassigned = unassigned_ideas().count()
        if unassigned:
            items.append(
                WorkItem(
                    _("Ideas to assign"),
                    _("Ideas that nobody handles yet"),
                    reverse("ideas:unassigned"),
                    count=unassigned,
                    order=5,
                )
            )
    units = coordinator_units(user)
    if units:
        items += _coordinator_items(user, units)
    items += _own_items(user)
    return items


def _coordinator_items(user: User, units: set[int]) -> list[WorkItem]:
    ours = Idea.objects.filter(_under(units), merged_into__isnull=True).select_related("stage")
    idea_list = reverse("ideas:idea_list")
    items: list[WorkItem] = []

    group = _("New ideas for your units")
    new = ours.filter(stage__is_initial=True).order_by("created_at", "id")
    items += _lines(
        group,
        new,
        lambda idea: _("Submitted %(day)s") % {"day": date_long(idea.created_at)},
        10,
        idea_list,
    )

    group = _("In review without your score")
    scored = Score.objects.filter(idea_id=OuterRef("pk"), scorer=user)
    unscored = (
        ours.filter(stage__key__in=REVIEW_STAGE_KEYS)
        .exclude(Exists(scored))
        .order_by("stage_changed_at", "id")
    )
    items += _lines(
        group,
        unscored,
        lambda idea: _("In review since %(day)s") % {"day": date_long(idea.stage_changed_at)},
        11,
        idea_list,
        "#hantera",
    )

    group = _("Pilots waiting for a go/no-go decision")
    pending = (
        Pilot.objects.filter(decision=PilotDecision.PENDING, idea__in=ours)
        .select_related("idea")
        .order_by("created_at", "id")
    )
    pilots = list(_with_total(pending)[: SHOWN + 1])
    items += [
        WorkItem(
            group,
            pilot.idea.title,
            pilot.idea.get_absolute_url() + "#tester",
            order=12,
            detail=f"{pilot.get_phase_display()}: {pilot.test_site}",
        )
        for pilot in pilots[:SHOWN]
    ]
    items += _more(group, pilots, 12, idea_list)

    days = stale_days()
    group = _("No move for %(days)s days") % {"days": days}
    since = timezone.now() - datetime.timedelta(days=days)
    stale = (
        ours.filter(stage_changed_at__lt=since)
        .exclude(stage__key__in=CLOSED_STAGE_KEYS)
        .exclude(stage__is_initial=True)
        .order_by("stage_changed_at", "id")
    )
    items += _lines(
        group,
        stale,
        lambda idea: (
            _("%(stage)s since %(day)s")
            % {"stage": idea.stage.display_name, "day": date_long(idea.stage_changed_at)}
        ),
        13,
        idea_list,
    )
    return items


def _own_items(user: User) -> list[WorkItem]:
    items: list[WorkItem] = []
    group = _("Your ideas")
    mine = list(
        Idea.objects.filter(submitter=user)
        .select_related("stage")
        .order_by("-created_at", "-id")[:SHOWN]
    )
    items += _idea_items(group, mine, order=20)
    group = _("Ideas you follow")
    followed = list(
        permissions.visible_ideas(user)
        .filter(Exists(Follow.objects.filter(idea_id=OuterRef("pk"), user=user)))
        .exclude(submitter=user)
        .select_related("stage")
        .order_by("-stage_changed_at", "-id")[:SHOWN]
    )
    items += _idea_items(group, followed, order=21)
    return items


def _idea_items(group: str, ideas: list[Idea], *, order: int) -> list[WorkItem]:
    # Ideas a person keeps an eye on: nothing waits for them, the stage says where it is.
    return [
        _idea_line(group, idea, idea.stage.display_name, order, waiting=False)
        for idea in ideas[:SHOWN]
    ]
