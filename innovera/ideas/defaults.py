"""The default stage process and prioritisation criteria of SPEC §4.2.

The data migration 0002 creates them; `default_process_create` takes the model classes so the
migration can pass its historical models and tests can restore the defaults after a flush.
"""

from __future__ import annotations

from typing import Any

STAGES = [
    # key, Swedish, English, initial, needs a reason, merges
    ("submitted", "Inskickad", "Submitted", True, False, False),
    ("in_review", "Under bedömning", "In review", False, False, False),
    ("prioritised", "Prioriterad", "Prioritised", False, False, False),
    ("declined", "Avslagen", "Declined", False, True, False),
    ("merged", "Sammanslagen", "Merged", False, True, True),
    ("parked", "Parkerad", "Parked", False, True, False),
    ("testing", "Testas", "Testing", False, False, False),
    ("implemented", "Införd", "Implemented", False, False, False),
    ("spread", "Spridd", "Spread", False, False, False),
]
TRANSITIONS = {
    "submitted": ["in_review", "declined", "merged"],
    "in_review": ["prioritised", "declined", "merged", "parked"],
    "prioritised": ["testing", "parked", "declined"],
    "parked": ["in_review", "declined"],
    "testing": ["implemented", "parked", "declined"],
    "implemented": ["spread"],
}
CRITERIA = [
    ("resident_value", "Värde för invånarna", "Value for residents"),
    ("feasibility", "Genomförbarhet", "Feasibility"),
    ("cost", "Kostnad (låg är bra)", "Cost (low is good)"),
    ("novelty", "Nyhetsgrad", "Novelty"),
    ("strategic_fit", "Strategisk passform", "Strategic fit"),
]


def default_process_create(stage_model: Any, transition_model: Any, criterion_model: Any) -> None:
    """Create the default stages, transitions and criteria unless stages exist already."""
    if stage_model.objects.exists():
        return
    stages = {}
    for order, (key, sv, en, initial, reason, merge) in enumerate(STAGES):
        stages[key] = stage_model.objects.create(
            key=key,
            name_sv=sv,
            name_en=en,
            order=order * 10,
            is_initial=initial,
            requires_reason=reason,
            is_merge=merge,
        )
    for source, targets in TRANSITIONS.items():
        for target in targets:
            transition_model.objects.create(from_stage=stages[source], to_stage=stages[target])
    for order, (key, sv, en) in enumerate(CRITERIA):
        criterion_model.objects.create(key=key, name_sv=sv, name_en=en, weight=1, order=order * 10)
