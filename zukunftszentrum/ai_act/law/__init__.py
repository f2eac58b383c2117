"""The AI Act as data: facts, law versions, decision tree, obligations, rules. Pure: no Django.

- `facts`: `FACT_SCHEMA`, `Facts`, `parse_facts`, `FactError`
- `versions`: `LawVersion` (adopted | omnibus), `Source`, `load_laws`
- `tree`: `Tree`, `Question`, `Answer`, `Walk`, `load_tree`
- `obligations`: `Obligation`, `Condition`, `load_obligations`
- `evaluate`: `assess(facts, law_key, *, obligations, laws) -> Assessment`
- `lint`: `lint_tree(tree, obligations) -> list[Finding]`
- `compare`: `side_by_side(facts, ...)` (both versions), `diff(before, after) -> Change` (re-check)
- `batch`: `parse_batch(data)`, `run_batch(...)` for the command and the API
The Django side (`ai_act.content`) loads the content once at start. See docs/methods/ai-act.md.
"""

from zukunftszentrum.core.content_yaml import ContentError, Text

from .compare import Change, diff, side_by_side
from .evaluate import Assessment, BoundObligation, Reason, assess
from .facts import FACT_SCHEMA, FactError, Facts, parse_facts
from .lint import Finding, lint_tree
from .obligations import RISKS, Obligation, load_obligations
from .tree import Answer, Question, Tree, Walk, load_tree
from .versions import LAW_KEYS, LawVersion, Source, load_laws

__all__ = [
    "FACT_SCHEMA",
    "LAW_KEYS",
    "RISKS",
    "Answer",
    "Assessment",
    "BoundObligation",
    "Change",
    "ContentError",
    "FactError",
    "Facts",
    "Finding",
    "LawVersion",
    "Obligation",
    "Question",
    "Reason",
    "Source",
    "Text",
    "Tree",
    "Walk",
    "assess",
    "diff",
    "lint_tree",
    "load_laws",
    "load_obligations",
    "load_tree",
    "parse_facts",
    "side_by_side",
]
