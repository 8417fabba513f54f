"""The ideas pages beside their own SQL, in one process: how far is each page from its queries?

For each page the script renders it through Django's test client (the whole stack: middleware,
session, view, templates), records the SQL statements and parameters the page sent, and then
re-runs exactly those statements on the raw database cursor (fetching every row). Both are timed
in the same run, alternately, so the ratio does not depend on the machine's load drifting:

=====================  =====================================================  ==========
page                   request                                                target
=====================  =====================================================  ==========
list                   ``GET /ideer/``, anonymous                              ≤ 3× SQL
handler                ``GET /ideer/<id>/`` as a coordinator of its unit       ≤ 4× SQL
200 comments           ``GET /ideer/<id>/``, an idea with at least 200          one plain
                       comments, anonymous                                     sliced query
=====================  =====================================================  ==========

For the comments it also times the comment query the page sends beside the windowed prefetch
the page used before (``ROW_NUMBER() OVER (PARTITION BY idea_id …)``).

Usage (the database filled by ``innovera seed_scale``, see ideas_benchmark.py)::

    python benchmarks/ideas_pages_benchmark.py \\
        --database-url postgres://postgres@127.0.0.1:5432/innovera_bench_ideas

It prints a Markdown table for benchmarks/RESULTS.md. When the data has no idea with 200
comments it adds comments to the idea with most (``--no-write`` refuses instead). It writes
nothing else; a test-client session for the coordinator is created and deleted.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TARGETS = {"list": 3.0, "handler": 4.0}


@dataclass
class Row:
    label: str
    path: str
    queries: int
    page_ms: float
    page_cpu_ms: float
    sql_ms: float
    target: str
    result: str


def configure(database_url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "innovera.settings",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "INNOVERA_DATA_DIR": tempfile.mkdtemp(prefix="innovera-pages-bench-"),
        }
    )
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    # Production settings name static files by their hashed names, as `innovera serve` does.
    call_command("collectstatic", interactive=False, verbosity=0)


def recorded(do: Callable[[], Any]) -> tuple[Any, list[tuple[str, Any]]]:
    """Run `do`, keeping each SQL statement with its parameters as the driver received it."""
    from django.db import connection

    statements: list[tuple[str, Any]] = []

    def keep(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        result = do()
    return result, statements


def replay(statements: list[tuple[str, Any]]) -> None:
    """The same statements on the driver's own cursor, every row fetched."""
    from django.db import connection

    with connection.connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()


def measure(
    label: str,
    path: str,
    get: Callable[[], Any],
    repeat: int,
    target: str,
    check: Callable[..., str],
) -> Row:
    for _ in range(5):  # warm caches: templates, the filter form's fragment, the database's
        response = get()
        if response.status_code != 200:
            raise SystemExit(f"ideas_pages_benchmark: {path} answered {response.status_code}.")
    _response, statements = recorded(get)
    page: list[float] = []
    cpu: list[float] = []
    sql: list[float] = []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        get()
        page.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        started = time.perf_counter()
        replay(statements)
        sql.append((time.perf_counter() - started) * 1000)
    page_ms, sql_ms = statistics.median(page), statistics.median(sql)
    return Row(
        label,
        path,
        len(statements),
        page_ms,
        statistics.median(cpu),
        sql_ms,
        target,
        check(page_ms=page_ms, sql_ms=sql_ms, statements=statements),
    )


def ratio_check(limit: float) -> Callable[..., str]:
    def check(*, page_ms: float, sql_ms: float, **_: Any) -> str:
        return "PASS" if page_ms <= limit * sql_ms else "MISS"

    return check


def no_check(**_: Any) -> str:
    return "–"


def ratio(row: Row) -> str:
    # A floor may send no SQL at all: no ratio then.
    return f"{row.page_ms / row.sql_ms:.1f}×" if row.sql_ms >= 0.01 else "–"


def comment_statements(statements: list[tuple[str, Any]]) -> list[str]:
    return [sql for sql, _params in statements if '"ideas_comment"' in sql]


def plain_sliced(*, statements: list[tuple[str, Any]], **_: Any) -> str:
    comments = comment_statements(statements)
    plain = (
        len(comments) == 1
        and "OVER" not in comments[0].upper()
        and re.search(r"\bLIMIT\b", comments[0].upper()) is not None
    )
    return "PASS" if plain else "MISS"


def handler_pair() -> tuple[Any, Any]:
    """A public idea with a unit and a trail, and a coordinator of that unit who may handle it."""
    from innovera.core.permissions import can
    from innovera.ideas.models import Idea
    from innovera.organisations.models import Membership, Role

    ideas = (
        Idea.objects.filter(visibility="public", owner_unit__isnull=False, merged_into=None)
        .filter(stage__key="in_review")
        .order_by("-created_at")[:200]
    )
    for idea in ideas:
        for membership in Membership.objects.filter(
            unit_id=idea.owner_unit_id, role=Role.COORDINATOR
        ).select_related("user")[:3]:
            if can(membership.user, "idea.handle", idea):
                return idea, membership.user
    raise SystemExit("ideas_pages_benchmark: found no idea with a coordinator who may handle it.")


