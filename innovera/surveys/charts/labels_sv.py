"""The Swedish default labels of the survey charts; an English report passes its own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

SCALE_CATEGORIES_SV: Final[tuple[tuple[str, str], ...]] = (
    ("1", "1 Mycket bristfällig"),
    ("2", "2 Bristfällig"),
    ("3", "3 God"),
    ("4", "4 Mycket god"),
    ("dk", "Vet ej"),
)
"""Scale A's answers as ``(key, legend label)``; keys match the analysis' ``distribution``."""

QUADRANT_LABELS_SV: Final[Mapping[str, str]] = {
    "concentrate_here": "Koncentrera här",
    "keep_up": "Fortsätt så",
    "low_priority": "Låg prioritet",
    "possible_overkill": "Möjlig överkapacitet",
}
