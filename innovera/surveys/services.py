"""Writes for survey rounds: creating rounds and importing responses, all or nothing."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
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
from innovera.core.language import in_site_language
from innovera.core.permissions import require
from innovera.core.tasks import enqueue, run_in_background, send_email
from innovera.organisations.models import Unit, User
from innovera.surveys.analysis import Response
from innovera.surveys.analysis_counts import TallyBuilder, tally_responses
from innovera.surveys.importing import ImportResult, parse_responses
from innovera.surveys.instrument import TEMPLATES, Template
from innovera.surveys.models import (
    Draft,
    ImportBatch,
    ImportJob,
    Invitation,
    OrgType,
    ReminderLink,
    Round,
    SurveyMode,
    SurveyResponse,
    SurveyTemplate,
    token_digest,
)
from innovera.surveys.selectors import (
    round_template,
    template_get,
    template_latest_version,
)
from innovera.surveys.tallying import (
    analysis_store,
    tallies_add,
    tallies_rebuild,
)
from innovera.surveys.template_codec import template_to_dict
from innovera.surveys.template_editing import TemplateEditError, apply_edits

BULK_SIZE = 2000
logger = logging.getLogger(__name__)


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
def round_create(
    *,
    user: User,
    name: str,
    title: str,
    template: str,
    mode: str,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
) -> Round:
    """A new round from the office's form. It asks the newest version of its template, and
    keeps it."""
    require(user, "round.create")
    return Round.objects.create(
        name=name,
        title=title,
        template=template,
        template_version=template_latest_version(template),
        mode=mode,
        opens_on=opens_on,
        closes_on=closes_on,
    )


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
    if not created and invited and dict(invited) != survey_round.invited:
        survey_round.invited = dict(invited)
        survey_round.save(update_fields=["invited"])
        # The response rates are part of the stored analysis.
        analysis_store(survey_round=survey_round)
    return survey_round


def _import_begin(survey_round: Round, *, sha256: str, replace: bool) -> None:
    """An import's first step, under the round's row lock (one import at a time): with
    `replace`, the round's earlier imports go; without, the same file twice is refused."""
    Round.objects.select_for_update().get(pk=survey_round.pk)
    if replace:
        survey_round.imports.all().delete()
    elif survey_round.imports.filter(sha256=sha256).exists():
        raise SurveyImportError(
            _("This file has already been imported into the round %(name)s; use --replace.")
            % {"name": survey_round.name}
        )


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
    _import_begin(survey_round, sha256=sha256, replace=replace)
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
    # Count now, in this transaction, so that `analyse` and the pages read the analysis back.
    if replace:
        tallies_rebuild(survey_round=survey_round)
    else:
        template = round_template(survey_round)
        tallies_add(
            survey_round=survey_round,
            tallies=tally_responses(list(responses), template),
            template=template,
        )
    audit_record(
        action="survey_round.import",
        actor=by,
        obj=survey_round,
        details={"rows": len(responses), "replace": replace},
    )
    return batch


def file_sha256(path: Path) -> str:
    """The file's checksum, read in pieces (a large upload is never held whole)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class FileImport:
    """What :func:`round_import_file` did: the parse result (its errors), and the batch if stored."""

    result: ImportResult
    batch: ImportBatch | None
    stored: int


class _Refused(Exception):
    """Rolls the import's transaction back: the file had errors, nothing may stay."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("refused")
        self.result = result


def _discard(response: Response, unit: str) -> None:
    """The checking pass keeps nothing."""


