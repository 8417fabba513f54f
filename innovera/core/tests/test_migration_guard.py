"""A database half-way through an old, since squashed, history is refused by `migrate`."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.migrations.recorder import MigrationRecorder

from innovera.core.migration_guard import partial_histories

pytestmark = pytest.mark.django_db

SQUASHED = "0001_squashed_0009_effect_units_and_criterion_scales"


def test_a_database_at_the_head_or_fresh_migrates_as_before() -> None:
    assert partial_histories("default") == []
    call_command("migrate", verbosity=0, skip_checks=False)  # nothing to do, nothing refused


def test_a_database_with_part_of_a_squashed_history_is_refused_by_name() -> None:
    # As a database would be that stopped before the ideas app's last old migration.
    MigrationRecorder.Migration.objects.filter(
        app="ideas", name__in=[SQUASHED, "0009_effect_units_and_criterion_scales"]
    ).delete()

    assert partial_histories("default") == [f"ideas.{SQUASHED} (8/9)"]
    with pytest.raises(SystemCheckError, match=f"ideas.{SQUASHED} \\(8/9\\)"):
        call_command("migrate", verbosity=0, skip_checks=False)
