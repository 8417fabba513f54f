"""The demo's spreading data has the states the issue names, and every page renders."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from innovera.ideas.demo import demo_ideas_load
from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import User
from innovera.spreading.demo import demo_spreading_load
from innovera.spreading.models import Adoption, Booking, CampaignWeek, GoodExample

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    demo_city_load()
    demo_ideas_load()
    assert demo_spreading_load()
    assert not demo_spreading_load()  # a second run adds nothing


def test_the_demo_has_examples_with_adoptions_in_several_states_and_a_campaign_week(demo) -> None:
    titles = set(
        GoodExample.objects.filter(publication="published").values_list("title", flat=True)
    )
    assert any("KISAM" in t for t in titles) and any("förnyelsepriset 2012" in t for t in titles)
    assert any("kvalitetsutmärkelsen 2011" in t for t in titles)
    assert any("Malmö" in t for t in titles)
    assert set(Adoption.objects.values_list("status", flat=True)) == {
        "interested",
        "planning",
        "in_use",
        "dropped",
    }
    assert Adoption.objects.filter(status="dropped").exclude(lessons="").exists()
    campaign = CampaignWeek.objects.get()
    sessions = list(campaign.sessions.all())
    from django.utils import timezone

    assert any(s.starts_at < timezone.now() for s in sessions)
    assert any(s.starts_at > timezone.now() for s in sessions)
    assert Booking.objects.filter(status="waiting").exists()
    assert Booking.objects.filter(attended=True, session__starts_at__lt=timezone.now()).exists()


def test_every_spreading_page_renders_for_the_office_and_the_public(demo) -> None:
    office = User.objects.get(email="innovationskontoret@demo.example.org")
    example = GoodExample.objects.filter(publication="published").first()
    adoption = Adoption.objects.first()
    assert example is not None and adoption is not None
    session = CampaignWeek.objects.get().sessions.first()
    assert session is not None
    pages = [
        reverse("spreading:example_list"),
        reverse("spreading:example_create"),
        example.get_absolute_url(),
        reverse("spreading:example_edit", kwargs={"slug": example.slug}),
        adoption.get_absolute_url(),
        reverse("spreading:session_list"),
        reverse("spreading:session_list") + "?visa=tidigare",
        reverse("spreading:session_create"),
        session.get_absolute_url(),
        reverse("spreading:session_edit", kwargs={"pk": session.pk}),
        reverse("spreading:session_attendees", kwargs={"pk": session.pk}),
        CampaignWeek.objects.get().get_absolute_url(),
        reverse("spreading:campaign_create"),
        reverse("spreading:my_bookings"),
        reverse("spreading:notices"),
    ]
    client = Client()
    client.force_login(office)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url
    public = Client()
    for url in (reverse("spreading:example_list"), example.get_absolute_url()):
        assert public.get(url).status_code == 200
