"""The URL walk's samples for core's shared pages (see innovera/core/url_walk.py)."""

from __future__ import annotations

from innovera.core.url_walk import Sample


def url_samples() -> dict[str, Sample]:
    return {
        "core:home": Sample(),
        "core:accessibility": Sample(),
        "core:privacy": Sample(),
        "core:healthz": Sample(),
        "core:search": Sample(query="q=hemtjänst"),
        "api:search": Sample(query="q=hemtjänst"),
        "core:my_work": Sample(),
    }
