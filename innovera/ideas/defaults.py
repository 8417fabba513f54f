"""The default stage process and prioritisation criteria of SPEC §4.2.

The ideas app's (squashed) first migration creates them; `default_process_create` takes the model classes so the
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
# What 1 and 5 mean on each default criterion: (Swedish 1, Swedish 5, English 1, English 5).
CRITERION_SCALES = {
    "resident_value": ("litet värde", "stort värde", "little value", "great value"),
    "feasibility": ("svår att genomföra", "lätt att genomföra", "hard to do", "easy to do"),
    "cost": ("hög kostnad", "låg kostnad", "high cost", "low cost"),
    "novelty": ("finns redan", "helt ny", "exists already", "entirely new"),
    "strategic_fit": ("passar inte", "passar väl", "does not fit", "fits well"),
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
    criterion_scales_set(criterion_model)


def criterion_scales_set(criterion_model: Any) -> None:
    """What 1 and 5 mean on the default criteria that do not say it yet. The fields came after
    the first default process; a historical model without them (a migration state before
    they were added) is skipped."""
    fields = {field.name for field in criterion_model._meta.get_fields()}
    if "scale_low_sv" not in fields:
        return
    # The scale now says that low cost is good; the name need not.
    criterion_model.objects.filter(key="cost", name_sv="Kostnad (låg är bra)").update(
        name_sv="Kostnad", name_en="Cost"
    )
    for key, (low_sv, high_sv, low_en, high_en) in CRITERION_SCALES.items():
        criterion_model.objects.filter(key=key, scale_low_sv="").update(
            scale_low_sv=low_sv, scale_high_sv=high_sv, scale_low_en=low_en, scale_high_en=high_en
        )
