"""How a limit is said: a Land's minimum share in whole sessions, rounded up (a share that
demands 7.2 sessions needs 8), other limits as they are."""

from __future__ import annotations

import pytest
from django.utils import translation

from ..wording import infeasible_text, limit_text

LANDS = {"HH": "Hamburg"}


@pytest.mark.parametrize(
    ("limit", "said"),
    [
        (
            {"kind": "land_share", "key": "HH", "used": 8, "available": 7.2},
            "Mindestanteil für Hamburg: 8 Termine, verlangt sind mindestens 8",
        ),
        (
            {"kind": "land_share", "key": "HH", "used": 7, "available": 7.0},
            "Mindestanteil für Hamburg: 7 Termine, verlangt sind mindestens 7",
        ),
        (
            {"kind": "online_month", "key": "2027-01", "used": 6, "available": 6.4},
            "Online-Termine im Januar 2027: 6 von 6",
        ),
    ],
)
def test_limits_in_words(limit: dict, said: str) -> None:
    with translation.override("de"):
        assert limit_text(limit, {}, LANDS) == said


def test_an_infeasible_share_names_the_whole_sessions_it_needs() -> None:
    limit = {"kind": "land_share", "key": "HH", "used": 3, "available": 4.1}
    with translation.override("de"):
        text = infeasible_text(limit, {}, LANDS)
    assert "verlangt 5 Termine" in text and "nur 3" in text
