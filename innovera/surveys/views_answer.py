"""Answering through a one-time link: no account, page by page, saved on the way."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from innovera.core.notices import notice_response
from innovera.core.permissions import requires
from innovera.surveys import notices, selectors, services
from innovera.surveys.forms import (
    SurveyPageForm,
    initial_from_answers,
    review_pages,
    survey_pages,
)
from innovera.surveys.models import Invitation

P = ParamSpec("P")


def _language() -> str:
    return "en" if get_language() == "en" else "sv"


def _blocked(request: HttpRequest, invitation: Invitation | None) -> HttpResponse | None:
    """The clear page for a link that cannot be used now, or None when it can."""
    if invitation is None:
        return notice_response(request, notices.LINK_INVALID, status=404)
    if invitation.answered:
        return notice_response(request, notices.already_answered(), status=410)
    if not services.round_is_open(invitation.round):
        return notice_response(request, notices.closed(), status=410)
    return None


def _usable_link(
    view: Callable[Concatenate[HttpRequest, Invitation, str, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
    """The one check of a one-time link: the view runs only for an invitation it can use."""

    @wraps(view)
    def checked(
        request: HttpRequest, token: str, *args: P.args, **kwargs: P.kwargs
    ) -> HttpResponse:
        invitation = selectors.invitation_by_token(token)
        blocked = _blocked(request, invitation)
        if blocked is not None or invitation is None:
            return blocked or notice_response(request, notices.LINK_INVALID, status=404)
        return view(request, invitation, token, *args, **kwargs)

    return checked


@requires("survey.answer")
@never_cache
@_usable_link
def answer_start(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    template = selectors.round_template(invitation.round)
    return render(
        request,
        "surveys/answer/start.html",
        {
            "invitation": invitation,
            "token": token,
            "page_count": len(survey_pages(template)),
            "has_draft": hasattr(invitation, "draft"),
        },
    )


@requires("survey.answer")
@never_cache
@require_http_methods(["GET", "POST"])
@_usable_link
def answer_page(
    request: HttpRequest, invitation: Invitation, token: str, number: int
) -> HttpResponse:
    template = selectors.round_template(invitation.round)
    pages = survey_pages(template)
    if not 1 <= number <= len(pages):
        return redirect("surveys:answer_start", token=token)
    saved = invitation.draft.answers if hasattr(invitation, "draft") else {}
    form = SurveyPageForm(
        request.POST or None,
        initial=initial_from_answers(saved),
        questions=pages[number - 1],
        org=settings.ORGANISATION_NAME,
        lang=_language(),
    )
    if request.method == "POST" and form.is_valid():
        services.draft_save(invitation=invitation, answers=form.answers())
        action = request.POST.get("action", "next")
        if action == "previous" and number > 1:
            return redirect("surveys:answer_page", token=token, number=number - 1)
        if action == "save":
            return notice_response(request, notices.saved(token, number))
        if number < len(pages):
            return redirect("surveys:answer_page", token=token, number=number + 1)
        return redirect("surveys:answer_review", token=token)
    return render(
        request,
        "surveys/answer/page.html",
        {
            "form": form,
            "invitation": invitation,
            "token": token,
            "number": number,
            "page_count": len(pages),
        },
    )


@requires("survey.answer")
@never_cache
@require_http_methods(["GET", "POST"])
@_usable_link
def answer_review(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    template = selectors.round_template(invitation.round)
    pages = survey_pages(template)
    saved = invitation.draft.answers if hasattr(invitation, "draft") else {}
    if request.method == "POST":
        try:
            services.response_submit(invitation=invitation)
        except services.AlreadyAnsweredError:
            return notice_response(request, notices.already_answered(), status=410)
        except services.RoundClosedError:
            return notice_response(request, notices.closed(), status=410)
        return notice_response(request, notices.THANKS)
    review = review_pages(pages, saved, org=settings.ORGANISATION_NAME, lang=_language())
    return render(
        request,
        "surveys/answer/review.html",
        {"invitation": invitation, "token": token, "pages": review},
    )
