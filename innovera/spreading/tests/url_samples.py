"""The URL walk's samples for good examples, adoptions and knowledge sharing (see
innovera/core/url_walk.py).

The example is a draft, seen only by its author and the office, so the walk also sees that
everyone else gets 404 on each of its addresses.
"""

from __future__ import annotations

from dataclasses import replace

from django.core.files.uploadedfile import SimpleUploadedFile

from innovera.core.url_walk import NOT_FOUND, OK, Sample
from innovera.ideas.tests.factories import make_idea
from innovera.organisations.models import Unit, User
from innovera.spreading import services
from innovera.spreading.demo import demo_spreading_load
from innovera.spreading.models import Adoption, Booking, CampaignWeek, KnowledgeSession
from innovera.spreading.tests.factories import example_fields, make_session
from innovera.spreading.tests.group_samples import group_url_samples
from innovera.spreading.tests.url_samples_awards import award_samples

OTHERS_SIGNED_IN = ("resident", "employee", "innovation_office", "jury", "administrator")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def url_samples() -> dict[str, Sample]:
    demo_spreading_load()
    bromma = Unit.objects.get(slug="bromma")
    coordinator = User.objects.get(email="samordnare@demo.example.org")
    employee = User.objects.get(email="medarbetare@demo.example.org")
    draft = services.example_create(
        user=coordinator, unit=bromma, fields=example_fields(title="Vandringens exempel")
    )
    image = services.example_image_add(
        user=coordinator,
        example=draft,
        upload=SimpleUploadedFile("tavla.png", PNG, content_type="image/png"),
        alt_text="En förbättringstavla",
    )
    attachment = services.example_attachment_add(
        user=coordinator,
        example=draft,
        upload=SimpleUploadedFile("plan.txt", b"Plan", content_type="text/plain"),
    )
    adoption = Adoption.objects.select_related("example").order_by("pk").first()
    assert adoption is not None, "the demo has adoptions"
    idea = make_idea(unit=bromma, visibility="unit", title="Tavlor i Bromma")

    def new_session() -> KnowledgeSession:
        return make_session(organiser=employee, title="Vandringens pass", place="Stadshuset")

    session = new_session()
    booking = services.booking_create(user=coordinator, session_id=session.pk)

    def session_to_cancel() -> dict[str, int]:
        # Cancelling uses a session up: each request gets its own.
        return {"pk": new_session().pk}

    def attendee_booking() -> dict[str, int]:
        fresh = new_session()
        made = services.booking_create(user=coordinator, session_id=fresh.pk)
        return {"pk": fresh.pk, "booking_id": made.pk}

    campaign = CampaignWeek.objects.order_by("pk").first()
    assert campaign is not None, "the demo has a campaign week"
    # Someone outside the walk: renewing one's own token in the walk must not end this one.
    token = services.calendar_token_get(
        user=User.objects.get(email="samordnare.farsta@demo.example.org")
    )

    on_draft = Sample({"slug": draft.slug}, obj=draft, hidden_unless="example.view")
    draft_post = replace(on_draft, method="post")
    published = adoption.example
    on_adoption = Sample(
        {"slug": published.slug, "pk": adoption.pk}, obj=adoption, hidden_unless="adoption.view"
    )
    on_session = Sample({"pk": session.pk}, obj=session, hidden_unless="session.view")
    session_post = replace(on_session, method="post")
    assert Booking.objects.filter(pk=booking.pk).exists()
    return {
        "spreading:example_list": Sample(),
        "spreading:example_create": Sample(),
        # The page asks people to sign in before it looks for the idea.
        "spreading:example_from_idea": Sample(
            {"idea_pk": idea.pk}, obj=idea, hidden_unless="idea.view", signed_in_only=True
        ),
        "spreading:example_detail": on_draft,
        "spreading:example_edit": on_draft,
        "spreading:example_publish": draft_post,
        # Uploads and bookings ask people to sign in before they look for the object.
        "spreading:example_image_add": replace(draft_post, signed_in_only=True),
        "spreading:example_attachment_add": replace(draft_post, signed_in_only=True),
        "spreading:example_figure_add": replace(draft_post, signed_in_only=True),
        "spreading:example_image": replace(
            on_draft, kwargs={"slug": draft.slug, "image_id": image.pk}
        ),
        "spreading:example_attachment": replace(
            on_draft, kwargs={"slug": draft.slug, "attachment_id": attachment.pk}
        ),
        "spreading:example_adopt": Sample(
            {"slug": published.slug}, method="post", obj=published, signed_in_only=True
        ),
        "spreading:adoption_detail": on_adoption,
        "spreading:adoption_edit": replace(on_adoption, method="post", signed_in_only=True),
        "spreading:adoption_mark_spread": replace(on_adoption, method="post", signed_in_only=True),
        "spreading:session_list": Sample(),
        "spreading:session_create": Sample(),
        "spreading:my_bookings": Sample(),
        "spreading:calendar_renew": Sample(method="post"),
        "spreading:calendar_feed": Sample({"token": token.token}),
        "spreading:campaign_create": Sample(),
        "spreading:campaign_detail": Sample({"slug": campaign.slug}, obj=campaign),
        "spreading:session_detail": on_session,
        "spreading:session_edit": on_session,
        "spreading:session_cancel": replace(session_post, kwargs=session_to_cancel),
        "spreading:session_book": replace(session_post, signed_in_only=True),
        # One's own booking: only the coordinator has one on this session; for the others
        # there is no booking to cancel (404).
        "spreading:booking_cancel": replace(
            session_post,
            expect={"coordinator": OK, **dict.fromkeys(OTHERS_SIGNED_IN, NOT_FOUND)},
        ),
        "spreading:session_attendees": on_session,
        "spreading:attendee_cancel": replace(session_post, kwargs=attendee_booking),
        "spreading:session_ics": on_session,
        "spreading:notices": Sample(),
        "api:spreading:example_list": Sample(),
        "api:spreading:example_detail": replace(on_draft),
        "api:spreading:adoption_list": Sample(),
        "api:spreading:adoption_detail": Sample({"pk": adoption.pk}, obj=adoption),
        "api:spreading:session_list": Sample(),
        "api:spreading:session_detail": on_session,
        # A fresh session per request: a booking made here must not give the page's
        # booking_cancel above a booking to cancel (the walk's order is the names' order).
        "api:spreading:session_booking": replace(
            session_post, signed_in_only=True, kwargs=session_to_cancel
        ),
        **award_samples(),
        **group_url_samples(),
    }
