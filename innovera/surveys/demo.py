"""Demo survey rounds for `innovera demo`: the report's 2014 round and a 2016 follow-up.

The answers are the committed CSV files made by `demo_data.py`, imported through the same
parser and service as any other file, so the demo also proves the import path.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from django.db import transaction

from innovera.surveys.demo_data import DEMO_INVITED_2014, DEMO_INVITED_2016
from innovera.surveys.importing import parse_responses
from innovera.surveys.models import Round, SurveyMode
from innovera.surveys.services import round_import_responses

DATA = Path(__file__).with_name("data")
DEMO_ROUNDS = [
    ("stockholm-2014", "Innovationsförmåga 2014", "demo_2014.csv", DEMO_INVITED_2014, 2014),
    ("stockholm-2016", "Innovationsförmåga 2016", "demo_2016.csv", DEMO_INVITED_2016, 2016),
]


@transaction.atomic
def demo_rounds_load() -> bool:
    """Create the demo rounds unless they exist; returns whether anything was created."""
    created = False
    for name, title, file_name, invited, year in DEMO_ROUNDS:
        if Round.objects.filter(name=name).exists():
            continue
        survey_round = Round.objects.create(
            name=name,
            title=title,
            template="stockholm-2014",
            mode=SurveyMode.CONFIDENTIAL,
            opens_on=datetime.date(year, 9, 1),
            closes_on=datetime.date(year, 9, 30),
            invited=dict(invited),
            created_at=datetime.datetime(year, 8, 15, 9, 0, tzinfo=datetime.UTC),
        )
        path = DATA / file_name
        result = parse_responses(path)
        if result.errors:
            raise ValueError(result.summary(limit=5, language="en"))
        round_import_responses(
            survey_round=survey_round,
            responses=result.responses,
            org_units=result.org_units,
            file_name=file_name,
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        created = True
    return created
