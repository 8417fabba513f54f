from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from innovera.core.permissions import can
from innovera.followup.dashboards import format_value

register = template.Library()

STATUS_LABELS = {
    "exceeded": _("Exceeded"),
    "met": _("Met"),
    "missed": _("Missed"),
    "not_due": _("Not yet due"),
    "no_outcome": _("Outcome missing"),
}
STATUS_COLOURS = {
    "exceeded": "success",
    "met": "success",
    "missed": "danger",
    "not_due": "neutral",
    "no_outcome": "warning",
}


@register.filter
def svg(markup: str) -> SafeString:
    """Charts are built by innovera.core.charts, which escapes every text it draws."""
    return mark_safe(markup)  # noqa: S308


@register.filter
def goal_status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@register.filter
def goal_status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "neutral")


@register.filter
def goal_number(value: Decimal | float | None, indicator: Any) -> str:
    """A goal's target or outcome in its indicator's unit (a share as per cent)."""
    if value is None:
        return "–"
    plain = "count" if float(value).is_integer() else "mean"
    return format_value(float(value), indicator.unit if indicator else plain)


@register.filter
def may_edit_goal(goal: Any, user: Any) -> bool:
    return can(user, "goal.edit", goal)
