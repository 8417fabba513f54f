"""The documents × concept families table in the API: the same JSON as
`innovera documents table --format json`. Public, like the table page (governing documents are
public records)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.api.views import deny_unless
from innovera.documents import selectors


class FamilySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the JSON key; Field.label in the stubs
    stems = serializers.ListField(child=serializers.CharField())
    exclusions = serializers.ListField(child=serializers.CharField())


class AppendixSerializer(serializers.Serializer[Any]):
    title = serializers.CharField()
    words = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="code → count")


class DocumentSerializer(AppendixSerializer):
    category = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    appendices = AppendixSerializer(many=True)


class TableSerializer(serializers.Serializer[Any]):
    families = FamilySerializer(many=True)
    documents = DocumentSerializer(many=True)


class DocumentTableView(APIView):
    required_action = "document.list"

    @extend_schema(
        tags=["documents"],
        operation_id="documents_table",
        summary="Governing documents × concept families, appendices counted separately",
        responses=TableSerializer,
    )
    def get(self, request: Request) -> Response:
        deny_unless(request.user, self.required_action)
        return Response(selectors.table_data())
