from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from innovera.core import registry

# The start page's card (title, description) of a menu entry, by the entry's URL name.
START_CARDS = {
    "spreading:example_list": (_("Good examples"), _("Find, adopt and spread what works.")),
    "spreading:session_list": (
        _("Knowledge sharing"),
        _("Colleagues teach colleagues: offer a session or book a place."),
    ),
    "spreading:award_list": (
        _("Awards and competitions"),
        _("Nominate what renews the city's work, and read who won and why."),
    ),
    "spreading:group_list": (
        _("Discussion groups"),
        _("Open and closed groups for employees across administrations and companies."),
    ),
}


class SpreadingConfig(registry.InnoveraAppConfig):
    name = "innovera.spreading"
    label = "spreading"
    verbose_name = _("Spreading")
    permissions_module = "innovera.spreading.permissions"
    api_urls = "innovera.spreading.api.urls"
    # After ideas: demo examples are made from the demo's implemented ideas.
    demo_order = 40

    def ready(self) -> None:
        from innovera.spreading.groups import permissions

        # A page remembers memberships for the request: every membership write marks it.
        permissions.connect()

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
            registry.MenuEntry(
                _("Awards"),
                "spreading:award_list",
                action="award.list",
                order=36,
                current_for=(
                    "spreading:award_round",
                    "spreading:award_nominate",
                    "spreading:award_enter",
                    "spreading:award_confirm",
                    "spreading:award_my_nominations",
                    "spreading:award_results",
                ),
            ),
            registry.MenuEntry(
                _("Jury"),
                "spreading:award_jury_work",
                action="award.jury_work",
                order=37,
                current_for=(
                    "spreading:award_jury",
                    "spreading:award_score",
                    "spreading:award_chair",
                ),
            ),
            registry.MenuEntry(
                _("Groups"),
                "spreading:group_list",
                action="group.list",
                order=38,
                current_for=(
                    "spreading:group_detail",
                    "spreading:group_create",
                    "spreading:group_thread",
                    "spreading:group_members",
                    "spreading:group_moderation",
                    "spreading:group_invitations",
                ),
            ),
        ]

    def start_cards(self) -> list[registry.StartCard]:
        """A card for each part's menu entry (not the jury's): its page, action and order."""
        return [
            registry.StartCard(
                *START_CARDS[entry.url_name],
                url_name=entry.url_name,
                action=entry.action,
                order=entry.order,
            )
            for entry in self.menu_entries()
            if entry.url_name in START_CARDS
        ]

    def load_demo(self) -> None:
        from innovera.spreading.demo import demo_spreading_load
        from innovera.spreading.groups.demo import demo_groups_load

        demo_spreading_load()
        demo_groups_load()

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
        # Posts only in the groups the person reads (members of closed and hidden ones).
        from innovera.spreading.groups import selectors as group_selectors

        hits += group_selectors.search_hits(user=user, text=query, limit=limit)
        return hits

    def my_work(self, user: Any) -> list[registry.WorkItem]:
        from innovera.spreading import selectors, selectors_awards

        if not getattr(user, "is_authenticated", False):
            return []
        from innovera.spreading.groups import selectors as group_selectors

        return (
            selectors.work_items(user=user)
            + selectors_awards.work_items(user=user)
            + group_selectors.work_items(user=user)
        )

    def digest_lines(self, user: Any, *, now: Any) -> list[registry.DigestLine]:
        from innovera.spreading.groups import services

        return services.digest_lines(user=user, now=now)

    def related_links(self, user: Any, obj: Any) -> list[registry.RelatedLink]:
        from innovera.ideas.models import Idea

        if not isinstance(obj, Idea):
            return []
        from innovera.spreading import selectors

        return selectors.idea_links(user=user, idea=obj)
