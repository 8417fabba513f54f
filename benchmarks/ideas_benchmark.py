"""Time the ideas pages under a steady load, as the production server serves them.

It starts ``innovera serve`` (gunicorn, ``--workers`` sync workers, DEBUG off) against a
PostgreSQL database filled by ``innovera seed-scale`` and sends each scenario a steady, open-loop
``--rate`` requests per second (default 50) for ``--duration`` seconds (default 30), after a
short warm-up that is not counted:

=============  ========================================================  ==========
scenario       request                                                   p95 target
=============  ========================================================  ==========
list-first     ``GET /ideer/``                                            150 ms
list-deep      ``GET /ideer/?efter=…``, the cursor of page 200            150 ms
detail         ``GET /ideer/<id>/``, random public ideas with comments    200 ms
search         ``GET /ideer/?q=<common Swedish word>``                    300 ms
similar        ``GET /ideer/liknande/?title=<a new idea's title>``        100 ms
support        ``POST /ideer/<id>/stod/``, signed in, a new pair each     150 ms
=============  ========================================================  ==========

The GET scenarios are anonymous visitors (public ideas). For ``support`` the script first signs
in ``--people`` seeded people through the sign-in form (session cookie and CSRF token), then
each POST is a different person and idea that had no support between them.

"Server time" is gunicorn's own request time: the access log is written with ``%(D)s``
(microseconds from the parsed request to the last byte written) through ``GUNICORN_CMD_ARGS``,
and each request carries an ``X-Bench`` header naming its scenario, so nothing is added to the
application. It excludes the time a connection waits in the listen queue for a free worker;
the client-side latency on the loopback (from the moment the request was due, so a late send
counts) is shown beside it.

It also prints, from the same command (``--parts``, default all three):

- ``pages``: the in-process table of benchmarks/ideas_pages_benchmark.py (each page's time beside
  its own SQL re-run on the raw cursor, and their ratio), before the server starts;
- ``load``: the table above;
- ``ramp``: a throughput ramp on the same server, ``/healthz`` beside the first list page, with
  wrk (Debian's package: ``apt-get install wrk``), closed loop with 1 to 32 connections for
  ``--ramp-seconds`` each (default 10): requests per second, latency percentiles, errors.
  The list page's target is ≥ 300 requests/s with 4 workers. wrk runs on the same two cores as
  the server and PostgreSQL, as the figures of issue 15 did.

Usage::

    createdb -h 127.0.0.1 -U postgres innovera_bench_ideas
    python benchmarks/ideas_benchmark.py --seed \\
        --database-url postgres://postgres@127.0.0.1:5432/innovera_bench_ideas
    dropdb -h 127.0.0.1 -U postgres innovera_bench_ideas

``--seed`` migrates the database and runs seed-scale (the management command ``seed_scale``)
with ``--ideas 100000 --comments 1000000 --supports 1000000`` first, timed; without it the
database must hold that data already. Everything is bounded: at most rate x (warm-up + duration)
requests per scenario, a 10 s socket timeout, and the server is stopped at the end (its work folder removed unless ``--keep``). The
script prints the machine, the commands and a Markdown table for ``benchmarks/RESULTS.md``; it
exits 0 whether targets are met or not, and 2 when the benchmark could not run. Only 127.0.0.1
is contacted.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import html
import http.client
import math
import os
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import machine_info

HOST = "127.0.0.1"
SEED_PASSWORD = "innovera-skala-2026"  # noqa: S105 - seed-scale's made-up accounts
LOG_FORMAT = "bench %({x-bench}i)s %(s)s %(D)s"
REQUEST_TIMEOUT = 10.0
SEARCH_WORDS = (
    "förskola",
    "parkering",
    "hemtjänst",
    "bibliotek",
    "återvinning",
    "snöröjning",
    "simhall",
    "cykelbana",
)
NEW_TITLES = (
    "Bokning av tider i simhallen",
    "Längre öppettider på biblioteket",
    "Bättre snöröjning på cykelbanan",
    "Sms när hemtjänsten blir försenad",
    "Fler platser på förskolan i Kista",
    "Enklare ansökan om bygglov",
    "Sortering av matavfall i skolmatsalen",
    "Digital karta över lekplatser",
    "Laddstationer vid äldreboendet",
    "Gemensam bokning för idrottsplatser",
    "Översättning av information från socialtjänsten",
    "Trygg belysning i parken i Farsta",
)


@dataclass(frozen=True)
class Scenario:
    name: str
    label: str
    target_ms: float


SCENARIOS = (
    Scenario("list-first", "idea list, first page", 150),
    Scenario("list-deep", "idea list, page 200", 150),
    Scenario("detail", "idea detail with first comments", 200),
    Scenario("search", "search", 300),
    Scenario("similar", "similar-idea suggestions", 100),
    Scenario("support", "support (POST)", 150),
)


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    expect: int = 200
    expect_location: str = ""


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Outcome:
    client_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    late_ms: float = 0.0


# --- HTTP on the loopback ------------------------------------------------------------------


def send(port: int, request: Request, scenario: str) -> Reply:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        headers = {"Host": HOST, "X-Bench": scenario, "Connection": "close", **request.headers}
        if request.body:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(request.method, request.path, body=request.body or None, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def cookies_of(reply: Reply, jar: dict[str, str]) -> dict[str, str]:
    for header in reply.headers.get_all("Set-Cookie") or []:
        name, _sep, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def run_load(
    port: int,
    scenario: str,
    make: Callable[[int], Request],
    rate: float,
    count: int,
    offset: int = 0,
) -> Outcome:
    """Open loop: request i is due at start + i / rate, whatever the earlier ones are doing.

    The requests are make(offset), make(offset + 1), …"""
    outcome = Outcome()
    lock = threading.Lock()

    def one(i: int, due: float) -> None:
        request = make(offset + i)
        try:
            reply = send(port, request, scenario)
            problem = ""
            if reply.status != request.expect:
                problem = f"{request.method} {request.path}: {reply.status}"
            elif request.expect_location and not (reply.headers.get("Location") or "").startswith(
                request.expect_location
            ):
                problem = f"{request.method} {request.path}: to {reply.headers.get('Location')}"
        except OSError as error:
            problem = f"{request.method} {request.path}: {error}"
        elapsed = (time.perf_counter() - due) * 1000
        with lock:
            outcome.client_ms.append(elapsed)
            if problem:
                outcome.errors.append(problem)

    workers = max(16, int(rate * 2))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        start = time.perf_counter() + 0.05
        for i in range(count):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            else:
                outcome.late_ms = max(outcome.late_ms, -delay * 1000)
            pool.submit(one, i, due)
    return outcome


# --- the database: which ideas and people to ask for ------------------------------------------


@dataclass
class Material:
    detail_ids: list[int]
    people: list[tuple[int, str]]
    pairs_per_person: dict[int, list[int]]
    counts: dict[str, int]


def gather(database_url: str, people: int, pairs_needed: int, seed: int) -> Material:
    import psycopg

    picker = random.Random(seed)  # noqa: S311 - choosing test data, not secrets
    with psycopg.connect(database_url, autocommit=True) as db:
        counts = {
            table: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]  # noqa: S608 - fixed names
            for table in ("ideas_idea", "ideas_comment", "ideas_support", "organisations_user")
        }
        if counts["ideas_idea"] == 0:
            raise SystemExit("ideas_benchmark: the database has no ideas; run with --seed.")
        db.execute("SELECT setseed(%s)", (picker.random() * 2 - 1,))
        detail_ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM ideas_idea WHERE visibility = 'public' AND comment_count > 0 "
                "ORDER BY random() LIMIT 2000"
            )
        ]
        chosen = list(
            db.execute(
                "SELECT id, email FROM organisations_user WHERE email LIKE %s AND is_active "
                "AND (unit_id IS NOT NULL OR email_verified_at IS NOT NULL) "
                "ORDER BY random() LIMIT %s",
                ("%@scale.example.org", people),
            )
        )
        if len(chosen) < people:
            raise SystemExit("ideas_benchmark: too few seeded people; run with --seed.")
        per_person = math.ceil(pairs_needed / people)
        candidates = [
            row[0]
            for row in db.execute(
                "SELECT id FROM ideas_idea WHERE visibility = 'public' AND merged_into_id IS NULL "
                "ORDER BY random() LIMIT %s",
                (min(counts["ideas_idea"], per_person * 20),),
            )
        ]
        ids = [user_id for user_id, _email in chosen]
        taken = set(
            db.execute(
                "SELECT user_id, idea_id FROM ideas_support WHERE user_id = ANY(%s)", (ids,)
            ).fetchall()
        )
    pairs: dict[int, list[int]] = {}
    for user_id in ids:
        free = [idea for idea in candidates if (user_id, idea) not in taken]
        pairs[user_id] = picker.sample(free, min(per_person, len(free)))
    return Material(detail_ids, [(u, e) for u, e in chosen], pairs, counts)


# --- the server ------------------------------------------------------------------------------


def innovera_executable() -> str:
    beside = Path(sys.executable).parent / "innovera"
    if beside.is_file():
        return str(beside)
    found = shutil.which("innovera")
    if found is None:
        raise SystemExit(
            "ideas_benchmark: the innovera command is not installed (pip install -e .)"
        )
    return found


VISITORS = 500


def visitor(i: int) -> dict[str, str]:
    """The headers of the i-th request's visitor: one of VISITORS addresses, as the proxy
    reports them. 50 requests a second spread over 500 visitors is 6 a minute each."""
    n = i % VISITORS
    return {"X-Forwarded-For": f"10.0.{n // 256}.{n % 256}"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(port: int, server: subprocess.Popen[bytes], limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"ideas_benchmark: the server ended with {server.returncode}.")
        try:
            if send(port, Request("GET", "/healthz"), "setup").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("ideas_benchmark: the server did not answer /healthz in time.")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def server_times(log: Path) -> dict[str, list[float]]:
    """Milliseconds per scenario from the access log lines ``bench <scenario> <status> <µs>``."""
    times: dict[str, list[float]] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "bench" and parts[3].isdigit():
            times.setdefault(parts[1], []).append(int(parts[3]) / 1000)
    return times


# --- preparing the scenarios -----------------------------------------------------------------


def deep_cursor(port: int, page: int) -> str:
    """Follow the "More ideas" links from the first page to `page`, as a reader would."""
    path = "/ideer/"
    cursor = ""
    for _ in range(page - 1):
        reply = send(port, Request("GET", path), "setup")
        found = re.search(r'href="\?(?:[^"]*&amp;)?efter=([A-Za-z0-9_\-]+)"', reply.body.decode())
        if reply.status != 200 or not found:
            raise SystemExit(f"ideas_benchmark: no next page after {path} ({reply.status}).")
        cursor = found.group(1)
        path = f"/ideer/?efter={cursor}"
    return cursor


def sign_in(port: int, email: str, password: str) -> dict[str, str]:
    """The sign-in form, as a browser: the CSRF cookie and token, then the session cookie."""
    jar: dict[str, str] = {}
    page = send(port, Request("GET", "/konto/logga-in/"), "setup")
    cookies_of(page, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body.decode())
    if page.status != 200 or token is None:
        raise SystemExit(f"ideas_benchmark: no sign-in form ({page.status}).")
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": html.unescape(token.group(1)),
            "username": email,
            "password": password,
        }
    ).encode()
    reply = send(
        port,
        Request("POST", "/konto/logga-in/", {"Cookie": cookie_header(jar)}, body),
        "setup",
    )
    cookies_of(reply, jar)
    if reply.status != 302 or "sessionid" not in jar:
        raise SystemExit(f"ideas_benchmark: signing in {email} failed ({reply.status}).")
    return jar


def percentile(values: list[float], share: float) -> float:
    """Nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# --- the throughput ramp (wrk) ---------------------------------------------------------------

