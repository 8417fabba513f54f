from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from innovera.core import notices
from innovera.core.http import AuthenticatedHttpRequest, HtmxRequest
from innovera.core.limits import rate
from innovera.core.permissions import can, declare, requires
from innovera.organisations import notices as pages
from innovera.organisations import oidc, selectors, services
from innovera.organisations.forms import (
    BackgroundPasswordResetForm,
    ResidentSignUpForm,
    SignInForm,
)
from innovera.organisations.models import ADMINISTRATION_TYPES, Unit, sign_in_key


@requires("unit.view")
def unit_directory(request: HtmxRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    unit_type = request.GET.get("typ", "")
    if unit_type not in {t.value for t in ADMINISTRATION_TYPES}:
        unit_type = ""
    sections = selectors.unit_directory(query=query, unit_type=unit_type)
    context = {
        "sections": sections,
        "query": query,
        "unit_type": unit_type,
        "unit_types": ADMINISTRATION_TYPES,
        "result_count": sum(len(section.units) for section in sections),
    }
    template = "organisations/partials/_directory.html" if request.htmx else None
    return render(request, template or "organisations/unit_directory.html", context)


@requires("unit.view")
def unit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        unit = selectors.unit_detail(slug=slug)
    except Unit.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "show_people": can(request.user, "unit.view_people", unit),
        },
    )


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "organisations/sign_in.html"
    extra_context = {"form_action": reverse_lazy("organisations:login")}
    redirect_authenticated_user = True
    required_action = "account.sign_in"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["city_sign_in"] = oidc.enabled()
        return context


class SignOutView(auth_views.LogoutView):
    """Ends the session here and, for a provider sign-in, continues to the provider's
    end-session endpoint when it has one, so the city account is signed out too."""

    template_name = notices.TEMPLATE
    extra_context = pages.SIGNED_OUT.context()
    required_action = "account.sign_in"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get("oidc_id_token")
        at_provider = oidc.provider_sign_out_url(request, id_token)
        response: HttpResponse = super().post(request, *args, **kwargs)
        if at_provider:
            return redirect(at_provider)
        return response


@requires("account.sign_up")
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=rate("sign_up"), method="POST")
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("organisations:profile")
    form = ResidentSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resident_register(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
        )
        return redirect("organisations:sign_up_done")
    return render(
        request,
        "organisations/sign_up.html",
        {"form": form, "form_action": reverse("organisations:sign_up")},
    )


sign_up_done = notices.notice_view(pages.SIGN_UP_DONE, action="account.sign_up")


@requires("account.verify")
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.email_verify(token=token)
    except services.VerificationError as exc:
        return notices.notice_response(request, pages.verify_failed(str(exc)), status=400)
    return notices.notice_response(
        request, pages.verified(user.email, signed_in=request.user.is_authenticated)
    )


@requires("account.view_own")
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    memberships = user.memberships.select_related("unit").order_by("unit__name", "role")
    return render(
        request,
        "organisations/profile.html",
        {
            "memberships": memberships,
            "city_sign_in": oidc.enabled(),
            "may_read_audit_log": can(user, "audit.view"),
            "may_place_people": can(user, "account.place"),
        },
    )


@requires("account.view_own")
@require_POST
@ratelimit(key="user", rate=rate("resend_verification"))
def resend_verification(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not user.email_verified:
        services.verification_email_send(user=user)
        messages.success(
            request, _("We have sent a new link to %(email)s.") % {"email": user.email}
        )
    return redirect("organisations:profile")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page: the old password, then the new one twice. Saving ends the person's other
    sessions (Django's session hash) and every API token (EndTokensOnPasswordChange)."""

    # Django's view asks for sign-in itself; the action says the same for the URL walk.
    required_action = "account.view_own"
    template_name = "organisations/password_change.html"
    success_url = reverse_lazy("organisations:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


def _reset_address(group: str, request: HttpRequest) -> str:
    return sign_in_key(request.POST.get("email", ""))


def password_reset_views() -> dict[str, Any]:
    """Django's password reset, with our templates and Swedish e-mails."""
    return {
        name: declare("account.reset_password", view)
        for name, view in {
            # Per address asking and per address asked for, so no one inbox is flooded.
            "reset": ratelimit(key="ip", rate=rate("password_reset"), method="POST")(
                ratelimit(key=_reset_address, rate=rate("password_reset_address"), method="POST")(
                    auth_views.PasswordResetView.as_view(
                        form_class=BackgroundPasswordResetForm,
                        template_name="organisations/password_reset.html",
                        email_template_name="organisations/email/password_reset.txt",
                        subject_template_name="organisations/email/password_reset_subject.txt",
                        success_url=reverse_lazy("organisations:password_reset_done"),
                    )
                )
            ),
            "done": auth_views.PasswordResetDoneView.as_view(
                template_name=notices.TEMPLATE, extra_context=pages.PASSWORD_RESET_DONE.context()
            ),
            "confirm": auth_views.PasswordResetConfirmView.as_view(
                template_name="organisations/password_reset_confirm.html",
                success_url=reverse_lazy("organisations:password_reset_complete"),
            ),
            "complete": auth_views.PasswordResetCompleteView.as_view(
                template_name=notices.TEMPLATE,
                extra_context=pages.PASSWORD_RESET_COMPLETE.context(),
            ),
        }.items()
    }
