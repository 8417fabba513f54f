"""Challenges, ideas and the stage process (SPEC §4.2, model blocks II–IV).

The stage process is data: the innovation office configures stages and the transitions
between them; `services.idea_move` is the only way an idea changes stage, and every move is
kept as a `StageMove` — the idea's trail.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovera.core.formatting import page_language
from innovera.core.models import Created, Upload
from innovera.core.reversing import cached_reverse
from innovera.core.search_index import PostgresGinIndex, fts5_row_model, search_document
from innovera.organisations.models import Unit

# What is searched, defined once. On PostgreSQL the `search_text` columns below are computed from
# these expressions on every write, indexed, and the selectors filter and rank by the column; the
# title index is built from IDEA_TITLE and the suggestions query with that same object, because
# PostgreSQL uses an expression index only for the very same expression. The weights (A title,
# B text) order the hits.
CHALLENGE_TEXT = SearchVector("title", weight="A", config="swedish") + SearchVector(
    "need", weight="B", config="swedish"
)
IDEA_TEXT = SearchVector("title", weight="A", config="swedish") + SearchVector(
    "description", weight="B", config="swedish"
)
# The titles alone: the candidates for similar-idea suggestions.
IDEA_TITLE = SearchVector("title", config="swedish")
# Longest texts people may write (characters). Without a limit, three 2.5 MB ideas made one
# API page 7.6 MB; these are many times what a real idea or comment needs.
LONG_TEXT = 5000
MEDIUM_TEXT = 2000


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("address name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Audience(models.TextChoices):
    INTERNAL = "internal", _("City employees")
    PUBLIC = "public", _("Everyone")
    COMPANIES = "companies", _("Companies")


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Challenge(models.Model):
    """A need a unit publishes and asks for ideas on (Västerås' "administer challenges")."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    need = models.TextField(_("the need"), max_length=LONG_TEXT)
    for_whom = models.CharField(_("for whom"), max_length=300)
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="challenges"
    )
    opens_on = models.DateField(_("open from"), null=True, blank=True)
    closes_on = models.DateField(_("open until"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    search_text = search_document(CHALLENGE_TEXT)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ("-created_at",)
        indexes = [PostgresGinIndex(fields=["search_text"], name="challenge_search_text")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:challenge_detail", kwargs={"slug": self.slug})


class Stage(models.Model):
    """One step of the process; the office may rename, add and reorder them."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_initial = models.BooleanField(_("new ideas start here"), default=False)
    requires_reason = models.BooleanField(_("a move here needs a reason"), default=False)
    is_merge = models.BooleanField(_("merges the idea into another"), default=False)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ("order",)
        constraints = [
            models.UniqueConstraint(
                fields=("is_initial",),
                condition=models.Q(is_initial=True),
                name="stage_one_initial",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def name(self, lang: str = "sv") -> str:
        return self.name_en if lang == "en" else self.name_sv

    @property
    def display_name(self) -> str:
        """The name in the page's language: the English name on English pages (the history,
        the status tag, the move list, the process table, the ranking)."""
        return self.name(page_language())


class Transition(models.Model):
    """An allowed move between two stages and the roles that may make it."""

    from_stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="transitions_out")
    to_stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="transitions_in")
    # Coordinators of the owner unit, the innovation office, or both (comma-separated roles).
    roles = models.CharField(_("roles"), max_length=100, default="coordinator,innovation_office")

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        constraints = [
            models.UniqueConstraint(fields=("from_stage", "to_stage"), name="transition_once")
        ]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"

    @property
    def role_list(self) -> list[str]:
        return [role.strip() for role in self.roles.split(",") if role.strip()]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    CITY = "city", _("Internal to the city")
    UNIT = "unit", _("Internal to the unit")


class SubmitterRole(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")
    RESIDENT = "resident", _("Resident")
    COMPANY = "company", _("Company")
    ACADEMIA = "academia", _("Academia")
    OTHER_UNIT = "other_unit", _("Other city unit")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class InnovationType(models.TextChoices):
    """The OECD (Oslo Manual) types of innovation."""

    PRODUCT = "product", _("Product or service")
    PROCESS = "process", _("Process")
    ORGANISATION = "organisation", _("Organisation")
    MARKETING = "marketing", _("Marketing or communication")


class Degree(models.TextChoices):
    INCREMENTAL = "incremental", _("Incremental")
    RADICAL = "radical", _("Radical")


class Idea(models.Model):
    """An idea, short as Malmö's testbed form: what, which value, for whom, in which situation."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is the idea"), max_length=LONG_TEXT)
    value = models.TextField(_("what value it creates"), max_length=MEDIUM_TEXT)
    for_whom = models.CharField(_("for whom"), max_length=300)
    situation = models.TextField(_("in which situation"), max_length=MEDIUM_TEXT, blank=True)
    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ideas",
    )
    submitter_role = models.CharField(
        _("the submitter is"), max_length=20, choices=SubmitterRole.choices
    )
    owner_unit = models.ForeignKey(
        Unit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
    )
    stage = models.ForeignKey(Stage, verbose_name=_("stage"), on_delete=models.PROTECT)
    innovation_type = models.CharField(
        _("type of innovation"), max_length=20, choices=InnovationType.choices, blank=True
    )
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_ideas"
    )
    # Counts kept on the row so lists sort and show them without counting per page.
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # One per form load: a double submit finds the idea the first submit made.
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    stage_changed_at = models.DateTimeField(_("stage changed"), default=timezone.now)
    search_text = search_document(IDEA_TEXT)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="idea_newest"),
            models.Index(fields=["-support_count", "-id"], name="idea_most_supported"),
            models.Index(fields=["owner_unit", "-created_at"], name="idea_unit_newest"),
            models.Index(fields=["stage", "-created_at"], name="idea_stage_newest"),
            models.Index(fields=["visibility", "-created_at", "-id"], name="idea_visible_newest"),
            PostgresGinIndex(fields=["search_text"], name="idea_search_text"),
            PostgresGinIndex(IDEA_TITLE, name="idea_title_sv"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # A list page writes twenty of these: the pattern is reversed once (core.reversing).
        return cached_reverse("ideas:idea_detail", pk=self.pk)


ChallengeSearchRow = fts5_row_model(Challenge, "ChallengeSearchRow")

IdeaSearchRow = fts5_row_model(Idea, "IdeaSearchRow")


class StageMove(Created):
    """One decision on record: who moved the idea, when, from where to where, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=LONG_TEXT, blank=True)
    # The idea's weighted score when the decision was made: a decision cites the scores.
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_stage} → {self.to_stage}"


class RoutingRule(models.Model):
    """The office's rule: ideas on this topic go to this unit unless a challenge says otherwise."""

    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, related_name="routing_rule")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return f"{self.topic} → {self.unit}"


