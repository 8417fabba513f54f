"""The spreading API under /api/v1/: examples, adoptions, sessions and one's own booking.

Thin like the pages: the same selectors read, the same services write, the same actions are
asked. An object the caller may not see answers 404; an anonymous caller sees what is public.
A refusal is `{"detail": …, "field": …}` with the service's status.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.exceptions import ApplicationError
from innovera.core.permissions import can
from innovera.organisations.models import Unit, User
from innovera.organisations.permissions import AnyUser, is_signed_in
from innovera.spreading import permissions, selectors, services
from innovera.spreading.api import serializers as s
from innovera.spreading.forms import ExampleFilterForm
from innovera.spreading.models import Adoption, GoodExample


def _caller(request: Request) -> AnyUser:
    user = request.user
    return user if isinstance(user, User) else AnonymousUser()


def _person(request: Request) -> User:
    user = request.user
    if not isinstance(user, User) or not is_signed_in(user):
        raise NotAuthenticated
    return user


def _refusal(error: ApplicationError) -> Response:
    """The API's one error shape: `{field: [message]}` at a field, else `{"detail": message}`."""
    if error.field:
        return Response({error.field: [str(error.message)]}, status=error.status)
    return Response({"detail": str(error.message)}, status=error.status)


def _field_errors(errors: dict[str, Any]) -> Response:
    shaped = {
        ("detail" if field == "__all__" else field): [str(m) for m in messages]
        for field, messages in errors.items()
    }
    return Response(shaped, status=status.HTTP_400_BAD_REQUEST)


