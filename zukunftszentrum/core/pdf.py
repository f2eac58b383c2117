"""PDF reports: a template rendered to A4 with WeasyPrint, and served as a private download.

Report templates extend `core/print_base.html`, the one print stylesheet (page, running head and
foot, page numbers, headings, tables). Fonts come from the vendored KERN files through a file://
base URL, so rendering works offline.

The KERN fonts are WOFF2 files, which WeasyPrint would turn into TrueType anew for every PDF with
fontTools' pure-Python decoder — several seconds per report, past a web worker's time limit on a
busy machine. They are decoded once per machine into `DATA_DIR/cache/print-fonts/` (keyed by
fontTools' version), next to a copy of the font stylesheet that names the TrueType files.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
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
    return print_fonts_dir().as_uri() + "/"


@functools.cache
def print_fonts_dir() -> Path:
    """The folder with the print font stylesheet and its TrueType fonts, made on first use."""
    import fontTools
    from fontTools.ttLib import woff2

    found = finders.find(FONT_CSS)
    if not found:
        raise FileNotFoundError(f"static file {FONT_CSS} not found")
    source = Path(found if isinstance(found, str) else found[0])
    target = Path(settings.DATA_DIR) / "cache" / "print-fonts" / f"fonttools-{fontTools.version}"
    css = source.read_text(encoding="utf-8")
    for relative in re.findall(r'url\("?\.?/?([^")]+\.woff2)"?\)', css):
        ttf = target / Path(relative).with_suffix(".ttf")
        if not ttf.is_file():
            decoded = BytesIO()
            with open(source.parent / relative, "rb") as woff:
                woff2.decompress(woff, decoded)
            _write_atomically(ttf, decoded.getvalue())
        css = css.replace(relative, Path(relative).with_suffix(".ttf").as_posix())
    css = css.replace("format('woff2')", "format('truetype')")
    _write_atomically(target / source.name, css.encode("utf-8"))
    return target


def _write_atomically(path: Path, content: bytes) -> None:
    """Several processes may make the same file at once: each writes its own and renames it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_bytes(content)
    os.replace(partial, path)
