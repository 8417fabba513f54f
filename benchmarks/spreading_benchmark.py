"""Spreading at city scale: the example list and search, and 100 concurrent bookers.

1. Seeds (``--seed``) 10,000 good examples, 50,000 adoptions, 2,000 sessions and 100,000
   bookings on top of the demo city, with bulk inserts.
2. Times whole requests in this process through Django's test client — URL routing, the view,
   the selectors' queries and the template or the API's JSON, i.e. the server's time for a
   request without the network: the example list (newest, most adopted, filtered), its search
   box, the API list, and the cross-app search /sok/ (every app's provider). Anonymous and a
   signed-in employee.
3. Lets 100 threads, each with its own database connection, book the last 10 places of one
   session at once (PostgreSQL; on SQLite the writers queue on the database lock). Thread i
   arrives i × ``--stagger`` ms after a common start, so "arrival order" is known; the
   script checks that exactly 10 are booked and 90 wait, that the 10 booked are the first 10
   to arrive, and that the waiting list is in arrival order.

Usage::

    createdb -h 127.0.0.1 -U postgres innovera_bench_spreading
    python benchmarks/spreading_benchmark.py --seed \\
        --database-url postgres://postgres@127.0.0.1:5432/innovera_bench_spreading
    dropdb -h 127.0.0.1 -U postgres innovera_bench_spreading
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import threading
import time

import machine_info

WORDS = (
    "hemtjänst",
    "förskola",
    "parkering",
    "tavla",
    "digitala",
    "nämndhandlingar",
    "testbädd",
    "återvinning",
)
TITLE_PARTS = (
    ("Förbättringstavla", "Digitala nycklar", "Testbädd", "Nämndhandlingar", "Matsvinn"),
    ("i hemtjänsten", "på förskolan", "för parkering", "i äldreomsorgen", "i skolan"),
    ("i Farsta", "i Bromma", "på Södermalm", "i Kista", "i hela staden"),
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def seed(examples: int, adoptions: int, sessions: int, bookings: int) -> str:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from innovera.ideas.models import Topic
    from innovera.organisations.demo import demo_city_load
    from innovera.organisations.models import Unit, UnitType, User
    from innovera.spreading.models import (
        Adoption,
        Booking,
        ExampleUnitType,
        GoodExample,
        KnowledgeSession,
    )

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    demo_city_load()
    units = list(Unit.objects.exclude(unit_type=UnitType.CITY).order_by("pk"))
    rng = random.Random(10)  # noqa: S311 - made-up data, not secrets
    now = timezone.now()
    topics = [Topic.objects.get_or_create(name=n, slug=n.lower())[0] for n in ("Äldre", "Skola")]
    per_session = bookings // sessions
    people_needed = max(per_session * 2, 200)
    with transaction.atomic():
        User.objects.bulk_create(
            [
                User(
                    email=f"bench{i}@bench.example.org",
                    full_name=f"Bänk Person {i}",
                    unit=units[i % len(units)],
                    password="!",  # noqa: S106 - an unusable password: nobody signs in
                )
                for i in range(people_needed)
            ],
            batch_size=2000,
        )
    people = list(User.objects.filter(email__endswith="@bench.example.org").order_by("pk"))
    with transaction.atomic():
        rows = []
        for i in range(examples):
            title = " ".join(rng.choice(part) for part in TITLE_PARTS) + f" {i}"
            rows.append(
                GoodExample(
                    title=title,
                    slug=f"bench-{i}",
                    summary=f"{title}: så gjorde vi, steg för steg.",
                    problem="Det tog för lång tid och ingen visste vem som ägde frågan.",
                    what_was_done="Vi prövade i liten skala och följde upp varje vecka.",
                    for_whom="Medarbetare",
                    how_to_adopt="Börja med en enhet.",
                    unit=units[i % len(units)],
                    publication="published" if i % 10 else "draft",
                    published_at=now - datetime.timedelta(minutes=i) if i % 10 else None,
                    in_use_count=0,
                )
            )
        GoodExample.objects.bulk_create(rows, batch_size=2000)
        created = list(GoodExample.objects.order_by("pk"))
        ExampleUnitType.objects.bulk_create(
            [
                ExampleUnitType(example=example, unit_type=UnitType.values[1 + n % 4])
                for n, example in enumerate(created)
            ],
            batch_size=5000,
        )
        through = GoodExample.topics.through
        through.objects.bulk_create(
            [through(goodexample=e, topic=topics[n % 2]) for n, e in enumerate(created)],
            batch_size=5000,
        )
        statuses = ("interested", "planning", "in_use", "dropped")
        adoption_rows = []
        published = [e for e in created if e.publication == "published"]
        per_example = -(-adoptions // len(published))
        for n, example in enumerate(published):
            chosen = rng.sample([u for u in units if u.pk != example.unit_id], per_example)
            for k, unit in enumerate(chosen):
                if len(adoption_rows) == adoptions:
                    break
                status = statuses[(n + k) % 4]
                adoption_rows.append(
                    Adoption(
                        example=example,
                        unit=unit,
                        status=status,
                        drop_reason="Räckte inte till." if status == "dropped" else "",
                    )
                )
        Adoption.objects.bulk_create(adoption_rows, batch_size=5000)
        from django.db.models import Count, Q

        counted = GoodExample.objects.annotate(
            live=Count("adoptions", filter=~Q(adoptions__status="dropped")),
            used=Count("adoptions", filter=Q(adoptions__status="in_use")),
        ).values_list("pk", "live", "used")
        for pk, live, used in counted:
            GoodExample.objects.filter(pk=pk).update(adoption_count=live, in_use_count=used)
        organiser = people[0]
        session_rows = []
        for i in range(sessions):
            starts = now + datetime.timedelta(days=(i % 120) - 60, hours=i % 8)
            session_rows.append(
                KnowledgeSession(
                    title=f"Lär av en kollega {i}",
                    learn="Hur vi gjorde.",
                    for_whom="Medarbetare",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=1),
                    place="Stadshuset",
                    capacity=per_session,
                    booking_deadline=starts - datetime.timedelta(hours=2),
                    organiser=organiser,
                    unit=organiser.unit,
                    open_to_residents=i % 3 == 0,
                )
            )
        KnowledgeSession.objects.bulk_create(session_rows, batch_size=2000)
        booking_rows = []
        for s, session in enumerate(KnowledgeSession.objects.order_by("pk")):
            for k in range(per_session):
                booking_rows.append(
                    Booking(
                        session=session,
                        person=people[(s + k) % len(people)],
                        status="booked",
                        booked_at=now,
                        queued_at=now,
                    )
                )
        Booking.objects.bulk_create(booking_rows, batch_size=10000)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return f"{time.perf_counter() - started:.1f} s"


def time_pages(repeat: int) -> list[str]:
    from django.test import Client

    from innovera.organisations.models import User

    employee = User.objects.filter(email__endswith="@bench.example.org").order_by("pk")[5]
    clients = {"anonymous": Client(), "employee": Client()}
    clients["employee"].force_login(employee)
    scenarios: list[tuple[str, str, list[dict[str, str]]]] = [
        ("example list, newest", "/goda-exempel/", [{}]),
        ("example list, page 40", "/goda-exempel/", [{"sida": "40"}]),
        ("example list, most adopted", "/goda-exempel/", [{"sort": "most_adopted"}]),
        (
            "example list, filtered",
            "/goda-exempel/",
            [{"unit_type": "district", "status": "in_use", "adopted": "on"}],
        ),
        ("example list search", "/goda-exempel/", [{"q": word} for word in WORDS]),
        ("API examples search", "/api/v1/examples/", [{"q": word} for word in WORDS]),
        ("site search /sok/", "/sok/", [{"q": word} for word in WORDS]),
        ("session list", "/kunskapsdelning/", [{}]),
    ]
    rows = []
    for who, client in clients.items():
        for name, path, queries in scenarios:
            times: list[float] = []
            cpu: list[float] = []
            for query in queries:
                response = client.get(path, query, secure=True)  # warm
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
                for _ in range(repeat):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get(path, query, secure=True)
                    times.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - started_cpu) * 1000)
                    if response.status_code != 200:
                        raise SystemExit(f"{path} answered {response.status_code}")
            rows.append(
                f"| {name} | {who} | {len(times)} | {statistics.median(times):.1f} ms | "
                f"{percentile(times, 0.95):.1f} ms | {max(times):.1f} ms | "
                f"{statistics.median(cpu):.1f} ms |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    return rows


def concurrent_booking(bookers: int, free: int, stagger_ms: float) -> list[str]:
    from django.db import connections
    from django.utils import timezone

    from innovera.organisations.models import User
    from innovera.spreading import services
    from innovera.spreading.models import Booking, KnowledgeSession

    organiser = User.objects.filter(email__endswith="@bench.example.org").order_by("pk")[0]
    starts = timezone.now() + datetime.timedelta(days=3)
    booked_before = 40
    session = services.session_create(
        user=organiser,
        fields={
            "title": "De sista platserna",
            "learn": "Kö i ankomstordning.",
            "for_whom": "Alla",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=1),
            "place": "Stadshuset",
            "capacity": booked_before + free,
            "booking_deadline": starts - datetime.timedelta(hours=1),
        },
    )
    crowd = list(
        User.objects.filter(email__endswith="@bench.example.org").order_by("pk")[
            1 : 1 + booked_before + bookers
        ]
    )
    for person in crowd[:booked_before]:
        services.booking_create(user=person, session_id=session.pk)
    contenders = crowd[booked_before:]
    barrier = threading.Barrier(len(contenders))
    arrivals: dict[int, float] = {}
    errors: list[str] = []

    def book(index: int, person: User) -> None:
        try:
            barrier.wait()
            time.sleep(index * stagger_ms / 1000)
            arrivals[person.pk] = time.perf_counter()
            services.booking_create(user=person, session_id=session.pk)
        except Exception as error:  # reported below, never hidden
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=book, args=(i, person)) for i, person in enumerate(contenders)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    rows = list(
        Booking.objects.filter(session=session, person__in=contenders).order_by("queued_at", "id")
    )
    booked = [b.person_id for b in rows if b.status == "booked"]
    waiting = [b.person_id for b in rows if b.status == "waiting"]
    arrival_order = sorted(arrivals, key=arrivals.__getitem__)
    total_booked = KnowledgeSession.objects.get(pk=session.pk).bookings.filter(status="booked")
    served = [b.person_id for b in rows]  # the order the session's lock served them
    rank = {person: n for n, person in enumerate(arrival_order)}
    inversions = sum(
        1
        for i in range(len(served))
        for j in range(i + 1, len(served))
        if rank[served[i]] > rank[served[j]]
    )
    displacement = max((abs(n - rank[p]) for n, p in enumerate(served)), default=0)
    return [
        f"- Session: {booked_before} of {booked_before + free} places booked before; "
        f"{len(contenders)} threads book at once, thread i arriving i × {stagger_ms:g} ms after "
        "a common start",
        f"- Errors in threads: {len(errors)} {errors[:3] if errors else ''}",
        f"- Booked among the {len(contenders)}: {len(booked)}; waiting: {len(waiting)}; "
        f"booked on the session in all: {total_booked.count()} (capacity "
        f"{booked_before + free})",
        f"- The booked are the first {free} to arrive: {set(booked) == set(arrival_order[:free])}",
        f"- The waiting list is in arrival order: {waiting == arrival_order[free:]}",
        f"- Served out of arrival order: {inversions} of "
        f"{len(served) * (len(served) - 1) // 2} pairs; at most {displacement} places from "
        "its arrival position",
        f"- Queue order (queued_at) is insert order (id): "
        f"{[b.pk for b in rows] == sorted(b.pk for b in rows)}",
        f"- Wall time for all {len(contenders)} bookings: {elapsed:.2f} s",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seed", action="store_true", help="migrate and fill the database first")
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--adoptions", type=int, default=50_000)
    parser.add_argument("--sessions", type=int, default=2_000)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per query")
    parser.add_argument("--bookers", type=int, default=100)
    parser.add_argument("--free", type=int, default=10)
    parser.add_argument("--stagger", type=float, default=20.0, help="ms between arrivals")
    args = parser.parse_args(argv)
    if not args.database_url:
        print("spreading_benchmark: give --database-url (or DATABASE_URL).", file=sys.stderr)
        return 2
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("INNOVERA_DATA_DIR", tempfile.mkdtemp(prefix="innovera-spread-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spreading_bench_settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    load_before = os.getloadavg()

    import django

    django.setup()
    from django.db import connection

    from innovera.spreading.models import Adoption, Booking, GoodExample, KnowledgeSession

    seed_line = (
        seed(args.examples, args.adoptions, args.sessions, args.bookings) if args.seed else ""
    )
    page_rows = time_pages(args.repeat)
    # All at once (arrival order unknown: the lock decides), then with known arrivals.
    booking_lines = [
        "Simultaneous (no stagger):",
        *concurrent_booking(args.bookers, args.free, 0.0),
        "",
        f"Staggered ({args.stagger:g} ms):",
        *concurrent_booking(args.bookers, args.free, args.stagger),
    ]

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
        f"- Data: {GoodExample.objects.count():,} examples, {Adoption.objects.count():,} "
        f"adoptions, {KnowledgeSession.objects.count():,} sessions, "
        f"{Booking.objects.count():,} bookings\n"
        + (f"- Seeding: {seed_line}\n" if seed_line else "")
        + f"- Requests: {args.repeat} per query after one warm-up request\n\n"
        "| scenario | who | requests | p50 | p95 | max | CPU p50 |\n"
        "|---|---|---:|---:|---:|---:|---:|\n"
        + "\n".join(page_rows)
        + "\n\n"
        + "\n".join(booking_lines)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
