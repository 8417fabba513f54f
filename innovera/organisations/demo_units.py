"""The demo city's administrations and companies by unit type, read from ``demo_city.json``.

Pure Python (no Django), so the survey demo data and the made-up survey respondents draw their
unit names from the same list as the demo city itself.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Final

DEMO_CITY_FILE: Final = Path(__file__).with_name("demo_city.json")
_SECTIONS: Final = {"district": "districts", "department": "departments", "company": "companies"}


@functools.cache
def demo_unit_names() -> dict[str, tuple[str, ...]]:
    """``{"district": (...), "department": (...), "company": (...)}`` in the file's order."""
    data = json.loads(DEMO_CITY_FILE.read_text(encoding="utf-8"))
    return {
        unit_type: tuple(entry["name"] for entry in data[section])
        for unit_type, section in _SECTIONS.items()
    }
