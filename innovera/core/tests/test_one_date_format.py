"""Dates are written one way on every page: through core/formatting.py (issue 9, §4)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.template import engines
from django.utils import translation

import innovera

ROOT = Path(innovera.__file__).parent
# Django's own date filter is allowed only for machine-readable values (a <time datetime=…>
# attribute) and clock times; a day shown to a person goes through our filters.
MACHINE_FORMATS = {"c", "Y-m-d", "H:i"}
DATE_FILTER = re.compile(r"\|date:[\"']([^\"']*)[\"']")


def test_no_template_writes_a_day_with_djangos_own_date_format() -> None:
    offenders = []
    for path in ROOT.rglob("templates/**/*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for fmt in DATE_FILTER.findall(line):
                if fmt not in MACHINE_FORMATS:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: |date:{fmt!r}")
    assert not offenders, "use |date_long, |datetime_long or |date_range:\n" + "\n".join(offenders)


def test_the_date_filters_write_swedish_prose_in_a_template() -> None:
    template = "{% load formatting %}{{ day|date_long }} / {{ start|date_range:end }}"
    context = {
        "day": datetime.date(2025, 10, 27),
        "start": datetime.date(2026, 11, 30),
        "end": datetime.date(2026, 12, 4),
    }
    with translation.override("sv"):
        text = engines["django"].from_string(template).render(context)
    assert text == "27 oktober 2025 / 30 november–4 december 2026"
