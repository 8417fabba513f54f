"""Template tags over the app registry: an app's page shows what other apps add to it
without importing them."""

from __future__ import annotations

from typing import Any

from django import template

from innovera.core.registry import RelatedLink, innovera_apps

register = template.Library()


@register.simple_tag(takes_context=True)
def related_links(context: dict[str, Any], obj: Any) -> list[RelatedLink]:
    """`{% related_links idea as links %}`: every app's links for this object and person."""
    request = context.get("request")
    user = getattr(request, "user", None)
    links: list[RelatedLink] = []
    for config in innovera_apps():
        links.extend(config.related_links(user, obj))
    return links
