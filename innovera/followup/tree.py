"""The unit tree as plain data, and the groups an indicator is computed for.

Pure: the selector reads the units once (a few hundred rows) and everything else is done
here. A unit below an administration belongs to it and to its unit type; the city holds
every unit and also what has no unit (residents, ideas not yet routed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from innovera.followup.indicators import Group, UnitId

ADMINISTRATION_TYPES: Final = ("district", "department", "company")


@dataclass(frozen=True)
class UnitInfo:
    id: int
    parent_id: int | None
    unit_type: str
    employee_count: int
    name: str
    slug: str


class Tree:
    def __init__(self, units: Iterable[UnitInfo]) -> None:
        self.units: dict[int, UnitInfo] = {unit.id: unit for unit in units}
        self.children: dict[int, list[UnitInfo]] = {}
        for unit in self.units.values():
            if unit.parent_id is not None and unit.parent_id in self.units:
                self.children.setdefault(unit.parent_id, []).append(unit)
        for children in self.children.values():
            children.sort(key=lambda unit: unit.name)
        self._subtrees: dict[int, frozenset[UnitId]] = {}

    def by_slug(self, slug: str) -> UnitInfo | None:
        return next((unit for unit in self.units.values() if unit.slug == slug), None)

    def ancestors(self, unit_id: int) -> list[UnitInfo]:
        """From the top down to the unit's parent."""
        chain: list[UnitInfo] = []
        parent = self.units[unit_id].parent_id
        while parent is not None and parent in self.units:
            chain.append(self.units[parent])
            parent = self.units[parent].parent_id
        return list(reversed(chain))

    def kind_of(self, unit_id: int) -> str | None:
        """The unit type of the administration the unit belongs to (its own for one)."""
        for unit in [self.units[unit_id], *reversed(self.ancestors(unit_id))]:
            if unit.unit_type in ADMINISTRATION_TYPES:
                return unit.unit_type
        return None

    def subtree(self, unit_id: int) -> frozenset[UnitId]:
        if unit_id not in self._subtrees:
            members: set[UnitId] = {unit_id}
            for child in self.children.get(unit_id, []):
                members |= self.subtree(child.id)
            self._subtrees[unit_id] = frozenset(members)
        return self._subtrees[unit_id]

    def administrations(self, kind: str | None = None) -> list[UnitInfo]:
        return sorted(
            (
                unit
                for unit in self.units.values()
                if unit.unit_type in ADMINISTRATION_TYPES
                and (kind is None or unit.unit_type == kind)
            ),
            key=lambda unit: unit.name,
        )

    def city_group(self, label: str) -> Group:
        administrations = self.administrations()
        roots = [unit for unit in self.units.values() if unit.parent_id is None]
        employees = sum(unit.employee_count for unit in roots if unit.unit_type == "city") or sum(
            unit.employee_count for unit in administrations
        )
        return Group(
            key="city",
            label=label,
            members=frozenset([*self.units, None]),
            employees=employees,
            units=tuple(self.subtree(unit.id) for unit in administrations),
        )

    def type_group(self, kind: str, label: str) -> Group:
        administrations = self.administrations(kind)
        members: frozenset[UnitId] = frozenset().union(
            *(self.subtree(unit.id) for unit in administrations)
        )
        return Group(
            key=kind,
            label=label,
            members=members,
            employees=sum(unit.employee_count for unit in administrations),
            units=tuple(self.subtree(unit.id) for unit in administrations),
        )

    def unit_group(self, unit_id: int) -> Group:
        unit = self.units[unit_id]
        members = self.subtree(unit_id)
        return Group(
            key=unit.slug,
            label=unit.name,
            members=members,
            employees=unit.employee_count,
            units=(members,),
        )
