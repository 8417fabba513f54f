"""API tokens are recorded in the audit log however they are made or ended: a service, the
admin, `drf_create_token`, an erasure. Whichever token model is installed (DRF's authtoken,
django-rest-knox) is connected; the token's owner is the person concerned, never its key."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from innovera.core.audit import audit_record, current_user

TOKEN_MODELS = ("authtoken.Token", "knox.AuthToken")


def _created(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        audit_record(action="api_token.create", actor=current_user(), person=instance.user)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    audit_record(action="api_token.revoke", actor=current_user(), person=instance.user)


def connect() -> None:
    for label in TOKEN_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_created, sender=model, dispatch_uid=f"audit-{label}-save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit-{label}-delete")
