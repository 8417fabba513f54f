"""Template tags over the app registry: an app's page shows what other apps add to it
without importing them."""

from __future__ import annotations

from typing import Any, cast

from django import template
from django.template import loader
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def menu_items(context: template.Context) -> str:
    """`{% menu_items %}`: the main menu's list. The page writes it twice (wide screens, and
    behind the "Meny" button), so it is rendered once per page and written again."""
    key = "innovera_menu_items"
    if key not in context.render_context:
        # Rendered in this page's context, as `{% include %}` would (no second pass of the
        # context processors).
        menu = loader.get_template("core/_menu_items.html").template  # type: ignore[attr-defined]
        context.render_context[key] = mark_safe(menu.render(context))  # noqa: S308 - the template escapes
    return cast(str, context.render_context[key])
