"""The API's one page style: a cursor.

Every list answers `{"results": [...], "next": <link or null>}`. `next` is the address of the
following page, with an opaque `cursor` parameter and the request's other parameters; null on
the last page. There is no total count and no page number: a cursor page stays right while rows
are added, and costs one query whatever the depth.

`CursorPagination` pages a queryset by an ordering the view names (DRF's cursor, with a forged
or edited cursor refused as a 400 at `cursor`, not DRF's 404). A list whose selector pages
itself (the ideas, whose cursor the pages share) answers with `cursor_page`, a list that is
short and complete (the indicators) with `complete_list`: the same shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

CURSOR = "cursor"
PAGE_SIZE = 20


def forged_cursor() -> ValidationError:
    return ValidationError({CURSOR: [_("The page link is not valid.")]})


class CursorPagination(pagination.CursorPagination):
    """DRF's cursor over the ordering a view gives: `CursorPagination(("-updated_at", "-id"))`.
    The first field decides the position; it must never be null."""

    page_size = PAGE_SIZE
    cursor_query_param = CURSOR

    def __init__(self, ordering: Sequence[str]) -> None:
        self.ordering = tuple(ordering)

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> tuple[str, ...]:
        return tuple(self.ordering)

    def decode_cursor(self, request: Any) -> Any:
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise forged_cursor() from None

    def rows(self, queryset: QuerySet[Any], request: Request) -> list[Any]:
        """This request's page of the queryset (DRF keeps it as `page` too)."""
        return list(self.paginate_queryset(queryset, request) or [])

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"results": data, "next": self.get_next_link()})

    def serialized_page(
        self,
        queryset: QuerySet[Any],
        request: Request,
        serializer: Any,
        *,
        prefetch: Sequence[str] = (),
        **options: Any,
    ) -> Response:
        """This request's page of the queryset through `serializer(page, many=True,
        **options)`, answered as the API's page; `prefetch` (relations, as for
        `prefetch_related`) is fetched for the page's rows alone."""
        page = self.rows(queryset, request)
        if prefetch:
            prefetch_related_objects(page, *prefetch)
        return self.get_paginated_response(serializer(page, many=True, **options).data)


def page_schema(items: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["results", "next"],
        "properties": {
            "results": items,
            "next": {
                "type": "string",
                "format": "uri",
                "nullable": True,
                "description": "The next page, or null on the last.",
            },
        },
    }


def cursor_page(request: Request, results: Any, next_cursor: str | None) -> Response:
    """The page of a selector that pages itself: `next` carries its cursor."""
    next_link = None
    if next_cursor is not None:
        query = request.query_params.copy()
        query[CURSOR] = next_cursor
        next_link = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return Response({"results": results, "next": next_link})


def complete_list(results: Any) -> Response:
    """A short list given whole: one page, so `next` is null."""
    return Response({"results": results, "next": None})
