"""The competence framework and the job profiles, loaded once from `settings.ZZ_CONTENT_DIR`
(at start, from the app's ready(): broken content stops the start with file, line and field)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .framework import CompetenceFramework, JobProfile, load_framework, load_job_profiles

FRAMEWORK_FILE = Path("frameworks") / "ai-competence.yaml"
PROFILES_FILE = Path("learning") / "job_profiles.yaml"


@dataclass(frozen=True)
class Content:
    framework: CompetenceFramework
    profiles: tuple[JobProfile, ...]


_lock = threading.Lock()
_content: Content | None = None


def load() -> Content:
    """Read and validate both files again (at start; tests that change the content)."""
    global _content
    root = Path(settings.ZZ_CONTENT_DIR)
    framework = load_framework(root / FRAMEWORK_FILE, display=str(Path(root.name) / FRAMEWORK_FILE))
    profiles = load_job_profiles(
        root / PROFILES_FILE, framework, display=str(Path(root.name) / PROFILES_FILE)
    )
    with _lock:
        _content = Content(framework, profiles)
    return _content


def _loaded() -> Content:
    return _content or load()


def framework() -> CompetenceFramework:
    return _loaded().framework


def job_profiles() -> tuple[JobProfile, ...]:
    return _loaded().profiles


def job_profile(profile_id: str) -> JobProfile | None:
    return next((p for p in job_profiles() if p.id == profile_id), None)
