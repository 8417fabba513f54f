"""Awards and competitions with a jury (SPEC §4.3, part 2; report §6.8, Bilaga 5–6).

A programme (förnyelsepriset, kvalitetsutmärkelsen, a LYS-like competition) runs in rounds.
A round has categories, weighted criteria with a description of each score 1..5, a nomination
period, eligibility and a jury. Nominations are the entries; jurors declare conflicts and score
each entry on every criterion; the chair records the winners with a public motivation and
publishes the results. The arithmetic of the scores is `spreading/awards_scoring.py` (pure).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.models import Created
from innovera.ideas.models import Idea
from innovera.organisations.models import Unit
from innovera.spreading.models.examples import GoodExample

SCORE_MIN = 1
SCORE_MAX = 5


def token_digest(token: str) -> str:
    """What is kept of an external entrant's confirmation link."""
    return hashlib.sha256(token.encode()).hexdigest()


class ProgrammeKind(models.TextChoices):
    AWARD = "award", _("Award")
    COMPETITION = "competition", _("Competition")


class Entrants(models.TextChoices):
    INTERNAL = "internal", _("The city's units")
    EXTERNAL = "external", _("Companies and residents")
    BOTH = "both", _("The city's units, companies and residents")


class RoundStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    NOMINATING = "nominating", _("Open for nominations")
    SCORING = "scoring", _("Jury scoring")
    DECIDED = "decided", _("Decided")
    PUBLISHED = "published", _("Results published")


class AwardProgramme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    description = models.TextField(_("description"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("award programme")
        verbose_name_plural = _("award programmes")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class AwardRound(Created):
    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    # The award's name as the public motivation says it: "… vann förnyelsepriset 2026 …".
    award_name = models.CharField(_("name of the award in a sentence"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.PREPARING
    )
    nomination_opens = models.DateField(_("nominations open"))
    nomination_closes = models.DateField(_("nominations close"))
    entrants = models.CharField(
        _("who may enter"), max_length=20, choices=Entrants.choices, default=Entrants.INTERNAL
    )
    # Unit types (organisations.UnitType values) whose units may be nominated; empty: any.
    eligible_unit_types = models.JSONField(_("eligible unit types"), default=list, blank=True)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)

    class Meta:
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        ordering = ("-nomination_opens", "-id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nomination_closes__gte=models.F("nomination_opens")),
                name="award_round_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spreading:award_round", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED

    def nomination_open_on(self, day: object) -> bool:
        return (
            self.status == RoundStatus.NOMINATING
            and self.nomination_opens <= day <= self.nomination_closes  # type: ignore[operator]
        )

    @property
    def takes_internal(self) -> bool:
        return self.entrants in (Entrants.INTERNAL, Entrants.BOTH)

    @property
    def takes_external(self) -> bool:
        return self.entrants in (Entrants.EXTERNAL, Entrants.BOTH)


class AwardCategory(models.Model):
    """A category of a round (kvalitetsutmärkelsen's classes, a competition's categories)."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        ordering = ("round", "order", "id")
        constraints = [
            models.UniqueConstraint(fields=("round", "name"), name="award_category_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class AwardCriterion(models.Model):
    """What the jury scores, with its weight and what each score 1..5 means."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    # Five texts, for the scores 1, 2, 3, 4 and 5.
    levels = models.JSONField(_("what each score means"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ("round", "order", "id")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="award_criterion_weight")
        ]

    def __str__(self) -> str:
        return self.name


class Juror(models.Model):
    """A seat on a round's jury; without a category the juror scores every category."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="jurors")
    category = models.ForeignKey(
        AwardCategory, on_delete=models.CASCADE, null=True, blank=True, related_name="jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_seats"
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "category", "user"), name="juror_once_per_category"
            ),
            models.UniqueConstraint(
                fields=("round", "user"),
                condition=models.Q(category__isnull=True),
                name="juror_once_per_round",
            ),
            # The chair alone records the winners of the whole round (`round_decide`), so a
            # round has one chair, whichever category the chair's seat is in.
            models.UniqueConstraint(
                fields=("round",),
                condition=models.Q(is_chair=True),
                name="juror_one_chair_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.round_id}"


class SubjectKind(models.TextChoices):
    IDEA = "idea", _("An idea")
    EXAMPLE = "example", _("A good example")
    UNIT = "unit", _("A unit")
    EXTERNAL = "external", _("An external entry")


class NominationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for the e-mail address to be confirmed")
    ENTERED = "entered", _("Entered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Nomination(Created):
    """An entry: an idea, a good example or a unit nominated by a unit (itself or another), or
    an external entrant's entry, which counts only once its e-mail address is confirmed."""

    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="nominations")
    category = models.ForeignKey(
        AwardCategory, on_delete=models.PROTECT, related_name="nominations"
    )
    subject_kind = models.CharField(_("what is nominated"), max_length=20, choices=SubjectKind)
    idea = models.ForeignKey(
        Idea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    example = models.ForeignKey(
        GoodExample, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    # The unit the entry is about (the nominated unit, the idea's or the example's unit).
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="award_entries"
    )
    # The unit that nominated (the nominator's unit); the followup indicator counts it.
    nominating_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="award_nominations"
    )
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_nominations",
    )
    title = models.CharField(_("title of the entry"), max_length=200)
    motivation = models.TextField(_("motivation"), max_length=5000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.ENTERED,
    )
    # External entrants (companies, residents).
    entrant_name = models.CharField(_("name"), max_length=200, blank=True)
    entrant_organisation = models.CharField(
        _("company or organisation"), max_length=200, blank=True
    )
    entrant_email = models.EmailField(_("e-mail address"), blank=True)
    # Only a digest of the confirmation link's token is kept.
    confirm_digest = models.CharField(max_length=64, blank=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The chair's decision.
    is_winner = models.BooleanField(default=False)
    public_motivation = models.TextField(_("public motivation"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ("category__order", "id")
        indexes = [
            models.Index(fields=["round", "status"], name="nomination_round_status"),
            models.Index(fields=["nominating_unit", "status"], name="nomination_unit"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_entered(self) -> bool:
        return self.status == NominationStatus.ENTERED


class ConflictOfInterest(models.Model):
    """A juror's declared conflict on one entry (own-unit conflicts are computed, not stored)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="conflicts")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_conflicts"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=("nomination", "juror"), name="award_conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} ≠ {self.nomination_id}"


class Assessment(models.Model):
    """One juror's submitted scores for one entry: every criterion at once, or nothing."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="assessments")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_assessments"
    )
    comment = models.TextField(_("comment to the jury"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=("nomination", "juror"), name="award_assessment_once")
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} → {self.nomination_id}"


class CriterionScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=("assessment", "criterion"), name="award_score_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX),
                name="award_score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return str(self.value)
