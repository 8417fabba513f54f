"""The open data of the demo city: the Frictionless validator passes it, the DCAT-AP-SE
catalogue parses with rdflib and has what the data portal needs, the public ideas are exactly
what the anonymous API lists, and no dataset holds an e-mail address or a person's name."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from rest_framework.test import APIClient

from innovera.followup.demo import demo_goals_load
from innovera.ideas.demo import demo_ideas_load
from innovera.organisations.demo import demo_city_load
from innovera.organisations.models import User


def _download(client: Any, url: str) -> str:
    response = client.get(url, secure=True)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def demo(db: None) -> None:
    demo_city_load()
    demo_ideas_load()
    demo_goals_load()


def _api_public_ideas() -> int:
    api = APIClient()
    url: str | None = "/api/v1/ideas/"
    count = 0
    while url:
        page = api.get(url, secure=True).json()
        count += len(page["results"])
        url = page["next"]
    return count


def test_the_public_ideas_file_has_a_row_per_idea_the_anonymous_api_lists(
    demo: None, client: Any
) -> None:
    lines = _download(client, "/oppna-data/public-ideas.csv").splitlines()
    rows = json.loads(_download(client, "/oppna-data/public-ideas.json"))
    assert lines[0].startswith("id,title,description")
    assert len(rows) == _api_public_ideas() > 0
    # A description may span lines; count records through the CSV reader.
    import csv
    import io

    records = list(csv.DictReader(io.StringIO(_download(client, "/oppna-data/public-ideas.csv"))))
    assert len(records) == len(rows)


def test_no_dataset_holds_an_email_address_or_a_persons_name(demo: None, client: Any) -> None:
    names = [name for name in User.objects.values_list("full_name", flat=True) if name]
    package = client.get("/oppna-data/datapackage.json", secure=True).json()
    assert len(package["resources"]) >= 3
    for resource in package["resources"]:
        for extension in ("csv", "json"):
            text = _download(client, f"/oppna-data/{resource['name']}.{extension}")
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), resource["name"]
            for name in names:
                assert name not in text, (resource["name"], name)


def test_the_catalogue_is_dcat_ap_se_with_absolute_iris(demo: None, client: Any) -> None:
    from rdflib import RDF, BNode, Graph, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF

    response = client.get("/oppna-data/katalog.rdf", secure=True)
    assert response["Content-Type"].startswith("application/rdf+xml")
    graph = Graph().parse(data=response.content, format="xml")
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1 and isinstance(catalogues[0], URIRef)
    catalogue = catalogues[0]
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher):
        assert graph.value(catalogue, predicate) is not None
    datasets = list(graph.objects(catalogue, DCAT.dataset))
    assert {str(d).rsplit("#", 1)[1] for d in datasets} >= {
        "public-ideas",
        "challenges",
        "indicators",
    }
    licence = URIRef("http://creativecommons.org/licenses/by/4.0/")
    for dataset in datasets:
        assert isinstance(dataset, URIRef) and str(dataset).startswith("https://")
        for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint):
            assert graph.value(dataset, predicate) is not None, (dataset, predicate)
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for distribution in distributions:
            assert isinstance(distribution, URIRef)
            access = graph.value(distribution, DCAT.accessURL)
            assert isinstance(access, URIRef) and str(access).startswith("https://")
            assert graph.value(distribution, DCTERMS.license) == licence
    publisher = graph.value(catalogue, DCTERMS.publisher)
    assert not isinstance(publisher, BNode)
    assert str(graph.value(publisher, FOAF.name)) == "Stockholms stad"
    assert str(graph.value(publisher, DCTERMS.identifier)) == "212000-0142"
    assert not any(isinstance(s, BNode) for s in graph.subjects())


@pytest.mark.django_db(transaction=True)
def test_the_demo_data_package_passes_frictionless_validate(live_server: Any) -> None:
    from frictionless import validate

    demo_city_load()
    demo_ideas_load()
    demo_goals_load()
    report = validate(f"{live_server.url}/oppna-data/datapackage.json")
    problems = [error.message for task in report.tasks for error in task.errors]
    assert report.valid, problems
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert set(rows) >= {"public-ideas", "challenges", "indicators", "good-examples", "adoptions"}
    assert all(rows[name] > 0 for name in ("public-ideas", "challenges", "indicators"))


def test_a_cell_that_would_run_as_a_formula_is_defused(db: None, client: Any) -> None:
    from innovera.ideas.tests.factories import make_idea

    make_idea(title="=HYPERLINK(1)", description="-2 grader")
    text = _download(client, "/oppna-data/public-ideas.csv")
    assert "'=HYPERLINK(1)" in text and "'-2 grader" in text
