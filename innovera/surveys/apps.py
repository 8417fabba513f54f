from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class SurveysConfig(registry.InnoveraAppConfig):
    name = "innovera.surveys"
    label = "surveys"
    verbose_name = _("Innovation capability survey")
    permissions_module = "innovera.surveys.permissions"
    demo_order = 20
    personal_data_module = "innovera.surveys.personal_data"
    demo_loader = "innovera.surveys.demo.demo_rounds_load"
    menu = (
        registry.MenuEntry(
            _("Surveys"),
            "surveys:round_list",
            action="round.list",
            order=40,
            current_for=("surveys:*",),
        ),
    )
    cards = (
        registry.StartCard(
            _("Innovation capability survey"),
            _("The city's recurring survey."),
            url_name="surveys:round_list",
            action="round.list",
            # The survey's pages are the innovation office's; others see the card only.
            note=_("Run by the innovation office; heads of units answer through a personal link."),
            order=40,
        ),
    )

    def recover_interrupted_work(self) -> str:
        from django.utils.translation import gettext

        from innovera.surveys import services

        failed, deleted = services.import_jobs_recover()
        if not (failed or deleted):
            return ""
        return gettext(
            "Survey imports: %(failed)s interrupted jobs marked failed, %(deleted)s left-over "
            "upload files deleted."
        ) % {"failed": failed, "deleted": deleted}

    def my_work(self, user: Any) -> list[registry.WorkItem]:
        """For the innovation office: the rounds that are running and their response rates."""
        from django.urls import reverse
        from django.utils import timezone

        from innovera.core.formatting import percent
        from innovera.core.permissions import can
        from innovera.surveys import selectors

        if not can(user, "round.list"):
            return []
        today = timezone.localdate()
        items = []
        for progress in selectors.rounds_in_progress(today=today):
            survey_round = progress.round
            still_open = survey_round.closes_on is None or survey_round.closes_on >= today
            items.append(
                registry.WorkItem(
                    _("Surveys"),
                    str(survey_round),
                    reverse("surveys:round_detail", kwargs={"name": survey_round.name}),
                    order=40,
                    # An open round with people still to answer waits for reminders.
                    waiting=still_open and progress.answered < progress.invited,
                    detail=_("%(answered)s of %(invited)s answered (%(rate)s)")
                    % {
                        "answered": progress.answered,
                        "invited": progress.invited,
                        "rate": percent(progress.rate),
                    },
                )
            )
        return items
