"""Pages of awards and competitions under /utmarkelser/.

Each view declares its action; views that load a round or an entry ask the table themselves
(`on_object=True`), so a round being prepared, an entry of another category or anything not
yet published is a 404 to whoever may not see it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from innovera.core.exceptions import ApplicationError
from innovera.core.forms import refusal_shown
from innovera.core.http import AuthenticatedHttpRequest
from innovera.core.limits import rate
from innovera.core.permissions import can, requires
from innovera.spreading import selectors_awards as selectors
from innovera.spreading import services_awards as services
from innovera.spreading.forms_awards import (
    ConflictForm,
    DecisionForm,
    ExternalEntryForm,
    JurorForm,
    NominationForm,
    RoundForm,
    ScoreForm,
)
from innovera.spreading.models import AwardRound, RoundStatus
from innovera.spreading.views_shared import person, refusal_said


def _round(request: HttpRequest, slug: str, action: str) -> AwardRound:
    """The round if the person may see it (else 404) and do `action` (else 403)."""
    round_ = selectors.round_for(user=request.user, slug=slug)
    if not can(request.user, action, round_):
        raise PermissionDenied(action)
    return round_


def _hidden_round(request: HttpRequest, slug: str, action: str) -> AwardRound:
    """A round whose page for `action` does not exist for those who may not take it (the
    jury's pages, unpublished results): 404, not 403."""
    round_ = selectors.round_for(user=request.user, slug=slug)
    if not can(request.user, action, round_):
        raise Http404
    return round_


@require_GET
@requires("award.list")
def award_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "spreading/awards/round_list.html",
        {
            "rounds": selectors.rounds_list(user=request.user),
            "can_manage": can(request.user, "award.manage"),
        },
    )


@require_GET
@requires("award.view", on_object=True)
def award_round(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug, "award.view")
    user = request.user
    context = {
        "round": round_,
        **selectors.round_page(round_=round_),
        "nominations": selectors.nominations_shown(user=user, round_=round_),
        "can_nominate": can(user, "award.nominate", round_)
        and round_.status == RoundStatus.NOMINATING,
        "can_enter": can(user, "award.enter", round_) and round_.status == RoundStatus.NOMINATING,
        "can_jury": can(user, "award.jury", round_),
        "can_chair": can(user, "award.chair", round_),
        "can_manage": can(user, "award.manage", round_),
        "can_see_results": can(user, "award.results", round_),
        "next_status": services.NEXT_STATUS.get(RoundStatus(round_.status)),
    }
    return render(request, "spreading/awards/round_detail.html", context)


@require_http_methods(["GET", "POST"])
@requires("award.nominate", on_object=True)
@ratelimit(key="user", rate=rate("nomination"), method="POST")
def award_nominate(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug, "award.nominate")
    user = person(request)
    form = NominationForm(request.POST or None, **selectors.nomination_choices(round_=round_))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        idea = (
            selectors.idea_by_number(pk=data.get("idea"))
            if data["subject_kind"] == "idea"
            else None
        )
        # The service's "subject" is the field of the kind chosen.
        with refusal_shown(form, fields={"subject": data["subject_kind"]}):
            services.nomination_create(
                user=user,
                round_=round_,
                category=data["category"],
                subject_kind=data["subject_kind"],
                unit=data.get("unit"),
                example=data.get("example"),
                idea=idea,
                title=data.get("title") or "",
                motivation=data["motivation"],
            )
            messages.success(
                request,
                _("Your nomination is entered. You may withdraw it until the period closes."),
            )
            return redirect(reverse("spreading:award_my_nominations"))
    return render(request, "spreading/awards/nominate.html", {"round": round_, "form": form})


@require_http_methods(["GET", "POST"])
# Outside `requires`: it would send a visitor's refusal (a 403) to the sign-in page.
@ratelimit(key="ip", rate=rate("award_entry"), method="POST")
@requires("award.enter", on_object=True)
def award_enter(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug, "award.enter")
    form = ExternalEntryForm(request.POST or None, categories=round_.categories.all())
    sent = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_shown(form):
            services.nomination_enter_external(
                round_=round_,
                category=data["category"],
                name=data["name"],
                organisation=data.get("organisation") or "",
                email=data["email"],
                title=data["title"],
                motivation=data["motivation"],
                absolute=request.build_absolute_uri,
            )
            sent = True
    return render(
        request, "spreading/awards/enter.html", {"round": round_, "form": form, "sent": sent}
    )


