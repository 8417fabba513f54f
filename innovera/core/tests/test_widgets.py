from __future__ import annotations

from html.parser import HTMLParser

from django import forms

from innovera.core.widgets import FastSelect


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((tag, tuple(sorted(attrs))))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.events.append(("text", (("", data.strip()),)))


def parsed(html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    collector = _Collect()
    collector.feed(html)
    return collector.events


def test_it_renders_what_djangos_select_renders_with_escaping_and_the_choice_kept() -> None:
    choices = [("", "Alla"), ("1", "Bromma & Co"), ("2", "<script>")]
    attrs = {"id": "id_unit", "class": "ds-input"}

    ours = FastSelect(choices=choices, attrs=attrs).render("unit", "1")
    djangos = forms.Select(choices=choices, attrs=attrs).render("unit", "1")

    assert parsed(ours) == parsed(djangos)
    assert "<script>" not in ours
