"""Forms of awards and competitions. They parse; the rules (period, eligibility, conflicts,
the scale) are the services', whose refusals `add_service_error` puts back at the field."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innovera.core.validators import CleanTextMixin
from innovera.core.widgets import FastSelect
from innovera.organisations.models import Unit
from innovera.spreading.awards_scoring import SCALE
from innovera.spreading.models import AwardCategory, AwardCriterion, GoodExample, Nomination

SUBJECTS = (
    ("unit", _("A unit")),
    ("example", _("A good example")),
    ("idea", _("An idea")),
)


class NominationForm(CleanTextMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=AwardCategory.objects.none(), empty_label=None
    )
    subject_kind = forms.ChoiceField(
        label=_("What you nominate"), choices=SUBJECTS, widget=forms.RadioSelect, initial="unit"
    )
    unit = forms.ModelChoiceField(
        label=_("The unit"),
        queryset=Unit.objects.none(),
        required=False,
        widget=FastSelect,
        help_text=_("For a unit: which one (your own or another)."),
    )
    example = forms.ModelChoiceField(
        label=_("The good example"),
        queryset=GoodExample.objects.none(),
        required=False,
        widget=FastSelect,
    )
    idea = forms.IntegerField(
        label=_("The idea's number"),
        required=False,
        min_value=1,
        help_text=_("The number in the idea's address, such as 42 in /ideer/42/."),
    )
    title = forms.CharField(
        label=_("Title of the entry"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the unit's, the example's or the idea's name."),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why it deserves the award: what was done, for whom, with which effects."),
    )

    def __init__(
        self,
        *args: Any,
        categories: QuerySet[AwardCategory],
        units: QuerySet[Unit],
        examples: QuerySet[GoodExample],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ModelChoiceField, self.fields["example"]).queryset = examples

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("subject_kind")
        if kind == "unit" and not data.get("unit"):
            self.add_error("unit", _("Choose the unit you nominate."))
        if kind == "example" and not data.get("example"):
            self.add_error("example", _("Choose the good example you nominate."))
        if kind == "idea" and not data.get("idea"):
            self.add_error("idea", _("Give the number of the idea you nominate."))
        return data


class ExternalEntryForm(CleanTextMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=AwardCategory.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    organisation = forms.CharField(
        label=_("Company or organisation"),
        max_length=200,
        required=False,
        help_text=_("Leave empty if you enter as a resident."),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a link to confirm it: until you open it, your entry is not an entry."),
    )
    title = forms.CharField(label=_("Title of the entry"), max_length=200)
    motivation = forms.CharField(
        label=_("Describe your entry"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, categories: QuerySet[AwardCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories


class ScoreForm(CleanTextMixin, forms.Form):
    """One radio group per criterion, each choice labelled with what the score means."""

    comment = forms.CharField(
        label=_("Comment to the jury (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, criteria: list[AwardCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        low, high = SCALE
        self.criteria = criteria
        scored: dict[str, forms.Field] = {}
        for criterion in criteria:
            levels = list(criterion.levels) + [""] * (high - low + 1)
            choices = [
                (
                    str(value),
                    f"{value} – {levels[value - low]}" if levels[value - low] else str(value),
                )
                for value in range(low, high + 1)
            ]
            scored[f"criterion-{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                choices=choices,
                widget=forms.RadioSelect,
                help_text=criterion.description,
                error_messages={
                    "required": _("Choose a score for “%(name)s”.") % {"name": criterion.name},
                    "invalid_choice": _("“%(name)s”: the score is a whole number from 1 to 5.")
                    % {"name": criterion.name},
                },
            )
        self.fields = {**scored, **self.fields}

    def scores(self) -> dict[int, Any]:
        return {c.pk: self.cleaned_data.get(f"criterion-{c.pk}") for c in self.criteria}


class ConflictForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why (seen by the chair and the innovation office)"),
        max_length=500,
        required=False,
    )


class DecisionForm(CleanTextMixin, forms.Form):
    """A checkbox and a public motivation per entry: the chair's decision."""

    def __init__(self, *args: Any, entries: list[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = entries
        for entry in entries:
            self.fields[f"winner-{entry.pk}"] = forms.BooleanField(
                label=_("“%(title)s” wins") % {"title": entry.title},
                required=False,
                initial=entry.is_winner,
            )
            self.fields[f"motivation-{entry.pk}"] = forms.CharField(
                label=_("Public motivation for “%(title)s”") % {"title": entry.title},
                max_length=2000,
                required=False,
                initial=entry.public_motivation,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def winners(self) -> dict[int, str]:
        return {
            entry.pk: self.cleaned_data.get(f"motivation-{entry.pk}") or ""
            for entry in self.entries
            if self.cleaned_data.get(f"winner-{entry.pk}")
        }
