from __future__ import annotations

from typing import Any

import pytest

from innovera.ideas.tests.process_fixture import _default_process as _default_process


@pytest.fixture
def city(db: None) -> dict[str, Any]:
    """Award tests' city: an office, three districts and a company (awards_factories)."""
    from innovera.spreading.tests.awards_factories import award_city

    return award_city()
