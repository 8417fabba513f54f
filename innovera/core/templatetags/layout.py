"""Tags for the page layouts: `{% repeat_block "title" %}`, a block of the page rendered once
more, where the layout needs the same words twice (a heading that is the page's title) and Django
lets a template name a block only once; `{% list_of … as name %}`, several values as one list."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.loader_tags import BLOCK_CONTEXT_KEY

register = template.Library()


class RepeatBlockNode(template.Node):
    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, context: Context) -> str:
        block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
        block = block_context.get_block(self.name) if block_context else None
        # The block renders as it does in its own place: the most derived template's version.
        return block.render(context) if block is not None else ""


@register.tag
def repeat_block(parser: Parser, token: Token) -> RepeatBlockNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            'repeat_block takes one quoted block name: {% repeat_block "title" %}'
        )
    return RepeatBlockNode(bits[1][1:-1])


@register.simple_tag
def list_of(*values: Any) -> list[Any]:
    """`{% list_of _("Goal") _("Unit") as heads %}`: several values as one, for an include that
    takes a list (the column headings of `core/_table.html`, the fields of a fieldset)."""
    return list(values)
