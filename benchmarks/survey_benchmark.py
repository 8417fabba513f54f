"""Time the survey's heavy paths as an operator sees them, against the issue's targets.

With N respondents (default 40,000) answering the whole ``stockholm-2014`` instrument:

* ``innovera survey import`` of the XLSX: at most 60 s, peak memory under 400 MB (issue 15);
* adding one answer (``survey import`` of a one-row file) to that round: at most 1.5 s more than
  the same import into the report's 37-respondent demo round (issue 15);
* ``innovera survey analyse --format json`` (the stored analysis from the counts): at most 2 s
  including start-up, peak memory at most 150 MB (issue 15); ``--thresholds mean`` (derived
  from it) and ``--from-answers`` (every answer analysed from scratch, the check) beside it;
* the results page as the innovation office, in-process (``survey_pages.py``): the round of N
  at most 0.5 s more than the demo round, the demo round at most 150 ms (issue 15), each the
  median of five requests after the first, which draws the charts of the analysis;
* ``innovera survey report --format pdf``: at most 20 s.

Every step is a subprocess of the real ``innovera`` command (start-up, settings and database
connection included), so the figures are what an operator sees. Wall-clock time is measured
around the process; peak memory is the process's maximum resident set size, from ``wait4``
(the same figure as ``/usr/bin/time -v``). CPU time (user + system, from the same ``wait4``) is
shown beside it: on a shared machine it is the figure least disturbed by other work, while the
verdicts use wall-clock time, as the targets do. The steps' progress (standard error) is shown as
they run; their standard output goes to files in the work folder.

Usage::

    python benchmarks/survey_benchmark.py [--n 40000] [--database-url URL] [--keep]

The database is ``--database-url``, else ``DATABASE_URL``, else a fresh SQLite file in a
temporary folder. It is migrated first; each run imports into a new round (``bench-…``), so an
existing database is not disturbed otherwise. To measure on PostgreSQL, use a database of its
own and drop it afterwards::

    createdb -h 127.0.0.1 -U postgres innovera_bench
    python benchmarks/survey_benchmark.py \\
        --database-url postgres://postgres@127.0.0.1:5432/innovera_bench
    dropdb -h 127.0.0.1 -U postgres innovera_bench

The script prints the machine, the commands and a Markdown table of the figures with PASS or
MISS per target (for ``benchmarks/RESULTS.md``); it exits with 1 when a target is missed or a
step fails. ``--xlsx FILE`` reuses an import file made earlier instead of generating one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import machine_info

TARGET_IMPORT_S = 60.0
TARGET_IMPORT_MB = 400.0
TARGET_ADD_ONE_MORE_S = 1.5
TARGET_ANALYSE_S = 2.0
TARGET_ANALYSE_MB = 150.0
TARGET_PAGE_MORE_S = 0.5
TARGET_DEMO_PAGE_S = 0.150
TARGET_PDF_S = 20.0
DEMO_ROUND = "stockholm-2014"


@dataclass
class Step:
    name: str
    argv: list[str]
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_mb: float = 0.0
    returncode: int = 0
    timed_out: bool = False
    stdout: Path | None = None


def innovera_executable() -> str:
    """The ``innovera`` command of this virtual environment, else the one on PATH."""
    beside = Path(sys.executable).parent / "innovera"
    if beside.is_file():
        return str(beside)
    found = shutil.which("innovera")
    if found is None:
        raise SystemExit(
            "survey_benchmark: the innovera command is not installed (pip install -e .)"
        )
    return found


def run(step: Step, env: dict[str, str], workdir: Path, timeout: float) -> Step:
    """Run one step, stderr to the terminal, stdout to a file; time it and take its peak RSS.

    A step still running after ``timeout`` seconds is killed and marked as timed out.
    """
    step.stdout = workdir / f"{step.name.replace(' ', '-')}.out"
    print(f"\n== {step.name}: {shlex.join(step.argv)}", file=sys.stderr, flush=True)
    with step.stdout.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(step.argv, env=env, stdout=out, cwd=workdir)  # noqa: S603
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                step.timed_out = True
                process.kill()
                _pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        step.seconds = time.perf_counter() - started
    process.returncode = step.returncode = os.waitstatus_to_exitcode(status)
    step.peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    step.cpu_seconds = usage.ru_utime + usage.ru_stime
    stopped = f", stopped after {timeout:g} s" if step.timed_out else ""
    print(
        f"== {step.name}: exit {step.returncode}, {step.seconds:.2f} s "
        f"(CPU {step.cpu_seconds:.2f} s), peak {step.peak_mb:.0f} MB{stopped}",
        file=sys.stderr,
        flush=True,
    )
    return step


def machine() -> dict[str, str]:
    return {**machine_info.machine(), "load": " ".join(f"{load:.2f}" for load in os.getloadavg())}


def database_version(innovera: str, env: dict[str, str]) -> str:
    code = (
        "from django.db import connection as c; c.ensure_connection(); "
        "print(c.vendor, '.'.join(map(str, c.Database.sqlite_version_info)) "
        "if c.vendor == 'sqlite' else c.pg_version)"
    )
    result = subprocess.run(  # noqa: S603
        [innovera, "shell", "--verbosity", "0", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    text = result.stdout.strip()
    if text.startswith("postgresql "):
        number = int(text.split()[1])
        return f"PostgreSQL {number // 10000}.{number % 10000}"
    return text.replace("sqlite ", "SQLite ") or "unknown"


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=40_000, help="respondents (default 40000)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--xlsx", type=Path, help="reuse this import file instead of making one")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--timeout", type=float, default=900, help="stop a step after this many seconds (900)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)

    innovera = innovera_executable()
    workdir = Path(tempfile.mkdtemp(prefix="innovera-bench-"))
    env = dict(os.environ)
    env["INNOVERA_DATA_DIR"] = str(workdir / "data")
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env.setdefault("PYTHONUNBUFFERED", "1")
    database = env["DATABASE_URL"]
    shown_database = database if "@" not in database else database.split("@", 1)[1]
    round_name = f"bench-{args.n}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S}"
    xlsx = args.xlsx.resolve() if args.xlsx else workdir / f"responses-{args.n}.xlsx"
    pdf = workdir / "report.pdf"
    print(f"Work folder {workdir}, database {shown_database}", file=sys.stderr)

    steps: list[Step] = [Step("migrate", [innovera, "migrate", "--verbosity", "0"])]
    if args.xlsx is None:
        steps.append(
            Step(
                "generate",
                [
                    innovera,
                    "survey",
                    "fake-responses",
                    "--n",
                    str(args.n),
                    "--seed",
                    str(args.seed),
                    "--output",
                    str(xlsx),
                ],
            )
        )
    one = workdir / "one-answer.csv"
    demo_load = "from innovera.surveys.demo import demo_rounds_load; demo_rounds_load()"
    analyse = [innovera, "survey", "analyse", "--round", round_name, "--format", "json"]
    steps += [
        # Another seed: its respondent ids differ from the big file's.
        Step(
            "one",
            [
                innovera,
                "survey",
                "fake-responses",
                "--n",
                "1",
                "--seed",
                "99",
                "--output",
                str(one),
            ],
        ),
        Step("demo", [innovera, "shell", "--verbosity", "0", "-c", demo_load]),
        Step("import", [innovera, "survey", "import", str(xlsx), "--round", round_name]),
        Step("add one demo", [innovera, "survey", "import", str(one), "--round", DEMO_ROUND]),
        Step("add one", [innovera, "survey", "import", str(one), "--round", round_name]),
        Step("analyse", analyse),
        Step("analyse mean", [*analyse, "--thresholds", "mean"]),
        Step("analyse from answers", [*analyse, "--from-answers"]),
        Step(
            "pages",
            [
                sys.executable,
                str(Path(__file__).with_name("survey_pages.py")),
                DEMO_ROUND,
                round_name,
            ],
        ),
        Step(
            "report",
            [
                innovera,
                "survey",
                "report",
                "--round",
                round_name,
                "--format",
                "pdf",
                "--output",
                str(pdf),
            ],
        ),
    ]
    done: dict[str, Step] = {}
    failed = ""
    load_before = " ".join(f"{load:.2f}" for load in os.getloadavg())
    uptime_before = subprocess.run(
        ["uptime"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    started_at = datetime.datetime.now(datetime.UTC).strftime("%a %b %d %H:%M:%S UTC %Y")
    for step in steps:
        run(step, env, workdir, args.timeout)
        done[step.name] = step
        if step.returncode != 0 and not step.timed_out:
            failed = step.name
            break

    checks: list[str] = []
    if "analyse" in done and done["analyse"].returncode == 0 and done["analyse"].stdout:
        analysis = json.loads(done["analyse"].stdout.read_text(encoding="utf-8"))
        checks.append(f"analyse reported {analysis['responded']} respondents")
        if analysis["responded"] != args.n + 1:  # and the one added
            failed = failed or "analyse (wrong number of respondents)"
    if "report" in done and done["report"].returncode == 0:
        size = pdf.stat().st_size if pdf.exists() else 0
        is_pdf = pdf.exists() and pdf.read_bytes()[:4] == b"%PDF"
        checks.append(f"PDF {size / 1024 / 1024:.1f} MB, {'valid' if is_pdf else 'NOT a PDF'}")
        if not is_pdf:
            failed = failed or "report (no PDF)"

    info = machine()
    info["database"] = f"{database_version(innovera, env)} ({shown_database})"
    rows: list[tuple[str, str, str, str, str, str]] = []

    def row(label: str, name: str, measure: str, target: float | None) -> None:
        step = done.get(name)
        if step is None and name == "generate" and args.xlsx is not None:
            rows.append((label, "–", "–", "–", "–", f"skipped: reused {args.xlsx.name}"))
            return
        if step is None:
            rows.append(
                (label, "–", "–", "–", "–" if target is None else f"≤ {target:g}", "not run")
            )
            return
        value = step.peak_mb if measure == "mb" else step.seconds
        if step.timed_out:
            result = f"MISS (stopped after {step.seconds:.0f} s)"
        elif step.returncode != 0:
            result = f"FAILED (exit {step.returncode})"
        elif target is None:
            result = "–"
        else:
            result = verdict(value, target)
        unit = "MB" if measure == "mb" else "s"
        rows.append(
            (
                label,
                f"{step.seconds:.2f} s",
                f"{step.cpu_seconds:.2f} s",
                f"{step.peak_mb:.0f} MB",
                "–" if target is None else f"≤ {target:g} {unit}",
                result,
            )
        )

    def difference(label: str, value: float | None, target: float, note: str = "") -> None:
        if value is None:
            rows.append((label, "–", "–", "–", f"≤ {target:g} s", "not run"))
            return
        rows.append(
            (label, f"{value:.3f} s", "–", "–", f"≤ {target:g} s{note}", verdict(value, target))
        )

    def seconds(name: str) -> float | None:
        step = done.get(name)
        return step.seconds if step and step.returncode == 0 and not step.timed_out else None

    pages: dict[str, dict[str, float]] = {}
    if seconds("pages") is not None and done["pages"].stdout:
        pages = json.loads(done["pages"].stdout.read_text(encoding="utf-8"))

    row("migrate", "migrate", "s", None)
    row(f"generate {args.n} respondents as XLSX (fake-responses --output)", "generate", "s", None)
    row("load the demo rounds (37 and 40 respondents)", "demo", "s", None)
    row(f"import the XLSX of {args.n} (survey import): time", "import", "s", TARGET_IMPORT_S)
    row(f"import the XLSX of {args.n}: peak memory", "import", "mb", TARGET_IMPORT_MB)
    row(
        "add one answer (import of one row) to the 37-respondent demo round",
        "add one demo",
        "s",
        None,
    )
    row(f"add one answer (import of one row) to the round of {args.n}", "add one", "s", None)
    small, large = seconds("add one demo"), seconds("add one")
    difference(
        f"add one answer: round of {args.n} minus demo round",
        None if small is None or large is None else large - small,
        TARGET_ADD_ONE_MORE_S,
    )
    row(
        "analyse --format json (stored analysis): time incl. start-up",
        "analyse",
        "s",
        TARGET_ANALYSE_S,
    )
    row("analyse --format json: peak memory", "analyse", "mb", TARGET_ANALYSE_MB)
    row("analyse --thresholds mean (derived from the stored analysis)", "analyse mean", "s", None)
    row(
        "analyse --from-answers (every answer from scratch, the check)",
        "analyse from answers",
        "s",
        None,
    )
    row("analyse --from-answers: peak memory", "analyse from answers", "mb", None)
    demo_page, big_page = pages.get(DEMO_ROUND), pages.get(round_name)
    if demo_page and big_page:
        for label, page in (
            (f"demo round ({DEMO_ROUND})", demo_page),
            (f"round of {args.n}", big_page),
        ):
            rows.append(
                (
                    f"results page, office, {label}: first request (draws the charts)",
                    f"{page['first_s']:.3f} s",
                    "–",
                    "–",
                    "–",
                    f"{page['queries']} queries, {page['answer_queries']} read answers",
                )
            )
        difference(
            "results page, office, demo round: median of 5",
            demo_page["median_s"],
            TARGET_DEMO_PAGE_S,
        )
        difference(
            f"results page, office: round of {args.n} minus demo round (medians)",
            big_page["median_s"] - demo_page["median_s"],
            TARGET_PAGE_MORE_S,
        )
        rows.append(
            (
                f"results page, office, round of {args.n}: median of 5",
                f"{big_page['median_s']:.3f} s",
                "–",
                "–",
                "–",
                "–",
            )
        )
    else:
        difference("results page, office, demo round: median of 5", None, TARGET_DEMO_PAGE_S)
    row("PDF report (survey report --format pdf)", "report", "s", TARGET_PDF_S)

    out = sys.stdout
    print("\n## Survey benchmark\n", file=out)
    info["load"] = f"{load_before} before the steps, {info['load']} after (1, 5, 15 min)"
    info["date"] = f"{started_at} (start)"
    for key in ("date", "cpu", "cores", "memory", "kernel", "python", "database", "load"):
        print(f"- {key}: {info[key]}", file=out)
    print(f"- uptime before the run: {uptime_before}", file=out)
    print(f"- respondents: {args.n}, round {round_name}", file=out)
    print(
        f"\nCommand: python benchmarks/survey_benchmark.py --n {args.n}"
        + (" --database-url …" if args.database_url else ""),
        file=out,
    )
    print("\nIts steps (INNOVERA_DATA_DIR and DATABASE_URL set as above):\n", file=out)
    for step in steps:
        if step.name in done:
            program = "innovera" if step.argv[0] == innovera else "python"
            shown = [Path(a).name if a.endswith("survey_pages.py") else a for a in step.argv[1:]]
            shown = [f"benchmarks/{a}" if a == "survey_pages.py" else a for a in shown]
            print(f"    {shlex.join([program, *shown])}", file=out)
    print(
        "\n| step | wall-clock | CPU (user+sys) | peak RSS | target | result |\n"
        "|---|---:|---:|---:|---|---|",
        file=out,
    )
    for cells in rows:
        print("| " + " | ".join(cells) + " |", file=out)
    if checks:
        print("\nChecks: " + "; ".join(checks) + ".", file=out)
    if failed:
        print(f"\nThe step {failed} failed; see its output above.", file=out)

    if args.keep:
        print(f"\nKept the work folder {workdir}", file=sys.stderr)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    missed = any(cells[4] != "–" and cells[5] != "PASS" for cells in rows)
    return 1 if failed or missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
