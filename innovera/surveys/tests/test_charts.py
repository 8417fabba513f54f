"""The SVG charts: accessible, CSP-safe, escaped, and drawn where the numbers say.

No database and no browser: each chart is parsed as XML and its shapes are measured.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

import pytest

from innovera.core import formatting
from innovera.surveys import charts

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Kultur <script>alert("x")</script> & "idéer"'

REPORT_FACTORS_2014 = [
    ("Nyfikenhet", 3.75, 3.05),
    ("Tydliga förväntningar på medarbetarna", 3.58, 2.92),
    ("God omvärldsbevakning", 3.69, 3.08),
    ("Medarbetarnas engagemang och driv", 3.68, 3.08),
    ("Öppet organisationsklimat och gynnsam kultur", 3.86, 3.30),
    ("Tydlig strategi och mål för innovation och utveckling", 3.30, 2.73),
    ("God kännedom om medborgare/kunders behov", 3.78, 3.22),
    ("Kunskap och kompetens hos Stockholms stads ledning", 2.94, 3.13),
    ("Goda ekonomiska resurser/utrymme i budget", 2.83, 2.70),
    ("Kunskap och kompetens hos förvaltnings-/bolagsledningen", 3.44, 3.19),
]


# --- helpers ---------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own markup, parsed to check it is well-formed


def with_class(root: ET.Element, tag: str, name: str) -> list[ET.Element]:
    return [el for el in root.iter(SVG + tag) if name in (el.get("class") or "").split()]


def num(element: ET.Element, attribute: str) -> float:
    return float(element.get(attribute, "nan"))


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def texts(root: ET.Element, name: str) -> list[str]:
    return [text_of(el) for el in with_class(root, "text", name)]


def plot_area(root: ET.Element) -> tuple[float, float, float, float]:
    (rect,) = with_class(root, "rect", "plot-area")
    x, y = num(rect, "x"), num(rect, "y")
    return x, y, x + num(rect, "width"), y + num(rect, "height")


def drawn(
    chart: Callable[..., str],
    data: tuple[str, object],
    defaults: dict[str, object],
    overrides: dict[str, object],
) -> str:
    """``chart`` drawn from the test's ``defaults`` with ``overrides``; ``data`` is the name and
    default of its first, positional argument (which an override may replace too)."""
    name, default = data
    arguments = {**defaults, **overrides}
    return chart(arguments.pop(name, default), **arguments)


def bars_chart(**overrides: object) -> str:
    return drawn(
        charts.horizontal_bar_chart,
        ("rows", [("Helhet", 2.97), ("Upphandling", 2.59)]),
        {
            "title": "Självskattning",
            "description": "Medelvärden 1-4.",
            "minimum": 1,
            "maximum": 4,
            "chart_id": "bars",
        },
        overrides,
    )


def distribution(**overrides: object) -> str:
    return drawn(
        charts.distribution_chart,
        ("rows", [("Upphandling", {"1": 1, "2": 14, "3": 14, "4": 3, "dk": 3})]),
        {"title": "Svarsfördelning", "description": "Antal svar per skalsteg.", "chart_id": "dist"},
        overrides,
    )


def cross(**overrides: object) -> str:
    return drawn(
        charts.cross_diagram,
        ("points", REPORT_FACTORS_2014[:3]),
        {
            "importance_threshold": 3.0,
            "current_threshold": 3.0,
            "title": "Korsdiagram",
            "description": "Gynnande faktorer.",
            "chart_id": "cross",
        },
        overrides,
    )


def trend(**overrides: object) -> str:
    return drawn(
        charts.trend_chart,
        (
            "series",
            {
                "Helhet": [("2014", 2.97), ("2016", 3.05), ("2018", 3.12)],
                "Upphandling": [("2014", 2.59), ("2016", None), ("2018", 2.7)],
                "Sprida": [("2014", 3.0), ("2016", 2.8), ("2018", 2.85)],
            },
        ),
        {
            "title": "Utveckling",
            "description": "Medelvärden per omgång.",
            "chart_id": "trend",
            "minimum": 1,
            "maximum": 4,
        },
        overrides,
    )


ALL_CHARTS: dict[str, Callable[..., str]] = {
    "bars": bars_chart,
    "dist": distribution,
    "cross": cross,
    "trend": trend,
}


def every_chart_with(label: str) -> Iterator[tuple[str, str]]:
    """Each kind of chart, with ``label`` as a row, item, point or series name and title."""
    yield "bars", bars_chart(rows=[(label, 3.0)], title=label)
    yield "dist", distribution(rows=[(label, {"1": 2, "3": 5})], title=label)
    yield "cross", cross(points=[(label, 3.5, 2.5)], title=label, numbered=False)
    yield "trend", trend(series={label: [(label, 3.0), ("2016", 3.2)]}, title=label)


# --- every chart -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_CHARTS)
def test_it_draws_every_chart_as_an_image_with_a_title_and_description(kind: str) -> None:
    root = parse(ALL_CHARTS[kind](chart_id=f"chart-{kind}"))

    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("id") == f"chart-{kind}"
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    assert (root.get("aria-labelledby") or "").split() == [title.get("id"), desc.get("id")]


@pytest.mark.parametrize("kind", ALL_CHARTS)
def test_it_writes_no_style_attribute_style_element_or_script(kind: str) -> None:
    svg = ALL_CHARTS[kind]()
    root = parse(svg)

    assert "style=" not in svg
    assert all("style" not in element.attrib for element in root.iter())
    assert not list(root.iter(SVG + "style")) and not list(root.iter(SVG + "script"))
    assert all(not name.startswith("on") for element in root.iter() for name in element.attrib)


@pytest.mark.parametrize("kind", ALL_CHARTS)
def test_it_uses_explicit_colours_not_css_variables(kind: str) -> None:
    svg = ALL_CHARTS[kind]()

    assert "var(" not in svg
    for element in parse(svg).iter():
        for attribute in ("fill", "stroke"):
            value = element.get(attribute)
            assert value is None or value.startswith(("#", "url(#")) or value == "none"


@pytest.mark.parametrize("kind", ALL_CHARTS)
def test_it_prefixes_every_id_with_the_chart_id_and_never_repeats_one(kind: str) -> None:
    root = parse(ALL_CHARTS[kind](chart_id="fig-7"))

    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert ids and all(i is not None and i.startswith("fig-7") for i in ids)
    assert len(ids) == len(set(ids))


def test_it_escapes_every_label_and_title() -> None:
    for kind, svg in every_chart_with(NASTY):
        root = parse(svg)  # would fail on a bare < or &

        assert "<script>" not in svg, kind
        assert "&lt;script&gt;" in svg and "&amp;" in svg, kind
        assert root.find(SVG + "title") is not None
        assert text_of(root.find(SVG + "title")) == NASTY, kind  # type: ignore[arg-type]
        assert not list(root.iter(SVG + "script")), kind


def test_it_refuses_a_chart_id_that_is_not_a_plain_name() -> None:
    for bad in ["", "1chart", 'x" onload="alert(1)', "a b", "a:b"]:
        with pytest.raises(ValueError, match="chart_id"):
            bars_chart(chart_id=bad)


# --- number formats --------------------------------------------------------------------------


def test_it_formats_swedish_numbers_with_two_decimals_and_a_decimal_comma() -> None:
    assert formatting.decimal(3.75) == "3,75"
    assert formatting.decimal(3) == "3,00"
    assert formatting.decimal(-0.7) == "-0,70"
    assert formatting.decimal(-0.001) == "0,00"


def test_it_formats_shares_as_whole_swedish_percentages() -> None:
    assert formatting.percent(0.811) == "81 %"
    assert formatting.percent(1) == "100 %"
    assert formatting.percent(0) == "0 %"
    assert formatting.percent(-0.001) == "0 %"


# --- horizontal bars -------------------------------------------------------------------------


def test_it_draws_bars_proportional_to_their_values() -> None:
    root = parse(bars_chart(rows=[("a", 1.0), ("b", 2.0), ("c", 4.0)], minimum=0, maximum=4))

    widths = [num(bar, "width") for bar in with_class(root, "rect", "bar")]
    assert len(widths) == 3
    assert widths[1] / widths[0] == pytest.approx(2, rel=1e-3)
    assert widths[2] / widths[0] == pytest.approx(4, rel=1e-3)


def test_it_starts_bars_at_the_axis_minimum() -> None:
    root = parse(bars_chart(rows=[("a", 2.5), ("b", 4.0), ("c", 1.0)], minimum=1, maximum=4))

    half, full, empty = (num(bar, "width") for bar in with_class(root, "rect", "bar"))
    assert half / full == pytest.approx(0.5, rel=1e-3)
    assert empty == 0
    assert len({num(bar, "x") for bar in with_class(root, "rect", "bar")}) == 1


def test_it_draws_no_bar_for_a_missing_value_but_a_dash() -> None:
    root = parse(bars_chart(rows=[("a", 3.0), ("saknas", None), ("c", 2.0)]))

    rows = with_class(root, "g", "row")
    assert [len(with_class(row, "rect", "bar")) for row in rows] == [1, 0, 1]
    assert [text_of(t) for t in with_class(rows[1], "text", "value")] == ["–"]


def test_it_prints_each_value_with_a_swedish_decimal_comma() -> None:
    root = parse(bars_chart(rows=[("Nyfikenhet", 3.75), ("Budget", 2.7)]))

    assert texts(root, "value") == ["3,75", "2,70"]
    assert texts(root, "tick") == ["1", "2", "3", "4"]


def test_it_prints_shares_as_percentages_on_a_zero_to_hundred_axis() -> None:
    root = parse(
        bars_chart(
            rows=[("Staden", 0.811), ("Akademin", 0.486)],
            minimum=0,
            maximum=1,
            value_label=formatting.percent,
        )
    )

    assert texts(root, "value") == ["81 %", "49 %"]
    assert texts(root, "tick") == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]


def test_it_formats_numbers_with_the_format_it_is_given() -> None:
    root = parse(bars_chart(rows=[("a", 3.75)], number_format=lambda v: f"{v:.2f}"))

    assert texts(root, "value") == ["3.75"]
    assert texts(root, "tick") == ["1", "2", "3", "4"]


def test_it_wraps_a_long_label_onto_at_most_three_lines() -> None:
    long_label = (
        "Hur bedömer du förmågan att genom upphandling söka innovativa lösningar på problem "
        "och behov (efterfrågestyrd innovationsprocess)?"
    )
    root = parse(
        bars_chart(
            rows=[
                (long_label, 2.59),
                ("Kort", 3.0),
                ("Två rader behövs för den här frågan här", 3.0),
            ]
        )
    )

    long_lines, short_lines, two_lines = (
        [text_of(span) for span in label.iter(SVG + "tspan")]
        for label in with_class(root, "text", "label")
    )
    assert len(long_lines) == 3 and long_lines[-1].endswith("…")
    assert " ".join(long_lines).startswith("Hur bedömer du förmågan att")
    assert short_lines == ["Kort"]
    assert len(two_lines) == 2 and " ".join(two_lines) == "Två rader behövs för den här frågan här"
    assert all(len(line) <= 40 for line in long_lines + two_lines)  # fits the label column


def test_it_gives_a_wrapped_row_more_height_than_a_single_line_row() -> None:
    root = parse(bars_chart(rows=[("Kort", 3.0), ("Kort igen", 3.0), ("Lång " * 20, 3.0)]))

    tops = [num(bar, "y") for bar in with_class(root, "rect", "bar")]
    assert tops[2] - tops[1] > tops[1] - tops[0]


def test_it_refuses_an_empty_axis() -> None:
    with pytest.raises(ValueError, match="minimum < maximum"):
        bars_chart(minimum=4, maximum=4)


# --- distributions ---------------------------------------------------------------------------


def test_it_splits_each_distribution_bar_by_the_share_of_each_answer() -> None:
    counts = {"1": 1, "2": 14, "3": 14, "4": 3, "dk": 3}
    root = parse(distribution(rows=[("Upphandling", counts)]))

    segments = with_class(root, "rect", "segment-bar")
    widths = [num(s, "width") for s in segments]
    starts = [num(s, "x") for s in segments]
    assert len(segments) == 5
    assert starts == sorted(starts)  # 1, 2, 3, 4, vet ej from left to right
    total = sum(widths)
    for width, count in zip(widths, counts.values(), strict=True):
        assert width / total == pytest.approx(count / 35, abs=1e-3)
    ticks = {text_of(t): t for t in with_class(root, "text", "tick")}
    assert total == pytest.approx(num(ticks["100 %"], "x") - num(ticks["0 %"], "x"), abs=0.05)


def test_it_tells_distribution_segments_apart_without_colour_alone() -> None:
    root = parse(distribution())

    legend = with_class(root, "g", "legend-item")
    legend_fills = [item.find(SVG + "rect").get("fill") for item in legend]  # type: ignore[union-attr]
    segment_fills = [s.get("fill") for s in with_class(root, "rect", "segment-bar")]
    assert [text_of(item) for item in legend] == [label for _, label in charts.SCALE_CATEGORIES_SV]
    assert segment_fills == legend_fills  # each category looks the same in bar and legend
    assert len(set(legend_fills)) == 5
    patterns = {p.get("id") for p in root.iter(SVG + "pattern")}
    assert sum(fill in {f"url(#{p})" for p in patterns} for fill in legend_fills) >= 4
    assert {"14", "3"} <= set(texts(root, "count"))  # counts printed where they fit


def test_it_prints_the_number_of_answers_after_each_distribution_bar() -> None:
    root = parse(distribution(rows=[("a", {"1": 2, "4": 3}), ("tom", {})]))

    assert texts(root, "total") == ["n = 5", "n = 0"]
    empty_row = with_class(root, "g", "row")[1]
    assert not with_class(empty_row, "rect", "segment-bar")
    assert [text_of(t) for t in with_class(empty_row, "text", "value")] == ["–"]


def test_it_takes_other_categories_and_labels_for_a_distribution() -> None:
    root = parse(
        distribution(
            rows=[("Uses the concept", {"yes": 18, "no": 19})],
            categories=[("yes", "Yes"), ("no", "No")],
            total_label="{} answers".format,
        )
    )

    assert [text_of(item) for item in with_class(root, "g", "legend-item")] == ["Yes", "No"]
    assert texts(root, "total") == ["37 answers"]


# --- the cross diagram -----------------------------------------------------------------------


def axes(root: ET.Element, low: float, high: float) -> tuple[Callable[[float], float], ...]:
    left, top, right, bottom = plot_area(root)

    def sx(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    def sy(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    return sx, sy


def test_it_shades_exactly_the_quadrant_important_but_not_in_place() -> None:
    root = parse(cross(importance_threshold=3.2, current_threshold=2.8, axis_min=2.5, axis_max=4.0))
    sx, sy = axes(root, 2.5, 4.0)
    _, _, right, bottom = plot_area(root)

    (shade,) = with_class(root, "rect", "shaded")
    assert num(shade, "x") == pytest.approx(sx(3.2), abs=0.01)
    assert num(shade, "x") + num(shade, "width") == pytest.approx(right, abs=0.01)
    assert num(shade, "y") == pytest.approx(sy(2.8), abs=0.01)
    assert num(shade, "y") + num(shade, "height") == pytest.approx(bottom, abs=0.01)
    (vertical,) = with_class(root, "line", "threshold-importance")
    (horizontal,) = with_class(root, "line", "threshold-current")
    assert num(vertical, "x1") == num(vertical, "x2") == pytest.approx(sx(3.2), abs=0.01)
    assert num(horizontal, "y1") == num(horizontal, "y2") == pytest.approx(sy(2.8), abs=0.01)


def test_it_can_shade_another_quadrant_or_none() -> None:
    root = parse(cross(shaded="keep_up"))
    sx, sy = axes(root, 1.0, 4.0)
    _, top, right, _ = plot_area(root)

    (shade,) = with_class(root, "rect", "shaded")
    assert (num(shade, "x"), num(shade, "y")) == pytest.approx((sx(3), top), abs=0.01)
    assert num(shade, "x") + num(shade, "width") == pytest.approx(right, abs=0.01)
    assert num(shade, "y") + num(shade, "height") == pytest.approx(sy(3), abs=0.01)
    assert not with_class(parse(cross(shaded="")), "rect", "shaded")
    with pytest.raises(ValueError, match="shaded"):
        cross(shaded="important")


def test_it_puts_importance_on_the_x_axis_and_today_on_the_y_axis() -> None:
    root = parse(cross(points=REPORT_FACTORS_2014, axis_min=2.5, axis_max=4.0))
    sx, sy = axes(root, 2.5, 4.0)

    markers = with_class(root, "circle", "point")
    assert len(markers) == len(REPORT_FACTORS_2014)
    for marker, (_, importance, today) in zip(markers, REPORT_FACTORS_2014, strict=True):
        assert num(marker, "cx") == pytest.approx(sx(importance), abs=0.01)
        assert num(marker, "cy") == pytest.approx(sy(today), abs=0.01)


def test_it_names_the_axes_and_quadrants_in_swedish_by_default() -> None:
    root = parse(cross(axis_min=2.5))
    sx, sy = axes(root, 2.5, 4.0)

    assert texts(root, "axis-title") == ["Värdering generellt", "Bedömning i dag"]
    names = {text_of(t): t for t in with_class(root, "text", "quadrant")}
    assert set(names) == {"Koncentrera här", "Fortsätt så", "Låg prioritet", "Möjlig överkapacitet"}
    concentrate = names["Koncentrera här"]
    assert num(concentrate, "x") > sx(3) and num(concentrate, "y") > sy(3)  # lower right
    keep_up = names["Fortsätt så"]
    assert num(keep_up, "x") > sx(3) and num(keep_up, "y") < sy(3)  # upper right


def test_it_takes_other_axis_titles_and_quadrant_names() -> None:
    english = {
        "concentrate_here": "Concentrate here",
        "keep_up": "Keep up the good work",
        "low_priority": "Low priority",
        "possible_overkill": "Possible overkill",
    }
    root = parse(cross(x_title="Importance", y_title="In place today", quadrant_labels=english))

    assert texts(root, "axis-title") == ["Importance", "In place today"]
    assert set(texts(root, "quadrant")) == set(english.values())


def test_it_zooms_to_the_axis_range_it_is_given() -> None:
    root = parse(cross(axis_min=2.5, axis_max=4.0))

    y_ticks = [
        text_of(t) for t in with_class(root, "text", "tick") if t.get("text-anchor") == "end"
    ]
    assert y_ticks == ["2,5", "3", "3,5", "4"]


def test_it_widens_a_zoomed_axis_rather_than_cut_off_a_point() -> None:
    root = parse(cross(points=[("Låg", 2.2, 3.5)], axis_min=2.5, axis_max=4.0))
    left, top, right, bottom = plot_area(root)

    (marker,) = with_class(root, "circle", "point")
    assert left <= num(marker, "cx") <= right and top <= num(marker, "cy") <= bottom
    y_ticks = [
        text_of(t) for t in with_class(root, "text", "tick") if t.get("text-anchor") == "end"
    ]
    assert y_ticks[0] == "2"


def label_boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """Each point label's box, estimated the way the chart estimates text widths."""
    boxes = []
    for label in with_class(root, "text", "point-label"):
        spans = list(label.iter(SVG + "tspan"))
        width = max(len(text_of(s)) for s in spans) * charts.SMALL_FONT_SIZE * charts.CHAR_WIDTH
        x = num(spans[0], "x")
        anchor = label.get("text-anchor", "start")
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        top = num(spans[0], "y") - charts.SMALL_FONT_SIZE
        bottom = num(spans[-1], "y") + 3
        boxes.append((left, top, left + width, bottom))
    return boxes


