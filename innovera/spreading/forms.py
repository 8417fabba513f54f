"""Forms of the spreading app: they parse and say what is wrong at the field, in Swedish.

Rules that need the database or span models live in `services`; its `ApplicationError` is put
back at the field it names (`core.forms.add_service_error`; each of several raised together at its own),
so the page says one thing either way.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innovera.core.forms import FilterFormMixin
from innovera.core.uploads import IMAGE_TYPES, check_attachment
from innovera.core.validators import CleanTextMixin
from innovera.core.widgets import FastSelect
from innovera.ideas.models import Topic
from innovera.organisations.models import Unit, UnitType
from innovera.spreading.models import (
    AdoptionStatus,
    Booking,
    CampaignWeek,
    ExampleFigure,
    ExampleStatus,
    GoodExample,
    KnowledgeSession,
)
from innovera.spreading.models.examples import EXAMPLE_WRITTEN_FIELDS
from innovera.spreading.services import SESSION_FIELDS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class ExampleForm(CleanTextMixin, forms.ModelForm[GoodExample]):
    unit = forms.ModelChoiceField(label=_("The example's unit"), queryset=Unit.objects.none())
    topics = forms.ModelMultipleChoiceField(
        label=_("Area"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    unit_types = forms.MultipleChoiceField(
        label=_("Suits these unit types"),
        choices=UnitType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = GoodExample
        fields = EXAMPLE_WRITTEN_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "summary",
                "problem",
                "what_was_done",
                "effects",
                "costs",
                "how_to_adopt",
                "what_you_need",
                "pitfalls",
                "did_not_work",
            )
        }
        help_texts = {
            "how_to_adopt": _("The steps another unit takes, in order."),
            "did_not_work": _("Failures are results too: what would you do differently?"),
        }

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        if self.instance.pk:
            self.fields.pop("unit")
            self.initial.setdefault("topics", list(self.instance.topics.all()))
            self.initial.setdefault(
                "unit_types", [row.unit_type for row in self.instance.unit_types.all()]
            )


class ExampleFilterForm(FilterFormMixin, CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ModelChoiceField(
        label=_("Area"), queryset=Topic.objects.all(), required=False, empty_label=_("All")
    )
    unit_type = forms.ChoiceField(
        label=_("Suits unit type"), required=False, choices=[("", _("All")), *UnitType.choices]
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ExampleStatus.choices]
    )
    adopted = forms.BooleanField(label=_("Has been adopted"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("newest", _("Newest")), ("most_adopted", _("Most adopted"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.filter(
            good_examples__publication="published"
        ).distinct()
        # The list renders on every search; options in Python, not two templates each.
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)


class ImageForm(CleanTextMixin, forms.Form):
    image = forms.FileField(label=_("Image"), help_text=_("PNG or JPEG, at most 10 MB."))
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the image shows, for those who cannot see it."),
        error_messages={
            "required": _("Describe the image in an alternative text, for those who cannot see it.")
        },
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def clean_image(self) -> Any:
        upload = self.cleaned_data["image"]
        check_attachment(upload, IMAGE_TYPES)
        return upload


class AttachmentForm(CleanTextMixin, forms.Form):
    attachment = forms.FileField(
        label=_("Attachment"),
        help_text=_("PDF, Word, Excel, PowerPoint, PNG, JPEG or text, at most 10 MB."),
    )

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data["attachment"]
        check_attachment(upload)
        return upload


class FigureForm(CleanTextMixin, forms.ModelForm[ExampleFigure]):
    class Meta:
        model = ExampleFigure
        fields = ("label", "number", "unit_of_measure")


class AdoptForm(CleanTextMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Our unit"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        if len(units) == 1:
            self.initial.setdefault("unit", units[0])


class AdoptionForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AdoptionStatus.choices)
    changes = forms.CharField(
        label=_("What you changed from the original"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lessons = forms.CharField(
        label=_("Lessons"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    drop_reason = forms.CharField(
        label=_("Why it was dropped"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the status is “dropped”."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == AdoptionStatus.DROPPED and not data.get("drop_reason", "").strip():
            self.add_error(
                "drop_reason", _("Say why the adoption was dropped: others learn from it.")
            )
        return data


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class SessionForm(CleanTextMixin, forms.ModelForm[KnowledgeSession]):
    online_url = forms.URLField(
        label=_("Online link"), required=False, max_length=200, assume_scheme="https"
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=0,
        error_messages={"min_value": _("The number of places cannot be below zero.")},
    )

    class Meta:
        model = KnowledgeSession
        fields = SESSION_FIELDS
        widgets = {
            "learn": forms.Textarea(attrs={"rows": 3}),
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "booking_deadline": DateTimeInput(),
        }
        help_texts = {
            "starts_at": _("Stockholm time."),
            "open_to_residents": _("Otherwise only city employees see and book the session."),
        }

    def __init__(self, *args: Any, examples: QuerySet[GoodExample], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["example"]).queryset = examples
        cast(forms.ModelChoiceField, self.fields["campaign"]).queryset = CampaignWeek.objects.all()
        for name in ("starts_at", "ends_at", "booking_deadline"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = [DATETIME_FORMAT]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends, deadline = (
            data.get("starts_at"),
            data.get("ends_at"),
            data.get("booking_deadline"),
        )
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        if starts and deadline and deadline > starts:
            self.add_error("booking_deadline", _("Bookings must close before the session starts."))
        if not data.get("place", "").strip() and not data.get("online_url", "").strip():
            self.add_error("place", _("Give a place or an online link."))
        return data


class CampaignForm(CleanTextMixin, forms.ModelForm[CampaignWeek]):
    class Meta:
        model = CampaignWeek
        fields = ("title", "starts_on", "ends_on", "description")
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.person.full_name)


class AttendanceForm(CleanTextMixin, forms.Form):
    attended = PeopleChoiceField(
        label=_("Attended"),
        queryset=Booking.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, bookings: list[Booking], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["attended"])
        field.queryset = Booking.objects.filter(pk__in=[b.pk for b in bookings]).select_related(
            "person"
        )
        self.initial.setdefault("attended", [b.pk for b in bookings if b.attended])
