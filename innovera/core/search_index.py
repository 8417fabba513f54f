"""The database side of full-text search, for every app that has something to search.

PostgreSQL: a model declares `PostgresGinIndex(<SearchVector expression>)` in its Meta and
its selectors filter with the same expression object, so the index and the query are one
definition and cannot drift. On SQLite the index is skipped.

SQLite: `CreateFts5Table` (a migration operation, a no-op on PostgreSQL) creates an FTS5 table
with the trigram tokenizer over a model's text columns, plus triggers on the model's table, so
that every write — a service, the admin, a bulk insert, a data migration — keeps it in step.
The app maps it with an unmanaged model made by `fts5_row_model(Model, "ModelSearchRow")`
(managed = False, db_table "<table>_fts") with three fields: a OneToOneField to the model on
db_column "rowid" (primary key, no constraint, DO_NOTHING, related_name "search_row"); `match`,
a TextField on the db_column named like the table, which FTS5 reads as MATCH when compared with
`=`; and `rank`, a FloatField, bm25 with the table's column weights (smaller is better). The
migration that creates the FTS5 table records that model with `fts5_row_model_operation`.
Selectors join it:

    ideas.filter(search_row__match=expression).order_by("search_row__rank")

How to add search to an app: docs/architecture.md, "Search".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, migrations, models
from django.db.migrations.operations.base import Operation
from django.db.models import F, FloatField, Func, GeneratedField, Q, QuerySet, Value

from innovera.core.fulltext import fts5_expression

FTS5_SUFFIX = "_fts"
# The longest search text read (characters); the search boxes allow no more.
MAX_QUERY = 200


class PostgresGinIndex(GinIndex):
    """A GIN index on PostgreSQL and nothing on SQLite, which searches its FTS5 tables."""

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            # The schema editor runs whatever statement it gets; an empty one does nothing.
            return ""
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model: Any, schema_editor: Any, **kwargs: Any) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)


class PostgresOnly(Func):
    """An expression PostgreSQL computes and SQLite stores as NULL (SQLite has no tsvector;
    its search reads the FTS5 table)."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return "NULL", []


def search_document(expression: Any) -> GeneratedField:
    """A stored `tsvector` column computed by PostgreSQL from `expression` on every write.
    Index it with `PostgresGinIndex(fields=[name])`, filter and rank by the column: the
    ranking then reads the stored vector instead of computing it again for every match."""
    return GeneratedField(
        expression=PostgresOnly(expression, output_field=SearchVectorField()),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )


def fts5_table(table: str) -> str:
    return table + FTS5_SUFFIX


def _fts5_row_fields(
    target: Any, table: str, *, serialize: bool = True
) -> list[tuple[str, models.Field[Any, Any]]]:
    # `target` is the model class, or in a migration its "app_label.modelname" (where a
    # primary key is written with serialize=False, as the model's own state has it).
    return [
        (
            "row",
            models.OneToOneField(
                target,
                primary_key=True,
                serialize=serialize,
                db_column="rowid",
                db_constraint=False,
                on_delete=models.DO_NOTHING,
                related_name="search_row",
            ),
        ),
        ("match", models.TextField(db_column=fts5_table(table))),
        ("rank", models.FloatField()),
    ]


def _search_row_str(row: models.Model) -> str:
    return f"search row {row.pk}"


def fts5_row_model(model: type[models.Model], name: str) -> type[models.Model]:
    """SQLite only: the unmanaged model `name` over the FTS5 table of `model` (defined in
    `model`'s module, so it belongs to the same app), joined from `model` as `search_row`."""
    table = model._meta.db_table
    meta = type("Meta", (), {"managed": False, "db_table": fts5_table(table)})
    attributes: dict[str, Any] = {
        "__module__": model.__module__,
        "__qualname__": name,
        "__doc__": f"SQLite only: a row of the FTS5 table over {table} (see core.search_index).",
        "Meta": meta,
        "__str__": _search_row_str,
        **dict(_fts5_row_fields(model, table)),
    }
    return type(name, (models.Model,), attributes)


def fts5_row_model_operation(name: str, *, to: str, table: str) -> migrations.CreateModel:
    """The migration operation recording `fts5_row_model`'s model `name` over `table`, the
    table of the model `to` ("app_label.modelname"); it creates nothing in the database."""
    return migrations.CreateModel(
        name=name,
        fields=_fts5_row_fields(to, table, serialize=False),
        options={"db_table": fts5_table(table), "managed": False},
    )


_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def _identifiers(*names: str) -> None:
    # The statements below are DDL written from a migration's names, never from input; a name
    # that is not a plain identifier is refused rather than quoted.
    for name in names:
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"Not a plain SQL identifier: {name!r}")


