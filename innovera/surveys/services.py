"""Writes for survey rounds: creating rounds and importing responses, all or nothing."""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innovera.core.audit import audit_record
from innovera.core.tasks import enqueue, run_in_background, send_email
from innovera.organisations.models import Unit, User
from innovera.surveys.analysis import Response, SurveyAnalysisError
from innovera.surveys.importing import parse_responses
from innovera.surveys.instrument import TEMPLATES
from innovera.surveys.models import (
    Draft,
    ImportBatch,
    ImportJob,
    Invitation,
    OrgType,
    Round,
    SurveyMode,
    SurveyResponse,
    SurveyTemplate,
    token_digest,
)
from innovera.surveys.selectors import round_analysis, round_template, template_get
from innovera.surveys.template_codec import template_to_dict
from innovera.surveys.template_editing import TemplateEditError, apply_edits

BULK_SIZE = 2000


class SurveyImportError(Exception):
    """A whole import was refused; nothing of it was stored."""


def answers_to_json(answers: Mapping[str, object]) -> dict[str, object]:
    """Sets (multi-choice answers) become sorted lists; everything else is JSON already."""
    return {
        code: sorted(value) if isinstance(value, set | frozenset) else value
        for code, value in answers.items()
        if value is not None
    }


@transaction.atomic
def round_get_or_create(
    *,
    name: str,
    template: str,
    invited: Mapping[str, int] | None = None,
    mode: str | None = None,
    by: Any = None,
) -> Round:
    """The round to import into, created on first import (confidential unless ``mode`` says).

    An existing round keeps its mode: its answers were given under that promise, so an import
    naming another mode is refused rather than changing what the round shows.
    """
    survey_round, created = Round.objects.select_for_update().get_or_create(
        name=name,
        defaults={
            "template": template,
            "invited": dict(invited or {}),
            "mode": mode or SurveyMode.CONFIDENTIAL,
        },
    )
    if created or (invited and dict(invited) != survey_round.invited):
        audit_record(
            action="survey_round.change",
            actor=by,
            obj=survey_round,
            details={"created": created, "template": template, "invited": dict(invited or {})},
        )
    if not created and survey_round.template != template:
        raise SurveyImportError(
            _("The round %(name)s uses the template %(t)s, not %(other)s.")
            % {"name": name, "t": survey_round.template, "other": template}
        )
    if not created and mode and survey_round.mode != mode:
        raise SurveyImportError(
            _("The round %(name)s is %(mode)s; an import cannot change that.")
            % {"name": name, "mode": survey_round.get_mode_display().lower()}
        )
    if not created and invited:
        survey_round.invited = dict(invited)
        survey_round.save(update_fields=["invited"])
    return survey_round


@transaction.atomic
def round_import_responses(
    *,
    survey_round: Round,
    responses: Sequence[Response],
    org_units: Mapping[str, str],
    file_name: str,
    sha256: str,
    replace: bool = False,
    by: Any = None,
) -> ImportBatch:
    """Store a parsed file's responses; with `replace`, the round's earlier imports go first."""
    Round.objects.select_for_update().get(pk=survey_round.pk)
    if replace:
        survey_round.imports.all().delete()
    elif survey_round.imports.filter(sha256=sha256).exists():
        raise SurveyImportError(
            _("This file has already been imported into the round %(name)s; use --replace.")
            % {"name": survey_round.name}
        )
    incoming = {response.respondent_id for response in responses}
    clashes = sorted(
        survey_round.responses.filter(respondent_id__in=incoming).values_list(
            "respondent_id", flat=True
        )[:20]
    )
    if clashes:
        raise SurveyImportError(
            _("The round already has answers from respondent_id %(ids)s.")
            % {"ids": ", ".join(clashes)}
        )
    batch = ImportBatch.objects.create(
        round=survey_round, file_name=file_name, sha256=sha256, row_count=len(responses)
    )
    try:
        SurveyResponse.objects.bulk_create(
            (
                SurveyResponse(
                    round=survey_round,
                    respondent_id=response.respondent_id,
                    org_type=response.org_type,
                    org_unit=org_units.get(response.respondent_id, ""),
                    answers=answers_to_json(response.answers),
                    batch=batch,
                )
                for response in responses
            ),
            batch_size=BULK_SIZE,
        )
    except IntegrityError as exc:
        raise SurveyImportError(str(exc)) from exc
    # Analyse now, while the answers are at hand, so that `analyse` and the pages read it back.
    only_these = not survey_round.responses.exclude(batch=batch).exists()
    try:
        round_analysis(survey_round, responses=list(responses) if only_these else None)
    except SurveyAnalysisError:
        survey_round.analysis_cache = {}
    audit_record(
        action="survey_round.import",
        actor=by,
        obj=survey_round,
        details={"rows": len(responses), "replace": replace},
    )
    return batch


