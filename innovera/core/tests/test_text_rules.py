"""Rules that hold for every app, so a new form or field cannot forget them (issue 8, findings 2
and 13): every form refuses control characters, every text field a person writes has a limit."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.db import models
from django.urls import get_resolver

from innovera.core.validators import CleanTextMixin

# Text the system writes itself, or a document's own content (its control characters become
# spaces when it is read, `documents.readers`). The *SearchRow models are search tables.
NOT_WRITTEN_BY_A_PERSON = {
    "surveys.ImportJob.message",
    "followup.RecountJob.error",  # the recount's own message when it fails, like ImportJob's
    "documents.Document.text",
    "spreading.Post.html",
    "organisations.AccountSession.session_data",
}


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_form_of_the_apps_refuses_control_characters() -> None:
    get_resolver().url_patterns  # noqa: B018 - imports every view, and so every form
    ours = [
        form
        for form in _subclasses(forms.BaseForm)
        if form.__module__.startswith("innovera.")
        and ".tests" not in form.__module__
        # The admin is Django's own, for administrators only.
        and not form.__module__.endswith(".admin")
    ]

    assert len(ours) > 50
    assert (
        sorted(
            f"{form.__module__}.{form.__qualname__}"
            for form in ours
            if not issubclass(form, CleanTextMixin)
        )
        == []
    )


def test_every_text_field_a_person_writes_has_a_maximum_length() -> None:
    unlimited = sorted(
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("innovera.") and not model.__name__.endswith("SearchRow")
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and not field.max_length
    )

    assert [name for name in unlimited if name not in NOT_WRITTEN_BY_A_PERSON] == []