def overlapping(boxes: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def test_it_labels_the_reports_factors_without_overlapping_labels() -> None:
    root = parse(cross(points=REPORT_FACTORS_2014, axis_min=2.5, axis_max=4.0))

    labels = with_class(root, "text", "point-label")
    assert [" ".join(text_of(s) for s in label.iter(SVG + "tspan")) for label in labels] == [
        " ".join(charts.wrap(name, 24, 3)) for name, _, _ in REPORT_FACTORS_2014
    ]
    assert overlapping(label_boxes(root)) == []


def test_it_nudges_apart_the_labels_of_points_that_coincide() -> None:
    points = [("Första", 3.5, 3.5), ("Andra", 3.5, 3.5), ("Tredje", 3.5, 3.5)]
    root = parse(cross(points=points, numbered=False))

    boxes = label_boxes(root)
    assert len(boxes) == 3
    assert overlapping(boxes) == []
    assert with_class(root, "line", "leader")  # a moved label keeps a line to its point


def test_it_numbers_the_points_and_lists_them_in_a_key_when_asked() -> None:
    root = parse(cross(points=REPORT_FACTORS_2014, numbered=True))

    assert texts(root, "point-label") == [str(n) for n in range(1, 11)]
    (key,) = with_class(root, "g", "key")
    items = [text_of(item) for item in with_class(key, "g", "key-item")]
    assert items[0] == "1Nyfikenhet"
    assert items[1].startswith("2Tydliga förväntningar")
    assert overlapping(label_boxes(root)) == []
    _, _, _, plot_bottom = plot_area(root)
    assert float(root.get("height", "0")) > plot_bottom + 60  # the key adds to the height


def test_it_numbers_the_points_by_itself_when_labels_would_collide() -> None:
    crowded = [(f"Faktor nummer {n} med ett långt namn", 3.5 + n / 200, 3.2) for n in range(12)]

    root = parse(cross(points=crowded))

    assert texts(root, "point-label") == [str(n) for n in range(1, 13)]
    assert with_class(root, "g", "key")


def test_it_leaves_out_a_point_without_both_means() -> None:
    root = parse(cross(points=[("Med", 3.5, 3.0), ("Utan", math.nan, 3.0)], numbered=False))

    assert len(with_class(root, "circle", "point")) == 1
    assert texts(root, "point-label") == ["Med"]


# --- trends ----------------------------------------------------------------------------------


def test_it_draws_one_line_per_series_with_its_own_marker_shape() -> None:
    root = parse(trend())

    lines = with_class(root, "path", "series")
    assert len(lines) == 3
    assert len({line.get("stroke") for line in lines}) == 3
    groups = with_class(root, "g", "series-group")
    shapes = [
        {c for m in g.iter() for c in (m.get("class") or "").split() if c.startswith("marker-")}
        for g in groups
    ]
    assert all(len(s) == 1 for s in shapes) and len(set.union(*shapes)) == 3
    assert len(with_class(root, "g", "legend-item")) == 3


def test_it_breaks_a_trend_line_where_a_round_has_no_value() -> None:
    root = parse(trend())

    whole, broken, _ = (line.get("d") or "" for line in with_class(root, "path", "series"))
    assert whole.count("M") == 1 and whole.count("L") == 2
    assert broken.count("M") == 2 and "L" not in broken
    (upphandling,) = [
        g for g in with_class(root, "g", "series-group") if text_of(g).startswith("Upphandling")
    ]
    assert len([m for m in upphandling.iter() if "marker" in (m.get("class") or "").split()]) == 2


def test_it_puts_the_rounds_in_order_along_the_x_axis_and_values_on_the_y_axis() -> None:
    root = parse(trend(series={"Helhet": [("2014", 1.0), ("2016", 4.0), ("2018", 2.5)]}))

    assert texts(root, "round") == ["2014", "2016", "2018"]
    d = with_class(root, "path", "series")[0].get("d") or ""
    points = [(float(x), float(y)) for x, y in re.findall(r"[ML](\S+) (\S+)", d)]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    assert xs == sorted(xs) and xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.02)
    assert ys[1] < ys[2] < ys[0]  # 4.0 highest on the page, 1.0 lowest
    assert (ys[0] - ys[2]) / (ys[0] - ys[1]) == pytest.approx(0.5, abs=1e-3)


