"""People's data rights (GDPR art. 15, 17 and 20) within Swedish public-records law.

`personal_data_export` gathers what every installed app says it holds about a person (the
registry's `personal_data()` and `personal_files()`), `account_erase` has every app erase its
part (`erase_personal_data()`) and then anonymises the account itself. The pages
`/konto/mina-uppgifter/` and `/konto/radera/` and `innovera gdpr export|erase` call these.

What stays after an erasure, and why: what the person wrote that the city must keep as a
public record (ideas and official decisions; arkivlagen 1990:782 and offentlighets- och
sekretesslagen 2009:400, which make documents received by an authority public records that
may not be destroyed outside the archive rules) stays, tied to the anonymised account, which
is shown as "Borttagen användare" everywhere: pages, feeds, exports, the API, search, open
data and notices.
"""

from __future__ import annotations

import datetime
import io
import json
import shutil
import zipfile
from typing import IO, Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from innovera.core import registry
from innovera.core.audit import audit_record
from innovera.organisations.models import ERASED_NAME, AccountSession, Membership, User
from innovera.organisations.services import ANONYMISED_DOMAIN

EXPORT_FORMAT = "innovera-personal-data/1"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def personal_data(user: User) -> dict[str, list[dict[str, Any]]]:
    """Model label → records, from every app. A label given by two apps is a programming
    error: each model belongs to one app."""
    data: dict[str, list[dict[str, Any]]] = {}
    for config in registry.innovera_apps():
        for label, records in config.personal_data(user).items():
            if label in data:
                raise ValueError(f"{label} is exported by two apps")
            data[label] = records
    return data


def personal_data_export(*, user: User, into: IO[bytes], by: User | None = None) -> int:
    """Write the ZIP of everything held about `user` into `into`; returns the number of
    files besides the JSON. The export is recorded in the audit log."""
    data = personal_data(user)
    files = [file for config in registry.innovera_apps() for file in config.personal_files(user)]
    document = {
        "format": EXPORT_FORMAT,
        "created_at": timezone.now().isoformat(),
        "controller": settings.ORGANISATION_NAME,
        "contact": settings.PRIVACY_EMAIL,
        "person": {
            "email": user.email,
            "name": user.full_name,
            "name_shown_publicly": user.public_name,
        },
        "data": data,
        "files": [file.name for file in files],
    }
    with zipfile.ZipFile(into, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mina-uppgifter.json",
            json.dumps(document, ensure_ascii=False, indent=2, default=_jsonable),
        )
        for file in files:
            with file.open() as source, archive.open(f"filer/{file.name}", "w") as target:
                shutil.copyfileobj(source, target)
    with transaction.atomic():
        audit_record(
            action="gdpr.export", actor=by or user, obj=user, details={"files": len(files)}
        )
    return len(files)


def personal_data_export_bytes(*, user: User, by: User | None = None) -> bytes:
    buffer = io.BytesIO()
    personal_data_export(user=user, into=buffer, by=by)
    return buffer.getvalue()


def _sessions_end(user: User) -> int:
    """Delete the person's stored sessions, found by the person's id that the session engine
    keeps beside each one (`AccountSession.user_id`): no one else's session is read. The
    password change below would already refuse them (Django checks a hash of the password in
    each session); deleting them also removes the stored data. Sessions from before that
    engine were moved to its table with their person's id by migration 0007."""
    return AccountSession.objects.filter(user_id=user.pk).delete()[0]


def _tokens_end(user: User) -> int:
    """End every API token of the person, whichever token model is installed."""
    ended = 0
    for label in ("authtoken.Token", "knox.AuthToken"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        ended += model.objects.filter(user=user).delete()[0]
    return ended


@transaction.atomic
def account_erase(*, user: User, by: User | None = None) -> User:
    """Erase the person's account: every app erases its part, then the account itself keeps
    only its id (so what must be kept stays tied to "Borttagen användare")."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email.endswith(ANONYMISED_DOMAIN) and user.full_name == ERASED_NAME:
        return user
    for config in registry.innovera_apps():
        config.erase_personal_data(user)
    tokens = _tokens_end(user)
    Membership.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    # Admin history about this account shows its name: replace it.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=ERASED_NAME)
    _axes_forget(user.email)
    user.full_name = ERASED_NAME
    user.display_name = ERASED_NAME
    user.email = f"erased-{user.pk}{ANONYMISED_DOMAIN}"
    user.title = ""
    user.unit = None
    user.email_verified_at = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    sessions = _sessions_end(user)
    audit_record(
        action="gdpr.erase",
        actor=by if by is not None and by.pk != user.pk else user,
        obj=user,
        details={"sessions_ended": sessions, "tokens_ended": tokens},
    )
    return user


def _axes_forget(email: str) -> None:
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()


def is_erased(user: User) -> bool:
    return user.full_name == ERASED_NAME and user.email.endswith(ANONYMISED_DOMAIN)
