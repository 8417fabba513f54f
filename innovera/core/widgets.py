"""Choice widgets rendered in Python: the same HTML as Django's templates, without two or three
templates per option.

The idea list's filter form has about a hundred options and the idea page's handler forms
about 155; rendering them through Django's template-per-option widgets cost 15 ms and 60 ms of
CPU per page, most of either page (benchmarks/RESULTS.md). These widgets take the options from
Django's own `optgroups()` (so selection, ids and inherited attributes are Django's) and only
replace the templates, character for character: `core/tests/test_widgets.py` compares their
output with the template-rendered widgets' for arbitrary labels and values.

`fast_choice_widgets(form)` swaps a form's plain Select, RadioSelect and CheckboxSelectMultiple
widgets for these; fields added after it runs keep their widgets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def _text(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: the filter makes a plain string, so it is always
    escaped, even when it was marked safe."""
    return escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html: in order, False left out, True as a bare name."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(option: dict[str, Any]) -> str:
    """django/forms/widgets/input.html for one option."""
    value = option["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return (
        f'<input type="{conditional_escape(option["type"])}" '
        f'name="{conditional_escape(option["name"])}"{shown}{_attrs(option["attrs"])}>'
    )


class FastSelect(forms.Select):
    """django/forms/widgets/select.html and select_option.html."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        context = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(name)}"{_attrs(context["attrs"])}>']
        for group_name, options, _index in context["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{_text(option["value"])}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


class _FastMultipleInput:
    """innovera/templates/django/forms/widgets/multiple_input.html and input_option.html (the
    Designsystemet markup of radios and checkboxes)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        context = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        identifier = context["attrs"].get("id")
        parts = [f'<div id="{conditional_escape(identifier)}"' if identifier else "<div"]
        parts.append(' class="options">')
        for _group, options, _index in context["optgroups"]:
            for option in options:
                option_id = option["attrs"].get("id")
                label_for = f' for="{conditional_escape(option_id)}"' if option_id else ""
                parts.append(
                    f'<div class="ds-field option">{_input(option)}\n'
                    f'<label class="ds-label" data-weight="regular"{label_for}>'
                    f"{conditional_escape(option['label'])}</label></div>\n\n"
                )
        parts.append("</div>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


class FastRadioSelect(_FastMultipleInput, forms.RadioSelect):
    pass


class FastCheckboxSelectMultiple(_FastMultipleInput, forms.CheckboxSelectMultiple):
    pass


FAST = {
    forms.Select: FastSelect,
    forms.RadioSelect: FastRadioSelect,
    forms.CheckboxSelectMultiple: FastCheckboxSelectMultiple,
}


class PlainModelChoiceIterator(ModelChoiceIterator):
    """A model field's options from one plain query. Django's iterator reads them through
    `QuerySet.iterator()`, which on PostgreSQL is a server-side cursor (DECLARE, FETCH, CLOSE:
    several round trips for a few dozen rows), and `list()` of it counts the rows first."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


def fast_choice_widgets(form: forms.BaseForm) -> None:
    """Give each field with exactly Django's Select, RadioSelect or CheckboxSelectMultiple the
    Python-rendered twin, with the same attributes and choices, and a model field the plain
    iterator. A subclass of those (someone's own widget) is left alone."""
    for field in form.fields.values():
        fast = FAST.get(type(field.widget))
        if fast is None:
            continue
        old = field.widget
        field.widget = fast(attrs=old.attrs, choices=old.choices)
        field.widget.is_required = old.is_required
        if isinstance(field, forms.ModelChoiceField) and field.iterator is ModelChoiceIterator:
            # An instance attribute: the field's queryset setter builds the widget's choices
            # from it, now and whenever a view sets another queryset.
            field.iterator = PlainModelChoiceIterator
            field.widget.choices = field.choices
