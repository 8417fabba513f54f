"""What the account's message-only pages say; `core/notice.html` shows them all."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovera.core.notices import Notice

ERASED = Notice(
    heading=_("Your account is deleted"),
    paragraphs=(
        _(
            "Your name and address are removed and you are signed out everywhere. What the city"
            " must keep is shown as written by “Borttagen användare”."
        ),
    ),
    link_text=_("To the start page"),
    link_to="core:home",
)

SIGNED_OUT = Notice(
    heading=_("You are signed out"),
    link_text=_("Sign in again"),
    link_to="organisations:login",
    title=_("Signed out"),
)

SIGN_UP_DONE = Notice(
    heading=_("Check your e-mail"),
    paragraphs=(
        _(
            "We have sent a message to the e-mail address you gave. If the address is new to"
            " Innovera, the message has a link that confirms it and completes your account;"
            " the link is valid for three days."
        ),
    ),
    link_text=_("Sign in"),
    link_to="organisations:login",
)

PASSWORD_RESET_DONE = Notice(
    heading=_("Check your e-mail"),
    paragraphs=(
        _(
            "If an account has that address, we have sent a link to choose a new password. It"
            " is valid for one day. Check your spam folder if nothing arrives."
        ),
    ),
)

PASSWORD_RESET_COMPLETE = Notice(
    heading=_("Your new password is saved"),
    link_text=_("Sign in"),
    link_to="organisations:login",
    title=_("Password saved"),
)


def verified(email: str, *, signed_in: bool) -> Notice:
    return Notice(
        heading=_("E-mail address confirmed"),
        paragraphs=(gettext("Thank you. %(email)s is confirmed.") % {"email": email},),
        link_text=_("Continue"),
        link_to="organisations:profile" if signed_in else "organisations:login",
    )


def verify_failed(reason: str) -> Notice:
    return Notice(
        heading=_("The link did not work"),
        paragraphs=(reason, _("Sign in and ask for a new link on your account page.")),
        link_text=_("Sign in"),
        link_to="organisations:login",
    )
