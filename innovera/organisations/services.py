"""Writes for units, people and roles. Every function is keyword-only and atomic."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innovera.core.slugs import unique_slug
from innovera.core.tasks import enqueue, send_email
from innovera.organisations.models import Membership, Role, Unit, UnitType, User
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
    )


@transaction.atomic
def resident_register(*, email: str, full_name: str, password: str) -> User:
    """A resident signs up without a unit; the e-mail address is verified afterwards."""
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
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
        lambda: enqueue(
            send_email,
            subject=_("Confirm your e-mail address for Innovera"),
            body=body,
            to=[user.email],
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
def membership_grant(*, user: User, unit: Unit, role: Role | str) -> Membership:
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    forget_memberships(user)
    if role == Role.ADMINISTRATOR and not (user.is_staff and user.is_superuser):
        # Administrators manage users, units and settings in the Django admin.
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return membership


@transaction.atomic
def membership_revoke(*, user: User, unit: Unit, role: Role | str) -> None:
    Membership.objects.filter(user=user, unit=unit, role=role).delete()
    forget_memberships(user)
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
        user.full_name = _("Anonymised resident")
        user.email = f"anonymised-{user.pk}{ANONYMISED_DOMAIN}"
        user.email_verified_at = None
        user.is_active = False
        user.set_unusable_password()
        user.save(
            update_fields=["full_name", "email", "email_verified_at", "is_active", "password"]
        )
        count += 1
    return count