def fts5_create_statements(
    table: str, columns: Sequence[str], weights: Sequence[float]
) -> list[str]:
    """An external-content FTS5 table over `table`'s columns, the triggers that keep it in
    step, the column weights of its `rank`, and a fill from the rows already there. Each
    statement may run again: after a migration that rebuilt `table` (and so dropped its
    triggers), the same operation puts the triggers back and refills the index."""
    _identifiers(table, *columns)
    fts = fts5_table(table)
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    insert = f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new});"  # noqa: S608
    delete = f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old});"  # noqa: S608
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({listed}, content='{table}', "
        f"content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {listed} ON {table} "
        f"BEGIN {delete} {insert} END",
        # `rank` is bm25 with these column weights wherever the table is queried.
        f"INSERT INTO {fts}({fts}, rank) VALUES "  # noqa: S608
        f"('rank', 'bm25({', '.join(str(float(w)) for w in weights)})')",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
    ]


def fts5_drop_statements(table: str) -> list[str]:
    _identifiers(table)
    fts = fts5_table(table)
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")),
        f"DROP TABLE IF EXISTS {fts}",
    ]


class CreateFts5Table(Operation):
    """SQLite only: a trigram FTS5 table over `columns` of `table`, kept in step by triggers.
    On PostgreSQL it does nothing: there the model's PostgresGinIndex serves the search."""

    reversible = True
    reduces_to_sql = False

    def __init__(self, table: str, columns: Sequence[str], weights: Sequence[float]) -> None:
        if len(weights) != len(columns):
            raise ValueError("One weight per column")
        self.table = table
        self.columns = tuple(columns)
        self.weights = tuple(weights)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__qualname__,
            [],
            {"table": self.table, "columns": self.columns, "weights": self.weights},
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for statement in fts5_create_statements(self.table, self.columns, self.weights):
                schema_editor.execute(statement, params=None)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for statement in fts5_drop_statements(self.table):
                schema_editor.execute(statement, params=None)

    def describe(self) -> str:
        return f"SQLite: full-text table {fts5_table(self.table)} over {', '.join(self.columns)}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.table}_fts"


def fts5_search(
    queryset: QuerySet[Any], text: str, *, columns: Sequence[str], ranked: bool = False
) -> QuerySet[Any]:
    """SQLite: the rows of `queryset` that match the search box's text in the model's FTS5
    table, with the alias `search_rank` (higher is better; 0 unless `ranked`).

    Ranked, the FTS5 table is joined (as `search_row`) so that SQLite walks the matches once
    and reads bm25 for each. Unranked (a list in its own order), the matches are an `IN`
    subquery that SQLite evaluates once: joined, it would walk the list's index and ask the
    FTS5 table again for every row. Words of one or two letters, which a trigram index cannot
    hold, are compared as substrings of `columns`."""
    nothing = Value(0.0, output_field=FloatField())
    query = fts5_expression(text)
    if query.match is None and not query.short_words:
        return queryset.none().alias(search_rank=nothing)
    for word in query.short_words:
        anywhere = Q()
        for column in columns:
            anywhere |= Q(**{f"{column}__icontains": word})
        queryset = queryset.filter(anywhere)
    if query.match is None:
        return queryset.alias(search_rank=nothing)
    if ranked:
        return queryset.filter(search_row__match=query.match).alias(
            search_rank=-F("search_row__rank")
        )
    rows = queryset.model._meta.get_field("search_row").related_model
    matches = rows.objects.filter(match=query.match).values("pk")
    return queryset.filter(pk__in=matches).alias(search_rank=nothing)


def text_search(
    queryset: QuerySet[Any],
    text: str,
    *,
    columns: Sequence[str],
    ranked: bool = False,
    max_length: int = MAX_QUERY,
    document: Any = None,
) -> QuerySet[Any]:
    """The rows of `queryset` matching the search box's text (websearch syntax: "phrase", or,
    -word; the first `max_length` characters): PostgreSQL's Swedish full text on the model's
    stored `search_text` column and its index, SQLite's FTS5 table over `columns`. The alias
    `search_rank` orders them best first (higher is better; on SQLite 0 unless `ranked`).
    Without text, the queryset as it is.

    A model without a stored column passes its `document` instead: the search vector its GIN
    index is built on, which PostgreSQL then matches through that index."""
    text = text.strip()[:max_length]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config="swedish")
        if document is not None:
            queryset = queryset.alias(search_text=document)
        return queryset.filter(search_text=query).alias(
            search_rank=SearchRank(F("search_text"), query)
        )
    return fts5_search(queryset, text, columns=columns, ranked=ranked)


class RestoreFts5Table(CreateFts5Table):
    """For a migration in which SQLite rebuilds `table` (adding or removing a stored column,
    most AlterFields), which drops the table's triggers: puts the FTS5 table's triggers back and
    refills it, and never drops it. Place one at the end of the migration (`direction
    ="forwards"`) and one at the start (`direction="backwards"`, for when it is reversed)."""

    def __init__(
        self,
        table: str,
        columns: Sequence[str],
        weights: Sequence[float],
        direction: str = "forwards",
    ) -> None:
        if direction not in ("forwards", "backwards"):
            raise ValueError("direction is 'forwards' or 'backwards'")
        super().__init__(table=table, columns=columns, weights=weights)
        self.direction = direction

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        name, args, kwargs = super().deconstruct()
        return name, args, {**kwargs, "direction": self.direction}

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if self.direction == "forwards":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if self.direction == "backwards":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"SQLite: triggers of {fts5_table(self.table)} put back ({self.direction})"
