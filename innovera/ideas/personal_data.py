"""What the ideas app holds about a person, for their data export and erasure (registry hooks).

Kept after an erasure, as public records the city must keep (arkivlagen, OSL): ideas,
comments, challenges, stage moves, routing, scores and pilot decisions. They stay tied to the
anonymised account, shown as "Borttagen användare". Deleted: follows, notices, notification
settings. Supports are deleted but still counted on the idea (`support_count`).
"""

from __future__ import annotations

from typing import Any

from innovera.core.registry import PersonalFile
from innovera.ideas.models import (
    Attachment,
    Challenge,
    Comment,
    Follow,
    Idea,
    Notification,
    NotificationSetting,
    Pilot,
    RouteChange,
    Score,
    StageMove,
    Support,
)


def personal_data(user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "ideas.Idea": [
            {
                "id": idea.pk,
                "title": idea.title,
                "description": idea.description,
                "value": idea.value,
                "for_whom": idea.for_whom,
                "situation": idea.situation,
                "submitter_role": idea.submitter_role,
                "stage": idea.stage.name_sv,
                "visibility": idea.visibility,
                "submitted_at": idea.created_at,
                "attachments": [
                    f"ideas/{attachment.pk}-{attachment.original_name}"
                    for attachment in idea.attachments.all()
                ],
            }
            for idea in Idea.objects.filter(submitter=user)
            .select_related("stage")
            .prefetch_related("attachments")
            .order_by("created_at", "id")
        ],
        "ideas.Comment": [
            {
                "idea": comment.idea_id,
                "idea_title": comment.idea.title,
                "comment": comment.body,
                "official_answer": comment.is_official,
                "written_at": comment.created_at,
            }
            for comment in Comment.objects.filter(author=user)
            .select_related("idea")
            .order_by("created_at", "id")
        ],
        "ideas.Support": [
            {"idea": idea, "idea_title": title, "at": at}
            for idea, title, at in Support.objects.filter(user=user).values_list(
                "idea_id", "idea__title", "created_at"
            )
        ],
        "ideas.Follow": [
            {"idea": idea, "idea_title": title, "at": at}
            for idea, title, at in Follow.objects.filter(user=user).values_list(
                "idea_id", "idea__title", "created_at"
            )
        ],
        "ideas.Notification": [
            {"idea": idea, "text": text, "at": at, "read_at": read, "emailed_at": mailed}
            for idea, text, at, read, mailed in Notification.objects.filter(user=user).values_list(
                "idea_id", "text", "created_at", "read_at", "emailed_at"
            )
        ],
        "ideas.NotificationSetting": [
            {"weekly_digest": digest}
            for digest in NotificationSetting.objects.filter(user=user).values_list(
                "weekly_digest", flat=True
            )
        ],
        "ideas.Score": [
            {"idea": idea, "criterion": criterion, "score": value, "at": at}
            for idea, criterion, value, at in Score.objects.filter(scorer=user).values_list(
                "idea_id", "criterion__name_sv", "value", "created_at"
            )
        ],
        "ideas.StageMove": [
            {"idea": idea, "from": from_stage, "to": to_stage, "reason": reason, "at": at}
            for idea, from_stage, to_stage, reason, at in StageMove.objects.filter(
                actor=user
            ).values_list(
                "idea_id", "from_stage__name_sv", "to_stage__name_sv", "reason", "created_at"
            )
        ],
        "ideas.RouteChange": [
            {"idea": idea, "reason": reason, "at": at}
            for idea, reason, at in RouteChange.objects.filter(actor=user).values_list(
                "idea_id", "reason", "created_at"
            )
        ],
        "ideas.Pilot": [
            {"idea": idea, "decision": decision, "reason": reason, "at": at}
            for idea, decision, reason, at in Pilot.objects.filter(decided_by=user).values_list(
                "idea_id", "decision", "decision_reason", "decided_at"
            )
        ],
        "ideas.Challenge": [
            {"challenge": pk, "title": title, "at": at}
            for pk, title, at in Challenge.objects.filter(created_by=user).values_list(
                "pk", "title", "created_at"
            )
        ],
    }


def personal_files(user: Any) -> list[PersonalFile]:
    return [
        PersonalFile(
            name=f"ideas/{attachment.pk}-{attachment.original_name}",
            open=attachment.file.open,
        )
        for attachment in Attachment.objects.filter(idea__submitter=user).order_by("pk")
    ]


def erase_personal_data(user: Any) -> None:
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationSetting.objects.filter(user=user).delete()
    # The idea keeps its support_count: the support is still counted, tied to no one.
    Support.objects.filter(user=user).delete()
