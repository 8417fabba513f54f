"""Award pages and the awards API: what each person sees, and what a refused request leaves."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from innovera.spreading import services_awards
from innovera.spreading.models import Assessment, Nomination, NominationStatus
from innovera.spreading.tests.awards_factories import (
    make_round,
    post_external_entry,
    scores_for,
    seated_round,
    signed_in,
)

pytestmark = pytest.mark.django_db


def test_a_conflicted_jurors_scoring_page_shows_no_scores_and_a_post_stores_nothing(
    city: dict[str, Any],
) -> None:
    setup = seated_round(city)
    round_, chair, juror = setup["round"], setup["chair"], setup["juror"]
    south = setup["entries"][1]  # Jon's own unit's entry
    services_awards.assessment_submit(user=chair, nomination=south, scores=scores_for(round_, 5, 4))
    url = reverse("spreading:award_score", kwargs={"slug": round_.slug, "pk": south.pk})
    client = signed_in(juror)

    page = client.get(url, secure=True).content.decode()
    assert "Du är jävig för det här bidraget" in page
    assert "Ceci Ordförande" not in page and "Lämna min bedömning" not in page
    first, second = round_.criteria.all()
    answer = client.post(
        url, {f"criterion-{first.pk}": "5", f"criterion-{second.pk}": "5"}, secure=True
    )
    assert answer.status_code == 400 and "jävig" in answer.content.decode()
    assert not Assessment.objects.filter(juror=juror).exists()


def test_a_juror_scores_on_the_page_and_then_sees_the_others(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_, chair, juror = setup["round"], setup["chair"], setup["juror"]
    north = setup["entries"][0]
    services_awards.assessment_submit(user=chair, nomination=north, scores=scores_for(round_, 5, 4))
    url = reverse("spreading:award_score", kwargs={"slug": round_.slug, "pk": north.pk})
    client = signed_in(juror)
    assert "Ceci Ordförande" not in client.get(url, secure=True).content.decode()

    first, second = round_.criteria.all()
    refused = client.post(
        url, {f"criterion-{first.pk}": "4", f"criterion-{second.pk}": "9"}, secure=True
    )
    assert refused.status_code == 400 and not Assessment.objects.filter(juror=juror).exists()
    done = client.post(
        url, {f"criterion-{first.pk}": "4", f"criterion-{second.pk}": "3"}, secure=True
    )
    assert done.status_code == 302
    page = client.get(url, secure=True).content.decode()
    assert "Ceci Ordförande" in page and "4,67" in page  # the chair's (5·2 + 4) / 3


def test_the_jury_pages_do_not_exist_for_someone_off_the_jury(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    outsider = signed_in(setup["nominator"])
    slug = setup["round"].slug
    for name in ("spreading:award_jury", "spreading:award_chair", "spreading:award_results"):
        assert outsider.get(reverse(name, kwargs={"slug": slug}), secure=True).status_code == 404


def test_the_results_page_shows_the_winners_sentence_once_published(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_, chair = setup["round"], setup["chair"]
    url = reverse("spreading:award_results", kwargs={"slug": round_.slug})
    assert Client().get(url, secure=True).status_code == 404

    chair_client = signed_in(chair)
    north = setup["entries"][0]
    decided = chair_client.post(
        reverse("spreading:award_chair", kwargs={"slug": round_.slug}),
        {f"winner-{north.pk}": "on", f"motivation-{north.pk}": "läxhjälp för alla"},
        secure=True,
    )
    assert decided.status_code == 302
    chair_client.post(reverse("spreading:award_publish", kwargs={"slug": round_.slug}), secure=True)

    page = Client().get(url, secure=True).content.decode()
    assert (
        "Norrmalms läxhjälp (Norrmalm) vann förnyelsepriset 2026 med motiveringen: "
        "”läxhjälp för alla”" in page
    )


def test_the_chair_must_write_a_motivation_for_each_winner(city: dict[str, Any]) -> None:
    setup = seated_round(city)
    round_, north = setup["round"], setup["entries"][0]
    answer = signed_in(setup["chair"]).post(
        reverse("spreading:award_chair", kwargs={"slug": round_.slug}),
        {f"winner-{north.pk}": "on", f"motivation-{north.pk}": ""},
        secure=True,
    )
    assert answer.status_code == 400
    assert "Skriv den offentliga motiveringen för ”Norrmalms läxhjälp”" in answer.content.decode()
    assert not Nomination.objects.filter(is_winner=True).exists()


def test_the_nominations_api_is_the_jurys_until_the_results_are_published(
    city: dict[str, Any],
) -> None:
    setup = seated_round(city)
    round_, chair = setup["round"], setup["chair"]
    url = reverse("api:spreading:award_nominations", kwargs={"slug": round_.slug})
    assert Client().get(url, secure=True).status_code == 404
    assert signed_in(setup["nominator"]).get(url, secure=True).status_code == 404
    jury = signed_in(chair).get(url, secure=True).json()
    assert len(jury["results"]) == 3 and all(e["is_winner"] is None for e in jury["results"])

    north = setup["entries"][0]
    services_awards.round_decide(user=chair, round_=round_, winners={north.pk: "För alla."})
    services_awards.round_publish(user=chair, round_=round_)
    public = Client().get(url, secure=True).json()
    winners = [e for e in public["results"] if e["is_winner"]]
    assert [(w["title"], w["public_motivation"]) for w in winners] == [
        ("Norrmalms läxhjälp", "För alla.")
    ]
    rounds = Client().get(reverse("api:spreading:award_list"), secure=True).json()
    assert [r["slug"] for r in rounds["results"]] == [round_.slug]


def test_a_round_being_prepared_is_not_listed_for_the_public(city: dict[str, Any]) -> None:
    round_ = make_round(office=city["office"], status="preparing")
    assert Client().get(reverse("api:spreading:award_list"), secure=True).json()["results"] == []
    page = reverse("spreading:award_round", kwargs={"slug": round_.slug})
    assert Client().get(page, secure=True).status_code == 404


def test_an_external_entrant_confirms_by_the_mailed_link_and_no_address_is_published(
    city: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = post_external_entry(
            office=city["office"],
            round_name="LYS",
            name="Eva Entreprenör",
            organisation="Lysande AB",
            title="Smarta gatlampor",
            motivation="Lampor som tänds.",
        )
    assert "Kolla din e-post" in page or "Vi har skickat" in page
    link = re.search(r"https?://\S+/bekrafta/[\w-]+/", str(mail.outbox[0].body))
    assert link is not None
    path = link.group(0).split("testserver", 1)[-1]
    assert Client().get(path, secure=True).status_code == 200  # a scanner confirms nothing
    assert Nomination.objects.get().status == NominationStatus.UNCONFIRMED
    Client().post(path, secure=True)
    assert Nomination.objects.get().status == NominationStatus.ENTERED
    assert (
        Client()
        .get(reverse("spreading:award_confirm", kwargs={"token": "x" * 43}), secure=True)
        .status_code
        == 404
    )


def test_an_external_entry_with_a_bad_address_keeps_what_was_typed(city: dict[str, Any]) -> None:
    page = post_external_entry(office=city["office"], email="eva-at")
    assert 'value="Lampor"' in page and "e-postadress" in page
    assert not Nomination.objects.exists()
