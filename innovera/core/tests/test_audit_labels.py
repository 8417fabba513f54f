"""The audit page names every action it shows: an action an app records without a label in
`core.audit.ACTION_LABELS` would stand there as its code ("group.post_hide")."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from innovera.core.audit import ACTION_LABELS, action_label

SOURCE = Path(__file__).resolve().parents[2]
RECORDED = re.compile(r'audit_record\(\s*(?:\w+=[^,()]+,\s*)*?action=(f?"[^"]+"|\w+)', re.S)
# The moderation service records one action per choice it offers.
EXPANDED = {"group.post_{action}": ["group.post_hide", "group.post_remove", "group.post_restore"]}
# An action passed on in a variable, by the file that does it: the actions its callers pass.
PASSED_ON = {
    "organisations/services.py": ["role.grant", "role.revoke"],
    "spreading/services_awards.py": [
        "award_juror.add",
        "award_juror.chair",
        "award_juror.unchair",
        "award_juror.remove",
    ],
}


def _recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        name = path.relative_to(SOURCE).as_posix()
        for written in RECORDED.findall(path.read_text(encoding="utf-8")):
            if written.startswith(('f"', '"')):
                action = written.removeprefix("f").strip('"')
                found.update(EXPANDED.get(action, [action]))
            else:
                # A variable: the file must be named in PASSED_ON, or this walk cannot know.
                assert name in PASSED_ON, f"{name} records action={written}: add it to PASSED_ON"
                found.update(PASSED_ON[name])
    return found


def test_every_action_an_app_records_has_a_label() -> None:
    recorded = _recorded_actions()

    assert len(recorded) > 20
    assert sorted(recorded - set(ACTION_LABELS)) == []


def test_an_action_is_named_in_swedish_on_the_audit_page() -> None:
    with translation.override("sv"):
        assert action_label("award_juror.add") == "Jurymedlem tillsatt"
