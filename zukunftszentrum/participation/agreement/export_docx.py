"""The outline as a Word document (python-docx). Pure: no Django imports.

Real headings (Title, Heading 1 for sections and annexes), bulleted lists, the draft notice at
the top and in every page header, and placeholders in brackets with yellow highlighting so the
parties find every gap.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from .model import Bullets, Outline, Paragraph, Placeholder, Runs


def to_docx(outline: Outline) -> bytes:
    doc = Document()
    doc.core_properties.title = outline.title
    doc.core_properties.subject = "Entwurf"
    doc.sections[0].header.paragraphs[0].text = "ENTWURF – keine Rechtsberatung"
    doc.add_heading(outline.title, level=0)
    notice = doc.add_paragraph()
    run = notice.add_run(outline.notice)
    run.bold = True
    run.font.size = Pt(10)
    for runs in outline.parties:
        _add_runs(doc.add_paragraph(), runs)
    for section in (*outline.sections, *outline.annexes):
        doc.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _add_runs(doc.add_paragraph(), block.runs)
            elif isinstance(block, Bullets):
                for item in block.items:
                    _add_runs(doc.add_paragraph(style="List Bullet"), item)
    if outline.signatures:
        doc.add_heading("Unterschriften", level=1)
        for runs in outline.signatures:
            _add_runs(doc.add_paragraph(), runs)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _add_runs(paragraph: DocxParagraph, runs: Runs) -> None:
    for part in runs:
        if isinstance(part, Placeholder):
            run = paragraph.add_run(str(part))
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            run.italic = True
        else:
            paragraph.add_run(part)