PARTS = ("pages", "load", "ramp")
RAMP_PATHS = (("/healthz", "`/healthz`"), ("/ideer/", "idea list, first page"))
RAMP_TARGET = 300.0
# wrk's own summary, one line a run: requests, µs, socket errors, non-2xx/3xx, latency µs.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


@dataclass
class RampStep:
    label: str
    connections: int
    per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def run_ramp(port: int, workdir: Path, connections: list[int], seconds: float) -> list[RampStep]:
    """Closed loop: each connection sends its next request when the last answer came."""
    script = workdir / "report.lua"
    script.write_text(WRK_REPORT, encoding="utf-8")
    steps: list[RampStep] = []
    for path, label in RAMP_PATHS:
        for _ in range(8):  # warm each worker's caches (templates, the filter form), not counted
            send(port, Request("GET", path), "warmup")
        for count in connections:
            print(
                f"== ramp {path}: {count} connections, {seconds:g} s", file=sys.stderr, flush=True
            )
            argv = ["wrk", "-t", str(min(2, count)), "-c", str(count), "-d", f"{seconds:g}s"]
            argv += ["--timeout", "10s", "-s", str(script), "-H", "X-Bench: ramp"]
            done = subprocess.run(  # noqa: S603
                [*argv, f"http://{HOST}:{port}{path}"],
                capture_output=True,
                text=True,
                timeout=seconds + 60,
                check=False,
            )
            found = re.search(r"^WRK ((?:\d+ ?){7})$", done.stdout, re.MULTILINE)
            if done.returncode != 0 or found is None:
                raise SystemExit(f"ideas_benchmark: wrk failed: {done.stderr or done.stdout}")
            requests, micros, socket_errors, status_errors, p50, p95, p99 = map(
                int, found.group(1).split()
            )
            steps.append(
                RampStep(
                    label,
                    count,
                    requests / (micros / 1e6),
                    p50 / 1000,
                    p95 / 1000,
                    p99 / 1000,
                    socket_errors + status_errors,
                )
            )
    return steps


