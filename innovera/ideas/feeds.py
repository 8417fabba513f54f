"""An Atom feed of the newest public ideas. Feed readers have no session, so the feed is always
what an anonymous visitor may see: the permission table decides, as everywhere else."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from innovera.core.exports import clean_text
from innovera.ideas import permissions
from innovera.ideas.models import Idea


class PublicIdeasFeed(Feed):
    # Declared like any view's action (core.permissions.url_actions reads it).
    required_action = "idea.list"
    feed_type = Atom1Feed
    title = _("Innovera: new ideas")
    subtitle = _("The newest public ideas and their stages.")
    link = reverse_lazy("ideas:idea_list")

    def items(self) -> QuerySet[Idea]:
        return (
            permissions.visible_ideas(AnonymousUser())
            .select_related("stage")
            .order_by("-created_at", "-id")[:50]
        )

    def item_title(self, item: Idea) -> str:
        return clean_text(item.title)

    def item_description(self, item: Idea) -> str:
        # Feed readers decode the description and render it as HTML: what a person wrote must
        # arrive as text, so its markup is escaped (and control characters, which XML cannot
        # carry, are dropped).
        return escape(clean_text(f"{item.stage.name_sv}: {item.description[:500]}"))

    def item_pubdate(self, item: Idea) -> datetime.datetime:
        return item.created_at
