"""Governing documents and the concept families counted in them (SPEC §4.6, report §5.2)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.jobs import Job
from innovera.documents import analysis


class ConceptFamily(models.Model):
    """One version of a concept family. An edit adds the next version and makes it the current
    one, so what a family meant when a figure was published stays on record."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("version"), default=1)
    label = models.CharField(_("label"), max_length=100)
    stems = models.JSONField(_("stems"), default=list)
    exclusions = models.JSONField(_("exclusions"), default=list)
    # Column order in the table.
    position = models.PositiveIntegerField(_("position"), default=0)
    is_current = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        "organisations.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("concept family")
        verbose_name_plural = _("concept families")
        ordering = ("position", "code", "-version")
        constraints = [
            models.UniqueConstraint(fields=("code", "version"), name="family_version_unique"),
            models.UniqueConstraint(
                fields=("code",), condition=models.Q(is_current=True), name="family_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} (v{self.version})"

    def as_family(self) -> analysis.Family:
        return analysis.Family(
            code=self.code,
            label=self.label,
            stems=tuple(self.stems),
            exclusions=tuple(self.exclusions),
        )


class DocumentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    ODT = "odt", "ODT"
    TXT = "txt", _("Plain text")


class Document(models.Model):
    """A governing document or an appendix of one, with its normalised text and its counts.

    The text is kept (pages separated by form feeds) so keyword in context and recounts after a
    family edit need no file; the uploaded file itself is not kept.
    """

    title = models.CharField(_("title"), max_length=200, unique=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    appendix_of = models.ForeignKey(
        "self",
        verbose_name=_("appendix of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appendices",
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    kind = models.CharField(_("file type"), max_length=10, choices=DocumentKind.choices)
    sha256 = models.CharField(max_length=64, blank=True)
    text = models.TextField(_("text"))
    page_count = models.PositiveIntegerField(_("pages"), default=1)
    words = models.PositiveIntegerField(_("words"), default=0)
    counts = models.JSONField(_("counts"), default=dict)
    # code -> the family version the counts were made with.
    counted_with = models.JSONField(default=dict)
    # Made up for the demo; the pages say so.
    is_demo = models.BooleanField(_("made up for the demo"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        "organisations.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        ordering = ("-year", "title")
        indexes = [models.Index(fields=("category", "year"), name="document_category_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", kwargs={"pk": self.pk})

    @property
    def paged(self) -> bool:
        return self.kind == DocumentKind.PDF

    def pages(self) -> list[str]:
        return self.text.split(analysis.PAGE_BREAK)

    def text_count(self) -> analysis.TextCount:
        return analysis.TextCount(words=self.words, counts=dict(self.counts))


class RecountJob(Job):
    """A recount of every document after a family edit (`done` of `total` documents); its
    page polls the progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Counting")
        DONE = "done", _("Counted")
        SUPERSEDED = "superseded", _("Replaced by a later recount")
        # Ended by start-up or housekeeping after its process died (`recounts_recover`).
        INTERRUPTED = "interrupted", _("Interrupted")

    reason = models.CharField(_("reason"), max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        "organisations.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("recount")
        verbose_name_plural = _("recounts")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.reason

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.RUNNING} and not self.interrupted

    @property
    def interrupted(self) -> bool:
        """Ended as interrupted (by `recounts_recover`), or still waiting or running but taken
        for dead (`Job.is_silent`: running and silent, each document being a sign of life, or
        waiting past the queue's allowance): either way the page stops polling and says so."""
        if self.status == self.Status.INTERRUPTED:
            return True
        return self.status in {
            self.Status.PENDING,
            self.Status.RUNNING,
        } and self.is_silent(timezone.now())