def print_ramp(
    steps: list[RampStep],
    load_before: tuple[float, float, float],
    workers: int,
    seconds: float,
    info: dict[str, str],
) -> None:
    print("\n## Ideas: throughput ramp, `/healthz` beside the list page\n")
    print(f"- Machine: {info['cpu']}, {info['cores']} cores; date {info['date']}")
    print(
        f"- Server: `innovera serve`, gunicorn with {workers} sync workers, production settings "
        "(DEBUG off, no Redis), PostgreSQL; the access log written as in production"
    )
    print(
        f"- Client: wrk on the same machine, closed loop, {seconds:g} s per step, anonymous "
        "(`apt-get install wrk` on Debian)"
    )
    print(
        "- Load average (1, 5, 15 min) before the ramp: "
        + ", ".join(f"{x:.2f}" for x in load_before)
    )
    this = shlex.join(["python", "benchmarks/ideas_benchmark.py", *sys.argv[1:]])
    print("- Command: `" + re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", this) + "`")
    print()
    print("| page | connections | requests/s | p50 | p95 | p99 | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for step in steps:
        print(
            f"| {step.label} | {step.connections} | {step.per_second:,.0f} | {step.p50_ms:.1f} ms "
            f"| {step.p95_ms:.1f} ms | {step.p99_ms:.1f} ms | {step.errors} |"
        )
    peaks = {
        label: max((s.per_second for s in steps if s.label == label), default=0.0)
        for _path, label in RAMP_PATHS
    }
    health, listing = (peaks[label] for _path, label in RAMP_PATHS)
    result = "PASS" if listing >= RAMP_TARGET else "MISS"
    print(
        f"\nPeak: `/healthz` {health:,.0f} requests/s, the list page {listing:,.0f} requests/s "
        f"({listing / health:.0%} of `/healthz`); target ≥ {RAMP_TARGET:.0f}/s: {result}."
    )


def machine() -> dict[str, str]:
    return {
        **machine_info.machine(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%a %b %d %H:%M:%S UTC %Y"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seed", action="store_true", help="migrate and run seed-scale first")
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per scenario")
    parser.add_argument(
        "--warmup", type=float, default=3.0, help="seconds per scenario, not counted"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--people", type=int, default=60, help="people signed in for support")
    parser.add_argument("--deep-page", type=int, default=200)
    parser.add_argument("--password", default=SEED_PASSWORD)
    parser.add_argument("--only", nargs="*", choices=[s.name for s in SCENARIOS])
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (access log, static files)"
    )
    parser.add_argument(
        "--parts", nargs="*", choices=PARTS, default=list(PARTS), help="default: all three"
    )
    parser.add_argument("--ramp-seconds", type=float, default=10.0)
    parser.add_argument("--ramp-connections", type=int, nargs="*", default=[1, 2, 4, 8, 16, 32])
    args = parser.parse_args(argv)

    database = args.database_url
    if not database.startswith(("postgres://", "postgresql://")):
        print(
            "ideas_benchmark: give a PostgreSQL --database-url (or DATABASE_URL).", file=sys.stderr
        )
        return 2
    shown_database = database.split("@", 1)[-1]
    innovera = innovera_executable()
    workdir = Path(tempfile.mkdtemp(prefix="innovera-ideas-bench-"))
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database,
            "INNOVERA_DATA_DIR": str(workdir / "data"),
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "WEB_CONCURRENCY": str(args.workers),
            "GUNICORN_CMD_ARGS": f"--access-logformat {shlex.quote(LOG_FORMAT)}",
            "PYTHONUNBUFFERED": "1",
            # As behind the city's proxy: each visitor's address comes in X-Forwarded-For
            # (`visitor`), so the per-address rate limits (similar-idea suggestions: 60 a
            # minute) count visitors, not the one address this script sends from.
            "PROXY_COUNT": "1",
        }
    )
    env.pop("REDIS_URL", None)
    commands: list[str] = []
    seed_seconds: float | None = None
    if args.seed:
        for argv_ in (
            [innovera, "migrate", "--verbosity", "0"],
            [
                innovera,
                "seed_scale",
                "--ideas",
                str(args.ideas),
                "--comments",
                str(args.comments),
                "--supports",
                str(args.supports),
            ],
        ):
            commands.append(shlex.join(["innovera", *argv_[1:]]))
            print(f"== {commands[-1]}", file=sys.stderr, flush=True)
            started = time.perf_counter()
            done = subprocess.run(argv_, env=env, check=False)  # noqa: S603
            if done.returncode != 0:
                print(f"ideas_benchmark: {commands[-1]} failed.", file=sys.stderr)
                return 2
            seed_seconds = time.perf_counter() - started
    parts = set(args.parts)
    pages_table = ""
    if "pages" in parts:
        print("== in-process pages beside their SQL", file=sys.stderr, flush=True)
        done = subprocess.run(  # noqa: S603
            [sys.executable, str(Path(__file__).with_name("ideas_pages_benchmark.py"))],
            env={**env, "DATABASE_URL": database},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            print("ideas_benchmark: the in-process pages benchmark failed.", file=sys.stderr)
            return 2
        pages_table = done.stdout
        if parts == {"pages"}:
            print(pages_table)
            return 0
    if "ramp" in parts and shutil.which("wrk") is None:
        print(
            "ideas_benchmark: the throughput ramp needs wrk (Debian: apt-get install wrk).",
            file=sys.stderr,
        )
        return 2
    chosen = [s for s in SCENARIOS if "load" in parts and (not args.only or s.name in args.only)]
    per_scenario = math.ceil(args.rate * args.duration)
    warmup = math.ceil(args.rate * args.warmup)
    material = gather(database, args.people, per_scenario + warmup, seed=0)

    port = free_port()
    log = workdir / "access.log"
    serve = [innovera, "serve", "--bind", f"{HOST}:{port}"]
    commands.append(
        f"WEB_CONCURRENCY={args.workers} GUNICORN_CMD_ARGS={shlex.quote(env['GUNICORN_CMD_ARGS'])} "
        + shlex.join(["innovera", *serve[1:]])
    )
    print(f"== {commands[-1]} (log {log})", file=sys.stderr, flush=True)
    with log.open("wb") as log_file:
        server = subprocess.Popen(  # noqa: S603
            serve, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    results: dict[str, Outcome] = {}
    ramp: list[RampStep] = []
    load_before = os.getloadavg()
    ramp_load: tuple[float, float, float] | None = None
    try:
        wait_until_healthy(port, server)
        requests: dict[str, Callable[[int], Request]] = {}
        if any(s.name == "list-deep" for s in chosen):
            print(f"Following the list to page {args.deep_page} …", file=sys.stderr, flush=True)
            cursor = deep_cursor(port, args.deep_page)
            requests["list-deep"] = lambda i: Request("GET", f"/ideer/?efter={cursor}", visitor(i))
        requests["list-first"] = lambda i: Request("GET", "/ideer/", visitor(i))
        details = material.detail_ids
        requests["detail"] = lambda i: Request(
            "GET", f"/ideer/{details[i % len(details)]}/", visitor(i)
        )
        requests["search"] = lambda i: Request(
            "GET",
            "/ideer/?" + urllib.parse.urlencode({"q": SEARCH_WORDS[i % len(SEARCH_WORDS)]}),
            visitor(i),
        )
        requests["similar"] = lambda i: Request(
            "GET",
            "/ideer/liknande/?"
            + urllib.parse.urlencode({"title": NEW_TITLES[i % len(NEW_TITLES)]}),
            visitor(i),
        )
        if any(s.name == "support" for s in chosen):
            print(f"Signing in {len(material.people)} people …", file=sys.stderr, flush=True)
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
                jars = list(
                    pool.map(
                        lambda person: sign_in(port, person[1], args.password), material.people
                    )
                )
            posts: list[Request] = []
            for round_ in range(max(len(v) for v in material.pairs_per_person.values())):
                for (user_id, _email), jar in zip(material.people, jars, strict=True):
                    ideas = material.pairs_per_person[user_id]
                    if round_ < len(ideas):
                        body = urllib.parse.urlencode({"csrfmiddlewaretoken": jar["csrftoken"]})
                        posts.append(
                            Request(
                                "POST",
                                f"/ideer/{ideas[round_]}/stod/",
                                {"Cookie": cookie_header(jar)},
                                body.encode(),
                                expect=302,
                                expect_location=f"/ideer/{ideas[round_]}/",
                            )
                        )
            if len(posts) < per_scenario + warmup:
                raise SystemExit("ideas_benchmark: too few new support pairs; lower --duration.")
            requests["support"] = lambda i: posts[i]
        for scenario in chosen:
            make = requests[scenario.name]
            print(
                f"== {scenario.name}: warm-up {warmup}, then {per_scenario} requests at "
                f"{args.rate:g}/s",
                file=sys.stderr,
                flush=True,
            )
            run_load(port, "warmup", make, args.rate, warmup)
            results[scenario.name] = run_load(
                port, scenario.name, make, args.rate, per_scenario, offset=warmup
            )
            outcome = results[scenario.name]
            print(
                f"   {len(outcome.client_ms)} done, {len(outcome.errors)} errors, "
                f"client p95 {percentile(outcome.client_ms, 0.95):.1f} ms",
                file=sys.stderr,
                flush=True,
            )
            for problem in outcome.errors[:3]:
                print(f"   error: {problem}", file=sys.stderr)
        if "ramp" in parts:
            ramp_load = os.getloadavg()
            ramp = run_ramp(port, workdir, args.ramp_connections, args.ramp_seconds)
    finally:
        stop(server)
    load_after = os.getloadavg()
    timings = server_times(log)
    if args.keep:
        print(f"Work folder kept: {workdir}", file=sys.stderr)
    else:
        shutil.rmtree(workdir, ignore_errors=True)

    info = machine()
    if pages_table:
        print(pages_table)
    if ramp:
        print_ramp(ramp, ramp_load or load_before, args.workers, args.ramp_seconds, info)
    if not chosen:
        return 0
    print("\n## Ideas: pages under load\n")
    print(
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory, Linux {info['kernel']}"
    )
    print(f"- Date: {info['date']}; Python {info['python']}; database {shown_database}")
    counts = material.counts
    print(
        f"- Data: {counts['ideas_idea']:,} ideas, {counts['ideas_comment']:,} comments, "
        f"{counts['ideas_support']:,} supports, {counts['organisations_user']:,} people"
        + (f"; seeding took {seed_seconds:.0f} s" if seed_seconds is not None else "")
    )
    print(
        f"- Load: {args.rate:g} requests/s open loop per scenario, {args.duration:g} s after "
        f"{args.warmup:g} s warm-up; gunicorn with {args.workers} sync workers"
    )
    print(
        "- Load average (1, 5, 15 min) before the run, i.e. other work on the machine: "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after it, this benchmark included: "
        + ", ".join(f"{x:.2f}" for x in load_after)
    )
    print("- Commands:")
    this = shlex.join(["python", "benchmarks/ideas_benchmark.py", *(argv or sys.argv[1:])])
    for command in [*commands, this]:
        # A password in the database address is not printed.
        shown = re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", command)
        print(f"  - `{shown}`")
    print()
    print(
        "| scenario | requests | errors | server p50 | server p95 | client p95 | target p95 | result |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for scenario in chosen:
        outcome = results.get(scenario.name, Outcome())
        server_ms = timings.get(scenario.name, [])
        p95 = percentile(server_ms, 0.95)
        result = (
            "PASS" if server_ms and p95 <= scenario.target_ms and not outcome.errors else "MISS"
        )
        print(
            f"| {scenario.label} | {len(server_ms)} | {len(outcome.errors)} "
            f"| {percentile(server_ms, 0.5):.1f} ms | {p95:.1f} ms "
            f"| {percentile(outcome.client_ms, 0.95):.1f} ms | ≤ {scenario.target_ms:.0f} ms | {result} |"
        )
    late = max((o.late_ms for o in results.values()), default=0.0)
    if late > 50:
        print(f"\nThe load generator fell up to {late:.0f} ms behind schedule.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
