"""The indicators in the API: their definitions, and one indicator's figures for the city, a
unit type or a unit over a period. Public, like the dashboards; figures resting on fewer than
five people are null for callers who are not city employees."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.api.pagination import complete_list
from innovera.core.api.views import validated
from innovera.core.permissions import can
from innovera.followup import selectors, services
from innovera.followup.indicators import BY_CODE, INDICATORS, Indicator, Period, available, compute
from innovera.followup.tree import ADMINISTRATION_TYPES


class IndicatorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    definition = serializers.CharField()
    unit = serializers.CharField(help_text="count, share (0-1), days, per_1000 or mean")
    personal = serializers.BooleanField(
        help_text="Small counts (below 5) are null for callers who are not city employees."
    )
    app = serializers.CharField(source="source", help_text="The app whose records it counts.")
    categories = serializers.SerializerMethodField()

    def get_categories(self, indicator: Indicator) -> list[dict[str, str]]:
        return [{"code": code, "name": str(label)} for code, label in indicator.categories]


class QuerySerializer(serializers.Serializer[Any]):
    unit = serializers.SlugField(required=False, help_text="A unit's address name.")
    unit_type = serializers.ChoiceField(choices=ADMINISTRATION_TYPES, required=False)
    # "from" is a Python keyword: the field is renamed in to_internal_value.
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def to_internal_value(self, data: Any) -> Any:
        data = {**data.dict()} if hasattr(data, "dict") else dict(data)
        if "from" in data:
            data["start"] = data.pop("from")
        if "to" in data:
            data["end"] = data.pop("to")
        return super().to_internal_value(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("unit") and attrs.get("unit_type"):
            raise serializers.ValidationError(
                {"unit": _("Ask for a unit or a unit type, not both.")}
            )
        today = timezone.localdate()
        end = attrs.get("end") or today
        start = attrs.get("start") or end - datetime.timedelta(days=364)
        if end < start:
            raise serializers.ValidationError({"to": _("The period cannot end before it starts.")})
        attrs["period"] = Period(start, end)
        return attrs


class FigureSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    scope = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    unit_type = serializers.CharField(allow_null=True)
    period = serializers.DictField()
    value = serializers.FloatField(allow_null=True)
    previous_value = serializers.FloatField(allow_null=True)
    breakdown = serializers.ListField()
    computed_at = serializers.DateTimeField()


PARAMETERS = [
    OpenApiParameter("unit", OpenApiTypes.STR, description="A unit's address name"),
    OpenApiParameter("unit_type", OpenApiTypes.STR, enum=list(ADMINISTRATION_TYPES)),
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: a year ago)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default: today)"),
]


class IndicatorListView(APIView):
    required_action = "indicator.api"

    @extend_schema(
        tags=["indicators"],
        operation_id="indicators_list",
        summary="The follow-up indicators: codes and definitions",
        responses=IndicatorSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return complete_list(IndicatorSerializer(list(INDICATORS), many=True).data)


class IndicatorDetailView(APIView):
    required_action = "indicator.api"

    @extend_schema(
        tags=["indicators"],
        operation_id="indicators_retrieve",
        summary="One indicator for the city, a unit type or a unit over a period",
        description="The figures the daily count stored, as the dashboards show them: `period` "
        "is the period they cover, which may end a day before the one asked for when the day "
        "is not counted yet. A period the daily count does not make is counted on request.",
        parameters=PARAMETERS,
        responses=FigureSerializer,
    )
    def get(self, request: Request, code: str) -> Response:
        indicator = BY_CODE.get(code)
        if indicator is None:
            raise NotFound
        query = validated(QuerySerializer, request.query_params)
        period: Period = query["period"]
        tree = selectors.unit_tree()
        slug, kind = query.get("unit"), query.get("unit_type")
        unit_type = kind or None
        if slug:
            unit = tree.by_slug(slug)
            if unit is None:
                raise NotFound
            group, scope, unit_type = tree.unit_group(unit.id), "unit", tree.kind_of(unit.id)
        elif kind:
            group, scope = tree.type_group(kind, kind), "unit_type"
        else:
            group, scope = tree.city_group("city"), "city"
        public = not can(request.user, "followup.view_small_counts")
        # The daily job's counts when it has counted the period (the standard ones, as the
        # dashboards read them), even on a morning before it has counted them again: counting
        # takes seconds on a big city. A period the caller chose is counted now, as before.
        latest = selectors.snapshot_latest(period)
        if latest is None:
            facts, computed_at = services.period_facts(period)
        else:
            facts, computed_at, period = latest
        stored_before = selectors.snapshot_latest(period.previous())
        previous = (
            stored_before[0] if stored_before else services.period_facts(period.previous())[0]
        )
        now = compute(indicator, facts, group, public=public)
        before = compute(indicator, previous, group, public=public)
        return Response(
            {
                "code": indicator.code,
                "scope": scope,
                "unit": slug or None,
                "unit_type": unit_type,
                "period": {"from": period.start, "to": period.end},
                "available": available(indicator, facts),
                "value": now.number,
                "previous_value": before.number,
                "breakdown": [
                    {"category": category, "value": figure}
                    for category, figure, _count in now.breakdown
                ],
                "computed_at": computed_at,
            }
        )
