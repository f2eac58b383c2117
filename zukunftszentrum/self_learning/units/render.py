"""Markdown -> HTML for the player. Pure: no Django.

CommonMark with tables; raw HTML in the source is escaped, never passed through (the format
forbids it, and a mistake must not become markup), and markdown-it refuses `javascript:` and
similar link targets. Section headings are `## `: the page's `h1` is the unit's title.
"""

from __future__ import annotations

from functools import cache
from html import escape

from markdown_it import MarkdownIt


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        "table"
    )


def render(markdown: str, *, table_label: str = "Tabelle") -> str:
    """Safe HTML of a Markdown text (to be marked safe by the caller's template layer). Tables
    sit in a focusable, labelled scroll region, so a wide one scrolls on a phone by keyboard too."""
    html = _parser().render(markdown)
    label = escape(table_label, quote=True)
    opening = f'<div class="zz-table-wrap" tabindex="0" role="region" aria-label="{label}">'
    html = html.replace("<th>", '<th scope="col">').replace("<th style=", '<th scope="col" style=')
    return html.replace("<table>", f'{opening}<table class="zz-table">').replace(
        "</table>", "</table></div>"
    )
