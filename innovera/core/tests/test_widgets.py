from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django import forms
from django.forms.widgets import ChoiceWidget
from hypothesis import given, settings
from hypothesis import strategies as st

from innovera.core.forms import InnoveraFormRenderer
from innovera.core.widgets import (
    FastCheckboxSelectMultiple,
    FastRadioSelect,
    FastSelect,
    fast_choice_widgets,
)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((tag, tuple(sorted(attrs))))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.events.append(("text", (("", data.strip()),)))


def parsed(html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    collector = _Collect()
    collector.feed(html)
    return collector.events


def test_it_renders_what_djangos_select_renders_with_escaping_and_the_choice_kept() -> None:
    choices = [("", "Alla"), ("1", "Bromma & Co"), ("2", "<script>")]
    attrs = {"id": "id_unit", "class": "ds-input"}

    ours = FastSelect(choices=choices, attrs=attrs).render("unit", "1")
    djangos = forms.Select(choices=choices, attrs=attrs).render("unit", "1")

    assert parsed(ours) == parsed(djangos)
    assert "<script>" not in ours


# Exactly Django's output, through the project's renderer (its own radio and checkbox markup),
# for any labels and values, chosen or not: the fast widgets replace templates, not behaviour.
_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12
)
_choices = st.lists(st.tuples(_text, _text), max_size=6, unique_by=lambda pair: pair[0])
_attrs = st.fixed_dictionaries(
    {"id": st.sampled_from(["id_unit", "", 'x"<y']), "class": st.just("ds-input")},
    optional={"aria-describedby": _text, "required": st.booleans()},
)


@pytest.mark.parametrize(
    ("fast", "django_widget", "multiple"),
    [
        (FastSelect, forms.Select, False),
        (FastRadioSelect, forms.RadioSelect, False),
        (FastCheckboxSelectMultiple, forms.CheckboxSelectMultiple, True),
    ],
)
@settings(max_examples=60, deadline=None)
@given(choices=_choices, attrs=_attrs, data=st.data())
def test_the_fast_widgets_render_exactly_what_djangos_templates_render(
    fast: type[ChoiceWidget],
    django_widget: type[ChoiceWidget],
    multiple: bool,
    choices: list[tuple[str, str]],
    attrs: dict[str, object],
    data: st.DataObject,
) -> None:
    keys = [key for key, _label in choices]
    if multiple:
        value: object = data.draw(st.lists(st.sampled_from(keys), max_size=3)) if keys else []
    else:
        value = data.draw(st.sampled_from(keys)) if keys else None
    renderer = InnoveraFormRenderer()

    ours = fast(choices=choices, attrs=attrs).render("field", value, renderer=renderer)
    djangos = django_widget(choices=choices, attrs=attrs).render("field", value, renderer=renderer)

    assert ours == djangos


def test_grouped_options_render_as_djangos_optgroups() -> None:
    choices = [("", "Alla"), ("Förvaltningar", [("1", "Bromma"), ("2", "Kista & Rinkeby")])]
    renderer = InnoveraFormRenderer()

    ours = FastSelect(choices=choices).render("unit", "2", renderer=renderer)

    assert ours == forms.Select(choices=choices).render("unit", "2", renderer=renderer)
    assert '<optgroup label="Förvaltningar">' in ours


class _Handled(forms.Form):
    stage = forms.ChoiceField(choices=[("1", "Inkommen")])
    scores = forms.ChoiceField(choices=[("1", "1")], widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    own = forms.ChoiceField(choices=[("1", "1")], widget=type("Own", (forms.Select,), {}))


def test_a_form_gets_the_fast_twins_of_djangos_choice_widgets_and_keeps_its_own() -> None:
    form = _Handled()
    before = str(form)

    fast_choice_widgets(form)

    assert type(form.fields["stage"].widget) is FastSelect
    assert type(form.fields["scores"].widget) is FastRadioSelect
    assert type(form.fields["topics"].widget) is FastCheckboxSelectMultiple
    assert type(form.fields["own"].widget).__name__ == "Own"
    assert str(form) == before
