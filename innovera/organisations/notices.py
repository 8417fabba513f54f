"""What the account's message-only pages say; `core/notice.html` shows them all."""

from django.utils.translation import gettext_lazy as _

from innovera.core.notices import Notice

ERASED = Notice(
    title=_("Your account is deleted"),
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
    title=_("Signed out"),
    heading=_("You are signed out"),
    link_text=_("Sign in again"),
    link_to="organisations:login",
)

SIGN_UP_DONE = Notice(
    title=_("Check your e-mail"),
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
    title=_("Check your e-mail"),
    heading=_("Check your e-mail"),
    paragraphs=(
        _(
            "If an account has that address, we have sent a link to choose a new password. It"
            " is valid for one day. Check your spam folder if nothing arrives."
        ),
    ),
)

PASSWORD_RESET_COMPLETE = Notice(
    title=_("Password saved"),
    heading=_("Your new password is saved"),
    link_text=_("Sign in"),
    link_to="organisations:login",
)
