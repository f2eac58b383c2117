from __future__ import annotations

from pathlib import Path

import pytest

from zukunftszentrum.ai_act.content import Content, load

CONTENT = Path(__file__).resolve().parents[3] / "content" / "ai_act"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped content, read directly (no database, no settings needed)."""
    return load(CONTENT)
