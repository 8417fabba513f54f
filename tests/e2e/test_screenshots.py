"""The README's screenshots, made again on request (issue 9):

    INNOVERA_SCREENSHOTS=docs/screenshots .venv/bin/pytest tests/e2e/test_screenshots.py

loads the demo city into the test database, signs in as each role a page is for and saves
PNGs at 390 and 1280 px: the start page, Mitt arbete, an idea page as its coordinator and
the survey results. Without the variable the test is skipped, so the ordinary suite writes
nothing. Pages are shot at the viewport's height (not the whole page), and the colours are
reduced to a palette, so each file stays small.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from innovera.core import registry
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser

TARGET = os.environ.get("INNOVERA_SCREENSHOTS", "")
WIDTHS = {390: 844, 1280: 900}
COORDINATOR = "samordnare@demo.example.org"
OFFICE = "innovationskontoret@demo.example.org"


def save(page: Any, name: str) -> None:
    from PIL import Image

    folder = Path(TARGET)
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        shot = Image.open(io.BytesIO(page.screenshot()))
        small = shot.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        small.save(folder / f"{name}-{width}.png", optimize=True)


def coordinators_idea_url() -> str:
    """An idea of the coordinator's unit with a trail, so the handling section shows."""
    from innovera.ideas.models import Idea
    from innovera.organisations.models import User

    coordinator = User.objects.get(email=COORDINATOR)
    units = coordinator.memberships.values_list("unit_id", flat=True)
    idea = (
        Idea.objects.filter(owner_unit_id__in=units, stage__key="submitted").first()
        or Idea.objects.filter(owner_unit_id__in=units).first()
    )
    assert idea is not None, "the demo has no idea of the coordinator's unit"
    return idea.get_absolute_url()


@pytest.mark.skipif(not TARGET, reason="screenshots are made on request: set INNOVERA_SCREENSHOTS")
def test_make_the_readmes_screenshots(page: Any) -> None:
    for config in sorted(registry.innovera_apps(), key=lambda config: config.demo_order):
        config.load_demo()

    page.goto("/")
    save(page, "start")

    sign_in(page, COORDINATOR)
    page.goto(reverse("core:my_work"))
    save(page, "mitt-arbete")
    page.goto(coordinators_idea_url())
    save(page, "idea-coordinator")
    page.get_by_role("button", name="Logga ut").first.click()

    sign_in(page, OFFICE)
    page.goto(reverse("surveys:round_results", args=["stockholm-2014"]))
    save(page, "survey-results")
