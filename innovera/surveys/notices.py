"""What the survey's message-only pages say; `core/notice.html` shows them all."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovera.core.notices import Notice
from innovera.surveys.models import Round

# A respondent's pages have no site menu and no sign-in: the link is all they have.
ANSWERING = "surveys/answer/base.html"

LINK_INVALID = Notice(
    base=ANSWERING,
    heading=_("The link does not work"),
    paragraphs=(
        _(
            "The link may be incomplete, or a reminder has replaced it with a new one. Use the"
            " link in the latest e-mail about the survey."
        ),
    ),
)

THANKS = Notice(
    base=ANSWERING,
    heading=_("Thank you for your answers"),
    paragraphs=(
        _("Your answers have been received. The results are reported by the innovation office."),
    ),
)


def _to_the_office(heading: str, paragraph: str) -> Notice:
    """A refusal of the link that names the innovation office's address to write to."""
    return Notice(
        base=ANSWERING,
        heading=heading,
        paragraphs=(paragraph,),
        link_text=settings.CONTACT_EMAIL,
        link_url=f"mailto:{settings.CONTACT_EMAIL}",
    )


def already_answered() -> Notice:
    return _to_the_office(
        gettext("The survey has already been answered"),
        gettext(
            "The answers sent in with this link have been received, and the link cannot be"
            " used again. Contact the innovation office if you think something is wrong."
        ),
    )


def closed() -> Notice:
    return _to_the_office(
        gettext("The survey is closed"),
        gettext(
            "The survey cannot be answered right now. Answers you have saved are kept; contact"
            " the innovation office if you need more time."
        ),
    )


def saved(token: str, number: int) -> Notice:
    return Notice(
        base=ANSWERING,
        heading=_("Your answers are saved"),
        paragraphs=(
            _(
                "Open the link in the e-mail again to continue. Nothing is sent in until you"
                " choose to."
            ),
        ),
        link_text=_("Continue now"),
        link_url=reverse("surveys:answer_page", kwargs={"token": token, "number": number}),
    )


def no_answers(survey_round: Round) -> Notice:
    return Notice(
        heading=str(survey_round),
        paragraphs=(_("The round has no answers yet, so there is nothing to analyse."),),
        link_text=gettext("Back to %(round)s") % {"round": survey_round},
        link_url=reverse("surveys:round_detail", kwargs={"name": survey_round.name}),
    )
