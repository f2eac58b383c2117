"""The AI-Act content (law versions, decision tree, obligations), loaded once from
`settings.ZZ_CONTENT_DIR / "ai_act"`.

`AiActConfig.ready()` loads it at start: broken content, or a tree with lint findings, stops the
app with an error naming file, line and field, like the self-check instruments.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .law import LawVersion, Obligation, Tree, lint_tree, load_laws, load_obligations, load_tree
from .law.source import ContentError

__all__ = ["Content", "ContentError", "content", "current_tree", "laws", "obligations", "reload"]


@dataclass(frozen=True)
class Content:
    laws: dict[str, LawVersion]
    obligations: tuple[Obligation, ...]
    tree: Tree


_lock = threading.Lock()
_content: Content | None = None


def content_dir() -> Path:
    return Path(settings.ZZ_CONTENT_DIR) / "ai_act"


def load(directory: Path) -> Content:
    """Read and check the three files; ContentError for the first problem found."""
    law_versions = load_laws(directory / "laws.yaml")
    catalogue = load_obligations(directory / "obligations.yaml", law_versions)
    tree = load_tree(directory / "tree.yaml")
    findings = lint_tree(tree, catalogue)
    if findings:
        first = findings[0]
        raise ContentError(tree.path, first.line or None, first.where, str(first))
    return Content(law_versions, catalogue, tree)


def content() -> Content:
    global _content
    if _content is None:
        with _lock:
            if _content is None:
                _content = load(content_dir())
    return _content


def reload() -> Content:
    """Load again (tests that change ZZ_CONTENT_DIR; a deploy restarts anyway)."""
    global _content
    with _lock:
        _content = load(content_dir())
    return _content


def current_tree() -> Tree:
    return content().tree


def obligations() -> tuple[Obligation, ...]:
    return content().obligations


def laws() -> dict[str, LawVersion]:
    """Both law versions with the status from the file (the platform may record a newer one)."""
    return content().laws