class AlreadyAnsweredError(Exception):
    pass


class RoundClosedError(Exception):
    pass


@dataclass(frozen=True)
class InvitationOutcome:
    invited: list[Unit]
    without_address: list[Unit]
    already_invited: int


def round_is_open(survey_round: Round, *, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    if survey_round.opens_on and today < survey_round.opens_on:
        return False
    return not (survey_round.closes_on and today > survey_round.closes_on)


def _survey_link(token: str) -> str:
    return settings.SITE_URL + reverse("surveys:answer_start", kwargs={"token": token})


def _mail_invitation(*, invitation: Invitation, token: str, reminder: bool) -> None:
    body = render_to_string(
        "surveys/email/invitation.txt",
        {
            "invitation": invitation,
            "round": invitation.round,
            "link": _survey_link(token),
            "reminder": reminder,
        },
    )
    subject = (
        _("Reminder: the survey on innovation capability")
        if reminder
        else _("The survey on innovation capability")
    )
    transaction.on_commit(
        lambda: enqueue(send_email, subject=subject, body=body, to=[invitation.email])
    )


@transaction.atomic
def invitations_send(
    *, survey_round: Round, org_types: Sequence[str], by: Any = None
) -> InvitationOutcome:
    """Invite the head of every administration or company of the chosen types, once each."""
    Round.objects.select_for_update().get(pk=survey_round.pk)
    already = set(survey_round.invitations.values_list("unit_id", flat=True))
    units = Unit.objects.filter(unit_type__in=org_types).order_by("name")
    invited: list[Unit] = []
    without_address: list[Unit] = []
    for unit in units:
        if unit.pk in already:
            continue
        if not unit.head_email:
            without_address.append(unit)
            continue
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            round=survey_round,
            unit=unit,
            org_type=unit.unit_type,
            email=unit.head_email,
            token_digest=token_digest(token),
            sent_at=timezone.now(),
        )
        _mail_invitation(invitation=invitation, token=token, reminder=False)
        invited.append(unit)
    counts = survey_round.invitations.values_list("org_type", flat=True)
    survey_round.invited = {t: list(counts).count(t) for t in OrgType.values if t in counts}
    survey_round.save(update_fields=["invited"])
    audit_record(
        action="survey.invitations_send",
        actor=by,
        obj=survey_round,
        details={"sent": len(invited), "without_address": len(without_address)},
    )
    return InvitationOutcome(invited, without_address, len(already))


@transaction.atomic
def reminders_send(*, survey_round: Round, by: Any = None) -> int:
    """Remind those who have not answered. Tokens are stored only as digests, so each reminder
    carries a new link; the old one stops working."""
    pending = survey_round.invitations.select_for_update().filter(answered=False)
    count = 0
    for invitation in pending:
        token = secrets.token_urlsafe(32)
        invitation.token_digest = token_digest(token)
        invitation.reminded_at = timezone.now()
        invitation.save(update_fields=["token_digest", "reminded_at"])
        _mail_invitation(invitation=invitation, token=token, reminder=True)
        count += 1
    audit_record(
        action="survey.reminders_send", actor=by, obj=survey_round, details={"sent": count}
    )
    return count


@transaction.atomic
def draft_save(*, invitation: Invitation, answers: Mapping[str, object]) -> Draft:
    """Merge one page's answers into the saved ones; a cleared answer is removed."""
    if invitation.answered:
        raise AlreadyAnsweredError
    draft, _created = Draft.objects.select_for_update().get_or_create(invitation=invitation)
    merged = dict(draft.answers)
    for code, value in answers.items():
        if value in (None, "", [], ()):
            merged.pop(code, None)
        else:
            merged[code] = value
    draft.answers = answers_to_json(merged)
    draft.save(update_fields=["answers", "updated_at"])
    return draft


ANONYMOUS_ID_RANGE: Final = (1 << 61, 1 << 62)
"""Anonymous responses take a random primary key from this range: far above any sequence (so
imported rows never collide with them, and SQLite's sequence has room to continue above one),
and in no order, so the key does not tell when an answer came in."""


def _random_response_pk() -> int:
    low, high = ANONYMOUS_ID_RANGE
    while True:
        pk = low + secrets.randbelow(high - low)
        if not SurveyResponse.objects.filter(pk=pk).exists():
            return pk