class RouteChange(Created):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="route_changes")
    from_unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=LONG_TEXT)

    class Meta:
        verbose_name = _("re-routing")
        verbose_name_plural = _("re-routings")

    def __str__(self) -> str:
        return f"{self.idea_id} → {self.to_unit}"


class Criterion(models.Model):
    """A prioritisation criterion with its weight, set by the innovation office."""

    key = models.SlugField(max_length=40, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    # What the ends of the 1–5 scale mean, shown to those who score ("1 = hög kostnad").
    scale_low_sv = models.CharField(_("1 means (Swedish)"), max_length=100, blank=True)
    scale_high_sv = models.CharField(_("5 means (Swedish)"), max_length=100, blank=True)
    scale_low_en = models.CharField(_("1 means (English)"), max_length=100, blank=True)
    scale_high_en = models.CharField(_("5 means (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ("order",)

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if page_language() == "en" else self.name_sv

    @property
    def scale_low(self) -> str:
        return self.scale_low_en if page_language() == "en" else self.scale_low_sv

    @property
    def scale_high(self) -> str:
        return self.scale_high_en if page_language() == "en" else self.scale_high_sv


class Score(Created):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=("idea", "criterion", "scorer"), name="score_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.criterion_id}: {self.value}"


class PilotDecision(models.TextChoices):
    PENDING = "pending", _("Not decided")
    GO = "go", _("Go")
    NO_GO = "no_go", _("No go")


class PilotPhase(models.TextChoices):
    SMALL = "small", _("Small test")
    LARGER = "larger", _("Larger test")


class Pilot(Created):
    """Block IV: the test of an idea, small test → larger test → decision."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="pilots")
    phase = models.CharField(_("phase"), max_length=20, choices=PilotPhase.choices)
    plan = models.TextField(_("plan"), max_length=LONG_TEXT)
    test_site = models.CharField(_("testbed or test site"), max_length=200)
    test_persons = models.PositiveIntegerField(_("number of test persons"), default=0)
    results = models.TextField(_("results"), max_length=LONG_TEXT, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=PilotDecision.choices, default=PilotDecision.PENDING
    )
    decision_reason = models.TextField(
        _("reason for the decision"), max_length=LONG_TEXT, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ("created_at",)

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.get_phase_display()}"


class EffectKind(models.TextChoices):
    QUALITY = "quality", _("Quality")
    COST = "cost", _("Cost")
    TIME = "time", _("Time")
    SATISFACTION = "satisfaction", _("Satisfaction")
    OTHER = "other", _("Other")


class EffectUnit(models.TextChoices):
    """What an effect's number counts."""

    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    KRONOR = "kronor", _("kronor")
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("number of")
    PEOPLE = "people", _("people")


class Effect(Created):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="effects")
    kind = models.CharField(_("kind of effect"), max_length=20, choices=EffectKind.choices)
    text = models.TextField(_("description"), max_length=MEDIUM_TEXT)
    number = models.DecimalField(
        _("number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, choices=EffectUnit.choices, blank=True)

    class Meta:
        verbose_name = _("effect")
        verbose_name_plural = _("effects")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.kind}"


class Lesson(Created):
    """What was learned, including what did not work: a failed pilot is a result, not a loss."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField(_("lesson"), max_length=MEDIUM_TEXT)
    did_not_work = models.BooleanField(_("about something that did not work"), default=False)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.text[:60]


class Comment(Created):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=LONG_TEXT)
    is_official = models.BooleanField(_("official answer"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=["idea", "created_at", "id"], name="comment_idea_order")]

    def __str__(self) -> str:
        return self.body[:60]


class Support(Created):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=("idea", "user"), name="support_once")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.idea_id}"


class Follow(Created):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=("idea", "user"), name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the person's file name is kept in `original_name`, never used on disk.
    return f"idea-attachments/{uuid.uuid4().hex}"


class Attachment(Upload):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)


class Notification(Created):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "-created_at"], name="notification_user_newest")]

    def __str__(self) -> str:
        return self.text


class NotificationSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_notification_setting"
    )
    weekly_digest = models.BooleanField(
        _("a weekly digest instead of single e-mails"), default=False
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)
