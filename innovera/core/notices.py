"""Message-only pages: a heading, a paragraph or two and at most one link onward.

Every such page has the same shell (`core/notice.html`); a view passes only what its page says,
as a `Notice` in the context (`notice_view`, or `extra_context` of Django's auth views).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django_stubs_ext import StrOrPromise

from innovera.core.permissions import requires

TEMPLATE = "core/notice.html"


@dataclass(frozen=True)
class Notice:
    heading: StrOrPromise
    paragraphs: tuple[StrOrPromise, ...] = ()
    link_text: StrOrPromise = ""
    link_to: str = ""  # a URL name without arguments
    link_url: str = ""  # or the address itself
    title: StrOrPromise = ""  # the window's title, when it is not the heading
    base: str = "base.html"  # the page around it

    @property
    def page_title(self) -> StrOrPromise:
        return self.title or self.heading

    @property
    def href(self) -> str:
        return self.link_url or (reverse(self.link_to) if self.link_to else "")

    def context(self) -> dict[str, Any]:
        return {"notice": self}


def notice_response(request: HttpRequest, notice: Notice, *, status: int = 200) -> HttpResponse:
    return render(request, TEMPLATE, notice.context(), status=status)


def notice_view(notice: Notice, *, action: str) -> Callable[[HttpRequest], HttpResponse]:
    """A view that only shows `notice`, behind `action`."""

    @requires(action)
    def show(request: HttpRequest) -> HttpResponse:
        return notice_response(request, notice)

    return show
