"""Good examples: drafts, publishing, created from an implemented idea, images and files."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovera.ideas.models import Effect, Lesson, Stage
from innovera.ideas.tests.factories import make_idea
from innovera.organisations.models import User
from innovera.spreading import selectors, services
from innovera.spreading.apps import SpreadingConfig
from innovera.spreading.models import GoodExample
from innovera.spreading.tests.factories import (
    example_fields,
    make_coordinator,
    make_example,
    make_office,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


def author_of(example: GoodExample) -> User:
    assert example.author is not None
    return example.author


def spreading_app() -> SpreadingConfig:
    config = apps.get_app_config("spreading")
    assert isinstance(config, SpreadingConfig)
    return config


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def implemented_idea(unit):
    idea = make_idea(unit=unit, title="Nyckelfri hemtjänst")
    idea.stage = Stage.objects.get(key="implemented")
    idea.save()
    Effect.objects.create(idea=idea, kind="time", text="Mindre tid på nycklar", number=30)
    Lesson.objects.create(idea=idea, text="Låsen frös i kyla", did_not_work=True)
    return idea


def test_a_coordinator_writes_a_draft_only_the_author_and_the_office_see(client: Client) -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    example = services.example_create(user=coordinator, unit=unit, fields=example_fields())
    url = example.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(make_user(unit=unit))
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(make_office())
    assert client.get(url).status_code == 200


def test_a_coordinator_may_not_write_for_another_unit() -> None:
    from innovera.core.exceptions import ApplicationError

    coordinator = make_coordinator(make_unit())
    with pytest.raises(ApplicationError) as refused:
        services.example_create(user=coordinator, unit=make_unit(), fields=example_fields())
    assert refused.value.field == "unit"


def test_publishing_makes_the_example_public_in_the_list(client: Client) -> None:
    example = make_example(published=False)
    assert example.title not in client.get(reverse("spreading:example_list")).content.decode()

    services.example_publish(user=make_office(), example=example)

    assert example.title in client.get(reverse("spreading:example_list")).content.decode()


def test_an_implemented_idea_becomes_an_example_prefilled_and_linked_both_ways(
    client: Client,
) -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    idea = implemented_idea(unit)
    client.force_login(coordinator)

    idea_page = client.get(idea.get_absolute_url()).content.decode()
    assert "Gör idén till ett gott exempel" in idea_page
    form_page = client.get(reverse("spreading:example_from_idea", kwargs={"idea_pk": idea.pk}))
    assert form_page.context["form"].initial["title"] == "Nyckelfri hemtjänst"
    assert "Låsen frös i kyla" in form_page.context["form"].initial["did_not_work"]

    data = {
        **form_page.context["form"].initial,
        "unit": unit.pk,
        "status": "in_use",
        "how_to_adopt": "Börja med en enhet.",
    }
    data.pop("topics")
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(
        reverse("spreading:example_from_idea", kwargs={"idea_pk": idea.pk}), data
    )
    assert response.status_code == 302, response.context["form"].errors
    example = GoodExample.objects.get(idea=idea)
    services.example_publish(user=coordinator, example=example)

    idea_page = Client().get(idea.get_absolute_url()).content.decode()
    assert "Spridd som gott exempel" in idea_page
    example_page = Client().get(example.get_absolute_url()).content.decode()
    assert "Mindre tid på nycklar" in example_page  # the idea's recorded effect
    assert idea.get_absolute_url() in example_page


def test_an_idea_not_yet_implemented_cannot_become_an_example(client: Client) -> None:
    unit = make_unit()
    client.force_login(make_coordinator(unit))
    idea = make_idea(unit=unit)
    response = client.get(reverse("spreading:example_from_idea", kwargs={"idea_pk": idea.pk}))
    assert response.status_code == 403


def test_an_image_without_alternative_text_is_a_field_error_in_swedish(client: Client) -> None:
    example = make_example()
    client.force_login(author_of(example))
    upload = SimpleUploadedFile("tavla.png", PNG, content_type="image/png")

    response = client.post(
        reverse("spreading:example_image_add", kwargs={"slug": example.slug}),
        {"image-image": upload, "image-alt_text": "  ", "image-caption": "Tavlan"},
    )

    assert response.status_code == 400
    form = response.context["image_form"]
    assert form.errors["alt_text"] == [
        "Beskriv bilden i en alternativtext, för den som inte kan se den."
    ]
    assert form["caption"].value() == "Tavlan"  # what was typed is kept
    assert not example.images.exists()


def test_an_image_with_alternative_text_is_shown_with_it(client: Client) -> None:
    example = make_example()
    client.force_login(author_of(example))
    client.post(
        reverse("spreading:example_image_add", kwargs={"slug": example.slug}),
        {
            "image-image": SimpleUploadedFile("tavla.png", PNG, content_type="image/png"),
            "image-alt_text": "Förbättringstavla med gula lappar",
        },
    )
    page = Client().get(example.get_absolute_url()).content.decode()
    assert 'alt="Förbättringstavla med gula lappar"' in page


def test_an_attachment_whose_content_does_not_match_its_name_is_refused(client: Client) -> None:
    example = make_example()
    client.force_login(author_of(example))
    response = client.post(
        reverse("spreading:example_attachment_add", kwargs={"slug": example.slug}),
        {"attachment-attachment": SimpleUploadedFile("plan.pdf", b"MZ not a pdf")},
    )
    assert response.status_code == 400
    assert "stämmer inte" in response.content.decode()
    assert not example.attachments.exists()


def test_a_draft_s_attachment_is_hidden_from_others(client: Client) -> None:
    example = make_example(published=False)
    attachment = services.example_attachment_add(
        user=author_of(example),
        example=example,
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
    )
    url = reverse(
        "spreading:example_attachment",
        kwargs={"slug": example.slug, "attachment_id": attachment.pk},
    )
    assert client.get(url).status_code == 404
    client.force_login(author_of(example))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_the_list_filters_by_unit_type_status_and_adoption_and_sorts_by_most_adopted(
    client: Client,
) -> None:
    plain = make_example(title="Vanligt exempel", unit_types=["district"])
    adopted = make_example(title="Spritt exempel", unit_types=["unit"])
    other = make_unit()
    adoption, _ = services.adoption_create(user=make_office(), example_id=adopted.pk, unit=other)
    services.adoption_update(user=make_office(), adoption_id=adoption.pk, status="in_use")
    url = reverse("spreading:example_list")

    def titles(**query: str) -> list[str]:
        page = client.get(url, query).context["page"]
        return [example.title for example in page.object_list]

    assert titles(unit_type="district") == ["Vanligt exempel"]
    assert titles(adopted="on") == ["Spritt exempel"]
    assert titles(sort="most_adopted") == ["Spritt exempel", "Vanligt exempel"]
    assert titles(q="spritt") == ["Spritt exempel"]
    assert titles(status="ended") == []
    assert plain.title in titles()


def test_the_list_and_the_page_take_the_same_number_of_queries_for_many_examples() -> None:
    for n in range(3):
        make_example(title=f"Exempel {n}")
    reader = make_user(unit=make_unit())
    # A fresh user object each time: the roles are read once per object.
    with CaptureQueriesContext(connection) as few:
        fresh = User.objects.get(pk=reader.pk)
        list(selectors.example_list(user=fresh, filters={}).object_list)
    for n in range(3, 25):
        example = make_example(title=f"Exempel {n}")
    with CaptureQueriesContext(connection) as many:
        fresh = User.objects.get(pk=reader.pk)
        list(selectors.example_list(user=fresh, filters={}).object_list)
    assert len(few) == len(many) <= 4

    for _n in range(4):
        services.adoption_create(user=make_office(), example_id=example.pk, unit=make_unit())
    with CaptureQueriesContext(connection) as detail:
        view = selectors.example_detail(user=reader, slug=example.slug)
        assert view is not None
        [a.unit.name for group in view.adoptions_by_type for a in group.adoptions]
    assert len(detail) <= 12


def test_search_finds_published_examples_through_the_registry_provider() -> None:

    make_example(title="Tavlor i Farsta")
    draft = make_example(title="Hemliga tavlor", published=False)
    provider = spreading_app()

    hits = provider.search(make_user(unit=make_unit()), "tavla", 10)
    assert [hit.title for hit in hits] == ["Tavlor i Farsta"]
    assert "Hemliga tavlor" in [hit.title for hit in provider.search(draft.author, "tavla", 10)]


def test_a_draft_can_be_filed_by_the_api_and_stays_private(client: Client) -> None:
    unit = make_unit()
    coordinator = make_coordinator(unit)
    client.force_login(coordinator)
    response = client.post(
        "/api/v1/examples/",
        {**example_fields(title="Via API"), "unit": unit.pk, "unit_types": ["unit"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["publication"] == "draft"
    slug = response.json()["slug"]
    assert Client().get(f"/api/v1/examples/{slug}/").status_code == 404


def test_bad_api_input_names_the_field() -> None:
    client = Client()
    coordinator = make_coordinator(make_unit())
    client.force_login(coordinator)
    response = client.post("/api/v1/examples/", {"title": "Halv"}, content_type="application/json")
    assert response.status_code == 400
    assert "summary" in response.json()
