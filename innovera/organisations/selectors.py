"""Reads for units and people, each a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from innovera.organisations.models import (
    ADMINISTRATION_TYPES,
    Membership,
    OIDCIdentity,
    Role,
    Unit,
    User,
)


@dataclass(frozen=True)
class DirectorySection:
    unit_type: str
    label: str
    units: list[Unit]


def unit_directory(*, query: str = "", unit_type: str = "") -> list[DirectorySection]:
    """The administrations and companies of the city, grouped by kind, with unit counts."""
    units = (
        Unit.objects.filter(unit_type__in=ADMINISTRATION_TYPES)
        .annotate(child_count=Count("children"))
        .order_by("name")
    )
    if query:
        units = units.filter(name__icontains=query)
    if unit_type:
        units = units.filter(unit_type=unit_type)
    by_type: dict[str, list[Unit]] = {t.value: [] for t in ADMINISTRATION_TYPES}
    for unit in units:
        by_type[unit.unit_type].append(unit)
    return [
        DirectorySection(unit_type=t.value, label=str(t.label), units=by_type[t.value])
        for t in ADMINISTRATION_TYPES
        if by_type[t.value]
    ]


def unit_detail(*, slug: str) -> Unit:
    coordinators = Membership.objects.filter(role=Role.COORDINATOR).select_related("user")
    return (
        Unit.objects.select_related("parent__parent__parent")
        .prefetch_related(
            Prefetch("children", queryset=Unit.objects.order_by("name")),
            Prefetch("memberships", queryset=coordinators, to_attr="coordinator_memberships"),
        )
        .annotate(people_count=Count("people", distinct=True))
        .get(slug=slug)
    )


def unit_by_pk(pk: int) -> Unit | None:
    """A unit named by its key in a request body (the API), or None: the caller says which
    field was wrong."""
    return Unit.objects.filter(pk=pk).first()


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The path from the city down to the unit's parent, for breadcrumbs."""
    chain: list[Unit] = []
    current = unit.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


def people_to_place() -> list[OIDCIdentity]:
    """Accounts the provider's first sign-in made without a known unit, oldest first."""
    return list(
        OIDCIdentity.objects.filter(user__unit__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def people_to_place_count() -> int:
    return OIDCIdentity.objects.filter(user__unit__isnull=True, user__is_active=True).count()


def person_to_place(*, pk: str) -> User | None:
    if not pk.isdigit():
        return None
    return User.objects.filter(
        pk=int(pk), unit__isnull=True, is_active=True, oidc_identity__isnull=False
    ).first()


def people_matching(text: str, *, limit: int = 200) -> tuple[int, ...]:
    """Ids of the people whose name or e-mail address contains `text` (the audit filter)."""
    return tuple(
        User.objects.filter(Q(full_name__icontains=text) | Q(email__icontains=text)).values_list(
            "pk", flat=True
        )[:limit]
    )