def _start_of_day(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


@transaction.atomic
def response_submit(*, invitation: Invitation) -> SurveyResponse:
    """Send in the saved answers once.

    Identified rounds keep the unit and the moment. Confidential rounds keep no link to the
    unit: a random respondent id, no unit name, and only the day of answering. Anonymous rounds
    keep less still: the invitation records only that it has answered (no day, so reminders
    reach the others), and the response gets a random, non-sequential primary key and the
    round's first day, so nobody with database access can tie it to a unit by its day or id.
    """
    # Lock the invitation's row only: its unit may be empty, and PostgreSQL cannot lock the
    # nullable side of an outer join.
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("round", "unit")
        .get(pk=invitation.pk)
    )
    if locked.answered:
        raise AlreadyAnsweredError
    survey_round = locked.round
    if not round_is_open(survey_round):
        raise RoundClosedError
    draft = Draft.objects.filter(invitation=locked).first()
    mode = survey_round.mode
    now = timezone.now()
    fields: dict[str, object] = {
        "round": survey_round,
        "respondent_id": uuid.uuid4().hex,
        "org_type": locked.org_type,
        "org_unit": "",
        "answers": draft.answers if draft else {},
    }
    if mode == SurveyMode.IDENTIFIED:
        if locked.unit:
            fields.update(respondent_id=f"unit-{locked.unit.slug}", org_unit=locked.unit.name)
        fields["submitted_at"] = locked.responded_at = now
    elif mode == SurveyMode.ANONYMOUS:
        fields["pk"] = _random_response_pk()
        fields["submitted_at"] = _start_of_day(survey_round.created_at)
        locked.responded_at = None
    else:
        fields["submitted_at"] = locked.responded_at = _start_of_day(now)
    response = SurveyResponse.objects.create(**fields)
    locked.answered = True
    locked.save(update_fields=["answered", "responded_at"])
    if draft:
        draft.delete()
    return response


@transaction.atomic
def import_job_create(
    *, survey_round: Round, upload_name: str, content: bytes, replace: bool, user: User | None
) -> ImportJob:
    """Keep the upload in the data folder (outside the web root) and queue its import."""
    folder = Path(settings.MEDIA_ROOT) / "survey-imports"
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload_name).suffix.lower()
    stored = folder / f"{uuid.uuid4().hex}{suffix}"
    stored.write_bytes(content)
    job = ImportJob.objects.create(
        round=survey_round,
        file_name=Path(upload_name).name[:255],
        stored_path=str(stored),
        replace=replace,
        created_by=user,
    )
    transaction.on_commit(lambda: run_in_background(import_job_run, job.pk))
    return job


def import_job_run(job_id: int) -> None:
    """Parse, validate and store one uploaded file, reporting progress on the job row."""
    job = ImportJob.objects.select_related("round").get(pk=job_id)
    path = Path(job.stored_path)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(done_rows=done, total_rows=total)

    try:
        template = round_template(job.round)
        result = parse_responses(path, template=template, progress=progress)
        if result.errors:
            _import_job_finish(job_id, ImportJob.Status.FAILED, result.summary(limit=20))
            return
        round_import_responses(
            survey_round=job.round,
            responses=result.responses,
            org_units=result.org_units,
            file_name=job.file_name,
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            replace=job.replace,
            by=job.created_by,
        )
        _import_job_finish(
            job_id,
            ImportJob.Status.DONE,
            _("Imported %(n)s responses.") % {"n": len(result.responses)},
            rows=result.rows,
        )
    except SurveyImportError as exc:
        _import_job_finish(job_id, ImportJob.Status.FAILED, str(exc))
    finally:
        path.unlink(missing_ok=True)


def _import_job_finish(job_id: int, status: str, message: str, rows: int | None = None) -> None:
    fields: dict[str, object] = {"status": status, "message": message}
    if rows is not None:
        fields.update(done_rows=rows, total_rows=rows)
    ImportJob.objects.filter(pk=job_id).update(**fields)


@transaction.atomic
def template_copy(*, source_key: str, new_key: str) -> SurveyTemplate:
    """The office's own copy of a template, version 1, with the same question codes."""
    if new_key in TEMPLATES or SurveyTemplate.objects.filter(key=new_key).exists():
        raise TemplateEditError("key")
    definition = template_to_dict(template_get(source_key))
    definition["key"] = new_key
    return SurveyTemplate.objects.create(
        key=new_key, version=1, based_on=source_key, definition=definition
    )


@transaction.atomic
def template_save_edits(*, key: str, edits: dict[str, str]) -> SurveyTemplate:
    """Apply edits to the latest version; a version that rounds have answers for is kept as it
    was and the edits become the next version, so earlier results keep their questions."""
    latest = SurveyTemplate.objects.select_for_update().filter(key=key).order_by("-version").first()
    if latest is None:
        raise TemplateEditError("key")
    definition = apply_edits(latest.definition, edits)
    if definition == latest.definition:
        return latest
    answered = SurveyResponse.objects.filter(
        round__template=key, round__template_version=latest.version
    ).exists()
    if answered:
        return SurveyTemplate.objects.create(
            key=key, version=latest.version + 1, based_on=latest.based_on, definition=definition
        )
    latest.definition = definition
    latest.save(update_fields=["definition"])
    return latest