def _store_stream(
    *,
    survey_round: Round,
    path: Path,
    template: Template,
    file_name: str,
    sha256: str,
    replace: bool,
    ignore_unknown: bool,
) -> tuple[ImportBatch, int, ImportResult]:
    """The body of :func:`round_import_file`, inside its transaction; raises to roll back."""
    _import_begin(survey_round, sha256=sha256, replace=replace)
    had_answers = survey_round.responses.exists()
    counted = TallyBuilder(template)
    batch = ImportBatch.objects.create(
        round=survey_round, file_name=file_name, sha256=sha256, row_count=0
    )
    pending: list[SurveyResponse] = []
    clashes: list[str] = []
    stored = 0

    def flush() -> None:
        nonlocal stored
        if had_answers:
            ids = [response.respondent_id for response in pending]
            clashes.extend(
                survey_round.responses.filter(respondent_id__in=ids)
                .exclude(batch=batch)
                .values_list("respondent_id", flat=True)[:20]
            )
        if not clashes:
            SurveyResponse.objects.bulk_create(pending, batch_size=BULK_SIZE)
            stored += len(pending)
        pending.clear()

    def keep(response: Response, unit: str) -> None:
        if clashes:
            return
        counted.count(response)
        pending.append(
            SurveyResponse(
                round=survey_round,
                respondent_id=response.respondent_id,
                org_type=response.org_type,
                org_unit=unit,
                answers=answers_to_json(response.answers),
                batch=batch,
            )
        )
        if len(pending) >= BULK_SIZE:
            flush()

    result = parse_responses(
        path, template=template, ignore_unknown=ignore_unknown, on_response=keep
    )
    if result.errors:
        raise _Refused(result)
    if not clashes:
        flush()
    if clashes:
        raise SurveyImportError(
            _("The round already has answers from respondent_id %(ids)s.")
            % {"ids": ", ".join(sorted(clashes)[:20])}
        )
    # The counts change in this transaction too: a replace counts the round again (the answers
    # that stay are the web answers), an addition adds the counts of its own rows.
    if replace:
        tallies_rebuild(survey_round=survey_round)
    else:
        tallies_add(survey_round=survey_round, tallies=counted.tallies(), template=template)
    return batch, stored, result


def round_import_file(
    *,
    survey_round: Round,
    path: Path,
    template: Template,
    file_name: str,
    replace: bool = False,
    ignore_unknown: bool = False,
    progress: Callable[[int, int], None] | None = None,
    by: Any = None,
) -> FileImport:
    """Read, check and store an import file as a stream, all or nothing.

    The file is read twice as a stream, never held whole (nor its text, nor its responses: a
    100,000-row import stays small): first every cell is checked and progress reported, then a
    good file is stored in batches of ``BULK_SIZE`` in one transaction, so nothing of a bad
    file, and nothing of an import refused half-way, remains.
    """
    sha256 = file_sha256(path)
    # First every cell is checked, outside a transaction so that the job's progress is seen
    # while it reads; only a good file is read again and stored.
    checked = parse_responses(
        path,
        template=template,
        ignore_unknown=ignore_unknown,
        progress=progress,
        on_response=_discard,
    )
    if checked.errors:
        return FileImport(checked, None, 0)
    try:
        with transaction.atomic():
            batch, stored, result = _store_stream(
                survey_round=survey_round,
                path=path,
                template=template,
                file_name=file_name,
                sha256=sha256,
                replace=replace,
                ignore_unknown=ignore_unknown,
            )
    except _Refused as refused:
        return FileImport(refused.result, None, 0)
    except IntegrityError as exc:
        raise SurveyImportError(str(exc)) from exc
    ImportBatch.objects.filter(pk=batch.pk).update(row_count=stored)
    audit_record(
        action="survey_round.import",
        actor=by,
        obj=survey_round,
        details={"rows": stored, "replace": replace},
    )
    return FileImport(result, batch, stored)


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


def invitation_message(
    *, survey_round: Round, unit: Unit | None, link: str, reminder: bool
) -> tuple[str, str]:
    """The subject and text of an invitation or a reminder: what is sent, and what the office
    sees before it confirms the sending (with a stand-in for the personal link)."""
    # Written to the respondents, not to the office member who sends it: the site's language.
    with in_site_language():
        body = render_to_string(
            "surveys/email/invitation.txt",
            {"unit": unit, "round": survey_round, "link": link, "reminder": reminder},
        )
        subject = (
            _("Reminder: the survey on innovation capability")
            if reminder
            else _("The survey on innovation capability")
        )
    return subject, body


