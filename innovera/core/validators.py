"""Text people send: control characters other than tab and line breaks are refused.

A vertical tab in a title took the Atom feed (XML cannot carry it) and the XLSX exports down
for everyone. Forms refuse such text at the field (`CleanTextMixin`), the API at its field
(`TextJSONParser`); output strips them as well (`core.exports.clean_text`).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.parsers import JSONParser

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character_message(label: str) -> str:
    return _(
        "“%(field)s” contains an invisible control character (for example a vertical tab, often pasted from another program). Remove it and try again."
    ) % {"field": label}


class CleanTextMixin:
    """For every form: a text value with a control character is an error at its field; what
    the person typed stays in the field."""

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, value in list(form.cleaned_data.items()):
            if isinstance(form.fields[name].widget, forms.PasswordInput):
                continue  # a password is never shown or exported: whatever it holds is its own
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                label = str(form.fields[name].label or name)
                form.add_error(name, control_character_message(label))


def _strings(value: Any, path: str) -> list[str]:
    """The dotted paths of string values that hold a control character."""
    if isinstance(value, str):
        return [path] if CONTROL_CHARACTERS.search(value) else []
    if isinstance(value, dict):
        return [
            p
            for key, item in value.items()
            for p in _strings(item, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(value, list):
        return [
            p
            for index, item in enumerate(value)
            for p in _strings(item, f"{path}.{index}" if path else str(index))
        ]
    return []


class TextJSONParser(JSONParser):
    """DRF's JSON parser, refusing control characters with a 400 at each field that has one."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        bad = _strings(data, "")
        if bad:
            raise APIValidationError(
                {path or "non_field_errors": [control_character_message(path)] for path in bad}
            )
        return data
