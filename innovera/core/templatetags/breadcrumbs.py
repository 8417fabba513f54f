"""`{% breadcrumbs label url label url … %}`: the way to this page, one crumb a label and its
address, in the one breadcrumb navigation every page uses."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("core/_breadcrumbs.html")
def breadcrumbs(*trail: Any, current: bool = True) -> dict[str, Any]:
    """The last crumb is the page itself (`aria-current`), unless `current=False`: a page that
    is a step below the last crumb and has no crumb of its own.

    A crumb whose label is empty is left out, so a shared trail can end in an optional step
    (`… here request.path`) that only some of its pages have."""
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of a label and a URL")
    crumbs = [(label, url) for label, url in zip(trail[::2], trail[1::2], strict=True) if label]
    return {"crumbs": crumbs, "current": current}
