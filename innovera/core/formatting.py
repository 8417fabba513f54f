"""Swedish numbers, percentages and dates: the one formatter every app uses.

Before this module three formatters wrote the same share three ways ("81 %", "81,10 %" and
"81 %" with a different rounding rule); now every page, report, chart and CLI table asks here.
Plain functions, no Django settings read, so pure modules (charts, the CLI table) can use them
as well as templates (the ``formatting`` template tag library wraps them as filters).

The conventions, from Språkrådet's *Svenska skrivregler* and the report the project reproduces:

* a decimal comma and two decimals for means and differences: ``3,75``, ``-0,70``; a signed
  difference carries its sign also when positive (``+0,18``); minus zero is ``0,00``;
* a share 0–1 as whole per cent with a (non-breaking in print, plain here) space: ``81 %``;
* thousands grouped with a space in whole numbers: ``40 000``;
* dates as "1 december 2026" (day without a leading zero, month in lower case), the short form
  "1 dec. 2026", and ISO ``2026-12-01`` for machines.

English variants (``lang="en"``) exist for the English report: ``3.75``, ``81 %``, ``40,000``
and "1 December 2026".
"""

from __future__ import annotations

import datetime
from typing import Final, Literal, TypeAlias

from django.utils.translation import get_language

__all__ = [
    "NO_VALUE",
    "Language",
    "date_long",
    "date_range",
    "date_short",
    "datetime_long",
    "decimal",
    "integer",
    "language_of",
    "percent",
    "signed",
]

Language: TypeAlias = Literal["sv", "en"]

NO_VALUE: Final = "\N{EN DASH}"
"""What a missing number (``None``) is shown as, in every format."""

_MONTHS_SV: Final = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def language_of(code: str | None) -> Language:
    """The formatting language of a Django language code (``get_language()``): Swedish first."""
    return "en" if (code or "sv").startswith("en") else "sv"


def page_language() -> Language:
    """The formatting language of the language now active (the page's, in a request)."""
    return language_of(get_language())


def _fixed(value: float, decimals: int, *, plus: bool = False) -> str:
    """``value`` with ``decimals`` decimals and a point; never ``-0.00``."""
    text = f"{value:+.{decimals}f}" if plus else f"{value:.{decimals}f}"
    if text.lstrip("+-").strip("0.") == "":
        text = f"{0:.{decimals}f}"
    return text


def decimal(value: float | None, *, decimals: int = 2, lang: Language = "sv") -> str:
    """A mean or any measured number: ``3.75`` → ``"3,75"``, ``-0.7`` → ``"-0,70"``."""
    if value is None:
        return NO_VALUE
    text = _fixed(value, decimals)
    return text if lang == "en" else text.replace(".", ",")


def signed(value: float | None, *, decimals: int = 2, lang: Language = "sv") -> str:
    """A difference with its sign: ``0.18`` → ``"+0,18"``, ``-0.7`` → ``"-0,70"``, 0 → ``"0,00"``."""
    if value is None:
        return NO_VALUE
    text = _fixed(value, decimals, plus=True)
    if text.lstrip("+-").strip("0.") == "":
        text = text.lstrip("+-")
    return text if lang == "en" else text.replace(".", ",")


def percent(share: float | None, *, lang: Language = "sv") -> str:
    """A share 0–1 as whole per cent with a space: ``0.811`` → ``"81 %"``, ``-0.001`` → ``"0 %"``.

    Rounded half to even, as Python's format does, in every language.
    """
    if share is None:
        return NO_VALUE
    return f"{_fixed(share * 100, 0)} %"


def integer(value: int | None, *, lang: Language = "sv") -> str:
    """A count, grouped by thousands: ``40000`` → ``"40 000"`` (``"40,000"`` in English)."""
    if value is None:
        return NO_VALUE
    text = f"{value:,}"
    return text if lang == "en" else text.replace(",", " ")


def number(value: float | None, *, decimals: int = 2, lang: Language = "sv") -> str:
    """A number as typed, at most ``decimals`` decimals and none that are zero, grouped by
    thousands: ``12.50`` → ``"12,5"``, ``40000`` → ``"40 000"``, ``3`` → ``"3"``."""
    if value is None:
        return NO_VALUE
    text = _fixed(float(value), decimals)
    whole, _point, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    if lang != "en":
        grouped = grouped.replace(",", " ")
    separator = "." if lang == "en" else ","
    return sign + grouped + (separator + fraction if fraction else "")


def date_long(value: datetime.date | None, *, lang: Language = "sv") -> str:
    """``2026-12-01`` → ``"1 december 2026"`` (English ``"1 December 2026"``).

    A ``datetime`` is shown by its own date: convert it to local time first.
    """
    if value is None:
        return NO_VALUE
    months = _MONTHS_EN if lang == "en" else _MONTHS_SV
    return f"{value.day} {months[value.month - 1]} {value.year}"


def date_short(value: datetime.date | None, *, lang: Language = "sv") -> str:
    """The same as :func:`date_long`: the product writes a date one way everywhere.

    Lists used to show "27 okt. 2025" beside "27 oktober 2025" on the next page (issue 9); the
    name stays so templates that ask for a short date get the one format.
    """
    return date_long(value, lang=lang)


def date_range(
    start: datetime.date | None, end: datetime.date | None, *, lang: Language = "sv"
) -> str:
    """Two days as one span: ``"1–7 december 2026"``, ``"30 november–4 december 2026"``,
    ``"28 december 2026–3 januari 2027"``; a missing end gives the start alone."""
    if start is None:
        return NO_VALUE
    if end is None or end == start:
        return date_long(start, lang=lang)
    months = _MONTHS_EN if lang == "en" else _MONTHS_SV
    if start.year != end.year:
        first = date_long(start, lang=lang)
    elif start.month != end.month:
        first = f"{start.day} {months[start.month - 1]}"
    else:
        first = str(start.day)
    return f"{first}\N{EN DASH}{date_long(end, lang=lang)}"


def datetime_long(value: datetime.datetime | None, *, lang: Language = "sv") -> str:
    """``2026-12-01 14:05`` → ``"1 december 2026 14:05"``; give it local time."""
    if value is None:
        return NO_VALUE
    return f"{date_long(value, lang=lang)} {value:%H:%M}"
