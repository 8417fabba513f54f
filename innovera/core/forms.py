"""Form rendering shared by every app: Designsystemet markup and an error summary."""

from __future__ import annotations

from typing import Any

from django.forms import BoundField, Widget
from django.forms.renderers import TemplatesSetting


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


class InnoveraFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = InnoveraBoundField
