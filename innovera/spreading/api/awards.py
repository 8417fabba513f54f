"""The awards API under /api/v1/: `awards/` (rounds with their programme, categories and
criteria) and `awards/<round>/nominations/`.

The same selectors and permission table as the pages: a round being prepared is a 404 to all
but the office and its jury; a round's entries are public once its results are published and
before that the office's and the jury's only (404 for anyone else). No entrant's name or
e-mail address is ever sent.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from innovera.core.api.pagination import complete_list
from innovera.core.api.views import caller
from innovera.core.permissions import can
from innovera.spreading import selectors_awards
from innovera.spreading.api.serializers import PageUrl
from innovera.spreading.models import AwardRound, Nomination


class CategorySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()


class CriterionSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    description = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    levels = serializers.ListField(child=serializers.CharField())


class ProgrammeSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class RoundSerializer(PageUrl, serializers.Serializer[Any]):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    programme = ProgrammeSerializer()
    award_name = serializers.CharField()
    status = serializers.CharField()
    nomination_opens = serializers.DateField()
    nomination_closes = serializers.DateField()
    entrants = serializers.CharField()
    eligible_unit_types = serializers.ListField(child=serializers.CharField())
    categories = CategorySerializer(many=True, source="categories.all")
    criteria = CriterionSerializer(many=True, source="criteria.all")
    nominations_url = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(allow_null=True)

    def get_nominations_url(self, round_: AwardRound) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:spreading:award_nominations", kwargs={"slug": round_.slug})
        )


class EntryUnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit_type = serializers.CharField()


class NominationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    category = serializers.CharField(source="category.name")
    subject_kind = serializers.CharField()
    unit = EntryUnitSerializer(allow_null=True)
    # A company's name is public; a resident's name is not sent.
    organisation = serializers.CharField(source="entrant_organisation")
    motivation = serializers.CharField()
    is_winner = serializers.SerializerMethodField()
    public_motivation = serializers.SerializerMethodField()

    def get_is_winner(self, entry: Nomination) -> bool | None:
        return entry.is_winner if entry.round.is_published else None

    def get_public_motivation(self, entry: Nomination) -> str | None:
        return entry.public_motivation if entry.round.is_published and entry.is_winner else None


class AwardRoundListView(APIView):
    required_action = "award.list"

    @extend_schema(
        tags=["spreading"], operation_id="awards_list", responses=RoundSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        rounds = selectors_awards.rounds_with_parts(user=caller(request))
        data = RoundSerializer(rounds, many=True, context={"request": request}).data
        return complete_list(data)


class AwardNominationListView(APIView):
    required_action = "award.nominations"

    @extend_schema(
        tags=["spreading"],
        operation_id="awards_nominations",
        responses=NominationSerializer(many=True),
    )
    def get(self, request: Request, slug: str) -> Response:
        who = caller(request)
        try:
            round_ = selectors_awards.round_for(user=who, slug=slug)
        except Http404:
            raise NotFound from None
        if not can(who, "award.nominations", round_):
            raise NotFound
        entries = selectors_awards.nominations_shown(user=who, round_=round_)
        entries = [entry for entry in entries if entry.is_entered]
        for entry in entries:
            entry.round = round_
        data = NominationSerializer(entries, many=True).data
        return complete_list(data)
