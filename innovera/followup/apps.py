from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class FollowupConfig(registry.InnoveraAppConfig):
    name = "innovera.followup"
    label = "followup"
    verbose_name = _("Follow-up")
    permissions_module = "innovera.followup.permissions"
    api_urls = "innovera.followup.api.urls"
    # After every app whose records the demo goals are measured by.
    demo_order = 90
    demo_loader = "innovera.followup.demo.demo_goals_load"

    menu = (
        registry.MenuEntry(
            _("Follow-up"),
            "followup:city",
            action="followup.dashboard",
            order=60,
            current_for=("followup:unit_type", "followup:unit", "followup:goal_list"),
        ),
        registry.MenuEntry(_("Open data"), "followup:open_data", order=90),
    )

    cards = (
        registry.StartCard(
            _("Follow-up"),
            _("Indicators for innovation work and results."),
            url_name="followup:city",
            action="followup.dashboard",
            order=50,
        ),
    )

    def recover_interrupted_work(self) -> str:
        from django.utils.translation import gettext

        from innovera.followup.services import recounts_recover

        ended, deleted = recounts_recover()
        if not (ended or deleted):
            return ""
        return gettext(
            "Follow-up recounts: %(ended)s interrupted ones ended, %(deleted)s old ones deleted."
        ) % {"ended": ended, "deleted": deleted}

    def my_work(self, user: Any) -> list[registry.WorkItem]:
        from django.urls import reverse

        from innovera.followup import selectors
        from innovera.organisations.permissions import coordinator_units

        units = coordinator_units(user)
        if not units:
            return []
        due = selectors.goal_counts_due(units)
        if not due:
            return []
        return [
            registry.WorkItem(
                _("Goals"),
                _("Goals waiting for their outcome"),
                reverse("followup:goal_list"),
                count=due,
            )
        ]

    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        """The goals a person recorded. Goals are the unit's records: on erasure they stay,
        tied to the anonymised account."""
        from innovera.followup.models import Goal

        goals = Goal.objects.filter(created_by=user).select_related("unit").order_by("pk")
        return {
            "followup.Goal": [
                {
                    "title": goal.title,
                    "unit": goal.unit.name,
                    "indicator": goal.indicator,
                    "target": str(goal.target),
                    "comparison": goal.comparison,
                    "period_start": goal.period_start.isoformat(),
                    "period_end": goal.period_end.isoformat(),
                    "created_at": goal.created_at.isoformat(),
                }
                for goal in goals
            ]
        }

    def open_datasets(self) -> list[registry.Dataset]:
        from innovera.followup.opendata import indicator_dataset

        return [indicator_dataset()]
