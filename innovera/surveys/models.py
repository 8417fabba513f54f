"""Survey rounds and their responses (SPEC §4.4, survey-instrument.md).

Answers are stored as one JSON object per respondent, keyed by question code: a round of 40,000
respondents is read back in one `values_list` query and analysed as plain data.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.jobs import Job
from innovera.organisations.models import Unit


class SurveyMode(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    CONFIDENTIAL = "confidential", _("Confidential")
    ANONYMOUS = "anonymous", _("Anonymous")


class OrgType(models.TextChoices):
    DISTRICT = "district", _("District administration")
    DEPARTMENT = "department", _("Specialist administration")
    COMPANY = "company", _("Municipal company")


class SurveyTemplate(models.Model):
    """An office's copy of a template: the questionnaire as JSON, versioned.

    The built-in `stockholm-2014` lives in code (`instrument.py`). Editing a version that already
    has answers makes the next version, so earlier rounds keep the questions they were asked;
    question codes stay the same, so rounds remain comparable.
    """

    key = models.SlugField(_("key"), max_length=100)
    version = models.PositiveIntegerField(_("version"), default=1)
    based_on = models.CharField(_("based on"), max_length=100)
    definition = models.JSONField(_("questions"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ("key", "-version")
        constraints = [
            models.UniqueConstraint(fields=("key", "version"), name="template_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"


class Round(models.Model):
    name = models.SlugField(_("name"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    template = models.CharField(_("template"), max_length=100)
    # 0 for a built-in template; otherwise the SurveyTemplate version the round asks.
    template_version = models.PositiveIntegerField(_("template version"), default=0)
    mode = models.CharField(
        _("mode"), max_length=20, choices=SurveyMode.choices, default=SurveyMode.CONFIDENTIAL
    )
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    closes_on = models.DateField(_("closes"), null=True, blank=True)
    # Units invited per org type: the denominator of the response rate.
    invited = models.JSONField(_("invited units per type"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The analysis at the default thresholds, computed from the round's AnswerTally rows and
    # stored with them in the same transaction (surveys/tallying.py): {"token": a new random
    # hex string each time it is stored, which keys the cached charts, "analysis": the §3
    # object, "text": the free-text excerpt}; {"token": …, "error": …} when there is nothing to
    # analyse. The pages read this, never the answers.
    analysis_cache = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title or self.name


class ImportBatch(models.Model):
    """One imported file; its checksum lets a second import of the same file be refused."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("checksum"), max_length=64)
    row_count = models.PositiveIntegerField(_("rows"))
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.UniqueConstraint(fields=("round", "sha256"), name="import_file_once_per_round")
        ]

    def __str__(self) -> str:
        return self.file_name


class SurveyResponse(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    respondent_id = models.CharField(_("respondent"), max_length=100)
    org_type = models.CharField(_("organisation type"), max_length=20, choices=OrgType.choices)
    org_unit = models.CharField(_("organisation"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="responses", null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "respondent_id"), name="response_respondent_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round.name}/{self.respondent_id}"


class AnswerTally(models.Model):
    """The counts of one round and org type that every statistic is computed from.

    ``counts`` is an :class:`~innovera.surveys.analysis_counts.Tally` as JSON: value counts per
    question, the importance × today table per factor and a capped free-text excerpt. Kept up to
    date in the transaction of each import, each sent-in answer and each replace (see
    ``surveys/tallying.py``); ``innovera survey analyse --from-answers`` checks it against the
    answers.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tallies")
    org_type = models.CharField(max_length=20)
    respondents = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("answer counts")
        verbose_name_plural = _("answer counts")
        constraints = [
            models.UniqueConstraint(fields=("round", "org_type"), name="tally_once_per_org_type")
        ]

    def __str__(self) -> str:
        return f"{self.round.name}/{self.org_type}"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Invitation(models.Model):
    """A head of unit's one-time link. Only the token's digest is stored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True)
    org_type = models.CharField(_("organisation type"), max_length=20, choices=OrgType.choices)
    email = models.EmailField(_("e-mail address"))
    token_digest = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    # Whether the link has been used to send in. The day is kept only where the round allows it
    # (identified: the moment; confidential: the day; anonymous: nothing), see response_submit.
    answered = models.BooleanField(_("answered"), default=False)
    responded_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=("round", "unit"), name="invitation_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.round.name}: {self.unit or self.email}"


class ReminderLink(models.Model):
    """The link a reminder carried, besides the invitation's first one (issue 9, §5).

    Only digests are stored, so a reminder cannot send the first link again; it sends a new one
    and the earlier links keep working until the head answers (``answered`` ends them all), so
    whichever e-mail the head opens, the link in it leads to the same saved answers.
    """

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="reminder_links"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("reminder link")
        verbose_name_plural = _("reminder links")

    def __str__(self) -> str:
        return str(self.invitation)


class Draft(models.Model):
    """Answers saved on the way; deleted when the survey is sent in."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="draft")
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("saved answers")
        verbose_name_plural = _("saved answers")

    def __str__(self) -> str:
        return str(self.invitation)


class ImportJob(Job):
    """An upload being imported in the background; its page polls the progress (`done` of
    `total` rows checked)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Reading the file")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="import_jobs")
    file_name = models.CharField(_("file name"), max_length=255)
    stored_path = models.CharField(max_length=500)
    replace = models.BooleanField(_("replace earlier imports"), default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        "organisations.User", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.RUNNING} and not self.interrupted

    @property
    def interrupted(self) -> bool:
        """Waiting or running but taken for dead (`Job.is_silent`): its page stops polling and
        says so before housekeeping (`services.import_jobs_recover`) ends it."""
        return self.status in {
            self.Status.PENDING,
            self.Status.RUNNING,
        } and self.is_silent(timezone.now())
