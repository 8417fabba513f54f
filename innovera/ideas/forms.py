from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from innovera.core.formatting import decimal
from innovera.core.uploads import ATTACHMENT_TYPES, IMAGE_TYPES, check_attachment
from innovera.core.validators import CleanTextMixin
from innovera.core.widgets import FastSelect, fast_choice_widgets
from innovera.ideas.models import (
    LONG_TEXT,
    MEDIUM_TEXT,
    Challenge,
    Criterion,
    EffectKind,
    EffectUnit,
    Idea,
    Pilot,
    PilotDecision,
    Stage,
    SubmitterRole,
    Topic,
)
from innovera.organisations.models import Unit

__all__ = ["ATTACHMENT_TYPES", "IMAGE_TYPES", "check_attachment"]  # also used by spreading


class FastChoices:
    """Select, radio and checkbox options rendered in Python (core.widgets): the handler's
    forms on the idea page hold about 155 options."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fast_choice_widgets(cast(forms.BaseForm, self))


# What a submitter writes about an idea, on the page and in the API (ideas.api.serializers).
IDEA_TEXT_FIELDS = ("title", "description", "value", "for_whom", "situation")


class IdeaForm(FastChoices, CleanTextMixin, forms.ModelForm):
    """Short, as Malmö's testbed form."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, PNG, JPEG or text, at most 10 MB."),
    )

    class Meta:
        model = Idea
        fields = (*IDEA_TEXT_FIELDS, "challenge", "submitter_role", "topics")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "value": forms.Textarea(attrs={"rows": 3}),
            "situation": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title": _("Give the idea a short title")}

    def __init__(
        self, *args: Any, challenges: Any = None, submitter: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["challenge"]).queryset = (
            challenges if challenges is not None else Challenge.objects.none()
        )
        if submitter is not None:
            role = cast(forms.ChoiceField, self.fields["submitter_role"])
            role.choices = submitter_role_choices(submitter)
            # The person's likely role is chosen already; they may change it.
            self.initial.setdefault("submitter_role", likely_submitter_role(submitter))
        self.fields["challenge"].required = False
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse("ideas:idea_similar"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#similar-ideas",
                "autocomplete": "off",
            }
        )

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        check_attachment(upload)
        return upload


# Roles only a city employee holds: a resident is not offered them.
EMPLOYEE_ROLES = (SubmitterRole.EMPLOYEE, SubmitterRole.MANAGER, SubmitterRole.OTHER_UNIT)


def likely_submitter_role(user: Any) -> str:
    """An employee (a person with a home unit) most likely submits as an employee, anyone
    else as a resident."""
    return SubmitterRole.EMPLOYEE if getattr(user, "unit_id", None) else SubmitterRole.RESIDENT


def submitter_role_choices(user: Any) -> list[tuple[str, Any]]:
    if getattr(user, "unit_id", None):
        return list(SubmitterRole.choices)
    return [(value, label) for value, label in SubmitterRole.choices if value not in EMPLOYEE_ROLES]


class StageSelect(FastSelect):
    """Marks the stages a move to which needs a reason, so the reason's label can say
    "(krävs)" for the chosen one (by CSS alone, without JavaScript)."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)
        stage = getattr(option["value"], "instance", None)
        if stage is not None and stage.requires_reason:
            option["attrs"]["data-requires-reason"] = "true"
        return option


class MoveForm(FastChoices, CleanTextMixin, forms.Form):
    to_stage = forms.ModelChoiceField(
        label=_("Move to"), queryset=Stage.objects.none(), widget=StageSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    merge_into = forms.IntegerField(label=_("Merge into idea number"), required=False)

    def __init__(self, *args: Any, stages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].queryset = stages  # type: ignore[attr-defined]
        self.fields["to_stage"].error_messages.update(
            required=_("Choose the stage to move the idea to."),
            invalid_choice=_("The idea cannot move to that stage from the stage it is in."),
        )


class ScoreForm(CleanTextMixin, forms.Form):
    def __init__(
        self, *args: Any, criteria: list[Criterion], initial_scores: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (weight %(weight)s)")
                % {
                    "name": criterion.display_name,
                    "weight": decimal(float(criterion.weight), decimals=1),
                },
                help_text=_("1 = %(low)s, 5 = %(high)s")
                % {"low": criterion.scale_low, "high": criterion.scale_high}
                if criterion.scale_low and criterion.scale_high
                else "",
                choices=[(str(v), str(v)) for v in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_scores.get(criterion.pk),
                error_messages={
                    "required": _("Score “%(name)s” from 1 to 5.")
                    % {"name": criterion.display_name}
                },
            )
        fast_choice_widgets(self)

    def values(self) -> dict[Criterion, int]:
        return {c: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class CommentForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    official = forms.BooleanField(label=_("Official answer from the unit"), required=False)


class PilotForm(FastChoices, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Pilot
        fields = ("phase", "plan", "test_site", "test_persons")
        widgets = {"plan": forms.Textarea(attrs={"rows": 3})}


class PilotDecisionForm(FastChoices, CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (PilotDecision.GO, PilotDecision.GO.label),
            (PilotDecision.NO_GO, PilotDecision.NO_GO.label),
        ],
        widget=forms.RadioSelect,
    )
    results = forms.CharField(
        label=_("Results"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SwedishDecimalField(forms.DecimalField):
    """A number as people in Sweden write it: "12,5" and "12.5" are both twelve and a half,
    and spaces between thousands ("40 000") are allowed. Shown with a decimal comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
            if text.count(",") == 1 and "." not in text:
                text = text.replace(",", ".")
            value = text
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return value
        return str(value).replace(".", ",")


class EffectForm(FastChoices, CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of effect"), choices=EffectKind.choices)
    text = forms.CharField(
        label=_("Description"), max_length=MEDIUM_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    number = SwedishDecimalField(
        label=_("Number"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("For example 12,5."),
        error_messages={"invalid": _("Write a number, for example 12,5.")},
    )
    unit = forms.ChoiceField(
        label=_("Unit"), required=False, choices=[("", _("No unit")), *EffectUnit.choices]
    )


class LessonForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Lesson"), max_length=MEDIUM_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    did_not_work = forms.BooleanField(
        label=_("It is about something that did not work"), required=False
    )


class RouteForm(FastChoices, CleanTextMixin, forms.Form):
    to_unit = forms.ModelChoiceField(
        label=_("Send to unit"), queryset=Unit.objects.order_by("name")
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClassifyForm(FastChoices, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Idea
        fields = ("innovation_type", "degree", "visibility", "topics")
        widgets = {"topics": forms.CheckboxSelectMultiple}


# What a challenge's author fills in, on the page and in the API (ideas.api.serializers).
CHALLENGE_FIELDS = (
    "title",
    "need",
    "for_whom",
    "owner_unit",
    "opens_on",
    "closes_on",
    "audience",
    "topics",
    "status",
)


def challenge_dates_error(opens_on: Any, closes_on: Any) -> StrOrPromise | None:
    if opens_on and closes_on and closes_on < opens_on:
        return _("The challenge cannot close before it opens.")
    return None


class ChallengeForm(FastChoices, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Challenge
        fields = CHALLENGE_FIELDS
        widgets = {
            "need": forms.Textarea(attrs={"rows": 4}),
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if error := challenge_dates_error(cleaned.get("opens_on"), cleaned.get("closes_on")):
            self.add_error("closes_on", error)
        return cleaned


class NotificationSettingForm(CleanTextMixin, forms.Form):
    weekly_digest = forms.BooleanField(
        label=_("Send me a weekly digest instead of an e-mail for every change"), required=False
    )
