"""The spreading app's models, one module per part of SPEC §4.3.

Part 1: good examples and adoptions (`examples`), knowledge-sharing sessions (`sessions`).
Part 2 (discussion groups, awards) adds its own modules here and re-exports them below.
"""

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
from innovera.spreading.models.groups import (
    DiscussionGroup,
    GroupAccess,
    GroupFollow,
    GroupInvitation,
    GroupMember,
    GroupRole,
    JoinRequest,
    Post,
    PostAttachment,
    PostReport,
    PostSearchRow,
    PostStatus,
    RequestStatus,
    TextFormat,
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
    "Booking",
    "BookingStatus",
    "CalendarToken",
    "CampaignWeek",
    "DiscussionGroup",
    "ExampleAttachment",
    "ExampleFigure",
    "ExampleImage",
    "ExampleStatus",
    "ExampleUnitType",
    "GoodExample",
    "GroupAccess",
    "GroupFollow",
    "GroupInvitation",
    "GroupMember",
    "GroupRole",
    "JoinRequest",
    "KnowledgeSession",
    "Notice",
    "Post",
    "PostAttachment",
    "PostReport",
    "PostSearchRow",
    "PostStatus",
    "Publication",
    "RequestStatus",
    "SessionLevel",
    "TextFormat",
]
