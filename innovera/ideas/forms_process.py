"""Forms of the innovation office's process settings; the rules themselves are in
`process_services`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from innovera.core.validators import CleanTextMixin
from innovera.ideas.models import Stage, Topic, Transition
from innovera.ideas.process_services import MAX_WEIGHT, TRANSITION_ROLES
from innovera.organisations.models import Role, Unit


class StageForm(CleanTextMixin, forms.Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_(
            "Lower-case letters a–z, digits, hyphens and underscores, for exports and the API. "
            "It cannot be changed later."
        ),
    )
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=100)
    name_en = forms.CharField(label=_("Name in English"), max_length=100)
    order = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=32767,
        help_text=_("Stages are shown from the lowest number up."),
    )
    is_initial = forms.BooleanField(
        label=_("New ideas start here"),
        required=False,
        help_text=_(
            "One stage is where new ideas start. Marking this stage takes the mark off the one "
            "that has it now."
        ),
    )
    requires_reason = forms.BooleanField(
        label=_("A move here needs a reason"),
        required=False,
        help_text=_("The reason is shown to everyone who can see the idea."),
    )

    def __init__(self, *args: Any, stage: Stage | None = None, **kwargs: Any) -> None:
        if stage is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name_sv": stage.name_sv,
                    "name_en": stage.name_en,
                    "order": stage.order,
                    "is_initial": stage.is_initial,
                    "requires_reason": stage.requires_reason,
                },
            )
        super().__init__(*args, **kwargs)
        if stage is not None:
            del self.fields["key"]

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"].lower()
        if Stage.objects.filter(key=key).exists():
            raise forms.ValidationError(
                _("Another stage has the key “%(key)s”; choose another."), params={"key": key}
            )
        return key


class RolesField(forms.MultipleChoiceField):
    """The roles that may make one move, as checkboxes under the move's name."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        # Its own field template: a legend without the "(optional)" every field here would get.
        kwargs.setdefault("template_name", "ideas/process/_roles_field.html")
        super().__init__(**kwargs)


class TransitionTableForm(CleanTextMixin, forms.Form):
    """One group of role checkboxes for every move from one stage to another: a move is
    allowed when at least one role may make it."""

    def __init__(
        self,
        *args: Any,
        stages: Iterable[Stage],
        transitions: Iterable[Transition],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.stages = list(stages)
        current = {(t.from_stage_id, t.to_stage_id): t.role_list for t in transitions}
        role_choices = [(role, Role(role).label) for role in TRANSITION_ROLES]
        self.pairs: dict[str, tuple[Stage, Stage]] = {}
        for source in self.stages:
            for target in self.stages:
                if source.pk == target.pk:
                    continue
                name = f"move_{source.pk}_{target.pk}"
                self.pairs[name] = (source, target)
                self.fields[name] = RolesField(
                    label=f"{source.name_sv} → {target.name_sv}",
                    choices=role_choices,
                    initial=current.get((source.pk, target.pk), []),
                )

    def groups(self) -> list[tuple[Stage, list[BoundField]]]:
        """The fields by the stage the moves start from, in the stages' order."""
        return [
            (
                source,
                [self[name] for name, (start, _end) in self.pairs.items() if start.pk == source.pk],
            )
            for source in self.stages
        ]

    def roles_by_pair(self) -> dict[tuple[Stage, Stage], list[str]]:
        return {pair: self.cleaned_data[name] for name, pair in self.pairs.items()}


class CriterionForm(CleanTextMixin, forms.Form):
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=100)
    name_en = forms.CharField(label=_("Name in English"), max_length=100)
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=0,
        max_value=MAX_WEIGHT,
        max_digits=4,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_(
            "From 0 to 10, with up to two decimals. A criterion with weight 2 counts twice as "
            "much as one with weight 1; weight 0 does not count."
        ),
    )
    active = forms.BooleanField(
        label=_("In use"),
        required=False,
        help_text=_(
            "Coordinators score ideas on the criteria in use; scores on the others are kept "
            "but do not count."
        ),
    )
    # What the ends of the 1–5 scale mean, shown beside the scoring radios ("1 = hög kostnad").
    scale_low_sv = forms.CharField(
        label=_("1 means (Swedish)"),
        max_length=100,
        required=False,
        help_text=_("For example “hög kostnad”. Shown to those who score."),
    )
    scale_high_sv = forms.CharField(
        label=_("5 means (Swedish)"),
        max_length=100,
        required=False,
        help_text=_("For example “låg kostnad”."),
    )
    scale_low_en = forms.CharField(label=_("1 means (English)"), max_length=100, required=False)
    scale_high_en = forms.CharField(label=_("5 means (English)"), max_length=100, required=False)


class RoutingRuleForm(CleanTextMixin, forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.order_by("name"), required=False
    )
    new_topic = forms.CharField(
        label=_("Or a new topic"),
        max_length=100,
        required=False,
        help_text=_("Write a name here to create the topic, if it is not in the list."),
    )
    unit = forms.ModelChoiceField(
        label=_("Send the ideas to"), queryset=Unit.objects.order_by("name")
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        new_topic = " ".join(cleaned.get("new_topic", "").split())
        cleaned["new_topic"] = new_topic
        if cleaned.get("topic") is None and not new_topic and "topic" not in self.errors:
            self.add_error("topic", _("Choose a topic, or write the name of a new one."))
        elif cleaned.get("topic") is not None and new_topic:
            self.add_error("new_topic", _("Choose a topic or write a new one, not both."))
        return cleaned
