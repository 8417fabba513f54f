"""The ideas' default process for the tests of every app that makes ideas (ideas, spreading,
followup): each app's `conftest.py` imports `_default_process`, which pytest then uses there."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _default_process(request: pytest.FixtureRequest) -> None:
    """Tests that commit (transactional ones) flush the data migration's stages afterwards;
    put the default process back for every ideas test that uses the database."""
    if "django_db" not in {marker.name for marker in request.node.iter_markers()}:
        return
    request.getfixturevalue("transactional_db" if _transactional(request) else "db")
    from innovera.ideas.defaults import default_process_create
    from innovera.ideas.models import Criterion, Stage, Transition

    default_process_create(Stage, Transition, Criterion)


def _transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
