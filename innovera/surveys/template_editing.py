"""Editing a template copy: texts, options and factors change; question codes never do.

Pure functions over the JSON form of a template (see template_codec), so the rules are tested
without a database: what an edit may change, and what counts as a change.
"""

from __future__ import annotations

import copy
import re
from typing import Any

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class TemplateEditError(ValueError):
    """An edit that would break the template; the message names the field."""


def apply_edits(definition: dict[str, Any], edits: dict[str, str]) -> dict[str, Any]:
    """A new definition with the edits applied; the input is left as it was.

    Edit keys: ``q__<code>__text_sv`` / ``text_en``; ``opt__<code>__<option>__label_sv`` /
    ``label_en``; ``newopt__<code>__key`` with ``__label_sv`` / ``__label_en``;
    ``factor__<key>__text_sv`` / ``text_en``; ``newfactor__key`` with ``__text_sv`` /
    ``__text_en``. Empty new-option and new-factor rows are ignored.
    """
    result = copy.deepcopy(definition)
    for question in result["questions"]:
        code = question["code"]
        _edit_texts(question, "text", f"q__{code}", edits)
        for option in question.get("options", []):
            _edit_texts(option, "label", f"opt__{code}__{option['key']}", edits)
        if question["type"] == "multi":
            _add_option(question, edits)
        for factor in question.get("factors", []):
            _edit_texts(factor, "text", f"factor__{factor['key']}", edits)
        if question["type"] == "factor_grid":
            _add_factor(question, edits)
    return result


def _edit_texts(target: dict[str, Any], attribute: str, prefix: str, edits: dict[str, str]) -> None:
    """`target`'s Swedish and English `attribute` from the edit fields `<prefix>__<attribute>_sv`
    and `_en` where they were sent; neither may be left empty."""
    for lang in ("sv", "en"):
        field = f"{prefix}__{attribute}_{lang}"
        value = edits.get(field)
        if value is not None:
            target[f"{attribute}_{lang}"] = _required(value, field)


def _required(value: str, field: str) -> str:
    value = value.strip()
    if not value:
        raise TemplateEditError(field)
    return value


def _new_row(edits: dict[str, str], prefix: str, text_field: str) -> tuple[str, str, str] | None:
    key = edits.get(f"{prefix}__key", "").strip()
    sv = edits.get(f"{prefix}__{text_field}_sv", "").strip()
    en = edits.get(f"{prefix}__{text_field}_en", "").strip()
    if not (key or sv or en):
        return None
    if not KEY_PATTERN.match(key):
        raise TemplateEditError(f"{prefix}__key")
    if not sv:
        raise TemplateEditError(f"{prefix}__{text_field}_sv")
    return key, sv, en or sv


def _add_option(question: dict[str, Any], edits: dict[str, str]) -> None:
    row = _new_row(edits, f"newopt__{question['code']}", "label")
    if row is None:
        return
    key, sv, en = row
    if any(option["key"] == key for option in question["options"]):
        raise TemplateEditError(f"newopt__{question['code']}__key")
    question["options"].append({"key": key, "label_sv": sv, "label_en": en})


def _add_factor(question: dict[str, Any], edits: dict[str, str]) -> None:
    row = _new_row(edits, "newfactor", "text")
    if row is None:
        return
    key, sv, en = row
    if any(factor["key"] == key for factor in question["factors"]):
        raise TemplateEditError("newfactor__key")
    question["factors"].append({"key": key, "text_sv": sv, "text_en": en, "inferred": False})


def codes(definition: dict[str, Any]) -> list[str]:
    """Every answer code of a definition; an edit may add codes but never remove one."""
    found: list[str] = []
    for question in definition["questions"]:
        found.append(question["code"])
        found += [f"{question['code']}__{o['key']}" for o in question.get("options", [])]
        found += [f"factor_{f['key']}" for f in question.get("factors", [])]
    return found