def commented_idea(*, allow_write: bool, wanted: int = 200) -> Any:
    from django.db.models import Count

    from innovera.ideas.models import Comment, Idea
    from innovera.organisations.models import User

    public = Idea.objects.filter(visibility="public", merged_into=None)
    idea = (
        public.annotate(n=Count("comments")).filter(n__gte=wanted).order_by("-n").first()
        if public.filter(comment_count__gte=wanted).exists()
        else None
    )
    if idea is not None:
        return idea
    idea = public.order_by("-comment_count", "id").first()
    if idea is None:
        raise SystemExit("ideas_pages_benchmark: the database has no public ideas.")
    have = idea.comments.count()
    if not allow_write:
        raise SystemExit(f"ideas_pages_benchmark: no idea has {wanted} comments (at most {have}).")
    authors = list(User.objects.filter(is_active=True).order_by("id")[: wanted - have])
    Comment.objects.bulk_create(
        Comment(idea=idea, author=authors[n % len(authors)], body=f"Kommentar {have + n + 1}")
        for n in range(wanted - have)
    )
    Idea.objects.filter(pk=idea.pk).update(comment_count=wanted)
    print(f"Added {wanted - have} comments to idea {idea.pk}.", file=sys.stderr)
    return idea


def windowed_versus_sliced(idea_id: int, repeat: int) -> tuple[float, float]:
    """The comment query as the page sent it before (a sliced prefetch: a window function) and
    now (a plain sliced query), each run `repeat` times: medians in ms."""
    from django.db.models import Prefetch

    from innovera.ideas import selectors
    from innovera.ideas.models import Comment, Idea

    idea = Idea.objects.get(pk=idea_id)

    def windowed() -> None:
        comments = Comment.objects.select_related("author__unit").order_by("created_at", "id")
        prefetch = Prefetch("comments", queryset=comments[:20], to_attr="first")
        list(Idea.objects.filter(pk=idea.pk).prefetch_related(prefetch))

    times: dict[str, list[float]] = {"windowed": [], "sliced": []}
    for _ in range(repeat):
        for name, do in (
            ("windowed", windowed),
            ("sliced", lambda: selectors.first_comments(idea_id=idea.pk)),
        ):
            _result, statements = recorded(do)
            comment_sql = [(s, p) for s, p in statements if '"ideas_comment"' in s]
            started = time.perf_counter()
            replay(comment_sql)
            times[name].append((time.perf_counter() - started) * 1000)
    return statistics.median(times["windowed"]), statistics.median(times["sliced"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per page")
    parser.add_argument("--no-write", action="store_true", help="never add comments")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("ideas_pages_benchmark: give a PostgreSQL --database-url.", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    configure(args.database_url)
    from django.test import Client

    anonymous = Client()
    handler = Client()
    idea, coordinator = handler_pair()
    handler.force_login(coordinator)
    commented = commented_idea(allow_write=not args.no_write)

    rows = [
        measure(
            "idea list, first page (anonymous)",
            "/ideer/",
            lambda: anonymous.get("/ideer/"),
            args.repeat,
            "≤ 3× SQL",
            ratio_check(TARGETS["list"]),
        ),
        measure(
            "idea page as a handler (coordinator)",
            f"/ideer/{idea.pk}/",
            lambda: handler.get(f"/ideer/{idea.pk}/"),
            args.repeat,
            "≤ 4× SQL",
            ratio_check(TARGETS["handler"]),
        ),
        measure(
            f"idea page with {commented.comments.count()} comments (anonymous)",
            f"/ideer/{commented.pk}/",
            lambda: anonymous.get(f"/ideer/{commented.pk}/"),
            args.repeat,
            "one plain sliced comment query",
            plain_sliced,
        ),
        # Floors, in the same run: what the stack costs before a page does anything of its own.
        measure(
            "floor: /healthz (middleware, no template)",
            "/healthz",
            lambda: anonymous.get("/healthz"),
            args.repeat,
            "–",
            no_check,
        ),
        measure(
            "floor: accessibility statement (base template and menu, no page query)",
            "/tillganglighet/",
            lambda: anonymous.get("/tillganglighet/"),
            args.repeat,
            "–",
            no_check,
        ),
    ]
    windowed_ms, sliced_ms = windowed_versus_sliced(commented.pk, args.repeat)
    handler.logout()

    print("\n## Ideas: pages beside their SQL (in-process)\n")
    print(
        "- Load average (1, 5, 15 min) before the run: "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after it: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    print(
        f"- Method: Django's test client, production settings (DEBUG off), no Redis (local "
        f"memory cache); median of {args.repeat} runs after 5 warm-up runs; SQL = the page's "
        "own statements and parameters re-run on the raw driver cursor, every row fetched, "
        "timed alternately with the page in the same run"
    )
    print(
        "- Command: `python benchmarks/ideas_pages_benchmark.py --database-url "
        + re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", args.database_url)
        + (f" --repeat {args.repeat}" if args.repeat != 40 else "")
        + "`"
    )
    print()
    print("| page | queries | page (wall) | page (CPU) | its SQL | ratio | target | result |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    for row in rows:
        print(
            f"| {row.label} | {row.queries} | {row.page_ms:.2f} ms | {row.page_cpu_ms:.2f} ms "
            f"| {row.sql_ms:.2f} ms | {ratio(row)} | {row.target} "
            f"| {row.result} |"
        )
    print(
        f"\nThe first comments of idea {commented.pk}: the plain sliced query the page sends "
        f"takes {sliced_ms:.2f} ms; the windowed prefetch it replaced "
        f"{windowed_ms:.2f} ms (medians of {args.repeat})."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
