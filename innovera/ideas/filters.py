"""The filters of the idea list, declared once (django-filter) for the page and the API.

The page renders `IdeaFilter(...).form`; the API reads the same set from its query and
describes it from it (`core.api.schema.filter_parameters`); `selectors.idea_list` narrows the
visible ideas with `IdeaFilter.narrow`. A stage is named by its key and a challenge by its
address name on both, so a page address and an API address filter the same way.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, cast

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innovera.core.forms import FilterFormMixin
from innovera.core.search_index import MAX_QUERY
from innovera.core.validators import CleanTextMixin
from innovera.core.widgets import fast_choice_widgets
from innovera.ideas.models import Challenge, Idea, InnovationType, Stage, SubmitterRole
from innovera.organisations.models import ADMINISTRATION_TYPES, Unit

SORTS = [("newest", _("Newest")), ("supported", _("Most supported")), ("score", _("Score"))]


# An unused fragment of the filter form is dropped after a day; a changed option makes a new key,
# so this bounds memory, not staleness.
FILTER_FORM_SECONDS = 24 * 60 * 60
# The columns each model select's option values and labels are made of (see `_options`).
OPTION_COLUMNS = {
    "unit": ("pk", "name"),
    "stage": ("key", "name_sv", "name_en"),
    "challenge": ("slug", "title"),
}


class IdeaFilterForm(FilterFormMixin, CleanTextMixin, forms.Form):
    """The form django-filter builds: control characters refused at the field, the selects'
    options rendered in Python (the list renders on every keystroke of the search), and without
    filters its HTML rendered once and kept in the cache."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fast_choice_widgets(self)

    def rendered_fields(self) -> SafeString:
        """The fields' HTML. Without filters it is the same for everyone who may choose among
        the same options in the same language, so it is rendered once and kept in the cache
        under a key made of the language and every option's value and label: a new or renamed
        challenge, unit or stage, or a person who may see other challenges, gets a new key."""
        if self.is_bound:
            return self._render_fields()
        digest = hashlib.sha256(
            json.dumps([get_language(), self._options()], ensure_ascii=False).encode()
        ).hexdigest()
        key = f"ideas:filter-form:{digest}"
        html = cache.get(key)
        if html is None:
            html = str(self._render_fields())
            cache.set(key, html, FILTER_FORM_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by the form here or for an equal key

    def _options(self) -> list[Any]:
        """What the options are made of: for the model selects the columns their values and
        labels come from, read as plain rows (building the model instances and their choice
        objects cost more than the page's own query); for the others their labels."""
        options: list[Any] = []
        for name, field in self.fields.items():
            if name in OPTION_COLUMNS:
                select = cast(forms.ModelChoiceField, field)
                rows = select.queryset.values_list(*OPTION_COLUMNS[name])  # type: ignore[union-attr]
                options.append([str(select.empty_label), *rows])
            elif hasattr(field.widget, "choices"):
                options.append([[str(value), str(label)] for value, label in field.widget.choices])
        return options

    def _render_fields(self) -> SafeString:
        return mark_safe("".join(str(field.as_field_group()) for field in self))  # noqa: S308 - each field group is rendered escaped


class IdeaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), max_length=MAX_QUERY, method="_search")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        field_name="owner_unit",
        queryset=Unit.objects.filter(unit_type__in=ADMINISTRATION_TYPES).order_by("name"),
        empty_label=_("All"),
    )
    unit_type = django_filters.ChoiceFilter(
        label=_("Unit type"),
        choices=[(kind.value, kind.label) for kind in ADMINISTRATION_TYPES],
        empty_label=_("All"),
        method="_unit_type",
    )
    stage = django_filters.ModelChoiceFilter(
        label=_("Stage"), queryset=Stage.objects.all(), to_field_name="key", empty_label=_("All")
    )
    challenge = django_filters.ModelChoiceFilter(
        label=_("Challenge"),
        queryset=Challenge.objects.none(),
        to_field_name="slug",
        empty_label=_("All"),
    )
    innovation_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=InnovationType.choices, empty_label=_("All")
    )
    submitter_role = django_filters.ChoiceFilter(
        label=_("Submitted by"), choices=SubmitterRole.choices, empty_label=_("All")
    )
    since = django_filters.DateFilter(
        label=_("Submitted from"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # The order, not a filter: the selector's keyset cursor pages by it.
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, empty_label=None, method="_unchanged"
    )

    class Meta:
        model = Idea
        fields: list[str] = []
        form = IdeaFilterForm

    def __init__(self, data: Any = None, *, challenges: QuerySet[Challenge], **kwargs: Any):
        """`challenges`: those the person may see (`selectors.challenge_list`); no other may
        be named, or the list would tell that a hidden one exists."""
        super().__init__(data, queryset=Idea.objects.none(), **kwargs)
        self.filters["challenge"].queryset = challenges

    @classmethod
    def filters_in(cls, data: Any) -> bool:
        """Whether the query string sets any filter (a page link alone, `?efter=`, does not)."""
        return any(data.get(name) for name in cls.base_filters)

    @property
    def chosen(self) -> dict[str, Any]:
        """The valid choices, without the empty ones; {} when the data is not valid."""
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.form.cleaned_data.items() if value}

    @classmethod
    def narrow(cls, ideas: QuerySet[Idea], chosen: dict[str, Any]) -> QuerySet[Idea]:
        """Ideas matching the chosen filters (as `chosen` gives them)."""
        filterset = cls._narrowing()
        for name, value in chosen.items():
            if name in filterset.filters and value not in (None, ""):
                ideas = filterset.filters[name].filter(ideas, value)
        return ideas

    @classmethod
    def _narrowing(cls) -> IdeaFilter:
        # Made once: a filter set copies its filters when made, and narrowing reads no state
        # of its own (it holds no data and no form), so one serves every request and thread.
        if "_narrowing_set" not in cls.__dict__:
            cls._narrowing_set = cls(challenges=Challenge.objects.none())
        return cast(IdeaFilter, cls.__dict__["_narrowing_set"])

    def _search(self, ideas: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        # Imported here: the selectors use this set to narrow their lists.
        from innovera.ideas.selectors import search

        return search(ideas, value)

    def _unit_type(self, ideas: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        # A unit's ideas count for its administration's type too.
        return ideas.filter(Q(owner_unit__unit_type=value) | Q(owner_unit__parent__unit_type=value))

    def _unchanged(self, ideas: QuerySet[Idea], name: str, value: str) -> QuerySet[Idea]:
        return ideas
