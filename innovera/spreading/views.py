"""Pages of the spreading app: parse with a form, ask the permission table, call one service.

A hidden object is a 404 (never a 403 that would tell it exists): the views that load an
object declare their action with `on_object=True` and ask `can` themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from innovera.core.forms import refusal_shown
from innovera.core.http import AuthenticatedHttpRequest, attachment, sign_in_required
from innovera.core.permissions import can, requires
from innovera.ideas.models import Idea
from innovera.spreading import calendar, selectors, services
from innovera.spreading.forms import (
    AdoptForm,
    AdoptionForm,
    AttachmentForm,
    AttendanceForm,
    CampaignForm,
    ExampleFilterForm,
    ExampleForm,
    FigureForm,
    ImageForm,
    SessionForm,
)
from innovera.spreading.models import (
    Adoption,
    BookingStatus,
    GoodExample,
    KnowledgeSession,
)
from innovera.spreading.models.examples import EXAMPLE_WRITTEN_FIELDS
from innovera.spreading.views_shared import download, person, refusal_said, visible

SESSIONS_PER_PAGE = 30
EXAMPLE_FORM_FIELDS = EXAMPLE_WRITTEN_FIELDS


def _example(request: HttpRequest, slug: str, action: str) -> GoodExample:
    """The example, if the person may see it (else 404) and do `action` (else 403)."""
    return visible(
        request, selectors.example_by_slug(slug=slug), seen="example.view", action=action
    )


def _session(request: HttpRequest, pk: int, action: str) -> KnowledgeSession:
    return visible(request, selectors.session_by_pk(pk=pk), seen="session.view", action=action)


# --- Good examples -------------------------------------------------------------------------


@require_GET
@requires("example.list")
def example_list(request: HttpRequest) -> HttpResponse:
    form = ExampleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    try:
        number = int(request.GET.get("sida", "1"))
    except ValueError:
        number = 1
    page = selectors.example_list(
        user=request.user, filters=filters, sort=filters.get("sort") or "newest", page=number
    )
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": can(request.user, "example.create"),
    }
    return render(request, "spreading/example_list.html", context)


def _example_fields(form: ExampleForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in EXAMPLE_FORM_FIELDS}


def _example_new(
    request: HttpRequest, *, user: Any, idea: Idea | None, initial: dict[str, Any] | None
) -> HttpResponse:
    """The new-example form, blank or grown from an idea: saved as a draft, or shown again."""
    units = selectors.coordinated_units(user=user)
    form = ExampleForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            example = services.example_create(
                user=user,
                unit=form.cleaned_data["unit"],
                fields=_example_fields(form),
                topics=form.cleaned_data["topics"],
                unit_types=form.cleaned_data["unit_types"],
                idea=idea,
            )
            messages.success(request, _("The example is saved as a draft."))
            return redirect(example.get_absolute_url())
    return render(request, "spreading/example_form.html", {"form": form, "idea": idea})


@require_http_methods(["GET", "POST"])
@requires("example.create")
def example_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _example_new(request, user=request.user, idea=None, initial=None)


@require_http_methods(["GET", "POST"])
@requires("example.from_idea", on_object=True)
@sign_in_required
def example_from_idea(request: HttpRequest, idea_pk: int) -> HttpResponse:
    user = person(request)
    try:
        idea, initial = selectors.example_initial_from_idea(user=user, idea_id=idea_pk)
    except Idea.DoesNotExist:
        raise Http404 from None
    if not can(user, "example.from_idea", idea):
        raise PermissionDenied("example.from_idea")
    existing = selectors.example_for_idea(user=user, idea=idea)
    if existing is not None:
        messages.info(request, _("This idea has already been made a good example."))
        return redirect(existing.get_absolute_url())
    return _example_new(request, user=user, idea=idea, initial=initial)


@require_GET
@requires("example.view", on_object=True)
def example_detail(request: HttpRequest, slug: str) -> HttpResponse:
    view = selectors.example_detail(user=request.user, slug=slug)
    if view is None:
        raise Http404
    example = view.example
    user = request.user
    context: dict[str, Any] = {
        "view": view,
        "example": example,
        "can_edit": can(user, "example.edit", example),
        "can_publish": can(user, "example.publish", example) and not example.is_published,
        "can_adopt": can(user, "adoption.create", example),
        "show_people": can(user, "unit.view_people"),
    }
    if context["can_adopt"]:
        units = selectors.coordinated_units(user=user).exclude(pk=example.unit_id)
        context["adopt_form"] = AdoptForm(units=units)
    if context["can_edit"]:
        context.update(_side_forms())
    return render(request, "spreading/example_detail.html", context)


@require_http_methods(["GET", "POST"])
@requires("example.edit", on_object=True)
def example_edit(request: HttpRequest, slug: str) -> HttpResponse:
    example = _example(request, slug, "example.edit")
    form = ExampleForm(
        request.POST or None, instance=example, units=selectors.coordinated_units(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            services.example_update(
                user=person(request),
                example=example,
                fields=_example_fields(form),
                topics=form.cleaned_data["topics"],
                unit_types=form.cleaned_data["unit_types"],
            )
            messages.success(request, _("The example is saved."))
            return redirect(example.get_absolute_url())
    return render(
        request, "spreading/example_form.html", {"form": form, "idea": None, "example": example}
    )


@require_POST
@requires("example.publish", on_object=True)
def example_publish(request: HttpRequest, slug: str) -> HttpResponse:
    example = _example(request, slug, "example.publish")
    services.example_publish(user=person(request), example=example)
    messages.success(request, _("The example is published."))
    return redirect(example.get_absolute_url())


class _SideForm(NamedTuple):
    form: Any
    # The service that adds the row: called with the person, the example and the form's
    # cleaned data, the file field (named as the form's prefix) passed as `upload`.
    add: Callable[..., object]
    done: Promise


# The example page's side forms, by prefix: an image, an attachment, a figure.
SIDE_FORMS = {
    "image": _SideForm(ImageForm, services.example_image_add, gettext_lazy("The image is added.")),
    "attachment": _SideForm(
        AttachmentForm, services.example_attachment_add, gettext_lazy("The attachment is added.")
    ),
    "figure": _SideForm(
        FigureForm, services.example_figure_add, gettext_lazy("The figure is added.")
    ),
}


def _side_forms() -> dict[str, Any]:
    return {f"{prefix}_form": side.form(prefix=prefix) for prefix, side in SIDE_FORMS.items()}


def _example_side_form(request: HttpRequest, slug: str, prefix: str) -> HttpResponse:
    """A side form: saved, or the page again with the errors."""
    side = SIDE_FORMS[prefix]
    user = person(request)
    example = _example(request, slug, "example.edit")
    form = side.form(request.POST, request.FILES, prefix=prefix)
    if form.is_valid():
        fields = {
            ("upload" if name == prefix else name): value
            for name, value in form.cleaned_data.items()
        }
        with refusal_shown(form):
            side.add(user=user, example=example, **fields)
            messages.success(request, str(side.done))
            return redirect(example.get_absolute_url())
    view = selectors.example_detail(user=request.user, slug=slug)
    context = {
        "view": view,
        "example": example,
        "can_edit": True,
        "can_publish": can(request.user, "example.publish", example) and not example.is_published,
        "can_adopt": False,
        "show_people": can(request.user, "unit.view_people"),
        "open_panel": prefix,
        "form": form,
        **_side_forms(),
        f"{prefix}_form": form,
    }
    return render(request, "spreading/example_detail.html", context, status=400)


def _side_form_view(prefix: str) -> Callable[[HttpRequest, str], HttpResponse]:
    """The POST view of one side form (`example_<prefix>_add`)."""

    @require_POST
    @requires("example.edit", on_object=True)
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        return _example_side_form(request, slug, prefix)

    view.__name__ = view.__qualname__ = f"example_{prefix}_add"
    return view


example_image_add = _side_form_view("image")
example_attachment_add = _side_form_view("attachment")
example_figure_add = _side_form_view("figure")


@require_GET
@requires("example.attachment", on_object=True)
def example_attachment(request: HttpRequest, slug: str, attachment_id: int) -> FileResponse:
    example = _example(request, slug, "example.attachment")
    return download(selectors.example_attachment(example=example, pk=attachment_id))


@require_GET
@requires("example.attachment", on_object=True)
def example_image(request: HttpRequest, slug: str, image_id: int) -> FileResponse:
    example = _example(request, slug, "example.attachment")
    image = selectors.example_image(example=example, pk=image_id)
    if image is None:
        raise Http404
    response = FileResponse(image.file.open("rb"), content_type=image.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Adoptions -----------------------------------------------------------------------------


@require_POST
@requires("adoption.create", on_object=True)
@sign_in_required
def example_adopt(request: HttpRequest, slug: str) -> HttpResponse:
    example = _example(request, slug, "adoption.create")
    user = person(request)
    form = AdoptForm(request.POST, units=selectors.coordinated_units(user=user))
    if form.is_valid():
        with refusal_said(request):
            adoption, created = services.adoption_create(
                user=user, example_id=example.pk, unit=form.cleaned_data["unit"]
            )
            if created:
                messages.success(
                    request,
                    _("Your unit's adoption is recorded; the unit behind the example is told."),
                )
            else:
                messages.info(request, _("Your unit has already adopted this example."))
            return redirect(adoption.get_absolute_url())
    else:
        messages.error(request, _("Choose the unit that wants to adopt the example."))
    return redirect(example.get_absolute_url())


def _adoption(request: HttpRequest, slug: str, pk: int) -> Adoption:
    adoption = selectors.adoption_detail(user=request.user, slug=slug, pk=pk)
    if adoption is None:
        raise Http404
    return adoption


@require_GET
@requires("adoption.view", on_object=True)
def adoption_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    adoption = _adoption(request, slug, pk)
    can_edit = can(request.user, "adoption.edit", adoption)
    form = None
    if can_edit:
        form = AdoptionForm(
            initial={
                "status": adoption.status,
                "changes": adoption.changes,
                "outcome": adoption.outcome,
                "lessons": adoption.lessons,
                "drop_reason": adoption.drop_reason,
            }
        )
    return render(
        request, "spreading/adoption_detail.html", _adoption_context(request, adoption, form)
    )


def _adoption_context(
    request: HttpRequest, adoption: Adoption, form: AdoptionForm | None
) -> dict[str, Any]:
    idea = adoption.example.idea
    return {
        "adoption": adoption,
        "example": adoption.example,
        "form": form,
        "show_people": can(request.user, "unit.view_people"),
        "can_mark_spread": (
            adoption.status == "in_use"
            and idea is not None
            and idea.stage.key == "implemented"
            and can(request.user, "adoption.mark_idea_spread", adoption)
        ),
    }


@require_POST
@requires("adoption.edit", on_object=True)
def adoption_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    adoption = _adoption(request, slug, pk)
    if not can(request.user, "adoption.edit", adoption):
        raise PermissionDenied("adoption.edit")
    form = AdoptionForm(request.POST)
    if form.is_valid():
        with refusal_shown(form):
            services.adoption_update(
                user=person(request), adoption_id=adoption.pk, **form.cleaned_data
            )
            messages.success(request, _("The adoption is saved."))
            return redirect(adoption.get_absolute_url())
    return render(
        request,
        "spreading/adoption_detail.html",
        _adoption_context(request, adoption, form),
        status=400,
    )


@require_POST
@requires("adoption.mark_idea_spread", on_object=True)
def adoption_mark_spread(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    adoption = _adoption(request, slug, pk)
    if not can(request.user, "adoption.mark_idea_spread", adoption):
        raise PermissionDenied("adoption.mark_idea_spread")
    with refusal_said(request):
        idea = services.adoption_mark_idea_spread(user=person(request), adoption_id=adoption.pk)
        messages.success(request, _("The idea is marked as spread."))
        return redirect(idea.get_absolute_url())
    return redirect(adoption.get_absolute_url())


# --- Sessions ------------------------------------------------------------------------------


@require_GET
@requires("session.list")
def session_list(request: HttpRequest) -> HttpResponse:
    when = "past" if request.GET.get("visa") == "tidigare" else "upcoming"
    page = Paginator(selectors.session_list(user=request.user, when=when), SESSIONS_PER_PAGE)
    number = request.GET.get("sida", "1")
    sessions = page.get_page(number if number.isdigit() else 1)
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "sessions": sessions.object_list,
        "page": sessions,
        "query": query.urlencode(),
        "when": when,
        "campaigns": selectors.campaign_list()[:5],
        "can_create": can(request.user, "session.create"),
        "can_manage_campaigns": can(request.user, "campaign.manage"),
    }
    return render(request, "spreading/session_list.html", context)


def _session_examples(user: Any) -> Any:
    from innovera.spreading.permissions import visible_examples

    return visible_examples(user).filter(publication="published").order_by("title")


@require_http_methods(["GET", "POST"])
@requires("session.create")
def session_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None, examples=_session_examples(request.user))
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            session = services.session_create(user=request.user, fields=form.cleaned_data)
            messages.success(request, _("The session is offered."))
            return redirect(session.get_absolute_url())
    return render(request, "spreading/session_form.html", {"form": form})


@require_GET
@requires("session.view", on_object=True)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.session_detail(user=request.user, pk=pk)
    if view is None:
        raise Http404
    session = view.session
    context = {
        "view": view,
        "session": session,
        "can_book": can(request.user, "session.book", session),
        "can_manage": can(request.user, "session.edit", session),
        "signed_in": request.user.is_authenticated,
    }
    return render(request, "spreading/session_detail.html", context)


@require_http_methods(["GET", "POST"])
@requires("session.edit", on_object=True)
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, "session.edit")
    form = SessionForm(
        request.POST or None, instance=session, examples=_session_examples(request.user)
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            session, above = services.session_update(
                user=person(request), session_id=session.pk, fields=form.cleaned_data
            )
            if above:
                messages.warning(
                    request,
                    _(
                        "Booked above the new number of places: %(names)s. Nobody was removed; cancel their bookings from the list if you need to."
                    )
                    % {"names": ", ".join(b.person.full_name for b in above)},
                )
            else:
                messages.success(request, _("The session is saved."))
            return redirect(session.get_absolute_url())
    return render(request, "spreading/session_form.html", {"form": form, "session": session})


@require_POST
@requires("session.edit", on_object=True)
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, "session.edit")
    services.session_cancel(user=person(request), session_id=session.pk)
    messages.success(request, _("The session is cancelled and those booked are told."))
    return redirect(session.get_absolute_url())


@require_POST
@requires("session.book", on_object=True)
@sign_in_required
def session_book(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, "session.book")
    with refusal_said(request):
        booking = services.booking_create(user=person(request), session_id=session.pk)
        if booking.status == BookingStatus.BOOKED:
            messages.success(request, _("You have a place. Add it to your calendar below."))
        else:
            messages.warning(
                request,
                _(
                    "The session is full: you are on the waiting list and get a place, and a message, if someone cancels."
                ),
            )
    return redirect(session.get_absolute_url())


@require_POST
@requires("booking.cancel", on_object=True)
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, "session.view")
    user = person(request)
    booking = selectors.booking_in_session(session=session, person=user)
    if booking is None:
        raise Http404
    services.booking_cancel(user=user, booking_id=booking.pk)
    messages.success(request, _("Your booking is cancelled."))
    return redirect(session.get_absolute_url())


@require_http_methods(["GET", "POST"])
@requires("session.attendees", on_object=True)
def session_attendees(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, "session.attendees")
    lists = selectors.session_attendees(session=session)
    form = AttendanceForm(request.POST or None, bookings=lists["booked"])
    if request.method == "POST" and form.is_valid():
        chosen = {booking.pk for booking in form.cleaned_data["attended"]}
        with refusal_shown(form):
            services.attendance_mark(
                user=person(request),
                session_id=session.pk,
                attended={booking.pk: booking.pk in chosen for booking in lists["booked"]},
            )
            messages.success(request, _("Attendance is saved."))
            return redirect(reverse("spreading:session_attendees", kwargs={"pk": session.pk}))
    context = {"session": session, "lists": lists, "form": form}
    return render(request, "spreading/session_attendees.html", context)


@require_POST
@requires("session.attendees", on_object=True)
def attendee_cancel(request: HttpRequest, pk: int, booking_id: int) -> HttpResponse:
    session = _session(request, pk, "session.attendees")
    booking = selectors.booking_in_session(session=session, pk=booking_id)
    if booking is None:
        raise Http404
    services.booking_cancel(user=person(request), booking_id=booking.pk)
    messages.success(request, _("The booking is cancelled and the person told."))
    return redirect(reverse("spreading:session_attendees", kwargs={"pk": session.pk}))


@require_GET
@requires("session.view", on_object=True)
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        session, booking = selectors.session_for_calendar(user=request.user, pk=pk)
    except KnowledgeSession.DoesNotExist:
        raise Http404 from None
    return attachment(
        calendar.session_calendar(session, booking),
        content_type="text/calendar; charset=utf-8",
        filename=f"kunskapsdelning-{session.pk}.ics",
    )


@require_GET
@requires("campaign.view", on_object=True)
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.campaign_detail(user=request.user, slug=slug)
    if found is None:
        raise Http404
    campaign, counters = found
    context = {
        "campaign": campaign,
        "counters": counters,
        "sessions": selectors.session_list(user=request.user, campaign=campaign),
    }
    return render(request, "spreading/campaign_detail.html", context)


@require_http_methods(["GET", "POST"])
@requires("campaign.manage")
def campaign_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            campaign = services.campaign_create(user=request.user, **form.cleaned_data)
            return redirect(campaign.get_absolute_url())
    return render(request, "spreading/campaign_form.html", {"form": form})


@require_GET
@requires("booking.list_own")
def my_bookings(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = services.calendar_token_get(user=request.user)
    context = {
        "bookings": selectors.my_bookings(user=request.user),
        "feed_url": request.build_absolute_uri(
            reverse("spreading:calendar_feed", kwargs={"token": token.token})
        ),
    }
    return render(request, "spreading/my_bookings.html", context)


@require_POST
@requires("calendar.manage")
def calendar_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.calendar_token_renew(user=request.user)
    messages.success(request, _("Your calendar address is renewed; the old one no longer works."))
    return redirect("spreading:my_bookings")


@require_GET
@requires("calendar.feed")
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.feed_bookings(token=token)
    if found is None:
        raise Http404
    _owner, bookings = found
    body = calendar.bookings_calendar(bookings, _("My knowledge-sharing sessions"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_http_methods(["GET", "POST"])
@requires("spreading_notice.list")
def notices(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notices_mark_read(user=request.user)
        return redirect("spreading:notices")
    return render(
        request, "spreading/notices.html", {"notices": selectors.notices(user=request.user)}
    )
