"""Facts shown on the shared pages, and what the installed apps contribute to them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from innovera.core.permissions import can
from innovera.core.registry import Label, WorkItem, innovera_apps
from innovera.core.reversing import cached_reverse

# The date of the last accessibility assessment; update it with each new review.
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 11, 27)


COMING_SOON = _("Coming soon.")


@dataclass(frozen=True)
class ModuleLink:
    title: str | Promise
    description: str | Promise
    url: str | None
    note: str | Promise = COMING_SOON


def module_links(*, user: Any) -> list[ModuleLink]:
    """The start page's cards, from every installed app's `start_cards()`; a card without an
    address, or whose action this person may not take, has no link and shows its note."""
    cards = sorted(
        (card for config in innovera_apps() for card in config.start_cards()),
        key=lambda card: card.order,
    )
    links = []
    for card in cards:
        allowed = card.url_name is not None and (card.action is None or can(user, card.action))
        links.append(
            ModuleLink(
                card.title,
                card.description,
                reverse(card.url_name) if allowed and card.url_name else None,
                card.note if card.note is not None else COMING_SOON,
            )
        )
    return links


@dataclass(frozen=True)
class MenuLink:
    label: str | Promise
    url: str
    current: bool
    count: int | None = None


def menu_links(*, user: Any, view_name: str | None) -> list[MenuLink]:
    """The main menu from every installed app's `menu_entries()`, those the person may use.

    The entry naming the page's URL (as `url_name` or in `current_for`) is the current one;
    failing that, an entry whose `current_for` holds "namespace:*" for the page's namespace.
    """
    entries = sorted(
        (entry for config in innovera_apps() for entry in config.menu_entries()),
        key=lambda entry: entry.order,
    )
    shown = [entry for entry in entries if entry.action is None or can(user, entry.action)]
    namespace = view_name.rpartition(":")[0] if view_name else None
    current = next(
        (e for e in shown if view_name in (e.url_name, *e.current_for)),
        None,
    ) or next((e for e in shown if namespace and f"{namespace}:*" in e.current_for), None)
    return [
        MenuLink(
            e.label,
            cached_reverse(e.url_name),
            e is current,
            e.badge(user) if e.badge is not None else None,
        )
        for e in shown
    ]


@dataclass(frozen=True)
class WorkGroup:
    """One heading of "Mitt arbete" and its lines."""

    label: Label
    items: list[WorkItem]


def my_work(*, user: Any) -> list[WorkGroup]:
    """What waits for this person, from every installed app's `my_work()`: grouped under
    their headings, the groups in the order of their first line (by `order`). Each provider
    answers in a fixed number of queries, so the page costs the same however much waits.
    The waiting count is stored for the menu (see `my_work_count`)."""
    items = sorted(
        (item for config in innovera_apps() for item in config.my_work(user)),
        key=lambda item: item.order,
    )
    groups: dict[str, list[WorkItem]] = {}
    labels: dict[str, Label] = {}
    for item in items:
        key = str(item.group)
        labels.setdefault(key, item.group)
        groups.setdefault(key, []).append(item)
    cache.set(_count_key(user), waiting_count(items), MY_WORK_COUNT_SECONDS)
    return [WorkGroup(labels[key], lines) for key, lines in groups.items()]


def waiting_count(items: list[WorkItem]) -> int:
    """How many things wait: a line with a count counts that many, one without counts one;
    lines only for information do not count."""
    return sum(item.count if item.count is not None else 1 for item in items if item.waiting)


# The menu shows the count on every page; asking every app on every page would cost each page
# the queries of "Mitt arbete". The count is kept this long, and made again whenever the
# person opens "Mitt arbete".
MY_WORK_COUNT_SECONDS = 60


def _count_key(user: Any) -> str:
    return f"my-work-count:{user.pk}"


def my_work_count(user: Any) -> int | None:
    """The number in the menu beside "Mitt arbete" (None when nothing waits)."""
    if not getattr(user, "is_authenticated", False):
        return None
    count: int | None = cache.get(_count_key(user))
    if count is None:
        items = [item for config in innovera_apps() for item in config.my_work(user)]
        count = waiting_count(items)
        cache.set(_count_key(user), count, MY_WORK_COUNT_SECONDS)
    return count or None


def accessibility_facts() -> dict[str, Any]:
    return {"assessed_on": ACCESSIBILITY_ASSESSED_ON}
