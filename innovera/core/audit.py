"""Recording to the audit log, for every app: `audit_record(action=..., actor=..., obj=...)`.

Services call it inside their transaction, so a decision and its log line are stored or
rolled back together. Where it came from (the channel and the network) is taken from the
request being served, which `AuditContextMiddleware` puts in a context variable, so services
need no request parameter; commands say `with audit_source(AuditSource.CLI):`.

What the log holds about people is deliberately little: people are foreign keys (an erased
person then shows as "Borttagen användare"), addresses are cut to their network, and
`details` takes facts (from/to, a score, a role), never text a person wrote.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from innovera.core.models import AuditEntry, AuditSource


@dataclass(frozen=True)
class _Origin:
    source: str
    network: str = ""
    request: HttpRequest | None = None


_origin: ContextVar[_Origin | None] = ContextVar("innovera_audit_origin", default=None)

# What each action is called on the log page; an action missing here shows its code.
ACTION_LABELS: dict[str, Any] = {
    "idea.stage_move": _("Stage move"),
    "idea.score": _("Score"),
    "idea.route": _("Routing"),
    "idea.visibility": _("Visibility change"),
    "idea.export": _("Export of ideas (with names)"),
    "routing_rule.set": _("Routing rule set"),
    "routing_rule.remove": _("Routing rule removed"),
    "role.grant": _("Role granted"),
    "role.revoke": _("Role revoked"),
    "user.place": _("Person placed in a unit"),
    "survey_round.change": _("Survey round changed"),
    "survey_round.import": _("Survey answers imported"),
    "survey.invitations_send": _("Survey invitations sent"),
    "survey.reminders_send": _("Survey reminders sent"),
    "gdpr.export": _("Personal data exported"),
    "gdpr.erase": _("Account erased"),
    "api_token.create": _("API token created"),
    "api_token.revoke": _("API token revoked"),
    "oidc.sign_in": _("Signed in with the city's account"),
    "oidc.account_created": _("Account created at first sign-in with the city's account"),
    "audit.export": _("Audit log exported"),
    "award_round.create": _("Award round created"),
    "award_juror.add": _("Juror seated"),
    "award_juror.remove": _("Juror unseated"),
    "award_juror.chair": _("Jury chair appointed"),
    "award_juror.unchair": _("No longer chair of the jury"),
    "group.create": _("Discussion group created"),
    "group.invite": _("Invited to a discussion group"),
    "group.request_accept": _("Request to join a group accepted"),
    "group.role": _("Role in a discussion group changed"),
    "group.mute": _("Member muted in a discussion group"),
    "group.remove_member": _("Member removed from a discussion group"),
    "group.report": _("Post reported"),
    "group.reports_dismiss": _("Reports of a post dismissed"),
    "group.post_hide": _("Post hidden by a moderator"),
    "group.post_remove": _("Post removed by a moderator"),
    "group.post_restore": _("Post restored by a moderator"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def network_of(address: str | None) -> str:
    """The network an address belongs to: IPv4 /24, IPv6 /48; "" for anything unparsable."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def client_address(request: HttpRequest) -> str:
    """The client's address; behind PROXY_COUNT trusted proxies, the one they saw."""
    proxies = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


class AuditContextMiddleware:
    """Remembers the channel and network of the request being served, for `audit_record`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = AuditSource.API if request.path.startswith("/api/") else AuditSource.WEB
        token = _origin.set(_Origin(source, network_of(client_address(request)), request))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)


@contextlib.contextmanager
def audit_source(source: str) -> Iterator[None]:
    """Mark what runs inside as coming from `source` (the command line, a background job)."""
    token = _origin.set(_Origin(source))
    try:
        yield
    finally:
        _origin.reset(token)


def current_user() -> Any:
    """The signed-in person of the request being served, for records made where no service
    passes one (model signals); None outside a request."""
    origin = _origin.get()
    return getattr(origin.request, "user", None) if origin and origin.request else None


def _user_or_none(user: Any) -> Any:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    return user


def audit_record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    person: Any = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record `action` by `actor` on `obj` (concerning `person`). A person passed as `obj` is
    stored as `person`: a name never enters the log as text."""
    object_type = object_id = object_label = ""
    if obj is not None:
        object_type = obj._meta.label
        object_id = str(obj.pk)
        if obj._meta.label == settings.AUTH_USER_MODEL:
            person = person or obj
        else:
            object_label = str(obj)[:300]
    origin = _origin.get() or _Origin(AuditSource.SYSTEM)
    return AuditEntry.objects.create(
        actor=_user_or_none(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        person=_user_or_none(person),
        details=dict(details or {}),
        source=origin.source,
        network=origin.network,
    )


@dataclass(frozen=True)
class AuditFilter:
    person_ids: tuple[int, ...] | None = None  # None: anyone; (): no one matched
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    date_from: Any = None  # datetime.date
    date_to: Any = None


def audit_entries(criteria: AuditFilter) -> models.QuerySet[AuditEntry]:
    """The log newest first, filtered; actor and person come in the same query."""
    entries = AuditEntry.objects.select_related("actor", "person").order_by("-id")
    if criteria.person_ids is not None:
        entries = entries.filter(
            models.Q(actor_id__in=criteria.person_ids) | models.Q(person_id__in=criteria.person_ids)
        )
    if criteria.object_type:
        entries = entries.filter(object_type__iexact=criteria.object_type)
    if criteria.object_id:
        entries = entries.filter(object_id=criteria.object_id)
    if criteria.action:
        entries = entries.filter(action=criteria.action)
    if criteria.date_from:
        entries = entries.filter(at__date__gte=criteria.date_from)
    if criteria.date_to:
        entries = entries.filter(at__date__lte=criteria.date_to)
    return entries


def audit_page(
    criteria: AuditFilter, *, before: int | None = None, size: int = 50
) -> tuple[list[AuditEntry], int | None]:
    """One page (keyset on id: no OFFSET, no count) and the cursor of the next, if any."""
    entries = audit_entries(criteria)
    if before:
        entries = entries.filter(id__lt=before)
    rows = list(entries[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, (rows[-1].pk if more and rows else None)