def _example(request: Request, slug: str) -> GoodExample:
    example = (
        permissions.visible_examples(_caller(request))
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
        tags=["spreading"], operation_id="examples_list", responses=s.ExamplePageSerializer
    )
    def get(self, request: Request) -> Response:
        form = ExampleFilterForm(request.query_params)
        if not form.is_valid():
            return _field_errors(form.errors)
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            number = 1
        page = selectors.example_list(
            user=_caller(request),
            filters=form.cleaned_data,
            sort=form.cleaned_data.get("sort") or "newest",
            page=number,
        )
        examples = list(page.object_list)
        prefetch_related_objects(examples, "topics", "unit_types")
        next_link = None
        if page.has_next():
            query = request.query_params.copy()
            query["page"] = str(page.next_page_number())
            next_link = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        data = s.ExampleSerializer(examples, many=True, context={"request": request}).data
        return Response({"count": page.paginator.count, "next": next_link, "results": data})

    @extend_schema(
        tags=["spreading"],
        operation_id="examples_create",
        request=s.ExampleWriteSerializer,
        responses={201: s.ExampleSerializer, 400: s.ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        user = _person(request)
        if not can(user, "example.create"):
            raise PermissionDenied
        serializer = s.ExampleWriteSerializer(data=request.data)
        if not serializer.is_valid():
            return _field_errors(serializer.errors)
        data = dict(serializer.validated_data)
        unit: Unit = data.pop("unit")
        topics = data.pop("topics", [])
        unit_types = data.pop("unit_types", [])
        try:
            example = services.example_create(
                user=user, unit=unit, fields=data, topics=topics, unit_types=unit_types
            )
        except ApplicationError as error:
            return _refusal(error)
        example = _example(request, example.slug)
        return Response(
            s.ExampleSerializer(example, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ExampleDetailView(APIView):
    required_action = "example.view"

    @extend_schema(
        tags=["spreading"], operation_id="examples_detail", responses=s.ExampleSerializer
    )
    def get(self, request: Request, slug: str) -> Response:
        example = _example(request, slug)
        return Response(s.ExampleSerializer(example, context={"request": request}).data)

    @extend_schema(
        tags=["spreading"],
        operation_id="examples_update",
        request=s.ExampleWriteSerializer,
        responses={200: s.ExampleSerializer, 400: s.ErrorSerializer},
    )
    def patch(self, request: Request, slug: str) -> Response:
        user = _person(request)
        example = _example(request, slug)
        if not can(user, "example.edit", example):
            raise PermissionDenied
        serializer = s.ExampleWriteSerializer(data=request.data, partial=True)
        if not serializer.is_valid():
            return _field_errors(serializer.errors)
        data = dict(serializer.validated_data)
        data.pop("unit", None)
        topics = data.pop("topics", None)
        unit_types = data.pop("unit_types", None)
        services.example_update(
            user=user, example=example, fields=data, topics=topics, unit_types=unit_types
        )
        example = _example(request, slug)
        return Response(s.ExampleSerializer(example, context={"request": request}).data)


def _adoption(request: Request, pk: int) -> Adoption:
    adoption = selectors.adoption_list(user=_caller(request)).filter(pk=pk).first()
    if adoption is None:
        raise NotFound
    return adoption


class AdoptionListView(APIView):
    required_action = "adoption.list"

    @extend_schema(
        tags=["spreading"], operation_id="adoptions_list", responses=s.AdoptionSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        adoptions = selectors.adoption_list(user=_caller(request))
        if request.query_params.get("example"):
            adoptions = adoptions.filter(example__slug=request.query_params["example"])
        data = s.AdoptionSerializer(adoptions[:200], many=True, context={"request": request}).data
        return Response({"results": data})

    @extend_schema(
        tags=["spreading"],
        operation_id="adoptions_create",
        request=s.AdoptionCreateSerializer,
        responses={201: s.AdoptionSerializer, 200: s.AdoptionSerializer, 400: s.ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        user = _person(request)
        serializer = s.AdoptionCreateSerializer(data=request.data)
        if not serializer.is_valid():
            return _field_errors(serializer.errors)
        example = _example(request, serializer.validated_data["example"])
        if not can(user, "adoption.create", example):
            raise PermissionDenied
        unit = Unit.objects.filter(pk=serializer.validated_data["unit"]).first()
        if unit is None:
            return _refusal(ApplicationError(_("The unit does not exist."), field="unit"))
        try:
            adoption, created = services.adoption_create(
                user=user, example_id=example.pk, unit=unit
            )
        except ApplicationError as error:
            return _refusal(error)
        return Response(
            s.AdoptionSerializer(adoption, context={"request": request}).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class AdoptionDetailView(APIView):
    required_action = "adoption.view"

    @extend_schema(
        tags=["spreading"], operation_id="adoptions_detail", responses=s.AdoptionSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        adoption = _adoption(request, pk)
        return Response(s.AdoptionSerializer(adoption, context={"request": request}).data)

    @extend_schema(
        tags=["spreading"],
        operation_id="adoptions_update",
        request=s.AdoptionUpdateSerializer,
        responses={200: s.AdoptionSerializer, 400: s.ErrorSerializer},
    )
    def patch(self, request: Request, pk: int) -> Response:
        user = _person(request)
        adoption = _adoption(request, pk)
        if not can(user, "adoption.edit", adoption):
            raise PermissionDenied
        serializer = s.AdoptionUpdateSerializer(data=request.data)
        if not serializer.is_valid():
            return _field_errors(serializer.errors)
        try:
            adoption = services.adoption_update(
                user=user, adoption_id=adoption.pk, **serializer.validated_data
            )
        except ApplicationError as error:
            return _refusal(error)
        return Response(s.AdoptionSerializer(adoption, context={"request": request}).data)


class SessionListView(APIView):
    required_action = "session.list"

    @extend_schema(
        tags=["spreading"], operation_id="sessions_list", responses=s.SessionPageSerializer
    )
    def get(self, request: Request) -> Response:
        when = "past" if request.query_params.get("when") == "past" else "upcoming"
        sessions = selectors.session_list(user=_caller(request), when=when).select_related(
            "example"
        )[:200]
        data = s.SessionSerializer(sessions, many=True, context={"request": request}).data
        return Response({"results": data})


def _session_view(request: Request, pk: int) -> selectors.SessionView:
    view = selectors.session_detail(user=_caller(request), pk=pk)
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
        return Response(s.SessionSerializer(view.session, context={"request": request}).data)


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
        _person(request)
        return self._answer(request, pk)

    @extend_schema(
        tags=["spreading"],
        operation_id="sessions_book",
        request=None,
        responses={201: s.BookingSerializer, 400: s.ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _person(request)
        view = _session_view(request, pk)
        try:
            services.booking_create(user=user, session_id=view.session.pk)
        except ApplicationError as error:
            return _refusal(error)
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        return self._answer(request, pk, status.HTTP_201_CREATED)

    @extend_schema(
        tags=["spreading"],
        operation_id="sessions_cancel_booking",
        request=None,
        responses=s.BookingSerializer,
    )
    def delete(self, request: Request, pk: int) -> Response:
        _person(request)
        view = _session_view(request, pk)
        if view.booking is None:
            raise NotFound
        services.booking_cancel(user=_person(request), booking_id=view.booking.pk)
        return self._answer(request, pk)
