"""Co-determination steps as data with sources. Pure: no Django imports.

The steps live in content/participation/codetermination.yaml; `assess(facts)` / `steps_for(facts)`
say which apply to a project and why. Method and sources: docs/methods/codetermination.md.
"""

from zukunftszentrum.core.content_yaml import ContentError, Text

from .catalogue import DEFAULT_PATH, Actor, Catalogue, DeadlineKind, Law, Source, StepRule, load
from .facts import FACT_TYPES, ProjectFacts
from .lint import Finding, check
from .rules import Outcome, Step, assess, default_catalogue, steps_for

__all__ = [
    "DEFAULT_PATH",
    "FACT_TYPES",
    "Actor",
    "Catalogue",
    "ContentError",
    "DeadlineKind",
    "Finding",
    "Law",
    "Outcome",
    "ProjectFacts",
    "Source",
    "Step",
    "StepRule",
    "Text",
    "assess",
    "check",
    "default_catalogue",
    "load",
    "steps_for",
]
