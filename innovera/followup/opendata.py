"""The open data (CC BY 4.0): every app's datasets, a Frictionless Data Package describing
their CSV files, and a DCAT-AP-SE catalogue for Sweden's data portal.

Datasets are declared by the apps (`InnoveraAppConfig.open_datasets()`); this module only
serialises them. CSV and JSON are streamed from the database at each download, so they are
as fresh as the data and memory stays flat however many rows there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from innovera.core.registry import Dataset, innovera_apps

LICENCE_IRI: Final = "http://creativecommons.org/licenses/by/4.0/"
LICENCE_PAGE: Final = "https://creativecommons.org/licenses/by/4.0/"


def datasets() -> list[Dataset]:
    found: list[Dataset] = []
    for config in innovera_apps():
        found.extend(config.open_datasets())
    return found


def dataset_get(code: str) -> Dataset | None:
    return next((dataset for dataset in datasets() if dataset.code == code), None)


def csv_rows(dataset: Dataset) -> Iterator[list[Any]]:
    names = [field.name for field in dataset.fields]
    for row in dataset.rows():
        yield ["" if row.get(name) is None else row[name] for name in names]


def publisher() -> dict[str, str]:
    return {
        "name": settings.OPEN_DATA_PUBLISHER_NAME,
        "organisation_number": settings.OPEN_DATA_ORGANISATION_NUMBER,
        "email": settings.OPEN_DATA_CONTACT_EMAIL,
    }


def _licence() -> dict[str, str]:
    return {
        "name": "CC-BY-4.0",
        "path": LICENCE_PAGE,
        "title": "Creative Commons Attribution 4.0 International",
    }


def datapackage(base: str) -> dict[str, Any]:
    """The Frictionless Data Package: each dataset's CSV as a resource with its schema."""
    with override("sv"):
        return {
            "name": "innovera-open-data",
            "title": _("Open data of the city's innovation work"),
            "description": _(
                "Ideas, challenges, good examples and indicators, without personal data."
            ),
            "licenses": [_licence()],
            "publisher": publisher()["name"],
            "resources": [
                {
                    "name": dataset.code,
                    "title": str(dataset.title),
                    "description": str(dataset.description),
                    "path": f"{base}/oppna-data/{dataset.code}.csv",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "licenses": [_licence()],
                    "schema": {
                        "fields": [
                            {
                                "name": field.name,
                                "type": field.type,
                                "description": str(field.description),
                            }
                            for field in dataset.fields
                        ]
                    },
                }
                for dataset in datasets()
            ],
        }


