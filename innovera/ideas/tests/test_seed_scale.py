"""`innovera seed-scale` makes the rows it promises, with the denormalised counts right."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from innovera.ideas.management.commands.seed_scale import EMAIL_DOMAIN
from innovera.ideas.models import Comment, Idea, StageMove, Support
from innovera.organisations.models import User

pytestmark = pytest.mark.django_db


def seed(**options: object) -> str:
    out = io.StringIO()
    call_command("seed_scale", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_the_counts_asked_for_with_true_denormalised_counts() -> None:
    seed(ideas=50, comments=200, supports=300, users=60)

    assert Idea.objects.count() == 50
    assert Comment.objects.count() == 200
    assert Support.objects.count() == 300
    assert User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count() == 60
    real = Idea.objects.annotate(
        supports_n=Count("supports", distinct=True), comments_n=Count("comments", distinct=True)
    )
    for idea in real:
        assert idea.support_count == idea.supports_n
        assert idea.comment_count == idea.comments_n
    pairs = Support.objects.values("idea_id", "user_id").annotate(n=Count("id")).filter(n__gt=1)
    assert not pairs.exists()
    assert not Idea.objects.exclude(pk__in=StageMove.objects.values("idea_id")).exists()
    # Supports of a merged idea went with it into the other idea.
    assert not Idea.objects.filter(stage__is_merge=True, support_count__gt=0).exists()
    # Every idea's trail starts with its submission into the initial stage.
    first_moves = StageMove.objects.filter(from_stage__isnull=True)
    assert first_moves.count() == 50
    assert all(move.to_stage.is_initial for move in first_moves.select_related("to_stage"))


def test_supporters_may_take_part_and_text_is_swedish() -> None:
    seed(ideas=20, comments=40, supports=100, users=40)

    for support in Support.objects.select_related("user"):
        assert support.user.unit_id is not None or support.user.email_verified
    idea = Idea.objects.order_by("pk").first()
    assert idea is not None and idea.title and idea.description
    assert Idea.objects.filter(visibility="public").exists()


def test_refuses_a_database_with_ideas_unless_appending() -> None:
    seed(ideas=5, users=10)

    with pytest.raises(CommandError, match="--append"):
        seed(ideas=5, users=10)
    seed(ideas=5, comments=10, supports=10, users=10, append=True)
    assert Idea.objects.count() == 10
    assert Comment.objects.count() == 10
