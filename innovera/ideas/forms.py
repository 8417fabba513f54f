from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from innovera.core.uploads import ATTACHMENT_TYPES, IMAGE_TYPES, check_attachment
from innovera.core.validators import CleanTextMixin
from innovera.ideas.models import (
    LONG_TEXT,
    MEDIUM_TEXT,
    Challenge,
    Criterion,
    EffectKind,
    Idea,
    Pilot,
    PilotDecision,
    Stage,
    Topic,
)
from innovera.organisations.models import Unit

__all__ = ["ATTACHMENT_TYPES", "IMAGE_TYPES", "check_attachment"]  # also used by spreading


class IdeaForm(CleanTextMixin, forms.ModelForm):
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
        fields = (
            "title",
            "description",
            "value",
            "for_whom",
            "situation",
            "challenge",
            "submitter_role",
            "topics",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "value": forms.Textarea(attrs={"rows": 3}),
            "situation": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title": _("Give the idea a short title")}

    def __init__(self, *args: Any, challenges: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["challenge"]).queryset = (
            challenges if challenges is not None else Challenge.objects.none()
        )
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


class MoveForm(CleanTextMixin, forms.Form):
    to_stage = forms.ModelChoiceField(label=_("Move to"), queryset=Stage.objects.none())
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


class ScoreForm(CleanTextMixin, forms.Form):
    def __init__(
        self, *args: Any, criteria: list[Criterion], initial_scores: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name_sv,
                choices=[(str(v), str(v)) for v in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_scores.get(criterion.pk),
            )

    def values(self) -> dict[Criterion, int]:
        return {c: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class CommentForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    official = forms.BooleanField(label=_("Official answer from the unit"), required=False)


class PilotForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Pilot
        fields = ("phase", "plan", "test_site", "test_persons")
        widgets = {"plan": forms.Textarea(attrs={"rows": 3})}


class PilotDecisionForm(CleanTextMixin, forms.Form):
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


class EffectForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of effect"), choices=EffectKind.choices)
    text = forms.CharField(
        label=_("Description"), max_length=MEDIUM_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    number = forms.DecimalField(label=_("Number"), required=False, max_digits=14, decimal_places=2)


class LessonForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Lesson"), max_length=MEDIUM_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    did_not_work = forms.BooleanField(
        label=_("It is about something that did not work"), required=False
    )


class RouteForm(CleanTextMixin, forms.Form):
    to_unit = forms.ModelChoiceField(
        label=_("Send to unit"), queryset=Unit.objects.order_by("name")
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClassifyForm(CleanTextMixin, forms.ModelForm):
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


class ChallengeForm(CleanTextMixin, forms.ModelForm):
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