@pytest.mark.django_db
def test_a_mean_of_1_00_in_the_reports_self_assessment_chart_shows_a_bar() -> None:
    """The 1–4 means' axis starts at 0, so the lowest possible mean still has a bar a quarter
    as long as the highest (issue 9: a mean of 1,00 showed nothing)."""
    from innovera.surveys import reports, tallying
    from innovera.surveys.models import SurveyResponse
    from innovera.surveys.tests.factories import make_round

    survey_round = make_round()
    for n, rating in enumerate([1, 1, 1, 1, 1, 4, 4, 4, 4, 4]):
        SurveyResponse.objects.create(
            round=survey_round,
            respondent_id=f"r{n}",
            org_type="district",
            answers={"sa_overall": 1, "sa_managers": rating},
        )
    # Made directly, as an import's rows: count them as the import does.
    tallying.tallies_rebuild(survey_round=survey_round)
    survey_round.refresh_from_db()

    context = reports.report_context(survey_round)
    chart = next(s.chart for s in context["sections"] if s.table.key == "self_assessment")
    root = parse(chart)
    widths = {
        "".join(row.itertext()).split(":")[0]: num(bar, "width")
        for row in with_class(root, "g", "row")
        for bar in with_class(row, "rect", "bar")
    }
    overall = next(w for label, w in widths.items() if "som helhet" in label)
    managers = next(w for label, w in widths.items() if "cheferna" in label)
    assert overall > 0
    assert managers / overall == pytest.approx(2.5, rel=1e-3)  # mean 2,50 against 1,00
