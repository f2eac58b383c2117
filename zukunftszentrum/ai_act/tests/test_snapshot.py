"""What a re-check shows: class, duties added and removed, dates moved, per law version."""

from __future__ import annotations

from typing import Any

import pytest

from zukunftszentrum.ai_act.snapshot import Moved, compare


def result(**laws: tuple[str, dict[str, str]]) -> dict[str, Any]:
    return {
        "laws": {
            key: {
                "risk": risk,
                "obligations": [{"id": i, "applies_from": d} for i, d in duties.items()],
            }
            for key, (risk, duties) in laws.items()
        }
    }


CASES = [
    # name, before, after, (risk_before, risk_after, added, removed, moved), changed
    (
        "nothing changes",
        result(adopted=("minimal", {"Art. 4": "2025-02-02"})),
        result(adopted=("minimal", {"Art. 4": "2025-02-02"})),
        ("minimal", "minimal", (), (), ()),
        False,
    ),
    (
        "the class rises and a duty comes",
        result(adopted=("minimal", {"Art. 4": "2025-02-02"})),
        result(adopted=("high_risk", {"Art. 4": "2025-02-02", "Art. 26(7)": "2026-08-02"})),
        ("minimal", "high_risk", ("Art. 26(7)",), (), ()),
        True,
    ),
    (
        "a duty goes",
        result(adopted=("transparency", {"Art. 4": "2025-02-02", "Art. 50(1)": "2026-08-02"})),
        result(adopted=("minimal", {"Art. 4": "2025-02-02"})),
        ("transparency", "minimal", (), ("Art. 50(1)",), ()),
        True,
    ),
    (
        "a date moves (the Omnibus postpones Annex III)",
        result(omnibus=("high_risk", {"Art. 26": "2026-08-02"})),
        result(omnibus=("high_risk", {"Art. 26": "2027-12-02"})),
        ("high_risk", "high_risk", (), (), (Moved("Art. 26", "2026-08-02", "2027-12-02"),)),
        True,
    ),
    (
        "a law version the stored result did not have",
        result(adopted=("minimal", {})),
        result(adopted=("minimal", {}), omnibus=("minimal", {"Art. 4": "2025-02-02"})),
        (None, "minimal", ("Art. 4",), (), ()),
        True,
    ),
]


@pytest.mark.parametrize(
    ("before", "after", "expected", "changed"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_compare(before: Any, after: Any, expected: Any, changed: bool) -> None:
    change = compare(before, after)[-1]
    assert (change.risk_before, change.risk_after, change.added, change.removed, change.moved) == (
        expected
    )
    assert change.changed is changed
