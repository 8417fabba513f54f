"""The Swedish catalogue is complete and its compiled form matches what was written."""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "sv" / "LC_MESSAGES"


def test_every_message_has_a_swedish_translation() -> None:
    catalogue = polib.pofile(str(LOCALE / "django.po"))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_is_up_to_date() -> None:
    written = {
        e.msgid: e.msgstr or e.msgstr_plural[0]
        for e in polib.pofile(str(LOCALE / "django.po"))
        if e.translated()
    }
    compiled = {
        e.msgid: e.msgstr or e.msgstr_plural[0] for e in polib.mofile(str(LOCALE / "django.mo"))
    }

    assert compiled == written, "run 'make messages' to compile the catalogue"