def catalogue_rdf(base: str) -> bytes:
    """The DCAT-AP-SE catalogue as RDF/XML: absolute IRIs for the catalogue, each dataset and
    each distribution, the publisher with its organisation number, a contact point, and the
    licence on catalogue and distributions."""
    from rdflib import RDF, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF

    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", vcard)
    page = f"{base}/oppna-data/"
    catalogue = URIRef(f"{page}katalog.rdf#katalog")
    agent = URIRef(f"{page}#utgivare")
    contact = URIRef(f"{page}#kontakt")
    licence = URIRef(LICENCE_IRI)
    facts = publisher()

    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(facts["name"], lang="sv")))
    graph.add((agent, DCTERMS.identifier, Literal(facts["organisation_number"])))
    graph.add((contact, RDF.type, vcard.Organization))
    graph.add((contact, vcard.fn, Literal(facts["name"], lang="sv")))
    graph.add((contact, vcard.hasEmail, URIRef(f"mailto:{facts['email']}")))

    def texts(subject: URIRef, predicate: URIRef, text: Any) -> None:
        for lang in ("sv", "en"):
            with override(lang):
                graph.add((subject, predicate, Literal(str(text), lang=lang)))

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    texts(catalogue, DCTERMS.title, _("Open data of the city's innovation work"))
    texts(
        catalogue,
        DCTERMS.description,
        _("Ideas, challenges, good examples and indicators, without personal data."),
    )
    graph.add((catalogue, DCTERMS.publisher, agent))
    graph.add((catalogue, DCTERMS.license, licence))
    graph.add((catalogue, FOAF.homepage, URIRef(page)))
    graph.add(
        (
            catalogue,
            DCTERMS.language,
            URIRef("http://publications.europa.eu/resource/authority/language/SWE"),
        )
    )
    for dataset in datasets():
        node = URIRef(f"{page}#{dataset.code}")
        graph.add((catalogue, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        texts(node, DCTERMS.title, dataset.title)
        texts(node, DCTERMS.description, dataset.description)
        graph.add((node, DCTERMS.publisher, agent))
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((node, DCTERMS.identifier, Literal(f"{page}#{dataset.code}")))
        graph.add((node, DCAT.landingPage, URIRef(page)))
        for keyword in dataset.keywords:
            graph.add((node, DCAT.keyword, Literal(keyword, lang="sv")))
        for extension, media_type, format_iri in (
            ("csv", "text/csv", "CSV"),
            ("json", "application/json", "JSON"),
        ):
            url = URIRef(f"{page}{dataset.code}.{extension}")
            distribution = URIRef(f"{page}#{dataset.code}-{extension}")
            graph.add((node, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCAT.accessURL, url))
            graph.add((distribution, DCAT.downloadURL, url))
            graph.add(
                (
                    distribution,
                    DCAT.mediaType,
                    URIRef(f"http://www.iana.org/assignments/media-types/{media_type}"),
                )
            )
            graph.add(
                (
                    distribution,
                    DCTERMS["format"],
                    URIRef(
                        f"http://publications.europa.eu/resource/authority/file-type/{format_iri}"
                    ),
                )
            )
            graph.add((distribution, DCTERMS.license, licence))
            texts(distribution, DCTERMS.title, dataset.title)
    data: bytes = graph.serialize(format="pretty-xml", encoding="utf-8")
    return data


# --- the followup app's own dataset: indicators per unit and period --------------------------


def indicator_rows() -> Iterator[dict[str, Any]]:
    """Every indicator for the city, each unit type and each administration and company, per
    calendar year (the last three and this one so far), small counts suppressed as on the
    public dashboards. Read from the daily counts."""
    import datetime

    from django.utils import timezone

    from innovera.followup import selectors
    from innovera.followup.indicators import INDICATORS, Period, available, compute
    from innovera.followup.tree import ADMINISTRATION_TYPES

    today = timezone.localdate()
    tree = selectors.unit_tree()
    groups = [("city", "", "", tree.city_group(""))]
    groups += [("unit_type", "", kind, tree.type_group(kind, "")) for kind in ADMINISTRATION_TYPES]
    groups += [
        ("unit", unit.slug, unit.unit_type, tree.unit_group(unit.id))
        for unit in tree.administrations()
    ]
    years = [
        Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        for year in range(today.year - 3, today.year)
    ] + [Period(datetime.date(today.year, 1, 1), today)]
    for year in years:
        # Never counted here (seconds on a big city, paid by whoever downloads first): the
        # daily job counts the calendar years; a row names the period its counts cover.
        latest = selectors.snapshot_latest(year)
        if latest is None:
            continue
        facts, _when, period = latest
        for indicator in INDICATORS:
            if not available(indicator, facts):
                continue
            for scope, unit, unit_type, group in groups:
                value = compute(indicator, facts, group, public=True)
                base = {
                    "indicator": indicator.code,
                    "scope": scope,
                    "unit": unit,
                    "unit_type": unit_type,
                    "period_start": period.start,
                    "period_end": period.end,
                    "measure": indicator.unit,
                }
                yield {**base, "category": "", "value": value.number}
                for category, figure, _count in value.breakdown:
                    yield {**base, "category": category, "value": figure}


def indicator_dataset() -> Dataset:
    from django.utils.translation import gettext_lazy

    from innovera.core.registry import DatasetField

    return Dataset(
        code="indicators",
        title=gettext_lazy("Indicators per unit and year"),
        description=gettext_lazy(
            "The follow-up indicators (see /api/v1/indicators/ for their definitions) for the "
            "city, each unit type and each administration and company, per calendar year. "
            "Figures resting on fewer than five people are left empty."
        ),
        fields=(
            DatasetField("indicator", "string", gettext_lazy("The indicator's code.")),
            DatasetField(
                "category",
                "string",
                gettext_lazy("For an indicator split in parts, the part; empty for the total."),
            ),
            DatasetField("scope", "string", gettext_lazy("city, unit_type or unit.")),
            DatasetField(
                "unit", "string", gettext_lazy("The unit's address name (scope unit only).")
            ),
            DatasetField(
                "unit_type",
                "string",
                gettext_lazy("district, department or company (scopes unit_type and unit)."),
            ),
            DatasetField("period_start", "date", gettext_lazy("The period's first day.")),
            DatasetField("period_end", "date", gettext_lazy("The period's last day.")),
            DatasetField(
                "value",
                "number",
                gettext_lazy("The figure; shares from 0 to 1; empty when not shown."),
            ),
            DatasetField(
                "measure",
                "string",
                gettext_lazy("What the figure is: count, share, days, per_1000 or mean."),
            ),
        ),
        rows=indicator_rows,
        keywords=("innovation", "uppföljning", "indikatorer"),
    )
