"""Shared by every test: a clean cache, so rate-limit counters never leak between tests, and
the site's language, so an English page asked for by one test does not leave English active
for the services the next test calls (the locale middleware activates a language per request
and nothing resets it after)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
