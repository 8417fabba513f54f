"""Time the follow-up dashboards and the open-data stream as the production server serves them.

Against a PostgreSQL database filled by ``innovera seed-scale`` (100,000 ideas, a million
comments and supports), it first runs the daily job ``innovera followup_refresh`` (timed),
then starts ``innovera serve`` (gunicorn, ``--workers`` sync workers, DEBUG off) and sends each
dashboard scenario a steady open-loop ``--rate`` requests per second for ``--duration``
seconds after a short warm-up:

===============  =========================================================  ==========
scenario         request                                                    p95 target
===============  =========================================================  ==========
city             ``GET /uppfoljning/`` (the last 12 months and the 12 before)  300 ms
unit             ``GET /uppfoljning/enhet/<slug>/``, every administration      300 ms
unit-type        ``GET /uppfoljning/typ/<kind>/``, the three kinds              300 ms
===============  =========================================================  ==========

Then ``GET /oppna-data/public-ideas.csv`` is downloaded ``--downloads`` times, one at a time:
rows per second (target ≥ 20,000) from the client's clock, and the serving worker's resident
memory (``VmRSS`` of every gunicorn process, read from /proc every 50 ms) before and at its
highest during the download, to show that memory stays flat.

Server time is gunicorn's own request time (``%(D)s`` in the access log, each request naming
its scenario in an ``X-Bench`` header), as in ``ideas_benchmark.py``, whose helpers this script
uses. Usage::

    python benchmarks/followup_benchmark.py \\
        --database-url postgres://postgres@127.0.0.1:5432/innovera_bench_ideas

It prints the machine, the commands and a Markdown table for ``benchmarks/RESULTS.md``; it
exits 0 whether the targets are met or not, and 2 when it could not run. Only 127.0.0.1 is
contacted.
"""

from __future__ import annotations

import argparse
import math
import os
import secrets
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import ideas_benchmark as bench

SCENARIOS = (
    bench.Scenario("city", "city dashboard", 300),
    bench.Scenario("unit", "unit dashboard", 300),
    bench.Scenario("unit-type", "unit-type dashboard", 300),
)
KINDS = ("district", "department", "company")


def administrations(database_url: str) -> list[str]:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as db:
        rows = db.execute(
            "SELECT slug FROM organisations_unit WHERE unit_type IN "
            "('district', 'department', 'company') ORDER BY slug"
        ).fetchall()
    return [row[0] for row in rows]


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total = max(total, int(line.split()[1]))
        except OSError:
            continue
    return total


