"""The results page of survey rounds as the innovation office sees it, timed in-process.

Run by ``survey_benchmark.py`` with its database (``DATABASE_URL``, ``INNOVERA_DATA_DIR``)::

    python benchmarks/survey_pages.py ROUND [ROUND …]

For each round: the first request (the tables and charts are drawn and cached for the stored
analysis) and the median of five more (drawn ones read back), with Django's test client in this
process, so neither a server nor the network is measured. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time


def main(rounds: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovera.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings

    # The pages' static links without a collectstatic manifest: it is not what is measured.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from innovera.surveys.tests.factories import make_office_user

    client = Client()
    client.force_login(make_office_user())
    # secure: as behind the TLS proxy (no redirect to https). The first request loads the URL
    # resolvers, templates and session, which are not measured.
    client.get(secure=True, path=reverse("surveys:round_list"))
    result: dict[str, dict[str, float | int]] = {}
    for name in rounds:
        url = reverse("surveys:round_results", args=[name])
        started = time.perf_counter()
        first = client.get(secure=True, path=url)
        cold = time.perf_counter() - started
        if first.status_code != 200:
            print(f"{url} answered {first.status_code}", file=sys.stderr)
            return 1
        warm = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(secure=True, path=url)
            warm.append(time.perf_counter() - started)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(secure=True, path=url)
        result[name] = {
            "first_s": cold,
            "median_s": statistics.median(warm),
            "queries": len(queries.captured_queries),
            "answer_queries": sum(
                "surveyresponse" in q["sql"].lower() for q in queries.captured_queries
            ),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
