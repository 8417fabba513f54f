"""The spreading app's models, one module per part of SPEC §4.3.

Part 1: good examples and adoptions (`examples`), knowledge-sharing sessions (`sessions`).
Part 2 (discussion groups, awards) adds its own modules here and re-exports them below.
"""

from innovera.spreading.models.awards import (
    Assessment,
    AwardCategory,
    AwardCriterion,
    AwardProgramme,
    AwardRound,
    ConflictOfInterest,
    CriterionScore,
    Entrants,
    Juror,
    Nomination,
    NominationStatus,
    ProgrammeKind,
    RoundStatus,
    SubjectKind,
)
from innovera.spreading.models.examples import (
    Adoption,
    AdoptionEvent,
    AdoptionStatus,
    ExampleAttachment,
    ExampleFigure,
    ExampleImage,
    ExampleStatus,
    ExampleUnitType,
    GoodExample,
    Publication,
)
from innovera.spreading.models.sessions import (
    Booking,
    BookingStatus,
    CalendarToken,
    CampaignWeek,
    KnowledgeSession,
    Notice,
    SessionLevel,
)

__all__ = [
    "Adoption",
    "AdoptionEvent",
    "AdoptionStatus",
    "Assessment",
    "AwardCategory",
    "AwardCriterion",
    "AwardProgramme",
    "AwardRound",
    "Booking",
    "BookingStatus",
    "CalendarToken",
    "CampaignWeek",
    "ConflictOfInterest",
    "CriterionScore",
    "Entrants",
    "ExampleAttachment",
    "ExampleFigure",
    "ExampleImage",
    "ExampleStatus",
    "ExampleUnitType",
    "GoodExample",
    "Juror",
    "KnowledgeSession",
    "Nomination",
    "NominationStatus",
    "Notice",
    "ProgrammeKind",
    "Publication",
    "RoundStatus",
    "SessionLevel",
    "SubjectKind",
]
