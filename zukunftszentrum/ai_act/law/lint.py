"""The tree lint: structural problems a decision tree can have. Pure: no Django.

Findings, each naming the question (and the file line) it concerns:
- `unknown_next`: an answer points to a question that does not exist;
- `no_next`: an answer gives no next step at all (`next: null` ends a walk on purpose);
- `unreachable`: no path from the start question leads to the question;
- `cycle`: a path leads back to a question already asked;
- `fact_set_nowhere`: a fact no answer sets (the tree cannot describe it);
- `fact_never_read`: a fact the tree sets that neither the rules nor any obligation reads.
The shipped tree must have none (content.py refuses to start otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .evaluate import RULE_FACTS
from .facts import FACT_SCHEMA
from .obligations import Obligation
from .tree import Tree


@dataclass(frozen=True)
class Finding:
    kind: str
    where: str  # question id, or the fact name
    line: int
    message: str

    def __str__(self) -> str:
        at = f", line {self.line}" if self.line else ""
        return f"{self.kind}{at} ({self.where}): {self.message}"


def lint_tree(tree: Tree, obligations: Iterable[Obligation] = ()) -> list[Finding]:
    findings: list[Finding] = []
    by_id = {q.id: q for q in tree.questions}
    for q in tree.questions:
        for a in q.answers:
            if not a.has_next:
                findings.append(
                    Finding(
                        "no_next",
                        q.id,
                        a.line,
                        f"answer {a.value!r} has no next step (use null to end)",
                    )
                )
            elif a.next is not None and a.next not in by_id:
                findings.append(
                    Finding(
                        "unknown_next",
                        q.id,
                        a.line,
                        f"answer {a.value!r} leads to unknown {a.next!r}",
                    )
                )

    reachable: set[str] = set()
    frontier = [tree.start]
    while frontier:
        qid = frontier.pop()
        if qid in reachable or qid not in by_id:
            continue
        reachable.add(qid)
        frontier.extend(a.next for a in by_id[qid].answers if a.next)
    for q in tree.questions:
        if q.id not in reachable:
            findings.append(
                Finding("unreachable", q.id, q.line, "no path from the start leads here")
            )

    findings.extend(_cycles(tree, by_id))

    set_somewhere = {name for q in tree.questions for a in q.answers for name in a.sets}
    read = set(RULE_FACTS)
    for ob in obligations:
        read |= ob.when.reads()
    for name in FACT_SCHEMA:
        if name not in set_somewhere:
            findings.append(Finding("fact_set_nowhere", name, 0, "no answer sets this fact"))
        elif name not in read:
            findings.append(
                Finding("fact_never_read", name, 0, "no rule or obligation reads this fact")
            )
    return findings


def _cycles(tree: Tree, by_id: dict) -> list[Finding]:  # type: ignore[type-arg]
    """Depth-first search for a back edge; one finding per question closing a cycle."""
    findings: list[Finding] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(qid: str) -> None:
        state[qid] = 1
        for a in by_id[qid].answers:
            if a.next not in by_id:
                continue
            if state.get(a.next) == 1:
                findings.append(
                    Finding("cycle", qid, a.line, f"answer {a.value!r} leads back to {a.next!r}")
                )
            elif a.next not in state:
                visit(a.next)
        state[qid] = 2

    if tree.start in by_id:
        visit(tree.start)
    return findings
