"""The office copies a template, edits it, and answered versions are never rewritten."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from innovera.surveys import selectors, services
from innovera.surveys.models import SurveyResponse, SurveyTemplate
from innovera.surveys.tests.factories import make_office_user, make_round

pytestmark = pytest.mark.django_db


def test_editing_an_unanswered_copy_changes_it_in_place() -> None:
    services.template_copy(source_key="stockholm-2014", new_key="malmo")

    saved = services.template_save_edits(
        key="malmo", edits={"q__sa_overall__text_sv": "Hur innovativ är {org}?"}
    )

    assert saved.version == 1
    assert SurveyTemplate.objects.count() == 1
    assert (
        selectors.template_get("malmo").question("sa_overall").text_sv == "Hur innovativ är {org}?"
    )


def test_editing_an_answered_version_makes_the_next_version_and_keeps_the_old() -> None:
    services.template_copy(source_key="stockholm-2014", new_key="malmo")
    answered = make_round(name="m2026", template="malmo", template_version=1)
    SurveyResponse.objects.create(
        round=answered, respondent_id="1", org_type="district", answers={}
    )

    saved = services.template_save_edits(
        key="malmo",
        edits={
            "newopt__idea_sources__key": "students",
            "newopt__idea_sources__label_sv": "Studenter",
        },
    )

    assert saved.version == 2
    assert [o.key for o in selectors.round_template(answered).question("idea_sources").options][
        -1
    ] == "other"
    assert selectors.template_get("malmo").question("idea_sources").options[-1].key == "students"
    assert selectors.template_latest_version("malmo") == 2


def test_a_copy_cannot_take_a_name_in_use() -> None:
    with pytest.raises(services.TemplateEditError):
        services.template_copy(source_key="stockholm-2014", new_key="stockholm-2014")


def test_the_office_copies_and_edits_a_template_in_the_browser_forms(client: Client) -> None:
    client.force_login(make_office_user())
    client.post(reverse("surveys:template_list"), {"source": "stockholm-2014", "key": "malmo"})
    page = client.get(reverse("surveys:template_edit", args=["malmo"]))
    form = page.context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data["q__uses_concept__text_sv"] = ""

    refused = client.post(reverse("surveys:template_edit", args=["malmo"]), data)

    assert "Detta fält måste fyllas i" in refused.content.decode()
    assert refused.context["form"].errors.keys() == {"q__uses_concept__text_sv"}
    data["q__uses_concept__text_sv"] = "Använder {org} ordet innovation?"
    client.post(reverse("surveys:template_edit", args=["malmo"]), data)
    assert (
        selectors.template_get("malmo").question("uses_concept").text_sv
        == "Använder {org} ordet innovation?"
    )


def test_a_new_round_asks_the_newest_version(client: Client) -> None:
    client.force_login(make_office_user())
    services.template_copy(source_key="stockholm-2014", new_key="malmo")
    SurveyTemplate.objects.create(
        key="malmo",
        version=2,
        based_on="stockholm-2014",
        definition=SurveyTemplate.objects.get().definition,
    )

    client.post(
        reverse("surveys:round_list"), {"name": "m", "template": "malmo", "mode": "anonymous"}
    )

    assert selectors.template_latest_version("malmo") == 2
    from innovera.surveys.models import Round

    assert Round.objects.get(name="m").template_version == 2
