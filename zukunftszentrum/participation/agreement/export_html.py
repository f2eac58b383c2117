"""The outline as an HTML fragment for a print template (core/pdf.py renders it to PDF).
Pure: no Django imports; every text is escaped here, so the template inserts it as safe."""

from __future__ import annotations

from html import escape

from .model import Bullets, Outline, Paragraph, Placeholder, Runs


def to_html(outline: Outline) -> str:
    parts = [
        '<article class="agreement-outline" lang="de">',
        f"<h1>{escape(outline.title)}</h1>",
        f'<p class="draft-notice" role="note"><strong>{escape(outline.notice)}</strong></p>',
        *(f'<p class="parties">{_runs(r)}</p>' for r in outline.parties),
    ]
    for section in (*outline.sections, *outline.annexes):
        css = "annex" if section.annex else "section"
        parts.append(f'<section class="{css}"><h2>{escape(section.heading)}</h2>')
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append(f"<p>{_runs(block.runs)}</p>")
            elif isinstance(block, Bullets):
                items = "".join(f"<li>{_runs(i)}</li>" for i in block.items)
                parts.append(f"<ul>{items}</ul>")
        parts.append("</section>")
    if outline.signatures:
        parts.append('<section class="signatures"><h2>Unterschriften</h2>')
        parts += [f"<p>{_runs(r)}</p>" for r in outline.signatures]
        parts.append("</section>")
    parts.append("</article>")
    return "\n".join(parts)


def _runs(runs: Runs) -> str:
    return "".join(
        f'<mark class="placeholder">{escape(str(r))}</mark>'
        if isinstance(r, Placeholder)
        else escape(r)
        for r in runs
    )
