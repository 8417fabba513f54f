"""Units of the city, the people in them and the roles they hold (SPEC §3, §4.1)."""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District administration")
    DEPARTMENT = "department", _("Specialist administration")
    COMPANY = "company", _("Municipal company")
    UNIT = "unit", _("Unit")


# The three kinds of administration the report compares; units below them inherit their kind.
ADMINISTRATION_TYPES = (UnitType.DISTRICT, UnitType.DEPARTMENT, UnitType.COMPANY)


class Unit(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    employee_count = models.PositiveIntegerField(_("number of employees"), default=0)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    # Where the innovation-capability survey goes: the head of the administration or company.
    head_email = models.EmailField(_("head's e-mail address"), blank=True)
    # The unit's code in the city's HR and identity systems; the identity provider's unit
    # claim (OIDC_UNIT_CLAIM) names a unit by it (or by the address name when no code is set).
    code = models.CharField(_("unit code"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("code",), condition=~models.Q(code=""), name="unit_code_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | ~models.Q(parent=models.F("pk")),
                name="unit_not_its_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:unit_detail", kwargs={"slug": self.slug})


def sign_in_key(value: str) -> str:
    """The form of an address that sign-in matches on, and that lockout counts failures under:
    NFKC (as Django's username field normalises) and case-folded, so look-alike spellings of
    one address are one account and one count."""
    return unicodedata.normalize("NFKC", value).strip().casefold()


def default_public_name(full_name: str) -> str:
    """First name and the initial of the last name ("Ida I."), or "Resident" without a name."""
    parts = full_name.split()
    if not parts:
        return str(_("Resident"))
    if len(parts) == 1:
        return parts[0][:80]
    return f"{parts[0][:76]} {parts[-1][0]}."


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("email_verified_at", timezone.now())
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        # E-mail addresses are stored lower-case; sign-in is case-insensitive.
        return self.get(email__iexact=sign_in_key(username or ""))


class User(AbstractBaseUser, PermissionsMixin):
    """A person: an employee with a home unit, or a resident without one."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    # What the public sees next to a resident's comments; employees are shown by name and unit.
    display_name = models.CharField(_("name shown publicly"), max_length=80, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        related_name="people",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ("full_name",)
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_resident(self) -> bool:
        return self.unit_id is None

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def public_name(self) -> str:
        """The name shown next to what the person writes, to anyone who may read it.

        Employees write in their role, so name and unit; residents chose at sign-up
        (`default_public_name` when they left it empty). Reads `unit`: select it with the user.
        """
        if self.unit_id is not None and self.unit is not None:
            return f"{self.full_name}, {self.unit.name}"
        return self.display_name or str(_("Resident"))

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


# What an erased account is called wherever it still stands (as author of a public idea, in
# the audit log). Stored as this text, so every channel that shows a name shows it.
ERASED_NAME = "Borttagen användare"


class OIDCIdentity(models.Model):
    """The account at the city's identity provider a person signs in with: matched by the
    provider's `sub`, never by e-mail (whoever controls an address at the provider could
    otherwise take over an account)."""

    user = models.OneToOneField(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="oidc_identity"
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    sub = models.CharField(_("subject"), max_length=255)
    # What the provider's unit claim said at the last sign-in, for the office to place people
    # whose unit is not known here.
    unit_claim = models.CharField(_("unit according to the provider"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("first sign-in"), default=timezone.now)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), default=timezone.now)

    class Meta:
        verbose_name = _("provider identity")
        verbose_name_plural = _("provider identities")
        constraints = [
            models.UniqueConstraint(fields=("issuer", "sub"), name="oidc_identity_unique_sub"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.sub}"


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    COORDINATOR = "coordinator", _("Unit coordinator")
    INNOVATION_OFFICE = "innovation_office", _("Innovation office")
    JURY = "jury", _("Jury member")
    ADMINISTRATOR = "administrator", _("Administrator")


class Membership(models.Model):
    """A role a person holds in a unit; a role held at the city root applies city-wide."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ("unit__name", "role")
        constraints = [
            models.UniqueConstraint(fields=("user", "unit", "role"), name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user}, {self.get_role_display()}, {self.unit}"


class AccountSession(AbstractBaseSession):
    """A session, stored with the id of the person signed in to it (None for a visitor), so
    ending one person's sessions (erasure) deletes their rows without decoding everyone's.
    Written by `innovera.organisations.sessions.SessionStore` at every save of the session."""

    user_id = models.BigIntegerField(null=True, db_index=True)

    class Meta:
        verbose_name = _("sign-in session")
        verbose_name_plural = _("sign-in sessions")

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from innovera.organisations.sessions import SessionStore

        return SessionStore
