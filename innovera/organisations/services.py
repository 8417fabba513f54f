"""Writes for units, people and roles. Every function is keyword-only and atomic."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from knox.models import AuthToken

from innovera.core.audit import audit_record
from innovera.core.exceptions import ApplicationError
from innovera.core.slugs import unique_slug
from innovera.core.tasks import send_email_in_background
from innovera.organisations.models import (
    Membership,
    OIDCIdentity,
    Role,
    Unit,
    UnitType,
    User,
    default_public_name,
)
from innovera.organisations.permissions import forget_memberships

VERIFY_SALT = "innovera.organisations.verify-email"
# A reserved top-level domain (RFC 2606): such an address can never receive mail.
ANONYMISED_DOMAIN = "@anonymised.invalid"


@transaction.atomic
def unit_create(
    *,
    name: str,
    unit_type: UnitType | str,
    parent: Unit | None = None,
    employee_count: int = 0,
    slug: str | None = None,
    description: str = "",
    head_email: str = "",
    code: str = "",
) -> Unit:
    candidate = unique_slug(Unit, slug or slugify(name))
    return Unit.objects.create(
        name=name,
        slug=candidate,
        unit_type=unit_type,
        parent=parent,
        employee_count=employee_count,
        description=description,
        head_email=head_email,
        code=code,
    )


@transaction.atomic
def resident_register(
    *, email: str, full_name: str, password: str, display_name: str = ""
) -> User | None:
    """A resident signs up without a unit; the e-mail address is verified afterwards.

    When the address already has an account, nothing is created and its owner is told by
    mail instead; the caller answers the same either way, so the page reveals no account.
    Returns the new user, or None when the address was taken.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        # Hash anyway, so both answers take as long as each other.
        make_password(password)
        body = render_to_string(
            "organisations/email/account_exists.txt",
            {
                "user": existing,
                "sign_in": settings.SITE_URL + reverse("organisations:login"),
                "reset": settings.SITE_URL + reverse("organisations:password_reset"),
            },
        )
        transaction.on_commit(
            lambda: send_email_in_background(
                subject=_("Someone tried to create an Innovera account with your address"),
                body=body,
                to=[existing.email],
            )
        )
        return None
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        display_name=display_name.strip() or default_public_name(full_name),
    )
    verification_email_send(user=user)
    return user


def verification_token(*, user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def verification_email_send(*, user: User) -> None:
    link = settings.SITE_URL + reverse(
        "organisations:verify_email", kwargs={"token": verification_token(user=user)}
    )
    body = render_to_string("organisations/email/verify_email.txt", {"user": user, "link": link})
    # Sent after commit so a rolled-back sign-up never mails a dead link.
    transaction.on_commit(
        lambda: send_email_in_background(
            subject=_("Confirm your e-mail address for Innovera"), body=body, to=[user.email]
        )
    )


class VerificationError(Exception):
    pass


@transaction.atomic
def email_verify(*, token: str) -> User:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise VerificationError(_("The link has expired. Sign in and ask for a new one.")) from None
    except signing.BadSignature:
        raise VerificationError(_("The link is not valid.")) from None
    user = User.objects.select_for_update().filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise VerificationError(_("The link is not valid."))
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def api_token_create(*, user: User, days: int | None = None) -> tuple[AuthToken, str]:
    """A new API token for `user`, valid `days` (default API_TOKEN_DAYS). Returns the stored
    record and the token itself, which exists only here: the database keeps its digest."""
    if days is not None and days < 1:
        raise ApplicationError(_("A token must be valid for at least one day."), field="days")
    if not user.is_active:
        raise ApplicationError(_("The account is closed."), field="email")
    lifetime = days if days is not None else settings.API_TOKEN_DAYS
    # The audit log records it (organisations.signals, for every way a token is made).
    return AuthToken.objects.create(user=user, expiry=datetime.timedelta(days=lifetime))


@transaction.atomic
def api_token_revoke(*, user: User) -> int:
    """End every API token of `user`; returns how many there were. Each is recorded in the
    audit log (organisations.signals)."""
    deleted, _per_model = AuthToken.objects.filter(user=user).delete()
    return deleted


def _role_audited(
    *, action: str, user: User, unit: Unit, role: Role | str, by: User | None
) -> None:
    audit_record(action=action, actor=by, obj=unit, person=user, details={"role": str(role)})


@transaction.atomic
def membership_grant(
    *, user: User, unit: Unit, role: Role | str, by: User | None = None
) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    forget_memberships(user)
    if created:
        _role_audited(action="role.grant", user=user, unit=unit, role=role, by=by)
    if role == Role.ADMINISTRATOR and not (user.is_staff and user.is_superuser):
        # Administrators manage users, units and settings in the Django admin.
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return membership


@transaction.atomic
def membership_revoke(*, user: User, unit: Unit, role: Role | str, by: User | None = None) -> None:
    removed, _kinds = Membership.objects.filter(user=user, unit=unit, role=role).delete()
    forget_memberships(user)
    if removed:
        _role_audited(action="role.revoke", user=user, unit=unit, role=role, by=by)
    if role == Role.ADMINISTRATOR and not user.memberships.filter(role=Role.ADMINISTRATOR).exists():
        user.is_staff = False
        user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])


