"""Form rendering shared by every app: Designsystemet markup, an error summary, and a
service's refusal shown at the field it names."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from django.forms import BaseForm, BoundField, Widget
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from innovera.core.exceptions import ApplicationError, PermissionRefused


def add_service_error(
    form: BaseForm, error: ApplicationError, *, fields: Mapping[str, str] | None = None
) -> None:
    """The service's refusal at the form's field it names (`fields`: the form's name for a
    service's field where the two differ), else at the top of the form; refusals raised
    together (`Refusals`) each at its own field. The form keeps what the person typed."""
    for refusal in error.refusals:
        field = (fields or {}).get(refusal.field or "", refusal.field)
        form.add_error(field if field in form.fields else None, str(refusal.message))


@contextmanager
def refusal_shown(form: BaseForm, *, fields: Mapping[str, str] | None = None) -> Iterator[None]:
    """Within it a service's refusal is not raised: it goes on `form` (`add_service_error`) and
    the view carries on after the block, showing the form again with what the person typed. So a
    form view says once what it does when the service says no."""
    try:
        yield
    except PermissionRefused:
        raise  # not a problem of what was typed: the 403 page, as without the block
    except ApplicationError as error:
        add_service_error(form, error, fields=fields)


class InnoveraBoundField(BoundField):
    """Ties each input to its description and its error message for screen readers."""

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if getattr(widget, "input_type", None) != "hidden":
            attrs["class"] = f"{attrs.get('class', '')} ds-input".strip()
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
        if described_by and not self.field.widget.use_fieldset:
            attrs["aria-describedby"] = " ".join(described_by)
        elif not described_by:
            attrs.pop("aria-describedby", None)
        return attrs

    def as_field_group(self) -> SafeString:
        if self.template_name != FIELD_TEMPLATE:
            return cast(SafeString, super().as_field_group())
        return field_group(self)


FIELD_TEMPLATE = "core/forms/field.html"


def field_group(field: BoundField) -> SafeString:
    """core/forms/field.html, character for character, in Python: a page of handler forms has
    two dozen fields, and the template cost about a millisecond each. The template stays the
    reference: core/tests/test_forms_rendering.py compares the two for every kind of field."""
    auto_id = conditional_escape(field.auto_id)
    label = conditional_escape(field.label)
    optional = (
        ""
        if field.field.required
        else f' <span class="muted">({conditional_escape(gettext("optional"))})</span>'
    )
    help_text = (
        f'<div data-field="description" id="{auto_id}_helptext">{field.help_text}</div>'
        if field.help_text
        else ""
    )
    errors = (
        f'<div class="ds-validation-message" data-field="validation" id="{auto_id}_error">'
        + "".join(
            f'<p class="ds-paragraph">{conditional_escape(cast(Any, e))}</p>' for e in field.errors
        )
        + "</div>"
        if field.errors
        else ""
    )
    widget = conditional_escape(cast(Any, field))
    if field.use_fieldset:
        described = f' aria-describedby="{auto_id}_error"' if field.errors else ""
        html = (
            f'\n<fieldset class="ds-fieldset"{described}>\n'
            f'  <legend class="ds-label">{label}{optional}</legend>\n'
            f"  {help_text}\n  {errors}\n  {widget}\n</fieldset>\n"
        )
    elif field.widget_type == "checkbox":
        html = (
            f'\n<div class="ds-field">\n  {widget}\n'
            f'  <label class="ds-label" for="{conditional_escape(field.id_for_label)}"'
            f' data-weight="regular">{label}</label>\n'
            f"  {help_text}\n  {errors}\n</div>\n"
        )
    else:
        html = (
            f'\n<div class="ds-field">\n'
            f'  <label class="ds-label" for="{conditional_escape(field.id_for_label)}">'
            f"{label}{optional}</label>\n"
            f"  {help_text}\n  {errors}\n  {widget}\n</div>\n"
        )
    # The form renderer strips what a template renders.
    return mark_safe(html.strip())  # noqa: S308 - escaped above; help texts are ours, as |safe


class FilterFormMixin:
    """A form that narrows a list (filters, search boxes). Every field of it is optional, so
    the renderer does not mark each one "(frivilligt)" (issue 9): the mark helps only where
    most fields must be filled in."""

    marks_optional = False


class InnoveraFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = InnoveraBoundField
