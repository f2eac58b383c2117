"""The PDF helpers: a private download with the file name; fonts found offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zukunftszentrum.core import pdf


def test_pdf_response_is_a_private_download(monkeypatch) -> None:
    rendered: list[tuple[str, dict[str, Any]]] = []

    def fake(template: str, context: dict[str, Any]) -> bytes:
        rendered.append((template, context))
        return b"%PDF-1.7 test"

    monkeypatch.setattr(pdf, "render_pdf", fake)
    response = pdf.pdf_response("x/report.html", {"lang": "de"}, "KI-Readiness-Check Müller.pdf")
    assert rendered == [("x/report.html", {"lang": "de"})]
    assert response.content == b"%PDF-1.7 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''KI-Readiness-Check%20M%C3%BCller.pdf"
    )
    assert response["Cache-Control"] == "private, no-store"


def test_fonts_come_from_the_vendored_files() -> None:
    base = pdf._font_base_url()
    assert base.startswith("file://") and base.endswith("/")
    assert (Path(base.removeprefix("file://")) / "fira-sans.css").is_file()