def _mail_invitation(*, invitation: Invitation, token: str, reminder: bool) -> None:
    subject, body = invitation_message(
        survey_round=invitation.round,
        unit=invitation.unit,
        link=_survey_link(token),
        reminder=reminder,
    )
    transaction.on_commit(
        lambda: enqueue(send_email, subject=subject, body=body, to=[invitation.email])
    )


def invitation_plan(*, survey_round: Round, org_types: Sequence[str]) -> InvitationOutcome:
    """Who an invitation to these kinds of organisation would reach now, without sending:
    the heads not yet invited who have an address, those without one, and how many of the
    chosen were invited before. The confirmation page shows it; the sending uses the same."""
    already = set(survey_round.invitations.values_list("unit_id", flat=True))
    invited: list[Unit] = []
    without_address: list[Unit] = []
    earlier = 0
    for unit in Unit.objects.filter(unit_type__in=org_types).order_by("name"):
        if unit.pk in already:
            earlier += 1
        elif not unit.head_email:
            without_address.append(unit)
        else:
            invited.append(unit)
    return InvitationOutcome(invited, without_address, earlier)


@transaction.atomic
def invitations_send(
    *, survey_round: Round, org_types: Sequence[str], by: Any = None
) -> InvitationOutcome:
    """Invite the head of every administration or company of the chosen types, once each."""
    Round.objects.select_for_update().get(pk=survey_round.pk)
    plan = invitation_plan(survey_round=survey_round, org_types=org_types)
    for unit in plan.invited:
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
    counts = list(survey_round.invitations.values_list("org_type", flat=True))
    survey_round.invited = {t: counts.count(t) for t in OrgType.values if t in counts}
    survey_round.save(update_fields=["invited"])
    # The stored response rates are of the invited units: they change with them.
    analysis_store(survey_round=survey_round)
    audit_record(
        action="survey.invitations_send",
        actor=by,
        obj=survey_round,
        details={"sent": len(plan.invited), "without_address": len(plan.without_address)},
    )
    return plan


@transaction.atomic
def reminders_send(*, survey_round: Round, by: Any = None) -> int:
    """Remind those who have not answered. Tokens are stored only as digests, so a reminder
    carries a new link; the earlier links keep working until the head answers (a
    `ReminderLink` per reminder), so a head who opens the first e-mail still reaches the
    saved answers."""
    pending = survey_round.invitations.select_for_update().filter(answered=False)
    count = 0
    now = timezone.now()
    for invitation in pending:
        token = secrets.token_urlsafe(32)
        ReminderLink.objects.create(
            invitation=invitation, token_digest=token_digest(token), sent_at=now
        )
        invitation.reminded_at = now
        invitation.save(update_fields=["reminded_at"])
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
    # The counts of the round, and so its analysis, change with the answer, in its transaction.
    template = round_template(survey_round)
    answer = Response(response.respondent_id, response.org_type, response.answers)
    tallies_add(
        survey_round=survey_round,
        tallies=tally_responses([answer], template),
        template=template,
    )
    locked.answered = True
    locked.save(update_fields=["answered", "responded_at"])
    if draft:
        draft.delete()
    return response


def import_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "survey-imports"


