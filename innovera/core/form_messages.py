"""Our own words for the form errors of Django's that read badly in Swedish (issue 9, §4).

Django's Swedish catalogue says "Fyll i en giltig 'slug', beståendes av bokstäver, siffror,
understreck eller bindestreck i Unicode." for an address name and "Säkerställ att detta värde
har som mest 100 tecken" for a long text. :func:`install` (run by core's ``AppConfig.ready``)
gives the form fields of every app a message that says what to type instead. A form field's
own ``error_messages`` still win over these defaults.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

SLUG_INVALID = _(
    "Use only the letters a–z (without å, ä and ö), digits, hyphens and underscores, "
    "with no spaces – for example stockholm-2026."
)
TOO_LONG = ngettext_lazy(
    "Write at most %(limit_value)d character (you have written %(show_value)d).",
    "Write at most %(limit_value)d characters (you have written %(show_value)d).",
    "limit_value",
)
INVALID_CHOICE = _("Choose one of the options in the list.")
NOT_A_NUMBER = _("Write a number, for example 12 or 12,5.")
NOT_A_WHOLE_NUMBER = _("Write a whole number, for example 12.")
NOT_A_DATE = _("Write the date as year-month-day, for example 2026-12-01.")


def install() -> None:
    """Set the defaults on Django's field classes (each field copies them when it is made)."""
    forms.SlugField.default_error_messages = {"invalid": SLUG_INVALID}
    forms.CharField.default_error_messages = {"max_length": TOO_LONG}
    forms.ChoiceField.default_error_messages = {"invalid_choice": INVALID_CHOICE}
    forms.IntegerField.default_error_messages = {"invalid": NOT_A_WHOLE_NUMBER}
    forms.DecimalField.default_error_messages = {"invalid": NOT_A_NUMBER}
    forms.FloatField.default_error_messages = {"invalid": NOT_A_NUMBER}
    forms.DateField.default_error_messages = {"invalid": NOT_A_DATE}
