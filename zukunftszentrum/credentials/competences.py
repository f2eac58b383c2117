"""Names of the framework's competences for the credential's alignment, read from the content.

The framework file belongs to learning; reading the YAML (not importing learning) keeps this app
independent. An id the file does not name is aligned under its id.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from .ob3.credential import Competence

FRAMEWORK_FILE = Path("frameworks") / "ai-competence.yaml"


@functools.cache
def _framework() -> tuple[str, str, dict[str, str]]:
    path = Path(settings.ZZ_CONTENT_DIR) / FRAMEWORK_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError:
        data = {}
    names: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            title = node.get("title") or node.get("name")
            if isinstance(node.get("id"), str) and title:
                names[node["id"]] = title.get("de", "") if isinstance(title, dict) else str(title)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    title = data.get("title", {})
    framework = title.get("de", "") if isinstance(title, dict) else str(title or "")
    return framework or "KI-Kompetenzrahmen", str(data.get("version", "")), names


def competence(competence_id: str, level: int | None = None) -> Competence:
    framework, version, names = _framework()
    label = f"{framework} {version}".strip()
    return Competence(
        id=competence_id,
        name=names.get(competence_id, competence_id),
        framework=label,
        url=f"urn:zukunftszentrum:ai-competence:{version or 'current'}:{competence_id}",
        level=level,
    )
