"""Facts shown on the shared pages, and what the installed apps contribute to them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from innovera.core.permissions import can
from innovera.core.registry import innovera_apps

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
    return [MenuLink(e.label, reverse(e.url_name), e is current) for e in shown]


def accessibility_facts() -> dict[str, Any]:
    return {"assessed_on": ACCESSIBILITY_ASSESSED_ON}
