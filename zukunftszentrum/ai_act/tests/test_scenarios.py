"""The scenario table (scenarios.yaml): expected results written from the legal text, checked
under both law versions against the shipped content."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from zukunftszentrum.ai_act.law import assess, parse_facts
from zukunftszentrum.ai_act.law.facts import DEFAULTS, FACT_SCHEMA

# The dates as the law states them (Art. 113; the Digital Omnibus), independent of laws.yaml.
DATES = {
    "adopted": {"P": "2025-02-02", "T": "2026-08-02", "A3": "2026-08-02", "A1": "2027-08-02"},
    "omnibus": {
        "P": "2025-02-02",
        "T": "2026-08-02",
        "A3": "2027-12-02",
        "A1": "2028-08-02",
        "I": "2026-12-02",
    },
}
SCENARIOS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "scenarios.yaml").read_text(encoding="utf-8")
)
CASES = [pytest.param(s, law, id=f"{law}: {s['name']}") for s in SCENARIOS for law in DATES]


def expected(scenario: dict[str, Any], law: str) -> tuple[str, dict[str, str]]:
    spec = {**scenario, **(scenario.get(law) or {})}
    return spec["risk"], {ob: DATES[law][symbol] for ob, symbol in spec["obligations"].items()}


def test_the_table_is_large_and_covers_every_class_and_fact_value() -> None:
    assert len(SCENARIOS) >= 60
    risks = {expected(s, law)[0] for s in SCENARIOS for law in DATES}
    assert risks == {
        "not_ai_system",
        "out_of_scope",
        "prohibited",
        "high_risk",
        "transparency",
        "minimal",
    }
    for fact, allowed in FACT_SCHEMA.items():
        values = {s["facts"].get(fact) for s in SCENARIOS}
        default = getattr(DEFAULTS, fact)
        wanted = {not default} if allowed is bool else set(allowed) - {default}
        assert wanted <= values, f"no scenario sets {fact} to {wanted - values}"


@pytest.mark.parametrize(("scenario", "law"), CASES)
def test_scenario(scenario: dict[str, Any], law: str, content) -> None:
    result = assess(
        parse_facts(scenario["facts"]), law, obligations=content.obligations, laws=content.laws
    )
    risk, obligations = expected(scenario, law)
    assert (result.risk, result.applies_from) == (risk, obligations)
    assert result.law == law
    assert all(datetime.date.fromisoformat(d) for d in result.applies_from.values())
    assert result.reasons and all(r.sources for r in result.reasons)
