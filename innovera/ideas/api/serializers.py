"""What the ideas API sends and accepts. Text goes out exactly as it was written: the API
renders nothing; a client that puts it in a page escapes it there."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innovera.core.permissions import can
from innovera.ideas import permissions, selectors
from innovera.ideas.forms import CHALLENGE_FIELDS, IDEA_TEXT_FIELDS, challenge_dates_error
from innovera.ideas.models import (
    LONG_TEXT,
    Challenge,
    ChallengeStatus,
    Comment,
    Degree,
    Idea,
    InnovationType,
    Stage,
    StageMove,
    Topic,
)
from innovera.organisations.models import Unit, User
from innovera.organisations.permissions import AnyUser

# Django and DRF translate these messages differently, and an app's catalogue wins over Django's
# own, so DRF's wording would replace Django's on every form of the site. Marked here so that
# `make messages` keeps them in the project's catalogue, which wins over both: there they have
# Django's wording, and the pages and the API say the same.
SHARED_WITH_DJANGO_FORMS = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
)

# --- What goes out ---------------------------------------------------------------------------


class StageSerializer(serializers.Serializer[Stage]):
    key = serializers.CharField(read_only=True)
    name = serializers.CharField(
        source="name_sv", read_only=True, help_text="The stage's name in Swedish."
    )
    name_en = serializers.CharField(read_only=True, help_text="The stage's name in English.")


class UnitSerializer(serializers.Serializer[Unit]):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class IdeaSerializer(serializers.ModelSerializer[Idea]):
    url = serializers.HyperlinkedIdentityField(view_name="api:ideas:idea_detail")
    stage = StageSerializer(read_only=True)
    owner_unit = UnitSerializer(read_only=True, allow_null=True)
    challenge = serializers.SerializerMethodField()
    score = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True, allow_null=True
    )
    # "" until the idea is classified: said in the description (its enum and a blank one).
    innovation_type = serializers.ChoiceField(
        choices=InnovationType.choices, allow_blank=True, read_only=True
    )
    degree = serializers.ChoiceField(choices=Degree.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Idea
        fields: tuple[str, ...] = (
            "id",
            "url",
            "title",
            "description",
            "value",
            "for_whom",
            "situation",
            "visibility",
            "stage",
            "owner_unit",
            "challenge",
            "submitter_role",
            "innovation_type",
            "degree",
            "support_count",
            "comment_count",
            "score",
            "created_at",
            "stage_changed_at",
        )
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_challenge(self, idea: Idea) -> str | None:
        """The challenge's slug, left out when the caller may not see the challenge."""
        if idea.challenge_id not in self.context["challenge_ids"] or idea.challenge is None:
            return None
        return idea.challenge.slug


class IdeaDetailSerializer(IdeaSerializer):
    topics = serializers.SlugRelatedField[Topic](slug_field="slug", many=True, read_only=True)
    merged_into = serializers.SerializerMethodField()

    class Meta(IdeaSerializer.Meta):
        fields = (*IdeaSerializer.Meta.fields, "topics", "merged_into")
        read_only_fields = fields

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_merged_into(self, idea: Idea) -> int | None:
        """The idea it was merged into, when the caller may see that one too."""
        target = idea.merged_into
        if target is None or not can(self.context["user"], "idea.view", target):
            return None
        return target.pk


class IdeaSubmittedSerializer(IdeaSerializer):
    submission_key = serializers.UUIDField(read_only=True)

    class Meta(IdeaSerializer.Meta):
        fields = (*IdeaSerializer.Meta.fields, "submission_key")
        read_only_fields = fields


class CommentSerializer(serializers.ModelSerializer[Comment]):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ("id", "body", "is_official", "author", "created_at")
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_author(self, comment: Comment) -> str | None:
        return comment.author.public_name if comment.author else None


class MoveSerializer(serializers.ModelSerializer[StageMove]):
    from_stage = StageSerializer(read_only=True, allow_null=True)
    to_stage = StageSerializer(read_only=True)

    class Meta:
        model = StageMove
        fields = ("from_stage", "to_stage", "reason", "created_at")
        read_only_fields = fields


class SupportSerializer(serializers.Serializer[Any]):
    supported = serializers.BooleanField()
    support_count = serializers.IntegerField()


class ChallengeSerializer(serializers.ModelSerializer[Challenge]):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:ideas:challenge_detail", lookup_field="slug"
    )
    owner_unit = UnitSerializer(read_only=True)
    topics = serializers.SlugRelatedField[Topic](slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Challenge
        fields = ("slug", "url", *CHALLENGE_FIELDS, "created_at")
        read_only_fields = fields


# --- What comes in ---------------------------------------------------------------------------


def _context_user(context: dict[str, Any]) -> AnyUser:
    # The schema generator builds serializers without a caller: it describes what anyone sees.
    user = context.get("user")
    return user if isinstance(user, User) else AnonymousUser()


class IdeaCreateSerializer(serializers.ModelSerializer[Idea]):
    submission_key = serializers.UUIDField(
        required=False,
        help_text="Send the same key again when you retry: the idea is created once.",
    )
    challenge = serializers.SlugRelatedField(
        slug_field="slug", queryset=Challenge.objects.none(), required=False, allow_null=True
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )

    class Meta:
        model = Idea
        fields = (*IDEA_TEXT_FIELDS, "submitter_role", "challenge", "topics", "submission_key")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        challenge = cast("serializers.SlugRelatedField[Challenge]", self.fields["challenge"])
        # Ideas are sent in to open challenges the person may see, as on the page.
        challenge.queryset = selectors.challenge_list(user=_context_user(self.context)).filter(
            status=ChallengeStatus.OPEN
        )


class ChallengeCreateSerializer(serializers.ModelSerializer[Challenge]):
    owner_unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )

    class Meta:
        model = Challenge
        fields = CHALLENGE_FIELDS

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if error := challenge_dates_error(attrs.get("opens_on"), attrs.get("closes_on")):
            raise serializers.ValidationError({"closes_on": error})
        return attrs


class CommentCreateSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=LONG_TEXT)
    official = serializers.BooleanField(default=False)


class MoveCreateSerializer(serializers.Serializer[Any]):
    to_stage = serializers.SlugRelatedField(slug_field="key", queryset=Stage.objects.all())
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=LONG_TEXT
    )
    merge_into = serializers.PrimaryKeyRelatedField(
        queryset=Idea.objects.none(), required=False, allow_null=True, default=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        merge_into = cast("serializers.PrimaryKeyRelatedField[Idea]", self.fields["merge_into"])
        # An idea the mover may not see does not exist for them, here as anywhere.
        merge_into.queryset = permissions.visible_ideas(_context_user(self.context))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Said here as well as in services.idea_move, so the answer names the field to fill in.
        to_stage: Stage = attrs["to_stage"]
        if to_stage.requires_reason and not attrs["reason"].strip():
            raise serializers.ValidationError(
                {"reason": _("Give a reason for the move to “%(to)s”.") % {"to": to_stage.name_sv}}
            )
        if to_stage.is_merge and attrs["merge_into"] is None:
            raise serializers.ValidationError(
                {"merge_into": _("Choose another idea to merge this one into.")}
            )
        return attrs
