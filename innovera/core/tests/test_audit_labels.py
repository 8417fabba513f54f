"""The audit page names every action it shows: an action an app records without a label in
`core.audit.ACTION_LABELS` would stand there as its code ("group.post_hide")."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from innovera.core.audit import ACTION_LABELS, action_label

SOURCE = Path(__file__).resolve().parents[2]
RECORDED = re.compile(r'audit_record\(\s*(?:\w+=[^,()]+,\s*)*?action=f?"([^"]+)"', re.S)
# The moderation service records one action per choice it offers.
EXPANDED = {"group.post_{action}": ["group.post_hide", "group.post_remove", "group.post_restore"]}


def _recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for action in RECORDED.findall(path.read_text(encoding="utf-8")):
            found.update(EXPANDED.get(action, [action]))
    return found


def test_every_action_an_app_records_has_a_label() -> None:
    recorded = _recorded_actions()

    assert len(recorded) > 20
    assert sorted(recorded - set(ACTION_LABELS)) == []


def test_an_action_is_named_in_swedish_on_the_audit_page() -> None:
    with translation.override("sv"):
        assert action_label("award_juror.add") == "Jurymedlem tillsatt"
