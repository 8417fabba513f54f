"""Good examples and their adoptions (SPEC §4.3, part 1).

A good example records what a city case library records (the OECD OPSI case library is the
anchor). An adoption is one unit's "Vi vill också" and its way from interest to use — the
spread that the follow-up indicators count per unit and unit type.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innovera.core.models import Created, Timestamped, Upload
from innovera.core.search_index import PostgresGinIndex, fts5_row_model
from innovera.ideas.models import Idea, Topic
from innovera.organisations.models import Unit, UnitType, User


def contact_person() -> models.ForeignKey[User | None, User | None]:
    """Whom to ask about an example or an adoption: the person may leave the city, and the
    example stays (hence SET_NULL); nobody needs the reverse relation."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class ExampleStatus(models.TextChoices):
    IN_USE = "in_use", pgettext_lazy("status of a good example or an adoption", "In use")
    ENDED = "ended", _("Ended")
    REPLACED = "replaced", _("Replaced")


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# What the search box searches, declared once: the PostgreSQL index and the query share it.
EXAMPLE_TEXT = (
    SearchVector("title", weight="A", config="swedish")
    + SearchVector("summary", weight="B", config="swedish")
    + SearchVector("problem", weight="C", config="swedish")
)
EXAMPLE_SEARCH_COLUMNS = ("title", "summary", "problem")


class GoodExample(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), max_length=2000)
    problem = models.TextField(_("the problem"), max_length=5000)
    what_was_done = models.TextField(_("what was done"), max_length=5000)
    effects = models.TextField(_("effects"), blank=True, max_length=2000)
    costs = models.TextField(_("costs and resources"), blank=True, max_length=2000)
    for_whom = models.CharField(_("who it is for"), max_length=300)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="good_examples"
    )
    contact = contact_person()
    topics = models.ManyToManyField(Topic, verbose_name=_("area"), blank=True, related_name="+")
    how_to_adopt = models.TextField(_("how to adopt it"), max_length=5000)
    what_you_need = models.TextField(_("what you need"), blank=True, max_length=2000)
    pitfalls = models.TextField(_("pitfalls"), blank=True, max_length=2000)
    did_not_work = models.TextField(_("what did not work"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=ExampleStatus.choices, default=ExampleStatus.IN_USE
    )
    publication = models.CharField(
        _("publication"), max_length=20, choices=Publication.choices, default=Publication.DRAFT
    )
    # Linked both ways: the idea's page shows "Spridd som gott exempel".
    idea = models.OneToOneField(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_example",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept on the row so the list sorts by "most adopted" and filters "has been adopted"
    # without counting per page; adoption services keep them true under a row lock.
    adoption_count = models.PositiveIntegerField(default=0)
    in_use_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")
        ordering = ("-published_at", "-id")
        indexes = [
            models.Index(fields=["publication", "-published_at", "-id"], name="example_newest"),
            models.Index(
                fields=["publication", "-in_use_count", "-id"], name="example_most_adopted"
            ),
            models.Index(fields=["unit", "publication"], name="example_unit"),
            PostgresGinIndex(EXAMPLE_TEXT, name="example_text_sv"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spreading:example_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.publication == Publication.PUBLISHED


ExampleSearchRow = fts5_row_model(GoodExample, "ExampleSearchRow")


class ExampleUnitType(models.Model):
    """A unit type the example suits; a row each, so the list filters by it on any database."""

    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="unit_types")
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitType.choices)

    class Meta:
        verbose_name = _("suitable unit type")
        verbose_name_plural = _("suitable unit types")
        constraints = [
            models.UniqueConstraint(fields=("example", "unit_type"), name="example_unit_type_once")
        ]
        indexes = [models.Index(fields=["unit_type", "example"], name="example_unit_type")]

    def __str__(self) -> str:
        return f"{self.example_id}: {self.unit_type}"


class ExampleFigure(models.Model):
    """An effect in figures ("restid −30 %"), besides the effects the idea recorded."""

    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(_("what was measured"), max_length=200)
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=2)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.label}: {self.number}"


def example_file_path(instance: models.Model, filename: str) -> str:
    # A random name: the person's file name is kept in `original_name`, never used on disk.
    return f"example-files/{uuid.uuid4().hex}"


class ExampleImage(Created):
    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=example_file_path)
    content_type = models.CharField(max_length=100)
    # Required: an image without a text alternative shuts out those who cannot see it.
    alt_text = models.CharField(_("alternative text"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="image_has_alt_text")
        ]

    def __str__(self) -> str:
        return self.alt_text


class ExampleAttachment(Upload):
    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=example_file_path)

    class Meta(Upload.Meta):
        ordering = ("id",)


class AdoptionStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    PLANNING = "planning", _("Planning")
    IN_USE = "in_use", pgettext_lazy("status of a good example or an adoption", "In use")
    DROPPED = "dropped", _("Dropped")


class Adoption(Timestamped):
    """One unit's adoption of a good example: interested → planning → in use (or dropped)."""

    example = models.ForeignKey(GoodExample, on_delete=models.CASCADE, related_name="adoptions")
    unit = models.ForeignKey(
        Unit, verbose_name=_("adopting unit"), on_delete=models.PROTECT, related_name="adoptions"
    )
    contact = contact_person()
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AdoptionStatus.choices,
        default=AdoptionStatus.INTERESTED,
    )
    changes = models.TextField(_("what was changed from the original"), blank=True, max_length=2000)
    outcome = models.TextField(_("outcome"), blank=True, max_length=2000)
    lessons = models.TextField(_("lessons"), blank=True, max_length=2000)
    drop_reason = models.TextField(_("why it was dropped"), blank=True, max_length=5000)
    started_on = models.DateField(_("interest shown"), default=timezone.localdate)
    planning_on = models.DateField(_("planning started"), null=True, blank=True)
    in_use_on = models.DateField(_("in use from"), null=True, blank=True)
    dropped_on = models.DateField(_("dropped on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ("-updated_at", "-id")
        constraints = [
            # "Vi vill också" twice is one adoption: a unit adopts an example once.
            models.UniqueConstraint(fields=("example", "unit"), name="adoption_once_per_unit"),
            models.CheckConstraint(
                condition=~models.Q(status="dropped") | ~models.Q(drop_reason=""),
                name="adoption_dropped_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["example", "status"], name="adoption_example_status"),
            models.Index(fields=["unit", "status"], name="adoption_unit_status"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} → {self.example}"

    def get_absolute_url(self) -> str:
        return reverse(
            "spreading:adoption_detail", kwargs={"slug": self.example.slug, "pk": self.pk}
        )


class AdoptionEvent(Created):
    """The adoption's trail: every change of status, who made it and when."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=AdoptionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AdoptionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True, max_length=5000)

    class Meta:
        verbose_name = _("adoption event")
        verbose_name_plural = _("adoption events")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.adoption_id}: {self.from_status} → {self.to_status}"


# What an example's author writes, in this order on the page, in the API and in the services.
EXAMPLE_WRITTEN_FIELDS = (
    "title",
    "summary",
    "problem",
    "what_was_done",
    "effects",
    "costs",
    "for_whom",
    "how_to_adopt",
    "what_you_need",
    "pitfalls",
    "did_not_work",
    "status",
)