@require_http_methods(["GET", "POST"])
@requires("award.confirm_entry")
def award_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The mailed link shows a button: a mail scanner opening the link confirms nothing."""
    if request.method == "POST":
        try:
            entry = services.nomination_confirm(token=token)
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            return render(
                request, "spreading/awards/confirm.html", {"error": error.message}, status=400
            )
        return render(
            request,
            "spreading/awards/confirm.html",
            {"entry": entry, "token": token, "done": True},
        )
    found = selectors.entry_by_token(token=token)
    if found is None:
        raise Http404
    return render(request, "spreading/awards/confirm.html", {"entry": found, "token": token})


@require_http_methods(["GET", "POST"])
@requires("award.withdraw_entry")
def award_entry_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """The entrant withdraws through the mailed link: the page asks, a POST withdraws (a mail
    scanner opening the link withdraws nothing)."""
    if request.method == "POST":
        try:
            entry = services.nomination_withdraw_external(token=token)
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            return render(
                request,
                "spreading/awards/withdraw_entry.html",
                {"error": error.message},
                status=400,
            )
        return render(
            request, "spreading/awards/withdraw_entry.html", {"entry": entry, "done": True}
        )
    found = selectors.entry_by_token(token=token)
    if found is None:
        raise Http404
    return render(request, "spreading/awards/withdraw_entry.html", {"entry": found})


@require_GET
@requires("award.my_nominations")
def award_my_nominations(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "spreading/awards/my_nominations.html",
        {"nominations": selectors.my_nominations(user=request.user)},
    )


@require_POST
@requires("nomination.withdraw", on_object=True)
def award_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = selectors.round_for(user=request.user, slug=slug)
    entry = selectors.nomination_for(user=request.user, round_=round_, pk=pk)
    if not can(request.user, "nomination.withdraw", entry):
        raise PermissionDenied
    with refusal_said(request):
        services.nomination_withdraw(user=person(request), nomination=entry)
        messages.success(request, _("The nomination is withdrawn."))
    return redirect(reverse("spreading:award_my_nominations"))


@require_POST
@requires("award.manage", on_object=True)
def award_advance(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug, "award.manage")
    with refusal_said(request):
        moved = services.round_advance(user=person(request), round_=round_)
        messages.success(
            request, _("The round is now: %(status)s.") % {"status": moved.get_status_display()}
        )
    return redirect(round_.get_absolute_url())


# --- the jury ----------------------------------------------------------------------------------


@require_GET
@requires("award.jury_work")
def award_jury_work(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "spreading/awards/jury_work.html",
        {"seats": selectors.my_seats(user=request.user)},
    )


@require_GET
@requires("award.jury", on_object=True)
def award_jury(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _hidden_round(request, slug, "award.jury")
    sheet = selectors.jury_sheet(user=person(request), round_=round_)
    return render(request, "spreading/awards/jury.html", {"round": round_, **sheet})


@require_http_methods(["GET", "POST"])
@requires("award.jury", on_object=True)
def award_score(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = _hidden_round(request, slug, "award.jury")
    user = person(request)
    entry = selectors.entry_for_juror(user=user, round_=round_, pk=pk)
    criteria = list(round_.criteria.all())
    form = ScoreForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            services.assessment_submit(
                user=user,
                nomination=entry,
                scores=form.scores(),
                comment=form.cleaned_data.get("comment") or "",
            )
            messages.success(
                request, _("Your scores are submitted. You now see the other jurors' scores.")
            )
            return redirect(reverse("spreading:award_score", kwargs={"slug": slug, "pk": pk}))
    sheet_entry = selectors.sheet_entry(user=user, round_=round_, nomination=entry)
    context = {
        "round": round_,
        "entry": entry,
        "item": sheet_entry,
        "form": form,
        "conflict_form": ConflictForm(),
        "criteria": criteria,
        "can_score": can(user, "nomination.score", entry),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "spreading/awards/score.html", context, status=status)


@require_POST
@requires("nomination.declare_conflict", on_object=True)
def award_conflict(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = _hidden_round(request, slug, "award.jury")
    user = person(request)
    entry = selectors.entry_for_juror(user=user, round_=round_, pk=pk)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    with refusal_said(request):
        services.conflict_declare(user=user, nomination=entry, reason=reason)
        messages.success(
            request, _("Your conflict of interest is recorded: you do not score this entry.")
        )
    return redirect(reverse("spreading:award_jury", kwargs={"slug": slug}))


@require_http_methods(["GET", "POST"])
@requires("award.chair", on_object=True)
def award_chair(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _hidden_round(request, slug, "award.chair")
    user = person(request)
    overview = selectors.chair_overview(user=user, round_=round_)
    entries = [row.nomination for group in overview["categories"] for row in group["rows"]]
    form = DecisionForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            services.round_decide(user=user, round_=round_, winners=form.winners())
            messages.success(
                request, _("The decision is recorded. Publish the results when you are ready.")
            )
            return redirect(reverse("spreading:award_chair", kwargs={"slug": slug}))
    context = {
        "round": round_,
        **overview,
        "form": form,
        "can_publish": can(user, "award.publish", round_) and round_.status == RoundStatus.DECIDED,
    }
    return render(
        request, "spreading/awards/chair.html", context, status=400 if form.errors else 200
    )


@require_POST
@requires("award.publish", on_object=True)
def award_publish(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _hidden_round(request, slug, "award.publish")
    with refusal_said(request):
        services.round_publish(user=person(request), round_=round_)
        messages.success(request, _("The results are published."))
        return redirect(reverse("spreading:award_results", kwargs={"slug": slug}))
    return redirect(round_.get_absolute_url())


@require_GET
@requires("award.results", on_object=True)
def award_results(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _hidden_round(request, slug, "award.results")
    context = {"round": round_, **selectors.results(user=request.user, round_=round_)}
    return render(request, "spreading/awards/results.html", context)


# --- the innovation office's set-up ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@requires("award.manage")
def award_round_create(request: HttpRequest) -> HttpResponse:
    user = person(request)
    form = RoundForm(request.POST or None, programmes=selectors.programmes())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_shown(form, fields=form.service_fields()):
            round_ = services.round_create(
                user=user,
                programme=data.get("programme"),
                programme_name=data.get("programme_name") or "",
                programme_kind=data.get("programme_kind") or "",
                title=data["title"],
                award_name=data.get("award_name") or "",
                description=data.get("description") or "",
                nomination_opens=data["nomination_opens"],
                nomination_closes=data["nomination_closes"],
                entrants=data["entrants"],
                eligible_unit_types=data.get("eligible_unit_types") or (),
                categories=form.category_list(),
                criteria=form.criteria(),
            )
            messages.success(request, _("The round is created, being prepared. Now seat its jury."))
            return redirect(reverse("spreading:award_jurors", kwargs={"slug": round_.slug}))
    return render(
        request,
        "spreading/awards/round_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@requires("award.manage", on_object=True)
def award_jurors(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug, "award.manage")
    form = JurorForm(request.POST or None, categories=round_.categories.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        juror = selectors.employee_by_email(email=data["email"])
        if juror is None:
            form.add_error(
                "email",
                _("No active employee of the city has the address %(email)s.")
                % {"email": data["email"]},
            )
        else:
            with refusal_shown(form):
                services.juror_add(
                    user=person(request),
                    round_=round_,
                    juror=juror,
                    category=data.get("category"),
                    is_chair=data.get("is_chair", False),
                )
                messages.success(
                    request, _("%(name)s is seated on the jury.") % {"name": juror.full_name}
                )
                return redirect(reverse("spreading:award_jurors", kwargs={"slug": slug}))
    context = {"round": round_, "form": form, **selectors.jury_page(round_=round_)}
    return render(
        request, "spreading/awards/jurors.html", context, status=400 if form.errors else 200
    )


@require_POST
@requires("award.manage", on_object=True)
def award_juror_chair(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Make a seat the chair's, moving the chair from whoever has it, or not the chair's."""
    round_ = _round(request, slug, "award.manage")
    seat = selectors.seat_for(round_=round_, pk=pk)
    name = seat.user.full_name
    with refusal_said(request):
        if seat.is_chair:
            services.juror_chair_remove(user=person(request), seat=seat)
        else:
            former = services.juror_make_chair(user=person(request), seat=seat)
        if seat.is_chair:
            text = _("%(name)s is no longer the chair.") % {"name": name}
        elif others := [seat_ for seat_ in former if seat_.user_id != seat.user_id]:
            # The person's own chair seat in another category is no one "instead of" them.
            text = _("%(name)s is the chair of the jury instead of %(former)s.") % {
                "name": name,
                "former": ", ".join(other.user.full_name for other in others),
            }
        else:
            text = _("%(name)s is the chair of the jury.") % {"name": name}
        messages.success(request, text)
    return redirect(reverse("spreading:award_jurors", kwargs={"slug": slug}))


@require_http_methods(["GET", "POST"])
@requires("award.manage", on_object=True)
def award_juror_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The page asks before a POST unseats the juror."""
    round_ = _round(request, slug, "award.manage")
    seat = selectors.seat_for(round_=round_, pk=pk)
    if request.method == "POST":
        with refusal_said(request):
            services.juror_remove(user=person(request), seat=seat)
            messages.success(
                request, _("%(name)s is no longer on the jury.") % {"name": seat.user.full_name}
            )
        return redirect(reverse("spreading:award_jurors", kwargs={"slug": slug}))
    return render(request, "spreading/awards/juror_remove.html", {"round": round_, "seat": seat})
