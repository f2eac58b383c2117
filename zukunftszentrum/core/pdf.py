"""PDF reports: a template rendered to A4 with WeasyPrint, and served as a private download.

Report templates extend `core/print_base.html`, the one print stylesheet (page, running head and
foot, page numbers, headings, tables). Fonts come from the vendored KERN files through a file://
base URL, so rendering works offline.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from .exports import file_response

FONT_CSS = "vendor/kern/fonts/fira-sans.css"


def render_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    """`template` rendered in the context's language (`lang`, default German) as PDF bytes."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    with translation.override(context.get("lang", "de")):
        html = render_to_string(template, dict(context))
    pdf = HTML(string=html, base_url=_font_base_url()).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def pdf_response(template: str, context: Mapping[str, Any], filename: str) -> HttpResponse:
    """The rendered report as a download that no shared cache keeps (it holds results)."""
    return file_response(render_pdf(template, context), "application/pdf", filename)


def _font_base_url() -> str:
    found = finders.find(FONT_CSS)
    if not found:
        raise FileNotFoundError(f"static file {FONT_CSS} not found")
    path = Path(found if isinstance(found, str) else found[0])
    return path.parent.as_uri() + "/"
