"""A generic reader for the registry's `personal_data()`: an app can export a model's rows
that link to the person without writing out each field.

`records_about(user, Model)` returns the rows where any of the model's links to the user
model is the person, each as a dict of its concrete fields (a link as the linked object's
text, files as their name). Fields that hold secrets (tokens, digests, keys, passwords) are
left out: the export says what is held about the person, never a credential.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.conf import settings
from django.db import models

SECRET_PARTS = ("token", "digest", "secret", "password", "key")


def _is_user_link(field: Any) -> bool:
    target = getattr(field, "related_model", None)
    return (
        isinstance(field, models.ForeignKey)
        and target is not None
        and not isinstance(target, str)
        and target._meta.label == settings.AUTH_USER_MODEL
    )


def user_fields(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if _is_user_link(field)]


def _value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict | list):
        return value
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return str(value)


def record(row: models.Model, *, user: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in row._meta.concrete_fields:
        if any(part in field.name.lower() for part in SECRET_PARTS):
            continue
        if field.generated:
            # Computed from the other fields (the search text): nothing of the person's own.
            continue
        if isinstance(field, models.ForeignKey):
            if _is_user_link(field):
                data[field.name] = (
                    "you" if getattr(row, field.attname) == user.pk else getattr(row, field.attname)
                )
                continue
            linked = getattr(row, field.name)
            data[field.name] = str(linked) if linked is not None else None
            continue
        data[field.name] = _value(getattr(row, field.attname))
    return data


def records_about(user: Any, model: type[models.Model]) -> list[dict[str, Any]]:
    links = user_fields(model)
    if not links:
        return []
    condition = models.Q()
    for name in links:
        condition |= models.Q(**{name: user})
    related = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.name not in links
    ]
    rows = model._default_manager.filter(condition).select_related(*related).order_by("pk")
    return [record(row, user=user) for row in rows]
