"""Editing a template copy: texts, options and factors; codes stay as they were."""

from __future__ import annotations

import pytest

from innovera.surveys.instrument import STOCKHOLM_2014
from innovera.surveys.template_codec import template_from_dict, template_to_dict
from innovera.surveys.template_editing import TemplateEditError, apply_edits, codes

BASE = template_to_dict(STOCKHOLM_2014)


def test_it_changes_a_question_text_and_keeps_the_code() -> None:
    edited = apply_edits(BASE, {"q__sa_overall__text_sv": "Hur innovativ är {org}?"})

    template = template_from_dict(edited)
    assert template.question("sa_overall").text_sv == "Hur innovativ är {org}?"
    assert codes(edited) == codes(BASE)
    assert BASE["questions"][1]["text_sv"] != "Hur innovativ är {org}?"


def test_it_adds_an_option_and_a_factor_with_new_codes() -> None:
    edited = apply_edits(
        BASE,
        {
            "newopt__idea_sources__key": "students",
            "newopt__idea_sources__label_sv": "Studenter",
            "newfactor__key": "digital_tools",
            "newfactor__text_sv": "Goda digitala verktyg",
        },
    )

    template = template_from_dict(edited)
    assert template.question("idea_sources").options[-1].label_en == "Studenter"
    assert template.factors[-1].key == "digital_tools"
    assert set(codes(BASE)) < set(codes(edited))


def test_it_refuses_an_empty_text_naming_the_field() -> None:
    with pytest.raises(TemplateEditError, match="q__uses_concept__text_sv"):
        apply_edits(BASE, {"q__uses_concept__text_sv": "  "})


@pytest.mark.parametrize("key", ["employees", "Not A Key", "1st"])
def test_it_refuses_a_new_option_key_that_is_taken_or_malformed(key: str) -> None:
    with pytest.raises(TemplateEditError, match="newopt__idea_sources__key"):
        apply_edits(BASE, {"newopt__idea_sources__key": key, "newopt__idea_sources__label_sv": "X"})


def test_an_empty_new_row_changes_nothing() -> None:
    assert apply_edits(BASE, {"newopt__idea_sources__key": "", "newfactor__key": ""}) == BASE
