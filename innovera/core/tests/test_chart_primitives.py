"""The generic chart primitives the apps build on: accessible, escaped, with their table."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from innovera.core.charts import axes, patterns, svg
from innovera.core.charts.figure import DataTable, Figure

SVG = "{http://www.w3.org/2000/svg}"


def small_chart(title: str) -> str:
    parts = [svg.open_svg("chart-visits", "bars", 400, 80, title, "Besök per månad")]
    position = svg.scale(0, 100, 160, 380)
    parts += axes.x_axis(svg.ticks(0, 100), position, 8, 50, str, (160, 380))
    parts.append(axes.bar(160, position(42), 29))
    parts.append("</svg>")
    return "".join(parts)


def test_a_chart_is_an_image_named_by_its_title_and_description() -> None:
    root = ET.fromstring(small_chart("Besök"))  # noqa: S314 - our own markup
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-visits-title chart-visits-desc"
    assert root.find(f"{SVG}title").text == "Besök"  # type: ignore[union-attr]
    bar = root.find(f"{SVG}rect[@class='bar']")
    assert bar is not None and float(bar.get("width", "0")) == pytest.approx(220 * 0.42)
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert ticks == ["0", "20", "40", "60", "80", "100"]


def test_caller_text_is_escaped_and_characters_xml_forbids_are_dropped() -> None:
    markup = small_chart('<script>alert("x")</script>\x0b&')
    assert "<script>" not in markup
    assert "\x0b" not in markup
    ET.fromstring(markup)  # noqa: S314 - still well-formed


def test_a_chart_id_that_could_break_the_page_is_refused() -> None:
    with pytest.raises(ValueError, match="chart_id"):
        svg.open_svg('x" onload="evil', "bars", 10, 10, "t", "d")
    svg.check_id("chart-ok_1")


def test_categories_differ_by_pattern_not_only_by_colour() -> None:
    defs, looks = patterns.fills("chart-x", 5)
    fills = [fill for _colour, fill in looks]
    assert len(set(fills)) == 5
    assert sum(fill.startswith("url(#chart-x-pattern-") for fill in fills) == 4
    assert len(defs) == 4
    assert all("<pattern" in d for d in defs)


def test_a_figure_prints_its_chart_with_the_table_of_its_numbers() -> None:
    figure = Figure(
        DataTable("visits", "Besök", ["Månad", "Besök"], [["Januari", 42]]),
        small_chart("Besök"),
    )
    html = render_to_string("core/charts/_figure.html", {"figure": figure, "lang": "sv"})
    assert '<figure class="chart"><svg' in html
    assert "<caption>Besök – " in html
    assert '<th scope="row">Januari</th><td>42</td>' in html
