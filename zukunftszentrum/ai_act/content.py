"""The AI-Act content (law versions, decision tree, obligations), loaded once from
`settings.ZZ_CONTENT_DIR / "ai_act"`.

`AiActConfig.ready()` loads it at start: broken content, or a tree with lint findings, stops the
app with an error naming file, line and field, like the self-check instruments.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.content_yaml import ContentError

from .law import LawVersion, Obligation, Tree, lint_tree, load_laws, load_obligations, load_tree

__all__ = [
    "RISK_LABELS",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "Content",
    "ContentError",
    "content",
    "current_tree",
    "laws",
    "obligations",
    "register_status_source",
    "reload",
]


#: how a law version's status is shown (`LawVersion.status`)
STATUS_LABELS = {
    "in_force": _("in Kraft"),
    "pending_publication": _("beschlossen, Veröffentlichung im Amtsblatt ausstehend"),
    "published": _("im Amtsblatt veröffentlicht"),
}


#: how a risk class is shown (`Assessment.risk`)
RISK_LABELS = {
    "not_ai_system": _("Kein KI-System"),
    "out_of_scope": _("Nicht im Anwendungsbereich"),
    "prohibited": _("Verboten"),
    "high_risk": _("Hochrisiko"),
    "transparency": _("Begrenztes Risiko: Transparenzpflichten"),
    "minimal": _("Minimales Risiko"),
}
#: how the organisation's role is shown (`Facts.role`, `BoundObligation.role`)
ROLE_LABELS = {
    "deployer": _("Betreiber"),
    "provider": _("Anbieter"),
    "provider_and_deployer": _("Anbieter und Betreiber"),
}


@dataclass(frozen=True)
class Content:
    laws: dict[str, LawVersion]
    obligations: tuple[Obligation, ...]
    tree: Tree


_lock = threading.Lock()
_content: Content | None = None
_status_source: Callable[[], Mapping[str, str]] | None = None


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


def register_status_source(source: Callable[[], Mapping[str, str]] | None) -> None:
    """Where a recorded status comes from (law key -> status), e.g. the programme admin's record
    of the Omnibus's publication; None removes it. Called from an app's `ready()`; the function
    runs on every `laws()` call, so it must be cheap (and must not run before the database is)."""
    global _status_source
    _status_source = source


def laws() -> dict[str, LawVersion]:
    """Both law versions: the status from the file, or the one recorded in the platform."""
    recorded = _status_source() if _status_source else {}
    return {
        key: law.with_status(recorded[key]) if key in recorded else law
        for key, law in content().laws.items()
    }