def worker_pids(master: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().split(") ", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == master:
                found.append(int(entry.name))
    return found


def download(port: int) -> tuple[int, int, float]:
    """Rows and bytes of the public ideas CSV, and the seconds it took."""
    import http.client

    started = time.perf_counter()
    connection = http.client.HTTPConnection(bench.HOST, port, timeout=120)
    connection.request(
        "GET", "/oppna-data/public-ideas.csv", headers={"Host": bench.HOST, "X-Bench": "csv"}
    )
    response = connection.getresponse()
    if response.status != 200:
        raise SystemExit(f"followup_benchmark: the CSV answered {response.status}.")
    import csv
    import io

    body = response.read()
    connection.close()
    seconds = time.perf_counter() - started
    rows = sum(1 for _row in csv.reader(io.StringIO(body.decode("utf-8")))) - 1
    return rows, len(body), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per scenario")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--downloads", type=int, default=3)
    args = parser.parse_args(argv)
    database = args.database_url
    if not database.startswith(("postgres://", "postgresql://")):
        print("followup_benchmark: give a PostgreSQL --database-url.", file=sys.stderr)
        return 2
    innovera = bench.innovera_executable()
    workdir = Path(tempfile.mkdtemp(prefix="innovera-followup-bench-"))
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database,
            "INNOVERA_DATA_DIR": str(workdir / "data"),
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": bench.HOST,
            "WEB_CONCURRENCY": str(args.workers),
            "GUNICORN_CMD_ARGS": f"--access-logformat {shlex.quote(bench.LOG_FORMAT)}",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("REDIS_URL", None)
    commands = ["innovera migrate --verbosity 0", "innovera followup_refresh"]
    subprocess.run([innovera, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
    started = time.perf_counter()
    subprocess.run([innovera, "followup_refresh"], env=env, check=True)  # noqa: S603
    refresh_seconds = time.perf_counter() - started
    slugs = administrations(database)

    port = bench.free_port()
    log = workdir / "access.log"
    serve = [innovera, "serve", "--bind", f"{bench.HOST}:{port}"]
    commands.append(
        f"WEB_CONCURRENCY={args.workers} GUNICORN_CMD_ARGS={shlex.quote(env['GUNICORN_CMD_ARGS'])} "
        + shlex.join(["innovera", *serve[1:]])
    )
    with log.open("wb") as log_file:
        server = subprocess.Popen(  # noqa: S603
            serve, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    results: dict[str, bench.Outcome] = {}
    downloads: list[tuple[int, int, float, int, int]] = []
    load_before = os.getloadavg()
    try:
        bench.wait_until_healthy(port, server)
        requests = {
            "city": lambda i: bench.Request("GET", "/uppfoljning/"),
            "unit": lambda i: bench.Request("GET", f"/uppfoljning/enhet/{slugs[i % len(slugs)]}/"),
            "unit-type": lambda i: bench.Request("GET", f"/uppfoljning/typ/{KINDS[i % 3]}/"),
        }
        per_scenario = math.ceil(args.rate * args.duration)
        warmup = math.ceil(args.rate * args.warmup)
        for scenario in SCENARIOS:
            print(f"== {scenario.name}", file=sys.stderr, flush=True)
            bench.run_load(port, "warmup", requests[scenario.name], args.rate, warmup)
            results[scenario.name] = bench.run_load(
                port, scenario.name, requests[scenario.name], args.rate, per_scenario, warmup
            )
        pids = worker_pids(server.pid)
        for _ in range(args.downloads):
            before = rss_kib(pids)
            peak = [before]
            done = threading.Event()

            def watch(peak: list[int] = peak, done: threading.Event = done) -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], rss_kib(pids))
                    time.sleep(0.05)

            watcher = threading.Thread(target=watch)
            watcher.start()
            rows, size, seconds = download(port)
            done.set()
            watcher.join()
            downloads.append((rows, size, seconds, before, peak[0]))
    finally:
        bench.stop(server)
    times = bench.server_times(log)
    info = bench.machine()
    print(f"Machine: {info}")
    print(f"Load average before: {' '.join(f'{x:.2f}' for x in load_before)}")
    print("Commands:\n" + "\n".join(f"    {c}" for c in commands))
    print(f"\n`innovera followup_refresh`: {refresh_seconds:.1f} s\n")
    print("| scenario | requests | errors | server p50 | server p95 | client p95 | target |")
    print("|---|---|---|---|---|---|---|")
    for scenario in SCENARIOS:
        server_ms = times.get(scenario.name, [])
        outcome = results[scenario.name]
        print(
            f"| {scenario.label} | {len(server_ms)} | {len(outcome.errors)} "
            f"| {bench.percentile(server_ms, 0.5):.0f} ms | {bench.percentile(server_ms, 0.95):.0f} ms "
            f"| {bench.percentile(outcome.client_ms, 0.95):.0f} ms | ≤ {scenario.target_ms:.0f} ms |"
        )
    print("\n| download | rows | MB | seconds | rows/s | worker RSS before | peak |")
    print("|---|---|---|---|---|---|---|")
    for index, (rows, size, seconds, before, peak) in enumerate(downloads, 1):
        print(
            f"| {index} | {rows:,} | {size / 1e6:.1f} | {seconds:.2f} | {rows / seconds:,.0f} "
            f"| {before / 1024:.0f} MiB | {peak / 1024:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
