from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from innovera.core.forms import FilterFormMixin
from innovera.core.tasks import send_email_in_background
from innovera.core.validators import CleanTextMixin
from innovera.organisations.models import User


class SignInForm(CleanTextMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong."),
        "inactive": _("This account is closed."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ResidentSignUpForm(CleanTextMixin, BaseUserCreationForm):
    """Residents sign up without a unit; employees are added by their administration.

    An address that already has an account is not refused here: the page would tell anyone
    which addresses have accounts. `resident_register` mails the owner instead.
    """

    class Meta:
        model = User
        fields = ("full_name", "display_name", "email")
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "display_name": _(
                "Shown next to your comments. Leave it empty to be shown with your first name and the initial of your last name (for example “Ida I.”), or write “Invånare” to be shown without a name. Your full name and e-mail address are never shown."
            ),
        }

    def _get_validation_exclusions(self) -> set[str]:
        # The address's uniqueness is the service's business (see the class docstring).
        return {*super()._get_validation_exclusions(), "email"}  # type: ignore[misc]

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class EraseConfirmForm(CleanTextMixin, forms.Form):
    """The password confirms that the person at the keyboard owns the account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is wrong."))
        return password


class PlaceForm(CleanTextMixin, forms.Form):
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        empty_label=_("Choose a unit"),
        error_messages={"required": _("Choose the unit the person works in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from innovera.organisations.models import Unit

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")  # type: ignore[attr-defined]


class AuditFilterForm(FilterFormMixin, CleanTextMixin, forms.Form):
    person = forms.CharField(
        label=_("Person (name or e-mail address)"), required=False, max_length=200
    )
    object = forms.CharField(
        label=_("Object (type or type:id, e.g. ideas.Idea:12)"), required=False, max_length=200
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from innovera.core.audit import ACTION_LABELS

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions"))] + [  # type: ignore[attr-defined]
            (code, label) for code, label in ACTION_LABELS.items()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date comes before the start date."))
        return cleaned


class BackgroundPasswordResetForm(CleanTextMixin, PasswordResetForm):
    """Django's reset form, mailing off the request: whether an address has an account must not
    show in how long the answer takes."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        send_email_in_background(subject=subject, body=body, to=[to_email])
