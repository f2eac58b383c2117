"""The app loads its knowledge content at start: broken content stops it with the file named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from zukunftszentrum.ai_act import knowledge
from zukunftszentrum.ai_act.content_source import ContentError


def test_broken_content_stops_the_load_naming_the_file(tmp_path: Path) -> None:
    shutil.copytree(Path(settings.ZZ_CONTENT_DIR) / "ai_act", tmp_path / "ai_act")
    notice = tmp_path / "ai_act" / "templates" / "chatbot.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("{company}", "{firma}"))
    try:
        with override_settings(ZZ_CONTENT_DIR=tmp_path), pytest.raises(ContentError) as err:
            knowledge.reload()
        assert err.value.path.endswith("chatbot.yaml")
        assert err.value.field == "text.de"
    finally:
        knowledge.reload()
    assert set(knowledge.notices()) == {"chatbot", "deep_fake", "public_text", "emotion_biometric"}


def test_a_readme_beside_the_fact_sheets_is_not_a_fact_sheet() -> None:
    folder = Path(settings.ZZ_CONTENT_DIR) / "ai_act" / "factsheets"
    assert (folder / "README.md").exists()
    assert "README" not in knowledge.reload().factsheets
