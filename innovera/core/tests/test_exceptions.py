"""A service's refusals: one at a time, or gathered and raised together."""

from __future__ import annotations

import pytest

from innovera.core.exceptions import (
    ApplicationError,
    PermissionRefused,
    RefusalCollector,
    Refusals,
)


def _positive(value: int) -> int:
    if value <= 0:
        raise ApplicationError("Ett tal över noll.", field="amount")
    return value


def test_a_single_error_is_its_own_one_refusal() -> None:
    error = ApplicationError("Ge en rubrik.", field="title")

    assert error.refusals == [error]


def test_refusals_say_every_message_and_keep_each_field() -> None:
    title = ApplicationError("Ge en rubrik.", field="title", status=409)
    period = ApplicationError("Perioden är fel.", field="closes")
    refused = Refusals([title, Refusals([period, ApplicationError("Något saknas.")])])

    assert [(error.field, str(error.message)) for error in refused.refusals] == [
        ("title", "Ge en rubrik."),
        ("closes", "Perioden är fel."),
        (None, "Något saknas."),
    ]
    # A caller that knows only the one error still says everything, with the first's status.
    assert isinstance(refused, ApplicationError) and refused.field is None
    assert str(refused) == "Ge en rubrik. Perioden är fel. Något saknas."
    assert refused.status == 409


def test_refusals_without_a_refusal_is_a_mistake() -> None:
    with pytest.raises(ValueError):
        Refusals([])


def test_the_collector_gathers_every_refusal_and_raises_them_together() -> None:
    refused = RefusalCollector()
    refused.add("Ge en rubrik.", field="title")
    assert refused.checked(_positive, 3) == 3
    assert refused.checked(_positive, 0) is None

    with pytest.raises(Refusals) as raised:
        refused.raise_any()

    assert [error.field for error in raised.value.refusals] == ["title", "amount"]


def test_the_collector_raises_one_refusal_as_itself_and_nothing_when_all_is_well() -> None:
    refused = RefusalCollector()
    refused.raise_any()
    refused.checked(_positive, -1)

    with pytest.raises(ApplicationError) as raised:
        refused.raise_any()

    assert type(raised.value) is ApplicationError and raised.value.field == "amount"


def test_a_refused_permission_is_not_gathered_but_stops_at_once() -> None:
    def forbidden() -> None:
        raise PermissionRefused("Du får inte.")

    refused = RefusalCollector()
    with pytest.raises(PermissionRefused):
        refused.checked(forbidden)
    assert refused.errors == []


def test_a_refused_permission_among_refusals_is_raised_as_the_403_it_is() -> None:
    refused = PermissionRefused("Du får inte ändra omgången.")
    typed = ApplicationError("Ge en rubrik.", field="title")

    with pytest.raises(PermissionRefused) as among:
        Refusals([typed, refused])
    assert among.value is refused


def test_a_form_shows_a_typed_refusal_but_lets_a_refused_permission_through() -> None:
    from django import forms

    from innovera.core.forms import refusal_shown

    class Titled(forms.Form):
        title = forms.CharField()

    form = Titled({"title": "x"})
    with refusal_shown(form):
        raise ApplicationError("Ge en annan rubrik.", field="title")
    assert form.errors["title"] == ["Ge en annan rubrik."]

    with pytest.raises(PermissionRefused), refusal_shown(Titled({"title": "x"})):
        raise PermissionRefused("Du får inte.")
