"""What is estimated, and the matrix of answers the cell table takes (NaN = not answered)."""

from __future__ import annotations

import math

import pytest

from zukunftszentrum.needs.outcomes import outcomes, value_matrix
from zukunftszentrum.needs.queries import InputRow


def _row(**fields: object) -> InputRow:
    row = InputRow(1, "SH", "C", "small", "2026-Q4")
    for name, value in fields.items():
        setattr(row, name, value)
    return row


ANSWERED = {"has_needs": True, "topics": {"topic_data": 75.0, "topic_law": None}}
CASES = [
    # (row, outcome key, expected value; None = NaN)
    (_row(**ANSWERED, formats=("coaching",)), "formats:coaching", 1.0),
    (_row(**ANSWERED, formats=()), "formats:coaching", 0.0),  # chose none: an answer
    (_row(formats=("coaching",)), "formats:coaching", None),  # no survey: not answered
    (_row(**ANSWERED, obstacles=("time", "money")), "obstacles:money", 1.0),
    (_row(**ANSWERED, time_budget="2to4"), "time_budget:2to4", 1.0),
    (_row(**ANSWERED, time_budget="2to4"), "time_budget:lt2", 0.0),
    (_row(**ANSWERED, time_budget=None), "time_budget:lt2", None),  # single choice skipped
    (_row(**ANSWERED, willingness="maybe"), "willingness:yes", 0.0),
    (_row(**ANSWERED), "topic_data", 75.0),
    (_row(**ANSWERED), "topic_law", None),  # "na"
    (_row(**ANSWERED), "topic_basics", None),  # not in the answers
    (_row(readiness=42.5), "readiness", 42.5),  # scores count without a needs survey
    (_row(**ANSWERED), "competence", None),
]


@pytest.mark.parametrize(("row", "key", "expected"), CASES)
def test_value_matrix(row: InputRow, key: str, expected: float | None) -> None:
    items = outcomes()
    column = [o.key for o in items].index(key)
    value = value_matrix([row], items)[0, column]
    assert math.isnan(value) if expected is None else value == expected


def test_outcomes_follow_the_survey() -> None:
    keys = [o.key for o in outcomes()]
    assert sum(k.startswith("topic_") for k in keys) == 10
    assert {"formats:coaching", "time_budget:gt8", "obstacles:no_offer", "willingness:no"} <= set(
        keys
    )
    assert keys[-2:] == ["readiness", "competence"]
    labels = {o.key: o.label(lang="en") for o in outcomes()}
    assert labels["topic_data"] == "Data and data quality"  # the short name, not the question
