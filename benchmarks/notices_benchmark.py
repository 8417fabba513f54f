"""Telling the followers of an internal idea: who may see it, decided for all at once.

`ideas.services.notify_followers` decides which followers may still see the idea with
`ideas.permissions.idea_viewers` (the `idea.view` rule, `visible_ideas`, for every follower in
one UNION query per 200, after their memberships and unit chains are read together). Before,
it asked `can(follower, "idea.view", idea)` once per follower. This script times both on the
same data in one run, so the ratio does not depend on the machine's load:

- ``per follower``: the old loop, `can()` for each follower (what the service did before);
- ``at once``: `idea_viewers` (what it does now);
- ``notify``: the whole `notify_followers` (the decision, the notices in one insert, the
  e-mails queued after commit), in a transaction that is rolled back, so each run starts alike.

Each is run ``--repeat`` times for ``--followers`` (default 20, 200 and 1,000) followers of an
idea internal to its unit: a third employees of the owner unit (they see it), a third
coordinators of it who work in another unit (they see it), a third in other units (they do not). Both ways must give the same
people; the script stops with exit code 1 when they do not.

Usage::

    createdb -h 127.0.0.1 -U postgres innovera_bench_notices
    python benchmarks/notices_benchmark.py \\
        --database-url postgres://postgres@127.0.0.1:5432/innovera_bench_notices
    dropdb -h 127.0.0.1 -U postgres innovera_bench_notices

Without ``--database-url`` (or DATABASE_URL) it runs on a new SQLite file. It migrates the
database, loads the demo city and adds the people it needs; it prints the machine, the load
and a Markdown table for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

import machine_info


def median_ms(run: object, repeat: int) -> tuple[float, int]:
    """The median time of `run()` in ms, and the queries one run makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()  # type: ignore[operator]  # warm-up, not counted: templates, the first connection
    times = []
    queries = 0
    for _ in range(repeat):
        # Django keeps the last 9,000 queries only: start each run's count from an empty log.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            run()  # type: ignore[operator]
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return statistics.median(times), queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--followers", type=int, nargs="+", default=[20, 200, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    data_dir = tempfile.mkdtemp(prefix="innovera-notices-bench-")
    os.environ["INNOVERA_DATA_DIR"] = data_dir
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovera.settings")
    load_before = os.getloadavg()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from innovera.core.permissions import can
    from innovera.ideas import services
    from innovera.ideas.models import Follow, Idea, Visibility
    from innovera.ideas.permissions import idea_viewers
    from innovera.organisations.demo import demo_city_load
    from innovera.organisations.models import Membership, Role, Unit, UnitType, User

    call_command("migrate", verbosity=0)
    if not Unit.objects.exists():
        demo_city_load()
    district = Unit.objects.filter(parent__isnull=False, unit_type=UnitType.DISTRICT).first()
    owner = district or Unit.objects.filter(parent__isnull=False).first()
    if owner is None or owner.parent is None:
        print("notices_benchmark: the demo city has no unit tree", file=sys.stderr)
        return 2
    # Units outside the owner's chain: their employees may not see an idea internal to it.
    others = list(
        Unit.objects.exclude(pk__in=[owner.pk, owner.parent.pk])
        .exclude(parent=owner)
        .order_by("pk")[:10]
    )
    submitter = User.objects.filter(is_active=True).first()
    idea = Idea.objects.filter(title="Benchmark: internal idea").first()
    if idea is None:
        idea, _ = services.idea_submit(
            user=submitter,
            submission_key=__import__("uuid").uuid4(),
            fields={
                "title": "Benchmark: internal idea",
                "description": "Internal to its unit.",
                "value": "-",
                "for_whom": "-",
                "situation": "",
                "submitter_role": "employee",
            },
        )
    Idea.objects.filter(pk=idea.pk).update(owner_unit=owner, visibility=Visibility.UNIT)
    idea.refresh_from_db()

    rows = []
    for count in args.followers:
        Follow.objects.filter(idea=idea).delete()
        people = []
        for number in range(count):
            share = number % 3
            unit = owner if share == 0 else others[number % len(others)]
            person = User.objects.create_user(
                email=f"bench-{count}-{number}@example.org", password=None, full_name="B", unit=unit
            )
            if share == 1:
                Membership.objects.create(user=person, unit=owner, role=Role.COORDINATOR)
            people.append(person)
        Follow.objects.bulk_create(Follow(idea=idea, user=person) for person in people)

        pks = [p.pk for p in people]

        def fresh(pks: list[int] = pks) -> list[User]:
            # New objects each time: nothing a run remembers on the user objects carries over.
            return list(User.objects.filter(pk__in=pks).order_by("pk"))

        old = {p.pk for p in fresh() if can(p, "idea.view", idea)}
        new = idea_viewers(idea, fresh())
        if old != new:
            print(
                f"notices_benchmark: the two ways disagree for {count} followers", file=sys.stderr
            )
            return 1

        def per_follower() -> None:
            [p.pk for p in fresh() if can(p, "idea.view", idea)]

        def at_once() -> None:
            idea_viewers(idea, fresh())

        def notify() -> None:
            with transaction.atomic():
                services.notify_followers(idea=idea, message="Benchmark")
                transaction.set_rollback(True)

        old_ms, old_q = median_ms(per_follower, args.repeat)
        new_ms, new_q = median_ms(at_once, args.repeat)
        notify_ms, notify_q = median_ms(notify, args.repeat)
        rows.append((count, len(new), old_ms, old_q, new_ms, new_q, notify_ms, notify_q))
        User.objects.filter(pk__in=pks).delete()

    facts = machine_info.machine()
    print(f"Machine: {facts['cpu']}, {facts['cores']} cores, {facts['memory']}, ", end="")
    print(
        f"Python {facts['python']}, {connection.vendor} {connection.Database.sqlite_version}"
        if connection.vendor == "sqlite"
        else f"Python {facts['python']}, {connection.vendor}"
    )
    print(f"Load average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}")
    print(
        f"Command: python benchmarks/notices_benchmark.py --repeat {args.repeat} "
        f"--followers {' '.join(map(str, args.followers))}"
        + (" --database-url <postgres>" if args.database_url else "")
    )
    print()
    print(
        "| followers | may see it | per follower: ms (queries) | at once: ms (queries) | "
        "ratio | notify_followers: ms (queries) |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for count, seeing, old_ms, old_q, new_ms, new_q, notify_ms, notify_q in rows:
        print(
            f"| {count:,} | {seeing:,} | {old_ms:.1f} ({old_q}) | {new_ms:.1f} ({new_q}) | "
            f"{old_ms / new_ms:.1f}× | {notify_ms:.1f} ({notify_q}) |".replace(",", " ")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
