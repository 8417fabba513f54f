"""A post's text made HTML: plain text or Markdown, always sanitised by nh3.

Markdown is parsed by markdown-it-py in CommonMark mode with raw HTML turned off, then the
result goes through nh3 (the Ammonia sanitiser) with a short list of tags: whatever a parser
lets through, no script, style, event attribute or `javascript:` link reaches a reader. Links
get `rel="noopener noreferrer nofollow"`. Mentions (`@name`) are found in the text, not the HTML.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape, linebreaks
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# "@anna.andersson": the part of a member's e-mail address before the @.
MENTION = re.compile(r"(?<![\w.@])@([\w][\w.\-]{1,63})", re.UNICODE)

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})
# Headings of a post sit below the page's own (h1 page, h2 sections, h3 posts).
_markdown.disable(["heading", "lheading", "image"])


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render(text: str, *, markdown: bool) -> str:
    if markdown:
        return sanitise(_markdown.render(text))
    return sanitise(linebreaks(escape(text)))


def mentioned_handles(text: str) -> set[str]:
    """The handles mentioned in a text, lower-cased, trailing dots left off."""
    return {match.rstrip(".").lower() for match in MENTION.findall(text)}
