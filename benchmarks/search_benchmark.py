"""Time the search paths on a database filled by ``innovera seed-scale``, on SQLite or PostgreSQL.

Scenarios, each called in this process through the code the pages call (no HTTP, so the figures
are the database and Python work a request does, without rendering):

* ``site search``: ``core.search.site_search`` for an anonymous visitor, as /sok/ and
  /api/v1/search/ run it (every app's provider; today ideas and challenges);
* ``idea list search``: ``ideas.selectors.idea_list`` with ``q``, the idea list's search box;
* ``similar ideas``: ``ideas.selectors.similar_ideas`` for a new idea's title;
* on SQLite also ``LIKE baseline``: the word-by-word ``LIKE`` search the FTS5 table replaced,
  for comparison.

Usage::

    python benchmarks/search_benchmark.py --seed --database-url sqlite:////tmp/bench.sqlite3
    createdb -h 127.0.0.1 -U postgres innovera_bench_search
    python benchmarks/search_benchmark.py --seed \\
        --database-url postgres://postgres@127.0.0.1:5432/innovera_bench_search
    dropdb -h 127.0.0.1 -U postgres innovera_bench_search

``--seed`` runs ``innovera migrate`` and ``innovera seed_scale --ideas N`` (default 100,000; no
comments or supports, they play no part in search) as subprocesses and reports their time: on
SQLite that includes the FTS5 triggers filling the index row by row.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import machine_info

SEARCH_WORDS = (
    "förskola",
    "parkering",
    "hemtjänst",
    "bibliotek",
    "återvinning",
    "snöröjning",
    "simhall",
    "cykelbana",
    "digitala nycklar",
    '"längre öppettider" -simhall',
)
NEW_TITLES = (
    "Bokning av tider i simhallen",
    "Längre öppettider på biblioteket",
    "Bättre snöröjning på cykelbanan",
    "Sms när hemtjänsten blir försenad",
    "Fler platser på förskolan i Kista",
    "Digitala nycklar i hemtjänsten",
    "Sortering av matavfall i skolmatsalen",
    "Digital karta över lekplatser",
)


def innovera_executable() -> str:
    beside = Path(sys.executable).parent / "innovera"
    return str(beside) if beside.is_file() else "innovera"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], Any], repeat: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm: caches, prepared plans, the page cache
    times: list[float] = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return times, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seed", action="store_true", help="migrate and run seed-scale first")
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=10, help="calls per text and scenario")
    args = parser.parse_args(argv)
    if not args.database_url:
        print("search_benchmark: give --database-url (or DATABASE_URL).", file=sys.stderr)
        return 2
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("INNOVERA_DATA_DIR", tempfile.mkdtemp(prefix="innovera-search-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovera.settings")
    load_before = os.getloadavg()
    seed_line = ""
    if args.seed:
        innovera = innovera_executable()
        for command in (
            [innovera, "migrate", "--verbosity", "0"],
            [innovera, "seed_scale", "--ideas", str(args.ideas), "--users", str(args.users)],
        ):
            print("==", " ".join(["innovera", *command[1:]]), file=sys.stderr, flush=True)
            started = time.perf_counter()
            subprocess.run(command, check=True)  # noqa: S603
            seed_line = (
                f"{' '.join(['innovera', *command[1:]])}: {time.perf_counter() - started:.1f} s"
            )

    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.db.models import Q

    from innovera.core.search import site_search
    from innovera.ideas import selectors
    from innovera.ideas.models import Challenge, Idea
    from innovera.ideas.permissions import visible_ideas

    anonymous = AnonymousUser()

    def like_baseline(text: str) -> list[Idea]:
        ideas = visible_ideas(anonymous)
        for word in text.replace('"', " ").split()[:8]:
            if word.startswith("-"):
                continue
            ideas = ideas.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return list(ideas.order_by("-created_at", "-id")[:21])

    scenarios: list[tuple[str, tuple[str, ...], Callable[[str], Any]]] = [
        ("site search", SEARCH_WORDS, lambda t: site_search(user=anonymous, query=t)),
        (
            "idea list search",
            SEARCH_WORDS,
            lambda t: selectors.idea_list(user=anonymous, filters={"q": t}),
        ),
        ("similar ideas", NEW_TITLES, lambda t: selectors.similar_ideas(user=anonymous, text=t)),
    ]
    if connection.vendor == "sqlite":
        scenarios.append(("LIKE baseline (replaced)", SEARCH_WORDS, like_baseline))

    rows = []
    for name, texts, call in scenarios:
        every: list[float] = []
        queries: set[int] = set()
        for text in texts:
            times, count = timed(functools.partial(call, text), args.repeat)
            every.extend(times)
            queries.add(count)
            print(f"  {name} {text!r}: median {statistics.median(times):.1f} ms", file=sys.stderr)
        rows.append(
            f"| {name} | {len(every)} | {statistics.median(every):.1f} ms | "
            f"{percentile(every, 0.95):.1f} ms | {max(every):.1f} ms | "
            f"{', '.join(str(q) for q in sorted(queries))} |"
        )

    facts = machine_info.machine()
    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    print(
        f"- Machine: {facts['cpu']}, {facts['cores']} cores, {facts['memory']}, Linux "
        f"{facts['kernel']}; Python {facts['python']}; {database}\n"
        f"- Load average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}\n"
        f"- Data: {Idea.objects.count():,} ideas, {Challenge.objects.count():,} challenges\n"
        + (f"- Seeding: {seed_line}\n" if seed_line else "")
        + f"- Calls: {args.repeat} per text after one warm-up call\n\n"
        "| scenario | calls | p50 | p95 | max | queries per call |\n"
        "|---|---:|---:|---:|---:|---:|\n" + "\n".join(rows)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
