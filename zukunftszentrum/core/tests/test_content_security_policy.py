"""The Content-Security-Policy: sent on every page, and no template relies on what it forbids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATE_ROOT = Path(__file__).resolve().parents[2]  # the zukunftszentrum package
TEMPLATES = sorted(TEMPLATE_ROOT.rglob("templates/**/*.html"))

INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def test_templates_were_found() -> None:
    assert len(TEMPLATES) > 40


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATE_ROOT)))
def test_template_has_no_inline_script_or_style(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not INLINE_STYLE.search(text), "inline style attribute: use a class in a stylesheet"
    assert not EVENT_HANDLER.search(text), "inline event handler: use a script file"
    for attributes in SCRIPT_TAG.findall(text):
        # Only external scripts run; a JSON data block is not executed.
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes


@pytest.mark.django_db
def test_pages_send_the_policy(client) -> None:
    response = client.get(reverse("core:home"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_a_violation_is_caught(tmp_path: Path) -> None:
    # The checks above must be able to fail.
    sample = '<div style="color: red" onclick="x()"><script>alert(1)</script></div>'
    assert INLINE_STYLE.search(sample) and EVENT_HANDLER.search(sample)
    assert all("src=" not in a for a in SCRIPT_TAG.findall(sample))