@transaction.atomic
def residents_anonymise_inactive(*, months: int, now: datetime.datetime | None = None) -> int:
    """Remove name and address of residents unused for `months`; their contributions remain.

    Returns the number of accounts anonymised. Employees are handled by the city's HR routines.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=months * 30)
    stale = (
        User.objects.filter(unit__isnull=True, is_superuser=False, is_staff=False)
        .exclude(email__endswith=ANONYMISED_DOMAIN)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .select_for_update()
    )
    count = 0
    for user in stale:
        user.full_name = user.display_name = _("Anonymised resident")
        user.email = f"anonymised-{user.pk}{ANONYMISED_DOMAIN}"
        user.email_verified_at = None
        user.is_active = False
        user.set_unusable_password()
        user.save(
            update_fields=[
                "full_name",
                "display_name",
                "email",
                "email_verified_at",
                "is_active",
                "password",
            ]
        )
        count += 1
    return count


def unit_for_claim(value: str) -> Unit | None:
    """The unit the provider's unit claim names: by its code, else by its address name."""
    value = value.strip()
    if not value:
        return None
    return (
        Unit.objects.filter(code=value).first() or Unit.objects.filter(slug=value.lower()).first()
    )


def _claimed_name(claims: Mapping[str, Any], fallback: str) -> str:
    name = str(claims.get("name") or "").strip()
    if not name:
        parts = (claims.get("given_name"), claims.get("family_name"))
        name = " ".join(str(part).strip() for part in parts if part).strip()
    return (name or fallback)[:200]


def _employee_place(*, user: User, unit: Unit, by: User | None) -> None:
    """Make `unit` the person's home unit, with the employee role there (and not elsewhere)."""
    previous = user.unit
    user.unit = unit
    user.save(update_fields=["unit"])
    if previous is not None and previous != unit:
        membership_revoke(user=user, unit=previous, role=Role.EMPLOYEE, by=by)
    membership_grant(user=user, unit=unit, role=Role.EMPLOYEE, by=by)


@transaction.atomic
def oidc_sign_in(
    *,
    issuer: str,
    claims: Mapping[str, Any],
    unit_claim: str = "",
    current_user: User | None = None,
) -> User:
    """The account for a verified sign-in at the city's identity provider.

    The person is found by the provider's `sub`, never by e-mail. The first sign-in creates an
    employee account in the unit the unit claim names, or, signed in already with an e-mail
    account, links that account. A changed e-mail address at the provider follows to the
    account unless another account already has it. A unit claim naming a known unit moves the
    person there; an unknown one leaves the account for the innovation office to place.
    """
    sub = str(claims.get("sub") or "").strip()
    if not sub:
        raise ApplicationError(_("The city's sign-in gave no identity."))
    email = str(claims.get("email") or "").strip().lower()
    unit_value = str(claims.get(unit_claim) or "").strip()[:200] if unit_claim else ""
    unit = unit_for_claim(unit_value)
    identity = (
        OIDCIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, sub=sub)
        .first()
    )
    if identity is not None:
        user = identity.user
        if not user.is_active:
            raise ApplicationError(_("This account is closed."))
    elif current_user is not None and current_user.is_authenticated:
        user = current_user
        if OIDCIdentity.objects.filter(user=user).exists():
            raise ApplicationError(
                _("Your account is already linked to another account at the city's sign-in.")
            )
        identity = OIDCIdentity(user=user, issuer=issuer, sub=sub)
    else:
        if not email:
            raise ApplicationError(_("The city's sign-in gave no e-mail address."))
        if User.objects.filter(email__iexact=email).exists():
            # Never matched by e-mail: the person proves the account is theirs first.
            raise ApplicationError(
                _(
                    "There is already an account with %(email)s. Sign in with your e-mail "
                    "address and password, then choose “Logga in med stadens konto” on your "
                    "account page to link the two."
                )
                % {"email": email}
            )
        user = User.objects.create_user(
            email=email,
            password=None,
            full_name=_claimed_name(claims, email),
            email_verified_at=timezone.now(),
        )
        identity = OIDCIdentity(user=user, issuer=issuer, sub=sub)
        audit_record(
            action="oidc.account_created",
            actor=user,
            obj=user,
            details={"unit_known": unit is not None},
        )
    fields: list[str] = []
    if email and email != user.email.lower():
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            raise ApplicationError(
                _(
                    "The city's sign-in now gives %(email)s, which another account here uses. "
                    "Ask the innovation office to merge or change the accounts."
                )
                % {"email": email}
            )
        user.email = email
        user.email_verified_at = timezone.now()
        fields += ["email", "email_verified_at"]
    name = _claimed_name(claims, "")
    if name and name != user.full_name:
        user.full_name = name
        fields.append("full_name")
    if fields:
        user.save(update_fields=fields)
    if unit is not None and unit != user.unit:
        _employee_place(user=user, unit=unit, by=None)
    identity.unit_claim = unit_value
    identity.last_sign_in_at = timezone.now()
    identity.save()
    audit_record(
        action="oidc.sign_in",
        actor=user,
        obj=user,
        details={"email_changed": "email" in fields},
    )
    return user


@transaction.atomic
def user_place(*, user: User, unit: Unit, by: User) -> User:
    """The innovation office places a person the provider named an unknown unit for."""
    _employee_place(user=user, unit=unit, by=by)
    audit_record(action="user.place", actor=by, obj=unit, person=user)
    return user


@transaction.atomic
def audit_export_record(*, by: User) -> None:
    """Exporting the audit log is itself recorded: it holds who did what."""
    audit_record(action="audit.export", actor=by)
