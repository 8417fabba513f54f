"""What the surveys app holds about a person, for their data export and erasure.

Survey answers are exported only where the round is identified: confidential and anonymous
answers carry no link to anyone (a random respondent id), so they cannot be found, which is
the point. Invitations go to a head of unit's address; the unit's answers are the unit's and
stay after an erasure, the address and any saved draft do not.
"""

from __future__ import annotations

from typing import Any

from innovera.surveys.models import (
    Draft,
    ImportJob,
    Invitation,
    SurveyMode,
    SurveyResponse,
)


def personal_data(user: Any) -> dict[str, list[dict[str, Any]]]:
    invitations = list(
        Invitation.objects.filter(email__iexact=user.email).select_related("round", "unit")
    )
    identified = [
        invitation
        for invitation in invitations
        if invitation.round.mode == SurveyMode.IDENTIFIED and invitation.unit
    ]
    responses = SurveyResponse.objects.filter(
        round__in=[invitation.round for invitation in identified],
        respondent_id__in=[
            f"unit-{invitation.unit.slug}" for invitation in identified if invitation.unit
        ],
    ).select_related("round")
    return {
        "surveys.Invitation": [
            {
                "round": invitation.round.name,
                "unit": invitation.unit.name if invitation.unit else None,
                "sent_at": invitation.sent_at,
                "reminded_at": invitation.reminded_at,
                "answered_at": invitation.responded_at,
            }
            for invitation in invitations
        ],
        "surveys.Draft": [
            {"round": draft.invitation.round.name, "answers": draft.answers}
            for draft in Draft.objects.filter(invitation__in=invitations).select_related(
                "invitation__round"
            )
        ],
        "surveys.SurveyResponse": [
            {"round": response.round.name, "answers": response.answers, "at": response.submitted_at}
            for response in responses
        ],
        "surveys.ImportJob": [
            {"file": name, "at": at, "status": status}
            for name, at, status in ImportJob.objects.filter(created_by=user).values_list(
                "file_name", "created_at", "status"
            )
        ],
    }


def erase_personal_data(user: Any) -> None:
    invitations = Invitation.objects.filter(email__iexact=user.email)
    Draft.objects.filter(invitation__in=invitations).delete()
    for invitation in invitations:
        # A reserved domain (RFC 2606): the address can never receive mail again.
        invitation.email = f"erased-invitation-{invitation.pk}@anonymised.invalid"
        invitation.save(update_fields=["email"])