@transaction.atomic
def import_job_create(
    *,
    survey_round: Round,
    upload_name: str,
    content: bytes | Iterable[bytes],
    replace: bool,
    user: User | None,
) -> ImportJob:
    """Keep the upload in the data folder (outside the web root) and queue its import.

    ``content`` is the file's bytes or its chunks (an upload's ``chunks()``), written piece by
    piece so a large upload is never held whole.
    """
    folder = import_folder()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload_name).suffix.lower()
    stored = folder / f"{uuid.uuid4().hex}{suffix}"
    with stored.open("wb") as target:
        for chunk in [content] if isinstance(content, bytes) else content:
            target.write(chunk)
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
    """Parse, validate and store one uploaded file, reporting progress on the job row.

    Whatever happens the job ends done or failed and its file is deleted: a bad file, a
    refusal, and any unexpected error too (logged, with a plain message on the job page), so
    no job stays "running" for ever. A job whose process died is ended by
    :func:`import_jobs_recover`.
    """
    job = ImportJob.objects.select_related("round").filter(pk=job_id).first()
    if job is None:
        return
    path = Path(job.stored_path)
    jobs = ImportJob.objects.filter(pk=job_id)
    # Started only if still waiting and not yet past the queue's allowance: housekeeping may
    # have ended a job lost in its queue (and deleted its file) before a worker picked it up
    # after all, and past the allowance its page has already said it was interrupted. Such a
    # job is ended as housekeeping ends it, not imported behind the person's back.
    now = timezone.now()
    waiting = jobs.filter(status=ImportJob.Status.PENDING)
    if not waiting.exclude(pk__in=waiting.silent(now).values("pk")).beat(
        status=ImportJob.Status.RUNNING
    ):
        if waiting.exists():
            import_jobs_recover(now=now)
        return

    def progress(done: int, total: int) -> None:
        jobs.beat(done=done, total=total)

    try:
        outcome = round_import_file(
            survey_round=job.round,
            path=path,
            template=round_template(job.round),
            file_name=job.file_name,
            replace=job.replace,
            progress=progress,
            by=job.created_by,
        )
        if outcome.batch is None:
            _import_job_finish(job_id, ImportJob.Status.FAILED, outcome.result.summary(limit=20))
            return
        _import_job_finish(
            job_id,
            ImportJob.Status.DONE,
            _("Imported %(n)s responses.") % {"n": outcome.stored},
            rows=outcome.result.rows,
        )
    except SurveyImportError as exc:
        _import_job_finish(job_id, ImportJob.Status.FAILED, str(exc))
    except Exception:
        logger.exception("survey import job %s failed", job_id)
        _import_job_finish(
            job_id,
            ImportJob.Status.FAILED,
            _("The import stopped because of an error in Innovera; nothing was stored. Try again."),
        )
    finally:
        path.unlink(missing_ok=True)


ORPHAN_FILE_AGE: Final = datetime.timedelta(minutes=30)


def import_jobs_recover(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """End import jobs whose process died, and delete upload files no live job needs.

    Run at start-up (``innovera serve``, ``innovera demo``) and by ``innovera housekeeping``.
    A job counts as dead by the one rule of :mod:`innovera.core.jobs` (`Job.is_silent`):
    running without progress (it reports about a hundred times) for `SILENT_FOR`, or waiting
    past `QUEUE_ALLOWANCE`: with a separate worker a job may well be running elsewhere while
    the web server restarts, so only silence ends it, as of when its page showed it ended
    (`died_at`). Returns (jobs failed, files deleted).
    """
    now = now or timezone.now()
    waiting_or_running = ImportJob.objects.filter(
        status__in=(ImportJob.Status.PENDING, ImportJob.Status.RUNNING)
    )
    failed = 0
    for job in waiting_or_running.silent(now):
        # Ended only if still dead as this runs (a worker may have just started it): then
        # no one reads its file any more.
        ended = waiting_or_running.filter(pk=job.pk).end_silent(
            now,
            status=ImportJob.Status.FAILED,
            message=_("The import was interrupted (the server stopped); upload the file again."),
        )
        if ended:
            Path(job.stored_path).unlink(missing_ok=True)
        failed += ended
    live = {
        Path(path).name
        for path in ImportJob.objects.filter(
            status__in=(ImportJob.Status.PENDING, ImportJob.Status.RUNNING)
        ).values_list("stored_path", flat=True)
    }
    deleted = 0
    folder = import_folder()
    if folder.is_dir():
        for file in folder.iterdir():
            # Young files may belong to a job whose row is not committed yet.
            age = now.timestamp() - file.stat().st_mtime
            if file.is_file() and file.name not in live and age > ORPHAN_FILE_AGE.total_seconds():
                file.unlink(missing_ok=True)
                deleted += 1
    return failed, deleted


def _import_job_finish(job_id: int, status: str, message: str, rows: int | None = None) -> None:
    fields: dict[str, object] = {"status": status, "message": message}
    if rows is not None:
        fields.update(done=rows, total=rows)
    ImportJob.objects.filter(pk=job_id).end(**fields)


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
