"""The demo city: Stockholm's 14 + 15 + 16 administrations and companies (SPEC §4.1).

The names come from `demo_city.json`, which records for each entry whether the report names it;
employee counts there are estimates unless marked as from the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from innovera.organisations.models import Membership, Role, Unit, UnitType, User

CITY_SLUG = "stockholms-stad"
DEMO_PASSWORD = "innovera-demo-2026"  # noqa: S105 - printed by `innovera demo`, demo data only
DEMO_CITY_FILE = Path(__file__).with_name("demo_city.json")

FIRST_NAMES = ["Anna", "Erik", "Fatima", "Johan", "Leila", "Mikael", "Sara", "Omar", "Karin"]
LAST_NAMES = ["Andersson", "Berg", "Hassan", "Johansson", "Lind", "Nilsson", "Karlsson", "Ali"]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role | None  # None: a resident without a unit
    unit_slug: str | None

    def describe(self) -> str:
        role = self.role.label if self.role else "Invånare"
        return f"{role}" + (f" ({self.unit_slug})" if self.unit_slug else "")


DEMO_ACCOUNTS = [
    DemoAccount("invanare@demo.example.org", "Ida Invånare", None, None),
    DemoAccount("medarbetare@demo.example.org", "Mats Medarbetare", Role.EMPLOYEE, "bromma"),
    DemoAccount("samordnare@demo.example.org", "Sanna Samordnare", Role.COORDINATOR, "bromma"),
    # A second district's coordinator: adopts Bromma's good examples in the demo.
    DemoAccount(
        "samordnare.farsta@demo.example.org", "Frida Samordnare", Role.COORDINATOR, "farsta"
    ),
    DemoAccount(
        "innovationskontoret@demo.example.org",
        "Ivar Innovationsledare",
        Role.INNOVATION_OFFICE,
        CITY_SLUG,
    ),
    DemoAccount("jury@demo.example.org", "Julia Jury", Role.JURY, CITY_SLUG),
    DemoAccount("admin@demo.example.org", "Adam Administratör", Role.ADMINISTRATOR, CITY_SLUG),
]

SECTIONS: list[tuple[str, UnitType]] = [
    ("districts", UnitType.DISTRICT),
    ("departments", UnitType.DEPARTMENT),
    ("companies", UnitType.COMPANY),
]


def _entries() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(DEMO_CITY_FILE.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def demo_city_load() -> bool:
    """Create the demo city unless it exists; returns whether anything was created."""
    if Unit.objects.filter(slug=CITY_SLUG).exists():
        return False
    city = Unit.objects.create(
        name="Stockholms stad", slug=CITY_SLUG, unit_type=UnitType.CITY, employee_count=0
    )
    # One hash for every demo person: hashing is deliberately slow, and these are demo accounts.
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()
    people: list[User] = []
    memberships: list[tuple[int, Unit, Role]] = []
    total_employees = 0
    counter = 0
    for section, unit_type in SECTIONS:
        for entry in _entries()[section]:
            administration = Unit.objects.create(
                name=entry["name"],
                slug=slugify(entry["short"]),
                unit_type=unit_type,
                parent=city,
                employee_count=entry["employees"],
                head_email=f"chef.{slugify(entry['short'])}@demo.example.org",
            )
            total_employees += entry["employees"]
            unit_names: list[str] = entry.get("units", [])
            share = entry["employees"] // (len(unit_names) + 2) if unit_names else 0
            for unit_name in unit_names:
                unit = Unit.objects.create(
                    name=f"{unit_name}, {entry['short']}",
                    slug=slugify(f"{entry['short']}-{unit_name}"),
                    unit_type=UnitType.UNIT,
                    parent=administration,
                    employee_count=share,
                )
                counter += 1
                first = FIRST_NAMES[counter % len(FIRST_NAMES)]
                last = LAST_NAMES[counter % len(LAST_NAMES)]
                person = User(
                    email=f"{slugify(first)}.{slugify(last)}.{counter}@demo.example.org",
                    full_name=f"{first} {last}",
                    unit=unit,
                    password=password,
                    email_verified_at=now,
                )
                people.append(person)
                memberships.append((len(people) - 1, unit, Role.EMPLOYEE))
    city.employee_count = total_employees
    city.save(update_fields=["employee_count"])
    created = User.objects.bulk_create(people)
    Membership.objects.bulk_create(
        Membership(user=created[index], unit=unit, role=role) for index, unit, role in memberships
    )
    for account in DEMO_ACCOUNTS:
        _create_account(account, password=password)
    return True


def _create_account(account: DemoAccount, *, password: str) -> None:
    from innovera.organisations.services import membership_grant

    unit = Unit.objects.get(slug=account.unit_slug) if account.unit_slug else None
    user = User.objects.create(
        email=account.email,
        full_name=account.full_name,
        unit=unit,
        password=password,
        email_verified_at=timezone.now(),
    )
    if unit is not None and account.role is not None:
        membership_grant(user=user, unit=unit, role=Role.EMPLOYEE)
        membership_grant(user=user, unit=unit, role=account.role)


def demo_city_report() -> str:
    """Load the demo city and say so, with the demo accounts (for `innovera demo`)."""
    from django.utils.translation import gettext as _

    created = demo_city_load()
    lines = [
        _("The demo city was loaded.") if created else _("The demo city is already loaded."),
        _("Demo accounts (password for all: %(pw)s):") % {"pw": DEMO_PASSWORD},
    ]
    lines += [f"  {account.email:<42} {account.describe()}" for account in DEMO_ACCOUNTS]
    return "\n".join(lines)
