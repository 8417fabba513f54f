"""Forms of the discussion groups: they parse and say what is wrong at the field, in Swedish."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innovera.core.uploads import check_attachment
from innovera.core.validators import CleanTextMixin
from innovera.spreading.models import GroupAccess, GroupRole


class GroupForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the group is for and who should join."),
    )
    access = forms.ChoiceField(
        label=_("Who may read and join"),
        choices=[
            (GroupAccess.OPEN, _("Open: every employee reads and may join")),
            (GroupAccess.CLOSED, _("Closed: listed, members only read; one asks to join")),
            (GroupAccess.HIDDEN, _("Hidden: not listed, members only; by invitation")),
        ],
        widget=forms.RadioSelect,
        initial=GroupAccess.OPEN,
    )


class PostForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Text"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mention a member with @ and the first part of their e-mail address."),
    )
    markdown = forms.BooleanField(
        label=_("The text is Markdown"),
        required=False,
        help_text=_("**bold**, *italic*, lists and links."),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, PNG, JPEG or text, at most 10 MB."),
    )

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_attachment(upload)
        return upload


class JoinRequestForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the moderators (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ModerateForm(CleanTextMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            ("hide", _("Hide the post")),
            ("remove", _("Remove the post's text")),
            ("restore", _("Show the post again")),
        ],
    )
    reason = forms.CharField(label=_("Reason (the author is told)"), max_length=500, required=False)


class MemberForm(CleanTextMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            ("mute", _("Mute")),
            ("unmute", _("Unmute")),
            ("remove", _("Remove from the group")),
            ("role", _("Change role")),
        ],
    )
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.choices, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class InviteForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(label=_("The employee's e-mail address"))


class DecisionForm(CleanTextMixin, forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("1", _("Accept")), ("0", _("Decline"))], coerce=lambda v: v == "1"
    )
