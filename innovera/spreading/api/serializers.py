"""What the spreading API sends and accepts. Text goes out as written; the API renders nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innovera.ideas.models import Topic
from innovera.organisations.models import Unit, UnitType
from innovera.spreading.models import (
    Adoption,
    AdoptionStatus,
    ExampleStatus,
    GoodExample,
    KnowledgeSession,
)
from innovera.spreading.models.examples import EXAMPLE_WRITTEN_FIELDS
from innovera.spreading.services import SESSION_PLAN_FIELDS


class PageUrl:
    """For a serializer whose `url` (a SerializerMethodField) is the object's page, absolute."""

    context: dict[str, Any]

    def get_url(self, obj: Any) -> str:
        return str(self.context["request"].build_absolute_uri(obj.get_absolute_url()))


class SpreadingUnitSerializer(serializers.Serializer[Unit]):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    unit_type = serializers.CharField(read_only=True)


class ExampleSerializer(PageUrl, serializers.ModelSerializer[GoodExample]):
    url = serializers.SerializerMethodField()
    unit = SpreadingUnitSerializer(read_only=True)
    topics = serializers.SlugRelatedField[Topic](slug_field="slug", many=True, read_only=True)
    unit_types = serializers.SerializerMethodField()

    class Meta:
        model = GoodExample
        fields: tuple[str, ...] = (
            "slug",
            "url",
            *EXAMPLE_WRITTEN_FIELDS,
            "publication",
            "unit",
            "topics",
            "unit_types",
            "adoption_count",
            "in_use_count",
            "published_at",
            "updated_at",
        )
        read_only_fields = fields

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_unit_types(self, example: GoodExample) -> list[str]:
        return [row.unit_type for row in example.unit_types.all()]


class ExampleWriteSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=2000)
    problem = serializers.CharField(max_length=5000)
    what_was_done = serializers.CharField(max_length=5000)
    effects = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    costs = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    for_whom = serializers.CharField(max_length=300)
    how_to_adopt = serializers.CharField(max_length=5000)
    what_you_need = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )
    pitfalls = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    did_not_work = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )
    status = serializers.ChoiceField(choices=ExampleStatus.choices, default=ExampleStatus.IN_USE)
    unit = serializers.PrimaryKeyRelatedField[Unit](queryset=Unit.objects.all())
    topics = serializers.SlugRelatedField[Topic](
        slug_field="slug", many=True, queryset=Topic.objects.all(), required=False
    )
    unit_types = serializers.ListField(
        child=serializers.ChoiceField(choices=UnitType.choices), required=False
    )


class AdoptionSerializer(PageUrl, serializers.ModelSerializer[Adoption]):
    example = serializers.SlugRelatedField[GoodExample](slug_field="slug", read_only=True)
    unit = SpreadingUnitSerializer(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Adoption
        fields = (
            "id",
            "url",
            "example",
            "unit",
            "status",
            "changes",
            "outcome",
            "lessons",
            "drop_reason",
            "started_on",
            "planning_on",
            "in_use_on",
            "dropped_on",
            "updated_at",
        )
        read_only_fields = fields


class AdoptionFilterSerializer(serializers.Serializer[Any]):
    example = serializers.SlugField(required=False, help_text="Only the adoptions of this example.")


class AdoptionCreateSerializer(serializers.Serializer[Any]):
    example = serializers.SlugField()
    unit = serializers.IntegerField()


class AdoptionUpdateSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=AdoptionStatus.choices)
    changes = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    outcome = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    lessons = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    drop_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000
    )


class SessionSerializer(PageUrl, serializers.ModelSerializer[KnowledgeSession]):
    booked = serializers.IntegerField(read_only=True)
    waiting = serializers.IntegerField(read_only=True)
    cancelled = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    example = serializers.SlugRelatedField[GoodExample](
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = KnowledgeSession
        fields = (
            "id",
            *SESSION_PLAN_FIELDS,
            "booked",
            "waiting",
            "booking_deadline",
            "open_to_residents",
            "cancelled",
            "example",
            "calendar_url",
            "url",
        )
        read_only_fields = fields

    def get_cancelled(self, session: KnowledgeSession) -> bool:
        return session.is_cancelled

    def get_calendar_url(self, session: KnowledgeSession) -> str:
        path = reverse("spreading:session_ics", kwargs={"pk": session.pk})
        return str(self.context["request"].build_absolute_uri(path))


class SessionFilterSerializer(serializers.Serializer[Any]):
    when = serializers.ChoiceField(
        choices=[("upcoming", "upcoming"), ("past", "past")], default="upcoming"
    )


class BookingSerializer(serializers.Serializer[Any]):
    status = serializers.CharField()
    waiting_position = serializers.IntegerField(allow_null=True)
    session = SessionSerializer()
