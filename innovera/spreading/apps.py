from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from innovera.core import registry


class SpreadingConfig(registry.InnoveraAppConfig):
    name = "innovera.spreading"
    label = "spreading"
    verbose_name = _("Spreading")
    permissions_module = "innovera.spreading.permissions"
    api_urls = "innovera.spreading.api.urls"
    # After ideas: demo examples are made from the demo's implemented ideas.
    demo_order = 40

    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        from innovera.spreading import personal_data

        return personal_data.personal_data(user)

    def erase_personal_data(self, user: Any) -> None:
        from innovera.spreading import personal_data

        personal_data.erase_personal_data(user)

    def open_datasets(self) -> list[registry.Dataset]:
        from innovera.spreading.open_data import open_datasets

        return open_datasets()

    def menu_entries(self) -> list[registry.MenuEntry]:
        return [
            registry.MenuEntry(
                _("Good examples"),
                "spreading:example_list",
                action="example.list",
                order=30,
                current_for=(
                    "spreading:example_detail",
                    "spreading:example_create",
                    "spreading:adoption_detail",
                ),
            ),
            registry.MenuEntry(
                _("Knowledge sharing"),
                "spreading:session_list",
                action="session.list",
                order=35,
                current_for=(
                    "spreading:session_detail",
                    "spreading:session_create",
                    "spreading:campaign_detail",
                    "spreading:my_bookings",
                ),
            ),
        ]

    def start_cards(self) -> list[registry.StartCard]:
        return [
            registry.StartCard(
                _("Good examples"),
                _("Find, adopt and spread what works."),
                url_name="spreading:example_list",
                action="example.list",
                order=30,
            ),
            registry.StartCard(
                _("Knowledge sharing"),
                _("Colleagues teach colleagues: offer a session or book a place."),
                url_name="spreading:session_list",
                action="session.list",
                order=35,
            ),
        ]

    def load_demo(self) -> None:
        from innovera.spreading.demo import demo_spreading_load

        demo_spreading_load()

    def search(self, user: Any, query: str, limit: int) -> list[registry.SearchHit]:
        from innovera.spreading import permissions, selectors

        hits = [
            registry.SearchHit(
                kind=_("Good example"),
                title=example.title,
                url=example.get_absolute_url(),
                summary=example.summary[:200],
                rank=float(example.rank),
            )
            for example in selectors.search_examples(
                permissions.visible_examples(user), query, ranked=True
            )
            .annotate(rank=F("search_rank"))
            .only("title", "slug", "summary")
            .order_by("-rank", "-id")[:limit]
        ]
        sessions = selectors.search_sessions(permissions.visible_sessions(user), query)
        hits += [
            registry.SearchHit(
                kind=_("Knowledge-sharing session"),
                title=session.title,
                url=session.get_absolute_url(),
                summary=session.learn[:200],
            )
            for session in sessions.order_by("-starts_at")[:limit]
        ]
        return hits

    def my_work(self, user: Any) -> list[registry.WorkItem]:
        from innovera.spreading import selectors

        if not getattr(user, "is_authenticated", False):
            return []
        return selectors.work_items(user=user)

    def related_links(self, user: Any, obj: Any) -> list[registry.RelatedLink]:
        from innovera.ideas.models import Idea

        if not isinstance(obj, Idea):
            return []
        from innovera.spreading import selectors

        return selectors.idea_links(user=user, idea=obj)
