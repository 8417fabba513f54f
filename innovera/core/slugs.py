"""Unique address names (slugs) for units, challenges, topics and criteria."""

from __future__ import annotations

from typing import Any


def unique_slug(model: type[Any], base: str, *, field: str = "slug", max_length: int = 200) -> str:
    """`base`, or `base-2`, `base-3` … whichever is free, within `max_length` characters."""
    slug, n = base[:max_length], 2
    while model._default_manager.filter(**{field: slug}).exists():
        suffix = f"-{n}"
        slug, n = f"{base[: max_length - len(suffix)]}{suffix}", n + 1
    return slug
