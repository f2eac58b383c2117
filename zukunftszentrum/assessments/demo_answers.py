"""Plausible demo answers to any instrument, and regionally varied needs surveys. Only the demo
seed (`demo.py`) uses this; every draw comes from the random source passed in."""

from __future__ import annotations

import random
from typing import Any

from zukunftszentrum.organisations.models import Organisation

from .engine.schema import NO_ANSWER, Instrument, Item

# How a perspective sees a dimension compared to the company's "true" maturity.
PERSPECTIVE_BIAS: dict[str, dict[str, float]] = {
    "company_lead": {"strategy": 0.08, "technology": 0.05, "participation": 0.06},
    "employee": {"strategy": -0.05, "people": -0.06, "participation": -0.1},
    "works_council": {"participation": -0.16, "governance": -0.1, "people": -0.05},
}
NO_ANSWER_SHARE = 0.04


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def _likert(target: float) -> int:
    return 1 + round(4 * _clamp(target))


def _item_answer(item: Item, rng: random.Random, target: float, level: float) -> Any:
    """An answer near the target (0..1); None leaves the item unanswered."""
    if item.type == "likert":
        if rng.random() < NO_ANSWER_SHARE:
            return NO_ANSWER
        value = _likert(target)
        return 6 - value if item.reversed else value
    if item.type == "knowledge":
        if rng.random() < 0.3 + 0.6 * level:
            return item.correct
        return rng.choice([v for v in item.option_values if v != item.correct])
    if item.type == "single":
        scored = [o for o in item.options if o.score is not None]
        if not scored:
            return rng.choice(item.option_values)
        return min(scored, key=lambda o: abs(o.score / 100 - target)).value  # type: ignore[operator]
    if item.type == "multiple":
        count = rng.randint(1, min(3, item.max_choices or 3, len(item.options)))
        return rng.sample(list(item.option_values), count)
    return None  # numbers and free texts: left out


def answers_for(
    inst: Instrument,
    rng: random.Random,
    level: float,
    *,
    perspective: str = "",
    fixed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Answers of someone who sees the organisation (or themselves) at `level` (0..1)."""
    bias = PERSPECTIVE_BIAS.get(perspective, {})
    dimension_shift = {d.id: rng.gauss(0, 0.1) + bias.get(d.id, 0.0) for d in inst.dimensions}
    answers: dict[str, Any] = dict(fixed or {})
    for item in inst.items:
        if item.id in answers:
            continue
        cond = item.show_if
        if cond is not None and not cond.matches(answers.get(cond.item)):
            continue
        target = level + dimension_shift.get(item.dimension or "", 0.0) + rng.gauss(0, 0.12)
        value = _item_answer(item, rng, target, level)
        if value is not None:
            answers[item.id] = value
    return answers


# --- the needs survey ------------------------------------------------------------------------

TOPIC_BASE = {
    "basics": 0.55,
    "genai_office": 0.6,
    "data": 0.45,
    "production": 0.25,
    "customer_service": 0.4,
    "law": 0.5,
    "codetermination": 0.3,
    "change": 0.4,
    "vendors": 0.35,
    "funding": 0.5,
}
WZ_TOPICS = {
    "BCDEF": {"production": 0.4, "data": 0.1},
    "GHIN": {"customer_service": 0.3, "genai_office": 0.05},
    "JKLMP": {"genai_office": 0.2, "law": 0.15, "vendors": 0.1},
    "QRS": {"basics": 0.2, "change": 0.15, "codetermination": 0.1},
}
REGION_TOPICS = {
    "BE,BB,MV,SN,ST,TH": {"funding": 0.25, "basics": 0.1},
    "BW,BY": {"production": 0.1, "data": 0.15},
    "NW": {"codetermination": 0.1, "change": 0.1},
    "SH,HH,HB,NI": {"customer_service": 0.05, "law": 0.1},
    "HE,RP,SL": {"law": 0.1, "vendors": 0.1},
}
EAST = {"BE", "BB", "MV", "SN", "ST", "TH"}
TIME_BUDGETS = ("lt2", "2to4", "4to8", "gt8")


def _adjustments(org: Organisation) -> dict[str, float]:
    shift: dict[str, float] = {}
    for sections, changes in WZ_TOPICS.items():
        if org.wz_section in sections:
            for key, value in changes.items():
                shift[key] = shift.get(key, 0.0) + value
    for lands, changes in REGION_TOPICS.items():
        if org.land_id in lands.split(","):
            for key, value in changes.items():
                shift[key] = shift.get(key, 0.0) + value
    if org.has_works_council:
        shift["codetermination"] = shift.get("codetermination", 0.0) + 0.25
    if org.headcount < 10:
        for key, value in {"basics": 0.1, "funding": 0.1, "production": -0.1}.items():
            shift[key] = shift.get(key, 0.0) + value
    return shift


def _pick(rng: random.Random, chances: dict[str, float]) -> list[str]:
    chosen = [key for key, chance in chances.items() if rng.random() < chance]
    return chosen or [max(chances, key=lambda k: chances[k])]


def needs_answers(
    inst: Instrument,
    rng: random.Random,
    org: Organisation,
    *,
    drift: dict[str, float] | None = None,
) -> dict[str, Any]:
    """A needs survey whose topics, formats, time budget and obstacles follow the
    organisation's Land, industry and size, with noise. `drift` adds to a topic's importance
    (0..1 scale; e.g. a trend over time) without changing any random draw."""
    shift = _adjustments(org)
    for key, value in (drift or {}).items():
        shift[key] = shift.get(key, 0.0) + value
    importance = {k: v + shift.get(k, 0.0) + rng.gauss(0, 0.15) for k, v in TOPIC_BASE.items()}
    answers: dict[str, Any] = {f"topic_{k}": _likert(v) for k, v in importance.items()}
    answers["topics_wanted"] = sorted(importance, key=lambda k: -importance[k])[:3]
    small, east, size = org.headcount < 10, org.land_id in EAST, org.headcount
    answers["formats"] = _pick(
        rng,
        {
            "in_person": 0.5 + (0.15 if org.land_id in ("NW", "BW", "BY") else 0.0),
            "live_online": 0.5 + (0.2 if east or small else 0.0),
            "self_paced": 0.3 + (0.3 if small else 0.0),
            "inhouse_lab": 0.1 + (0.4 if size >= 50 else 0.0),
            "coaching": 0.25 + (0.15 if size < 50 else 0.0),
        },
    )
    steps = 0 if small else 1 if size < 50 else 2
    answers["time_budget"] = TIME_BUDGETS[min(3, max(0, steps + rng.choice((-1, 0, 0, 1))))]
    answers["obstacles"] = _pick(
        rng,
        {
            "time": 0.55 + (0.15 if size < 50 else 0.0),
            "money": 0.3 + (0.25 if east else 0.0) + (0.15 if small else 0.0),
            "knowhow": 0.5,
            "data": 0.2 + (0.15 if org.wz_section == "C" else 0.0),
            "acceptance": 0.15 + (0.15 if size >= 50 else 0.0),
            "legal_uncertainty": 0.25 + (0.2 if org.wz_section in "QKM" else 0.0),
            "no_offer": 0.1 + (0.25 if east else 0.0),
        },
    )
    roll = rng.random() - (0.1 if east else 0.0)
    answers["willingness"] = "no" if roll < 0.1 else "maybe" if roll < 0.42 else "yes"
    if answers["willingness"] != "no":
        answers["participants"] = 1 if size == 1 else max(1, round(size * rng.uniform(0.05, 0.3)))
    return {k: v for k, v in answers.items() if inst.item(k) is not None}
