"""Forms of the followup app: the period of a dashboard and a goal."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.forms import FilterFormMixin
from innovera.core.validators import CleanTextMixin
from innovera.followup.indicators import INDICATORS, Period
from innovera.followup.models import Goal
from innovera.organisations.models import Unit

PRESETS = (
    ("12m", _("The last 12 months")),
    ("year", _("This year so far")),
    ("last_year", _("Last year")),
    ("custom", _("Dates of my own")),
)
# Any period, but not a century: the counting reads every idea in it.
LONGEST_PERIOD_DAYS = 3660


def preset_period(preset: str, today: datetime.date) -> Period:
    if preset == "year":
        return Period(datetime.date(today.year, 1, 1), today)
    if preset == "last_year":
        return Period(datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31))
    return Period(today - datetime.timedelta(days=364), today)


class PeriodForm(FilterFormMixin, CleanTextMixin, forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PRESETS, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if start is None:
            self.add_error("start", _("Give the first day of the period."))
        if end is None:
            self.add_error("end", _("Give the last day of the period."))
        if start and end:
            if end < start:
                self.add_error("end", _("The period cannot end before it starts."))
            elif (end - start).days > LONGEST_PERIOD_DAYS:
                self.add_error("end", _("Choose a period of at most ten years."))
        return data

    def chosen_period(self, today: datetime.date | None = None) -> Period:
        """The chosen period; the last 12 months when the form is empty or wrong."""
        today = today or timezone.localdate()
        if not self.is_bound or not self.is_valid():
            return preset_period("12m", today)
        data = self.cleaned_data
        if data.get("period") == "custom":
            return Period(data["start"], data["end"])
        return preset_period(data.get("period") or "12m", today)


class GoalForm(CleanTextMixin, forms.ModelForm[Goal]):
    indicator = forms.ChoiceField(
        label=_("Measured by"),
        required=False,
        help_text=_("An indicator fills in the outcome by itself; without one, enter it by hand."),
    )

    class Meta:
        model = Goal
        fields = (
            "unit",
            "indicator",
            "title",
            "comparison",
            "target",
            "period_start",
            "period_end",
            "manual_outcome",
        )
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "title": _(
                "Required for a goal without an indicator, e.g. “Every unit has an idea routine”."
            ),
            "manual_outcome": _("Only for goals without an indicator, once the period is over."),
        }

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast("forms.ModelChoiceField[Unit]", self.fields["unit"])
        unit_field.queryset = units if units is not None else Unit.objects.none()
        indicator_field = cast("forms.ChoiceField", self.fields["indicator"])
        indicator_field.choices = [
            ("", _("No indicator: a goal of my own")),
            *((indicator.code, indicator.name) for indicator in INDICATORS),
        ]
        self.fields["title"].required = False
