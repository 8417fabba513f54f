"""A field group rendered in Python is exactly what core/forms/field.html renders."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from hypothesis import given, settings
from hypothesis import strategies as st

from innovera.core.forms import FIELD_TEMPLATE
from innovera.core.widgets import fast_choice_widgets

_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=10
)
WIDGETS: dict[str, Any] = {
    "text": lambda: (forms.CharField, {}),
    "textarea": lambda: (forms.CharField, {"widget": forms.Textarea}),
    "checkbox": lambda: (forms.BooleanField, {}),
    "date": lambda: (forms.DateField, {"widget": forms.DateInput(attrs={"type": "date"})}),
    "file": lambda: (forms.FileField, {}),
    "select": lambda: (forms.ChoiceField, {"choices": [("a", "A & B"), ("b", "<b>")]}),
    "radio": lambda: (
        forms.ChoiceField,
        {"choices": [("a", "A"), ("b", "B")], "widget": forms.RadioSelect},
    ),
    "checkboxes": lambda: (
        forms.MultipleChoiceField,
        {"choices": [("a", "A"), ("b", "B")], "widget": forms.CheckboxSelectMultiple},
    ),
}


def _template(field: BoundField) -> str:
    return str(BoundField.render(field, FIELD_TEMPLATE))


@settings(max_examples=80, deadline=None)
@given(
    kind=st.sampled_from(sorted(WIDGETS)),
    label=_text,
    help_text=_text,
    required=st.booleans(),
    bound=st.booleans(),
    value=_text,
    fast=st.booleans(),
    prefix=st.sampled_from([None, "move", 'x"<']),
)
def test_a_field_group_is_rendered_exactly_as_the_template_renders_it(
    kind: str,
    label: str,
    help_text: str,
    required: bool,
    bound: bool,
    value: str,
    fast: bool,
    prefix: str | None,
) -> None:
    field_class, options = WIDGETS[kind]()

    class Form(forms.Form):
        field = field_class(label=label or None, help_text=help_text, required=required, **options)

    form = Form({"field": value} if bound else None, prefix=prefix)
    if fast:
        fast_choice_widgets(form)
    if bound:
        form.is_valid()
        form.add_error("field", f"Fel: {value}")

    assert str(form["field"].as_field_group()) == _template(form["field"])


def test_a_form_renders_the_same_whole_form_as_through_the_templates() -> None:
    class Form(forms.Form):
        title = forms.CharField(label="Titel", help_text="<em>Kort</em>")
        hidden = forms.CharField(widget=forms.HiddenInput, required=False)
        agree = forms.BooleanField(label="Jag & du", required=False)

    form = Form({"title": ""})
    form.is_valid()
    html = str(form)

    assert "<em>Kort</em>" in html  # help texts are ours, shown as written
    assert "Jag &amp; du" in html
    assert html.count('class="ds-field"') == 2
    assert all(
        str(form[name].as_field_group()) == _template(form[name]) for name in ("title", "agree")
    )
