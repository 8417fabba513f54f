from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class IdeasConfig(registry.InnoveraAppConfig):
    name = "innovera.ideas"
    label = "ideas"
    verbose_name = _("Ideas and challenges")
    permissions_module = "innovera.ideas.permissions"
    api_urls = "innovera.ideas.api.urls"
    demo_order = 30
    personal_data_module = "innovera.ideas.personal_data"
    demo_loader = "innovera.ideas.demo.demo_ideas_load"
    menu = (
        registry.MenuEntry(
            _("Ideas"),
            "ideas:idea_list",
            action="idea.list",
            order=10,
            current_for=("ideas:*",),
        ),
        registry.MenuEntry(
            _("To assign"),
            "ideas:unassigned",
            action="idea.assign",
            order=11,
        ),
        registry.MenuEntry(
            _("Ranking"),
            "ideas:ranking",
            action="idea.ranking",
            order=12,
        ),
        registry.MenuEntry(
            _("Challenges"),
            "ideas:challenge_list",
            action="challenge.list",
            order=20,
            current_for=("ideas:challenge_detail", "ideas:challenge_create"),
        ),
        registry.MenuEntry(
            _("Process settings"),
            "ideas:process_overview",
            action="process.configure",
            order=85,
            current_for=tuple(
                f"ideas:process_{name}"
                for name in (
                    "stage_create",
                    "stage_edit",
                    "stage_delete",
                    "transitions",
                    "criterion_create",
                    "criterion_edit",
                    "routing",
                )
            ),
        ),
        registry.MenuEntry(
            _("Notifications"),
            "ideas:notifications",
            action="notification.list",
            order=88,
        ),
    )
    cards = (
        registry.StartCard(
            _("Ideas and challenges"),
            _("Submit ideas and follow what happens."),
            url_name="ideas:idea_list",
            action="idea.list",
            order=20,
        ),
    )

    def personal_files(self, user: Any) -> list[registry.PersonalFile]:
        from innovera.ideas import personal_data

        return personal_data.personal_files(user)

    def search(self, user: Any, query: str, limit: int) -> list[registry.SearchHit]:
        from innovera.ideas import selectors

        return selectors.search_hits(user=user, text=query, limit=limit)

    def open_datasets(self) -> list[registry.Dataset]:
        from innovera.ideas.open_data import open_datasets

        return open_datasets()

    def my_work(self, user: Any) -> list[registry.WorkItem]:
        from innovera.ideas import selectors_work

        return selectors_work.work_items(user=user)
