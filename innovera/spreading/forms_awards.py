"""Forms of awards and competitions. They parse; the rules (period, eligibility, conflicts,
the scale) are the services', whose refusals `refusal_shown` puts back at the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innovera.core.validators import CleanTextMixin
from innovera.core.widgets import FastSelect
from innovera.organisations.models import Unit, UnitType
from innovera.spreading.awards_scoring import SCALE
from innovera.spreading.models import (
    AwardCategory,
    AwardCriterion,
    AwardProgramme,
    Entrants,
    GoodExample,
    Nomination,
    ProgrammeKind,
)

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


# --- the innovation office's set-up ------------------------------------------------------------

# The blank criterion rows the round form offers; a row without a name is left out.
CRITERION_ROWS = 3


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(CleanTextMixin, forms.Form):
    """A new round (and, when none fits, a new programme): what `round_create` needs. It only
    parses: every rule of a round (a programme or a new one's name, the period, a category, a
    criterion, five score texts) is the service's, shown at the field `service_fields` names."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=AwardProgramme.objects.none(),
        required=False,
        empty_label=_("A new programme (name it below)"),
    )
    programme_name = forms.CharField(
        label=_("Name of the new programme"),
        max_length=200,
        required=False,
        help_text=_("Only when the round belongs to a programme not in the list."),
    )
    programme_kind = forms.ChoiceField(
        label=_("Kind of the new programme"),
        choices=ProgrammeKind.choices,
        initial=ProgrammeKind.AWARD,
        required=False,
    )
    title = forms.CharField(label=_("Title of the round"), max_length=200)
    award_name = forms.CharField(
        label=_("The award's name in a sentence"),
        max_length=200,
        required=False,
        help_text=_(
            "As in “… won förnyelsepriset 2026 with the motivation …”. Empty: the programme's name."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    nomination_opens = forms.DateField(label=_("Nominations open"), widget=_date_widget())
    nomination_closes = forms.DateField(
        label=_("Nominations close"),
        widget=_date_widget(),
        help_text=_("The last day a nomination is taken. The jury scores after it."),
    )
    entrants = forms.ChoiceField(
        label=_("Who may enter"), choices=Entrants.choices, initial=Entrants.INTERNAL
    )
    eligible_unit_types = forms.MultipleChoiceField(
        label=_("Unit types that may be nominated"),
        choices=[choice for choice in UnitType.choices if choice[0] != UnitType.CITY],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: any unit may be nominated."),
    )
    categories = forms.CharField(
        label=_("Categories"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One category a line."),
    )

    def __init__(self, *args: Any, programmes: QuerySet[AwardProgramme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = programmes
        low, high = SCALE
        for n in range(1, CRITERION_ROWS + 1):
            self.fields[f"criterion-{n}-name"] = forms.CharField(
                label=_("Criterion %(n)s: name") % {"n": n},
                max_length=200,
                required=False,
                help_text=_("Leave empty for no criterion here.") if n > 1 else "",
            )
            self.fields[f"criterion-{n}-weight"] = forms.DecimalField(
                label=_("Criterion %(n)s: weight") % {"n": n},
                required=False,
                initial=1,
                min_value=Decimal("0.01"),
                max_value=Decimal("999.99"),
                decimal_places=2,
                localize=True,
                help_text=_("A number above zero, such as 1 or 1,5."),
            )
            self.fields[f"criterion-{n}-levels"] = forms.CharField(
                label=_("Criterion %(n)s: what each score means") % {"n": n},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": high - low + 1}),
                help_text=_("Five lines: what the scores 1, 2, 3, 4 and 5 mean, in that order."),
            )

    def criterion_rows(self) -> list[list[forms.BoundField]]:
        """The criterion fields grouped per row, for the template's fieldsets."""
        return [
            [self[f"criterion-{n}-{part}"] for part in ("name", "weight", "levels")]
            for n in range(1, CRITERION_ROWS + 1)
        ]

    def _named_rows(self) -> list[int]:
        """The criterion rows filled in (a row without a name is left out), in order."""
        return [
            n
            for n in range(1, CRITERION_ROWS + 1)
            if (self.cleaned_data.get(f"criterion-{n}-name") or "").strip()
        ]

    def category_list(self) -> list[tuple[str, str]]:
        text = self.cleaned_data.get("categories") or ""
        return [(line.strip(), "") for line in text.splitlines() if line.strip()]

    def criteria(self) -> list[dict[str, Any]]:
        rows = []
        for n in self._named_rows():
            levels = self.cleaned_data.get(f"criterion-{n}-levels") or ""
            rows.append(
                {
                    "name": self.cleaned_data[f"criterion-{n}-name"].strip(),
                    "weight": self.cleaned_data.get(f"criterion-{n}-weight") or 1,
                    "levels": [line for line in levels.splitlines() if line.strip()],
                }
            )
        return rows

    def service_fields(self) -> dict[str, str]:
        """This form's field for each field a refusal of `round_create` names: a criterion,
        named by its place among `criteria()`, is the row it was typed in; "none at all" is
        said at the first row."""
        fields = {"criteria": "criterion-1-name"}
        for at, n in enumerate(self._named_rows()):
            for part in ("name", "weight", "levels"):
                fields[f"criteria.{at}.{part}"] = f"criterion-{n}-{part}"
        return fields


class JurorForm(CleanTextMixin, forms.Form):
    """Seat an employee on the jury by their e-mail address, as groups invite members."""

    email = forms.EmailField(label=_("The employee's e-mail address"))
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=AwardCategory.objects.none(),
        required=False,
        empty_label=_("Every category"),
    )
    is_chair = forms.BooleanField(label=_("Chair of the jury"), required=False)

    def __init__(self, *args: Any, categories: QuerySet[AwardCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories
