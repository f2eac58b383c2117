"""A works-agreement outline (Betriebsvereinbarung) generated from a project. Pure: no Django.

    outline = build_outline(ProjectDescription(company=..., project=..., systems=(System(...),)))
    to_docx(outline)  # bytes of a .docx
    to_html(outline)  # an escaped HTML fragment for a print template (PDF via core/pdf.py)

A draft in our own words with placeholders, not legal advice.
"""

from .export_docx import to_docx
from .export_html import to_html
from .model import (
    Bullets,
    Outline,
    Paragraph,
    Placeholder,
    ProjectDescription,
    Section,
    System,
    plain,
)
from .outline import NOTICE, build_outline

__all__ = [
    "NOTICE",
    "Bullets",
    "Outline",
    "Paragraph",
    "Placeholder",
    "ProjectDescription",
    "Section",
    "System",
    "build_outline",
    "plain",
    "to_docx",
    "to_html",
]
