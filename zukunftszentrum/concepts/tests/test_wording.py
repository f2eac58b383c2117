"""The words for the optimiser's keys and numbers: limits, relaxations, the needs basis."""

from __future__ import annotations

from typing import Any

import pytest

from .. import wording

PLACES = {"p1": "Kiel", "online": "online"}
LANDS = {"SH": "Schleswig-Holstein", "HB": "Bremen", "HH": "Hamburg"}


@pytest.mark.parametrize(
    ("relax", "expected"),
    [
        ({"kind": "trainer_days", "key": "2027-06|understanding_ai", "gain": 14.2, "step": 1},
         "Ein weiterer Trainertag im Juni 2027 („KI verstehen“) erreicht etwa 14 Betriebe mehr."),
        ({"kind": "budget", "key": "", "gain": 3.4, "step": 1000},
         "1.000 Euro mehr Budget erreichen etwa 3 Betriebe mehr."),
        ({"kind": "place_month", "key": "p1|2027-02", "gain": 2.2, "step": 1},
         "Ein weiterer Termin in Kiel im Februar 2027 erreicht etwa 2 Betriebe mehr."),
        ({"kind": "online_month", "key": "2027-03", "gain": 10, "step": 1},
         "Ein weiterer Online-Termin im März 2027 erreicht etwa 10 Betriebe mehr."),
    ],
)  # fmt: skip
def test_what_one_more_unit_adds(relax: dict[str, Any], expected: str) -> None:
    assert wording.relaxation_text(relax, PLACES, LANDS) == expected


def test_an_infeasible_trainer_limit_names_month_and_area() -> None:
    limit = {"kind": "trainer_days", "key": "2027-01|ethics_law", "used": 9, "available": 2}
    assert wording.infeasible_text(limit, PLACES, LANDS) == (
        "Im Januar 2027 werden 9 Trainertage „Recht und Ethik“ gebraucht, verfügbar sind 2."
    )


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ({}, "noch keine fertige Bedarfsanalyse"),
        ({"run_id": 1, "window": "2026", "finished_at": "2026-11-02T10:00:00+00:00",
          "stale": True, "current": True}, "Die Bedarfsanalyse 2026 vom 02.11.2026 ist nicht mehr aktuell"),
        ({"run_id": 1, "window": "2025", "finished_at": "2025-12-01T10:00:00+00:00",
          "stale": False, "current": False}, "Verwendet wird die letzte fertige: 2025 vom 01.12.2025."),
        ({"run_id": 1, "window": "2026", "finished_at": "2026-11-02T10:00:00+00:00",
          "current": True, "missing": ["HB", "HH"]},
         "Für Bremen und Hamburg ist keine Schätzung veröffentlicht"),
    ],
)  # fmt: skip
def test_the_needs_basis_is_named(needs: dict[str, Any], expected: str) -> None:
    assert expected in wording.needs_note(needs, LANDS)


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.0, "0 %"), (0.0002, "unter 0,1 %"), (0.0034, "0,3 %"), (0.256, "26 %"), (1.0, "100 %")],
)
def test_percent(share: float, expected: str) -> None:
    assert wording.percent(share) == expected


def test_every_kind_of_binding_limit_is_asked_in_turn() -> None:
    from ..optimiser.model import Limit
    from ..solving import MAX_RELAXED, to_relax

    online = [Limit("online_month", f"2027-0{m}", 6, 6) for m in range(1, 7)]
    days = [Limit("trainer_days", f"2027-0{m}|ethics_law", 2, 2) for m in range(1, 7)]
    chosen = to_relax([*online, *days, Limit("budget", "", 9, 9)])
    assert len(chosen) == MAX_RELAXED
    assert [c.kind for c in chosen[:3]] == ["trainer_days", "budget", "online_month"]
    assert sum(c.kind == "trainer_days" for c in chosen) == 4


def test_the_map_names_each_land_and_place_with_its_sessions() -> None:
    from ..drawing import programme_map

    svg = programme_map(
        {"HH": 3, "SH": 5, "NI": 0}, [("Kiel", 54.32, 10.13, 5)], title="Karte", desc="Beschreibung"
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
    for label in ("HH 3", "SH 5", "NI 0", "Kiel (5)"):
        assert f">{label}</text>" in svg


# A Land's minimum share is said in whole sessions, rounded up: a share that demands 7.2
# sessions needs 8; other limits as they are.
@pytest.mark.parametrize(
    ("limit", "said"),
    [
        ({"kind": "land_share", "key": "HH", "used": 8, "available": 7.2},
         "Mindestanteil für Hamburg: 8 Termine, verlangt sind mindestens 8"),
        ({"kind": "land_share", "key": "HH", "used": 7, "available": 7.0},
         "Mindestanteil für Hamburg: 7 Termine, verlangt sind mindestens 7"),
        ({"kind": "online_month", "key": "2027-01", "used": 6, "available": 6.4},
         "Online-Termine im Januar 2027: 6 von 6"),
    ],
)  # fmt: skip
def test_limits_in_words(limit: dict[str, Any], said: str) -> None:
    assert wording.limit_text(limit, PLACES, LANDS) == said


def test_an_infeasible_share_names_the_whole_sessions_it_needs() -> None:
    limit = {"kind": "land_share", "key": "HH", "used": 3, "available": 4.1}
    text = wording.infeasible_text(limit, PLACES, LANDS)
    assert "verlangt 5 Termine" in text and "nur 3" in text
