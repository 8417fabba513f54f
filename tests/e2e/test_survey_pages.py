"""The survey in the browser: a head of unit answers with the keyboard only; the office's
pages pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from innovera.organisations.demo import DEMO_PASSWORD, demo_city_load
from innovera.surveys.demo import demo_rounds_load
from innovera.surveys.forms import survey_pages
from innovera.surveys.instrument import STOCKHOLM_2014
from innovera.surveys.models import SurveyMode, SurveyResponse
from innovera.surveys.tests.factories import make_invitation, make_round
from tests.e2e.conftest import assert_accessible, follow
from tests.e2e.test_foundation_pages import sign_in

pytestmark = pytest.mark.browser


FOCUSED = "[document.activeElement.name || '', document.activeElement.textContent.trim()]"


def tab_to(page: Any, target: str, limit: int = 300) -> None:
    """Press Tab until the focused element has `target` as its name or its text."""
    for _ in range(limit):
        if target in page.evaluate(FOCUSED):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_a_head_of_unit_answers_the_survey_with_the_keyboard_only(page: Any) -> None:
    survey_round = make_round(mode=SurveyMode.IDENTIFIED, title="Innovationsförmåga 2026")
    _invitation, token = make_invitation(survey_round)
    page_count = len(survey_pages(STOCKHOLM_2014))

    page.goto(f"/enkat/{token}/")
    assert_accessible(page)
    tab_to(page, "Starta enkäten")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/enkat/{token}/sida/1/")
    assert_accessible(page)
    tab_to(page, "uses_concept")
    page.keyboard.press("Space")  # the first radio: Ja
    tab_to(page, "sa_overall")
    page.keyboard.press("ArrowRight")  # from 1 to 2
    page.keyboard.press("ArrowRight")  # to 3
    tab_to(page, "Spara och fortsätt")
    page.keyboard.press("Enter")

    for number in range(2, page_count + 1):
        page.wait_for_url(f"**/sida/{number}/")
        assert_accessible(page)
        button = "Spara och granska" if number == page_count else "Spara och fortsätt"
        tab_to(page, button)
        page.keyboard.press("Enter")

    page.wait_for_url(f"**/enkat/{token}/skicka/")
    assert_accessible(page)
    tab_to(page, "Skicka in svaren")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tack för dina svar")).to_be_visible()
    assert_accessible(page)
    assert SurveyResponse.objects.get().answers == {"uses_concept": True, "sa_overall": 3}

    page.goto(f"/enkat/{token}/")
    expect(page.get_by_role("heading", name="Enkäten har redan besvarats")).to_be_visible()
    assert_accessible(page)


def test_the_factor_grid_page_and_its_error_state_pass_axe(page: Any) -> None:
    survey_round = make_round()
    _invitation, token = make_invitation(survey_round)
    grid_page = next(
        n
        for n, questions in enumerate(survey_pages(STOCKHOLM_2014), start=1)
        if questions[0].code == "factors"
    )

    page.goto(f"/enkat/{token}/sida/{grid_page}/")
    assert_accessible(page)
    page.get_by_role("group", name="Nyfikenhet").get_by_label("4 – Mycket viktig").check()
    page.evaluate("document.querySelector('input[name=factor_curiosity_current]').value = '9'")
    page.locator("input[name=factor_curiosity_current]").first.check()
    page.get_by_role("button", name="Spara och fortsätt", exact=True).click()

    expect(page.locator(".ds-error-summary")).to_be_visible()
    assert_accessible(page)


def test_the_offices_survey_pages_pass_axe(page: Any) -> None:
    demo_city_load()
    demo_rounds_load()
    sign_in(page, "innovationskontoret@demo.example.org", DEMO_PASSWORD)

    follow(page, page.get_by_role("link", name="Enkäter"))
    assert_accessible(page)
    for path in [
        "/enkater/stockholm-2014/",
        "/enkater/stockholm-2014/resultat/",
        "/enkater/stockholm-2016/resultat/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/enkater/mallar/")
    assert_accessible(page)
    page.get_by_label("Kopians namn").fill("malmo-2026")
    page.get_by_role("button", name="Kopiera mallen", exact=True).click()
    page.wait_for_url("**/enkater/mallar/malmo-2026/")
    assert_accessible(page)
    page.get_by_role("textbox").first.fill("")
    page.get_by_role("button", name="Spara mallen").click()
    expect(page.locator(".ds-error-summary")).to_be_visible()
    assert_accessible(page)

    page.goto("/enkater/stockholm-2014/")
    page.get_by_label("Fil med svar").set_input_files(
        files=[
            {
                "name": "fel.csv",
                "mimeType": "text/csv",
                "buffer": b"respondent_id,org_type\n1,kommun\n",
            }
        ]
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("heading", name="Inget importerades")).to_be_visible()
    assert "rad 2, kolumn org_type" in page.content()
    assert_accessible(page)
