"""`innovera seed-scale`: fill a database with many realistic ideas, for the performance benchmark.

    innovera seed-scale --ideas 100000 --comments 1000000 --supports 1000000 [--users 20000]
                        [--seed 0] [--append] [--password TEXT]

What it makes, deterministically from ``--seed``:

* people: about 40 % employees with a home unit (weighted by the units' employee counts), one
  coordinator per unit, and residents, most with a confirmed e-mail address. Every account has
  the same password (hashed once), ``--password`` or ``DEFAULT_PASSWORD``.
* ideas over the last five years (more recent years busier), titles and texts composed in
  Swedish from word lists of city services, spread over the units, the stages of the process
  (older ideas further along), visibilities (mostly public, some internal to the city or the
  unit) and submitter roles; merged ideas point at an earlier idea.
* the trail: a `StageMove` per step of each idea's way to its stage, the first one its
  submission; a reason where the stage needs one.
* comments and supports spread unevenly (a few ideas get many), supports unique per idea and
  person and only from people who may take part; the ideas' `support_count` and
  `comment_count` are the real counts.

On PostgreSQL the rows go in with COPY (psycopg 3), table by table, and the tables are
vacuumed and analysed at the end; elsewhere (SQLite) with `bulk_create` in batches. Progress
goes to standard error. It refuses to add to a database that holds ideas unless ``--append``.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from innovera.ideas.models import (
    Comment,
    Degree,
    Idea,
    InnovationType,
    Stage,
    StageMove,
    SubmitterRole,
    Support,
    Visibility,
)
from innovera.organisations.models import Membership, Role, Unit, UnitType, User

DEFAULT_PASSWORD = "innovera-skala-2026"  # noqa: S105 - made-up accounts for benchmarks only
EMAIL_DOMAIN = "scale.example.org"
YEARS = 5
SQLITE_BATCH = 2000
SEED_NAMESPACE = uuid.UUID("5c0d7a1e-9d1b-4f5e-8a43-6a1d2b7c9e01")  # for the ideas' submission keys

_WORDS: Any = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "seed_scale_words.json").read_text("utf-8")
)


def _tuples(value: Any) -> Any:
    """JSON lists back to the tuples the generator picks from (a pair stays a pair)."""
    return tuple(_tuples(item) for item in value) if isinstance(value, list) else value


# Swedish word lists and sentence patterns, in data/seed_scale_words.json: (indefinite, definite)
# forms of the city's services, districts, groups, title patterns, comments, reasons, names.
SERVICES: tuple[tuple[str, str], ...] = _tuples(_WORDS["SERVICES"])
DISTRICTS: tuple[str, ...] = _tuples(_WORDS["DISTRICTS"])
THINGS: tuple[str, ...] = _tuples(_WORDS["THINGS"])
ADJECTIVES: tuple[str, ...] = _tuples(_WORDS["ADJECTIVES"])
GROUPS: tuple[str, ...] = _tuples(_WORDS["GROUPS"])
VERBS: tuple[str, ...] = _tuples(_WORDS["VERBS"])
TITLE_PATTERNS: tuple[str, ...] = _tuples(_WORDS["TITLE_PATTERNS"])
PROBLEMS: tuple[str, ...] = _tuples(_WORDS["PROBLEMS"])
SOLUTIONS: tuple[str, ...] = _tuples(_WORDS["SOLUTIONS"])
EFFECTS: tuple[str, ...] = _tuples(_WORDS["EFFECTS"])
SITUATIONS: tuple[str, ...] = _tuples(_WORDS["SITUATIONS"])
COMMENT_OPENERS: tuple[str, ...] = _tuples(_WORDS["COMMENT_OPENERS"])
COMMENT_BODIES: tuple[str, ...] = _tuples(_WORDS["COMMENT_BODIES"])
COMMENT_CLOSERS: tuple[str, ...] = _tuples(_WORDS["COMMENT_CLOSERS"])
REASONS: dict[str, tuple[str, ...]] = {k: _tuples(v) for k, v in _WORDS["REASONS"].items()}
DEFAULT_REASON: str = _WORDS["DEFAULT_REASON"]
FIRST_NAMES: tuple[str, ...] = _tuples(_WORDS["FIRST_NAMES"])
LAST_NAMES: tuple[str, ...] = _tuples(_WORDS["LAST_NAMES"])
JOB_TITLES: tuple[str, ...] = _tuples(_WORDS["JOB_TITLES"])

# The usual way to each stage of the default process (`ideas.defaults`), by stage key.
PATHS: dict[str, tuple[str, ...]] = {
    "submitted": ("submitted",),
    "in_review": ("submitted", "in_review"),
    "prioritised": ("submitted", "in_review", "prioritised"),
    "declined": ("submitted", "in_review", "declined"),
    "merged": ("submitted", "merged"),
    "parked": ("submitted", "in_review", "parked"),
    "testing": ("submitted", "in_review", "prioritised", "testing"),
    "implemented": ("submitted", "in_review", "prioritised", "testing", "implemented"),
    "spread": ("submitted", "in_review", "prioritised", "testing", "implemented", "spread"),
}
# Where ideas older than a month stand; new ideas are mostly still submitted or in review.
STAGE_WEIGHTS = {
    "submitted": 14,
    "in_review": 18,
    "prioritised": 8,
    "declined": 22,
    "merged": 4,
    "parked": 9,
    "testing": 8,
    "implemented": 12,
    "spread": 5,
}
SCORED_STAGES = {"prioritised", "testing", "implemented", "spread"}
EMPLOYEE_ROLES = (SubmitterRole.EMPLOYEE, SubmitterRole.MANAGER, SubmitterRole.OTHER_UNIT)
ROLE_WEIGHTS = {
    SubmitterRole.EMPLOYEE: 44,
    SubmitterRole.RESIDENT: 32,
    SubmitterRole.MANAGER: 7,
    SubmitterRole.COMPANY: 6,
    SubmitterRole.CIVIL_SOCIETY: 4,
    SubmitterRole.ACADEMIA: 3,
    SubmitterRole.OTHER_UNIT: 4,
}


class Progress:
    """Rows written to one table, shown on standard error every tenth of the way (or 5 s)."""

    def __init__(self, say: Callable[[str], None], label: str, total: int) -> None:
        self.say, self.label, self.total = say, label, total
        self.done = 0
        self._printed = -1
        self.started = time.perf_counter()
        self._next_share = 0.1
        self._last_print = self.started

    def count(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        step = max(1, self.total // 100)
        for row in rows:
            yield row
            self.done += 1
            if self.done % step == 0:
                self._maybe_print()
        self.finish()

    def _maybe_print(self) -> None:
        now = time.perf_counter()
        share = self.done / self.total if self.total else 1.0
        if share >= self._next_share or now - self._last_print >= 5:
            while self._next_share <= share:
                self._next_share += 0.1
            self._last_print = now
            self._print(now)

    def _print(self, now: float) -> None:
        self._printed = self.done
        share = 100 * self.done / self.total if self.total else 100.0
        self.say(
            f"  {self.label}: {self.done:,} / {self.total:,} ({share:.0f} %), "
            f"{now - self.started:.1f} s"
        )

    def finish(self) -> None:
        if self.done != self._printed:
            self._print(time.perf_counter())


def allocate(rng: np.random.Generator, total: int, weights: np.ndarray, cap: int) -> np.ndarray:
    """Split `total` over the ideas in proportion to `weights`, at most `cap` each."""
    counts = np.zeros(len(weights), dtype=np.int64)
    if total == 0 or len(weights) == 0:
        return counts
    if total > cap * int((weights > 0).sum()):
        raise CommandError(f"Cannot place {total:,} rows with at most {cap:,} per idea.")
    remaining = total
    open_ = np.ones(len(weights), dtype=bool)
    while remaining:
        w = np.where(open_, weights, 0.0)
        counts += rng.multinomial(remaining, w / w.sum())
        over = counts > cap
        remaining = int((counts[over] - cap).sum())
        counts[over] = cap
        open_ &= counts < cap
    return counts


class Command(BaseCommand):
    help = (
        "Fill the database with many realistic ideas, comments, supports and people for the "
        "performance benchmark (PostgreSQL: COPY). Refuses when ideas exist unless --append."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ideas", type=int, default=1000)
        parser.add_argument("--comments", type=int, default=0)
        parser.add_argument("--supports", type=int, default=0)
        parser.add_argument("--users", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--append", action="store_true", help="Add to a database that already has ideas."
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="The password of every account made (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("ideas", "comments", "supports", "users"):
            if options[name] < 0:
                raise CommandError(f"--{name} must be zero or more.")
        if options["ideas"] == 0 and (options["comments"] or options["supports"]):
            raise CommandError("Comments and supports need ideas: give --ideas.")
        if Idea.objects.exists() and not options["append"]:
            raise CommandError(
                f"The database already holds {Idea.objects.count():,} ideas; "
                "add --append to add more."
            )
        people = User.objects.count() + options["users"]
        if options["supports"] > options["ideas"] * people:
            raise CommandError(
                f"{options['supports']:,} supports need more people: one support per person and idea."
            )
        self.postgres = connection.vendor == "postgresql"
        self.random = random.Random(options["seed"])  # noqa: S311 - made-up data, not secrets
        self.rng = np.random.default_rng(options["seed"])
        self.now = timezone.now()
        self.start = self.now - datetime.timedelta(days=365 * YEARS)
        started = time.perf_counter()

        self.ensure_units()
        made_users = self.seed_users(options["users"], options["password"])
        ideas = self.seed_ideas(options["ideas"], options["comments"], options["supports"])
        if self.postgres:
            self.say("Vacuuming and analysing the tables …")
            tables = [
                m._meta.db_table for m in (User, Membership, Idea, StageMove, Comment, Support)
            ]
            # VACUUM cannot run in a transaction (as in a test); ANALYZE can.
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            vacuum_started = time.perf_counter()
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"{verb} {connection.ops.quote_name(table)}")
            self.say(f"  {verb}: {time.perf_counter() - vacuum_started:.1f} s")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Seeded in {seconds:.1f} s: {made_users:,} people, {ideas['ideas']:,} ideas, "
            f"{ideas['moves']:,} stage moves, {ideas['comments']:,} comments, "
            f"{ideas['supports']:,} supports."
        )

    # --- helpers --------------------------------------------------------------------------

    @contextlib.contextmanager
    def step(self, label: str) -> Iterator[None]:
        """One transaction per table; its foreign keys are checked at the commit."""
        started = time.perf_counter()
        with transaction.atomic():
            yield
        self.say(f"  {label}: committed, {time.perf_counter() - started:.1f} s in all")

    def say(self, text: str) -> None:
        self.stderr.write(text, style_func=str)
        self.stderr.flush()

    def ensure_units(self) -> None:
        if not Unit.objects.exists():
            from innovera.organisations.demo import demo_city_load

            self.say("No units yet: loading the demo city first.")
            demo_city_load()
        units = list(Unit.objects.values_list("pk", "unit_type", "employee_count"))
        self.unit_ids = [pk for pk, _t, _n in units]
        leaves = [(pk, n) for pk, kind, n in units if kind == UnitType.UNIT] or [
            (pk, n) for pk, _kind, n in units
        ]
        self.home_units = [pk for pk, _n in leaves]
        self.home_weights = [max(n, 1) for _pk, n in leaves]
        stages = {stage.key: stage for stage in Stage.objects.all()}
        if not stages:
            raise CommandError("The database has no stages; run 'innovera migrate' first.")
        self.stages = stages
        self.initial = next(
            (s for s in stages.values() if s.is_initial),
            min(stages.values(), key=lambda s: s.order),
        )

    def next_id(self, model: type[models.Model]) -> int:
        return int(model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1

    def write(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        total: int,
    ) -> None:
        """Insert rows (tuples in the order of `columns`, attribute names) into the model's table.

        Fields not in `columns` get their default, the same for every row."""
        fields = [
            f
            for f in model._meta.concrete_fields
            # The database computes generated columns (the search text) itself.
            if (not f.primary_key or f.attname in columns) and not f.generated
        ]
        missing = [f for f in fields if f.attname not in columns]
        defaults = tuple(f.get_default() for f in missing)
        attnames = [*columns, *(f.attname for f in missing)]
        progress = Progress(self.say, model._meta.db_table, total)
        counted = progress.count(rows)
        if self.postgres:
            quote = connection.ops.quote_name
            by_attname = {f.attname: f.column for f in fields}
            sql = (
                f"COPY {quote(model._meta.db_table)} "
                f"({', '.join(quote(by_attname[a]) for a in attnames)}) FROM STDIN"
            )
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in counted:
                    copy.write_row((*row, *defaults) if defaults else row)
            return
        batch: list[models.Model] = []
        for row in counted:
            batch.append(model(**dict(zip(attnames, (*row, *defaults), strict=True))))
            if len(batch) >= SQLITE_BATCH:
                model._default_manager.bulk_create(batch)
                batch = []
        if batch:
            model._default_manager.bulk_create(batch)

    def reset_sequences(self, *models_: type[models.Model]) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def when(self, seconds: float) -> datetime.datetime:
        return self.start + datetime.timedelta(seconds=float(seconds))

    def text(self, pattern: str) -> str:
        """Fill a pattern's slots from the word lists."""
        pick = self.random.choice
        service, service_def = pick(SERVICES)
        thing = pick(THINGS)
        return pattern.format(
            service=service,
            service_def=service_def,
            service_def_cap=service_def[:1].upper() + service_def[1:],
            service2=pick(SERVICES)[0],
            district=pick(DISTRICTS),
            thing=thing,
            thing_cap=thing[:1].upper() + thing[1:],
            adj=pick(ADJECTIVES),
            verb=pick(VERBS),
            group=pick(GROUPS),
        )

    # --- people ---------------------------------------------------------------------------

    def seed_users(self, count: int, password: str) -> int:
        self.say(f"People: {count:,} …")
        first_id = self.next_id(User)
        hashed = make_password(password)
        pick = self.random.choice
        employee = [self.random.random() < 0.4 for _ in range(count)]
        homes = self.random.choices(self.home_units, weights=self.home_weights, k=count)
        joined = [
            self.start - datetime.timedelta(days=self.random.uniform(0, 365)) for _ in range(count)
        ]
        slugs = {name: slugify(name) for name in (*FIRST_NAMES, *LAST_NAMES)}

        def rows() -> Iterator[tuple[Any, ...]]:
            for n in range(count):
                first, last = pick(FIRST_NAMES), pick(LAST_NAMES)
                pk = first_id + n
                verified = employee[n] or self.random.random() < 0.85
                yield (
                    pk,
                    f"{slugs[first]}.{slugs[last]}.{pk}@{EMAIL_DOMAIN}",
                    f"{first} {last}",
                    homes[n] if employee[n] else None,
                    pick(JOB_TITLES) if employee[n] else "",
                    joined[n] if verified else None,
                    hashed,
                    joined[n],
                )

        columns = (
            "id",
            "email",
            "full_name",
            "unit_id",
            "title",
            "email_verified_at",
            "password",
            "date_joined",
        )
        coordinators: dict[int, int] = {}
        for n in range(count):
            if employee[n]:
                coordinators.setdefault(homes[n], first_id + n)
        with self.step("organisations_user, organisations_membership"):
            self.write(User, columns, rows(), count)
            memberships = [
                (first_id + n, homes[n], Role.EMPLOYEE.value, joined[n])
                for n in range(count)
                if employee[n]
            ]
            memberships += [
                (user_id, unit_id, Role.COORDINATOR.value, self.start)
                for unit_id, user_id in coordinators.items()
            ]
            self.write(
                Membership,
                ("user_id", "unit_id", "role", "granted_at"),
                memberships,
                len(memberships),
            )
            if self.postgres:
                self.reset_sequences(User)
        # Everyone who may take part (employees and confirmed residents) may submit and support.
        people = User.objects.filter(is_active=True).values_list(
            "pk", "unit_id", "email_verified_at"
        )
        self.employees = [pk for pk, unit, _v in people if unit is not None]
        self.residents = [
            pk for pk, unit, verified in people if unit is None and verified is not None
        ]
        self.takers = self.employees + self.residents
        self.coordinator_ids = list(coordinators.values()) or self.employees or self.takers
        if not self.takers:
            raise CommandError("No one may take part: give --users.")
        return count

    # --- ideas, their trail, comments and supports -----------------------------------------

    def seed_ideas(self, count: int, comments: int, supports: int) -> dict[str, int]:
        result = {"ideas": count, "moves": 0, "comments": comments, "supports": supports}
        if count == 0:
            return result
        rng, rand = self.rng, self.random
        first_id = self.next_id(Idea)
        span = (self.now - self.start).total_seconds()
        # More ideas in recent years: the density grows with time.
        created = np.sort(span * rng.random(count) ** 0.8)
        age_days = (span - created) / 86400
        # Popularity: a few ideas get most of the supports; comments follow supports.
        visibility = self._visibilities(count)
        reach = np.select([visibility == 1, visibility == 2], [0.5, 0.25], 1.0)
        popularity = (
            rng.lognormal(0.0, 1.3, count) * reach * (0.3 + np.minimum(age_days, 365) / 365)
        )
        stage_keys = self._stages(age_days)
        # A merged idea's supports went with it into the other idea (services._merge).
        merged = np.array(
            [self.stages[k].is_merge if k in self.stages else False for k in stage_keys]
        )
        support_counts = allocate(
            rng, supports, np.where(merged, 0.0, popularity), len(self.takers)
        )
        talk = popularity**0.8 * rng.lognormal(0.0, 0.5, count)
        comment_counts = allocate(rng, comments, talk, 10**9)
        roles = list(ROLE_WEIGHTS)
        role_of = rand.choices(roles, weights=list(ROLE_WEIGHTS.values()), k=count)
        units = self.unit_ids

        moves: list[tuple[Any, ...]] = []
        ideas: list[tuple[Any, ...]] = []
        for n in range(count):
            pk = first_id + n
            role = role_of[n]
            if role in EMPLOYEE_ROLES:
                submitter = rand.choice(self.employees or self.takers)
            else:
                submitter = rand.choice(self.residents or self.takers)
            owner = rand.choice(units) if rand.random() < 0.97 else None
            vis = (Visibility.PUBLIC, Visibility.CITY, Visibility.UNIT)[visibility[n]]
            if owner is None and vis == Visibility.UNIT:
                vis = Visibility.CITY
            born = created[n]
            for_whom = rand.choice(GROUPS)
            key = stage_keys[n]
            path = [self.stages[k] for k in PATHS.get(key, (key,)) if k in self.stages]
            if not path or path[0].pk != self.initial.pk:
                path.insert(0, self.initial)
            t = born
            for step, stage in enumerate(path):
                if step:
                    t = min(span - 60 * rand.random(), t + 86400 * rand.uniform(1, 60))
                reason = ""
                if stage.requires_reason:
                    reason = rand.choice(REASONS.get(stage.key, (DEFAULT_REASON,)))
                moves.append(
                    (
                        pk,
                        path[step - 1].pk if step else None,
                        stage.pk,
                        submitter if step == 0 else rand.choice(self.coordinator_ids),
                        reason,
                        self.when(t),
                    )
                )
            final = path[-1]
            handled = final.key in SCORED_STAGES
            ideas.append(
                (
                    pk,
                    self.text(rand.choice(TITLE_PATTERNS))[:200],
                    " ".join(
                        (self.text(rand.choice(PROBLEMS)), self.text(rand.choice(SOLUTIONS)))
                        + ((self.text(rand.choice(PROBLEMS)),) if rand.random() < 0.4 else ())
                    ),
                    self.text(rand.choice(EFFECTS)),
                    for_whom[:1].upper() + for_whom[1:],
                    self.text(rand.choice(SITUATIONS)),
                    None,
                    submitter,
                    role.value,
                    owner,
                    final.pk,
                    rand.choice(InnovationType.values) if handled or rand.random() < 0.2 else "",
                    rand.choice(Degree.values) if handled else "",
                    vis.value,
                    pk - 1 - rand.randrange(pk - first_id)
                    if final.is_merge and pk > first_id
                    else None,
                    int(support_counts[n]),
                    int(comment_counts[n]),
                    Decimal(rand.randint(150, 500)) / 100 if handled else None,
                    uuid.uuid5(SEED_NAMESPACE, str(pk)),  # unique as the id is
                    self.when(born),
                    self.when(t),
                )
            )
        result["moves"] = len(moves)
        idea_columns = (
            "id", "title", "description", "value", "for_whom", "situation", "challenge_id",
            "submitter_id", "submitter_role", "owner_unit_id", "stage_id", "innovation_type",
            "degree", "visibility", "merged_into_id", "support_count", "comment_count", "score",
            "submission_key", "created_at", "stage_changed_at",
        )  # fmt: skip
        self.say(f"Ideas: {count:,}, with {len(moves):,} stage moves …")
        with self.step("ideas_idea"):
            self.write(Idea, idea_columns, ideas, count)
            if self.postgres:
                self.reset_sequences(Idea)
        del ideas
        with self.step("ideas_stagemove"):
            self.write(
                StageMove,
                ("idea_id", "from_stage_id", "to_stage_id", "actor_id", "reason", "created_at"),
                moves,
                len(moves),
            )
        del moves

        self.say(f"Comments: {comments:,} …")
        with self.step("ideas_comment"):
            self.write(
                Comment,
                ("idea_id", "author_id", "body", "is_official", "created_at"),
                self._comments(first_id, created, comment_counts, span),
                comments,
            )
        self.say(f"Supports: {supports:,} …")
        with self.step("ideas_support"):
            self.write(
                Support,
                ("idea_id", "user_id", "created_at"),
                self._supports(first_id, created, support_counts, span),
                supports,
            )
        return result

    def _visibilities(self, count: int) -> np.ndarray:
        """0 public, 1 internal to the city, 2 internal to the unit."""
        return self.rng.choice(3, size=count, p=[0.86, 0.09, 0.05])

    def _stages(self, age_days: np.ndarray) -> list[str]:
        keys = [k for k in STAGE_WEIGHTS if k in self.stages]
        extra = [k for k in self.stages if k not in STAGE_WEIGHTS and k != self.initial.key]
        keys += extra
        weights = np.array([STAGE_WEIGHTS.get(k, 3) for k in keys], dtype=float)
        settled = self.rng.choice(len(keys), size=len(age_days), p=weights / weights.sum())
        fresh = self.rng.random(len(age_days))
        initial = self.initial.key
        review = "in_review" if "in_review" in self.stages else initial
        out: list[str] = []
        for n, age in enumerate(age_days):
            if age < 30:
                out.append(initial if fresh[n] < 0.7 else review)
            else:
                out.append(keys[settled[n]])
        return out

    def _comments(
        self, first_id: int, created: np.ndarray, counts: np.ndarray, span: float
    ) -> Iterator[tuple[Any, ...]]:
        rand = self.random
        pick = rand.choice
        people = self.takers
        coordinators = self.coordinator_ids
        for n, k in enumerate(counts.tolist()):
            born = float(created[n])
            for _ in range(k):
                # Most comments come soon after the idea, a few much later.
                at = born + (span - born) * rand.random() ** 3
                official = rand.random() < 0.03
                body = " ".join(
                    part
                    for part in (
                        pick(COMMENT_OPENERS),
                        self.text(pick(COMMENT_BODIES)),
                        pick(COMMENT_CLOSERS),
                    )
                    if part
                )
                yield (
                    first_id + n,
                    pick(coordinators) if official else pick(people),
                    body,
                    official,
                    self.when(at),
                )

    def _supports(
        self, first_id: int, created: np.ndarray, counts: np.ndarray, span: float
    ) -> Iterator[tuple[Any, ...]]:
        rand = self.random
        people = self.takers
        for n, k in enumerate(counts.tolist()):
            if not k:
                continue
            born = float(created[n])
            # Distinct people per idea: one support per person, as the constraint demands.
            for user_id in rand.sample(people, k):
                yield (first_id + n, user_id, self.when(born + (span - born) * rand.random() ** 2))
