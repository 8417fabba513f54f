"""The spreading API under /api/v1/: examples, adoptions, sessions and one's own booking.

Thin like the pages: the same selectors read, the same services write, the same actions are
asked. An object the caller may not see answers 404; an anonymous caller sees what is public.
What a service refuses reaches the caller through the API's one error handler
(`core.api.errors`) with the service's status; lists are cursor pages (`core.api.pagination`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from innovera.core.api.errors import invalid_form
from innovera.core.api.pagination import CursorPagination
from innovera.core.api.views import caller, deny_unless, person, validated
from innovera.core.exceptions import ApplicationError
from innovera.organisations.models import Unit
from innovera.organisations.selectors import unit_by_pk
from innovera.spreading import permissions, selectors, services
from innovera.spreading.api import serializers as s
from innovera.spreading.forms import ExampleFilterForm
from innovera.spreading.models import Adoption, GoodExample


def _sent(
    request: Request, serializer: type[Serializer[Any]], obj: Any, code: int = status.HTTP_200_OK
) -> Response:
    """One object as the caller reads it (its links absolute)."""
    return Response(serializer(obj, context={"request": request}).data, status=code)


def _cursor_page(
    request: Request,
    rows: QuerySet[Any],
    ordering: Sequence[str],
    serializer: type[Serializer[Any]],
    prefetch: Sequence[str] = (),
) -> Response:
    """A list as one cursor page, ordered by `ordering`."""
    return CursorPagination(ordering).serialized_page(
        rows, request, serializer, prefetch=prefetch, context={"request": request}
    )


def _example(request: Request, slug: str) -> GoodExample:
    example = (
        permissions.visible_examples(caller(request))
        .select_related("unit")
        .prefetch_related("topics", "unit_types")
        .filter(slug=slug)
        .first()
    )
    if example is None:
        raise NotFound
    return example


class ExampleListView(APIView):
    required_action = "example.list"

    @extend_schema(
        tags=["spreading"],
        operation_id="examples_list",
        responses=s.ExampleSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        form = ExampleFilterForm(request.query_params)
        if not form.is_valid():
            raise invalid_form(form)
        examples, ordering = selectors.example_feed(
            user=caller(request),
            filters=form.cleaned_data,
            sort=form.cleaned_data.get("sort") or "newest",
        )
        return _cursor_page(
            request, examples, ordering, s.ExampleSerializer, prefetch=("topics", "unit_types")
        )

    @extend_schema(
        tags=["spreading"],
        operation_id="examples_create",
        request=s.ExampleWriteSerializer,
        responses={201: s.ExampleSerializer},
    )
    def post(self, request: Request) -> Response:
        user = person(request)
        deny_unless(user, "example.create")
        data = validated(s.ExampleWriteSerializer, request.data)
        unit: Unit = data.pop("unit")
        topics = data.pop("topics", [])
        unit_types = data.pop("unit_types", [])
        example = services.example_create(
            user=user, unit=unit, fields=data, topics=topics, unit_types=unit_types
        )
        example = _example(request, example.slug)
        return _sent(request, s.ExampleSerializer, example, status.HTTP_201_CREATED)


class ExampleDetailView(APIView):
    required_action = "example.view"

    @extend_schema(
        tags=["spreading"], operation_id="examples_detail", responses=s.ExampleSerializer
    )
    def get(self, request: Request, slug: str) -> Response:
        example = _example(request, slug)
        return _sent(request, s.ExampleSerializer, example)

    @extend_schema(
        tags=["spreading"],
        operation_id="examples_update",
        request=s.ExampleWriteSerializer,
        responses=s.ExampleSerializer,
    )
    def patch(self, request: Request, slug: str) -> Response:
        user = person(request)
        example = _example(request, slug)
        deny_unless(user, "example.edit", example)
        data = validated(s.ExampleWriteSerializer, request.data, partial=True)
        data.pop("unit", None)
        topics = data.pop("topics", None)
        unit_types = data.pop("unit_types", None)
        services.example_update(
            user=user, example=example, fields=data, topics=topics, unit_types=unit_types
        )
        example = _example(request, slug)
        return _sent(request, s.ExampleSerializer, example)


def _adoption(request: Request, pk: int) -> Adoption:
    adoption = selectors.adoption_list(user=caller(request)).filter(pk=pk).first()
    if adoption is None:
        raise NotFound
    return adoption


class AdoptionListView(APIView):
    required_action = "adoption.list"

    @extend_schema(
        tags=["spreading"],
        operation_id="adoptions_list",
        parameters=[s.AdoptionFilterSerializer],
        responses=s.AdoptionSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        filters = validated(s.AdoptionFilterSerializer, request.query_params)
        adoptions = selectors.adoption_list(user=caller(request), example=filters.get("example"))
        return _cursor_page(request, adoptions, ("-updated_at", "-id"), s.AdoptionSerializer)

    @extend_schema(
        tags=["spreading"],
        operation_id="adoptions_create",
        request=s.AdoptionCreateSerializer,
        responses={201: s.AdoptionSerializer, 200: s.AdoptionSerializer},
    )
    def post(self, request: Request) -> Response:
        user = person(request)
        data = validated(s.AdoptionCreateSerializer, request.data)
        try:
            example = _example(request, data["example"])
        except NotFound:
            # A field of the body, not the address: a 400 at the field, as for the unit.
            raise ApplicationError(_("The example does not exist."), field="example") from None
        deny_unless(user, "adoption.create", example)
        unit = unit_by_pk(data["unit"])
        if unit is None:
            raise ApplicationError(_("The unit does not exist."), field="unit")
        adoption, created = services.adoption_create(user=user, example_id=example.pk, unit=unit)
        return _sent(
            request,
            s.AdoptionSerializer,
            adoption,
            status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class AdoptionDetailView(APIView):
    required_action = "adoption.view"

    @extend_schema(
        tags=["spreading"], operation_id="adoptions_detail", responses=s.AdoptionSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        adoption = _adoption(request, pk)
        return _sent(request, s.AdoptionSerializer, adoption)

    @extend_schema(
        tags=["spreading"],
        operation_id="adoptions_update",
        request=s.AdoptionUpdateSerializer,
        responses=s.AdoptionSerializer,
    )
    def patch(self, request: Request, pk: int) -> Response:
        user = person(request)
        adoption = _adoption(request, pk)
        deny_unless(user, "adoption.edit", adoption)
        fields = validated(s.AdoptionUpdateSerializer, request.data)
        adoption = services.adoption_update(user=user, adoption_id=adoption.pk, **fields)
        return _sent(request, s.AdoptionSerializer, adoption)


class SessionListView(APIView):
    required_action = "session.list"

    @extend_schema(
        tags=["spreading"],
        operation_id="sessions_list",
        parameters=[s.SessionFilterSerializer],
        responses=s.SessionSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        when = validated(s.SessionFilterSerializer, request.query_params)["when"]
        sessions = selectors.session_list(user=caller(request), when=when).select_related("example")
        ordering = ("-starts_at", "-id") if when == "past" else ("starts_at", "id")
        return _cursor_page(request, sessions, ordering, s.SessionSerializer)


def _session_view(request: Request, pk: int) -> selectors.SessionView:
    view = selectors.session_detail(user=caller(request), pk=pk)
    if view is None:
        raise NotFound
    return view


class SessionDetailView(APIView):
    required_action = "session.view"

    @extend_schema(
        tags=["spreading"], operation_id="sessions_detail", responses=s.SessionSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        view = _session_view(request, pk)
        return _sent(request, s.SessionSerializer, view.session)


class SessionBookingView(APIView):
    """The signed-in person's own booking of the session: POST books, DELETE cancels."""

    required_action = "session.book"

    def _answer(self, request: Request, pk: int, code: int = status.HTTP_200_OK) -> Response:
        view = _session_view(request, pk)
        booking = view.booking
        data = {
            "status": booking.status if booking else "none",
            "waiting_position": view.waiting_position,
            "session": s.SessionSerializer(view.session, context={"request": request}).data,
        }
        return Response(data, status=code)

    @extend_schema(
        tags=["spreading"], operation_id="sessions_booking", responses=s.BookingSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        person(request)
        return self._answer(request, pk)

    @extend_schema(
        tags=["spreading"],
        operation_id="sessions_book",
        request=None,
        responses={201: s.BookingSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = person(request)
        view = _session_view(request, pk)
        services.booking_create(user=user, session_id=view.session.pk)
        return self._answer(request, pk, status.HTTP_201_CREATED)

    @extend_schema(
        tags=["spreading"],
        operation_id="sessions_cancel_booking",
        request=None,
        responses=s.BookingSerializer,
    )
    def delete(self, request: Request, pk: int) -> Response:
        user = person(request)
        view = _session_view(request, pk)
        if view.booking is None:
            raise NotFound
        services.booking_cancel(user=user, booking_id=view.booking.pk)
        return self._answer(request, pk)
