"""A small instrument and hand-made results for the output tests (charts, PDF, exports)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zukunftszentrum.assessments.engine.schema import (
    Dimension,
    Instrument,
    Item,
    Level,
    Page,
    Recommendation,
    Text,
)

LEVELS = tuple(
    Level(n, m, Text(de, en))
    for n, m, de, en in [
        (1, 0, "Einstieg", "Getting started"),
        (2, 20, "Erste Schritte", "First steps"),
        (3, 40, "Im Aufbau", "Building up"),
        (4, 60, "Fortgeschritten", "Advanced"),
        (5, 80, "Vorreiter", "Leading"),
    ]
)

DIMENSIONS = (
    Dimension("strategy", Text("Strategie und Anwendungsfälle", "Strategy and use cases")),
    Dimension("data", Text("Daten und Datenqualität", "Data and data quality")),
    Dimension("culture", Text("Beteiligung und Unternehmenskultur", "Participation and culture")),
)

RECOMMENDATIONS = (
    Recommendation(
        "strategy-start",
        "strategy",
        (1, 2),
        1,
        Text(
            "Wählen Sie einen überschaubaren Anwendungsfall mit spürbarem Nutzen für Ihre Wirtschaft.",
            "Pick a small use case with visible benefit.",
        ),
    ),
    Recommendation(
        "culture-involve",
        "culture",
        (3, 4),
        2,
        Text(
            "Beziehen Sie Beschäftigte und Betriebsrat früh in die Planung ein.",
            "Involve staff and the works council early.",
        ),
    ),
)


def _likert(item_id: str, dim: str) -> Item:
    return Item(
        item_id, "likert", Text(f"Aussage {item_id}", f"Statement {item_id}"), dimension=dim
    )


INSTRUMENT = Instrument(
    key="readiness",
    version="2026.1",
    kind="company",
    title=Text("KI-Readiness-Check", "AI readiness check"),
    description=Text("Wo steht Ihr Unternehmen?", "Where does your company stand?"),
    duration_minutes=15,
    anonymous=False,
    perspectives=("company_lead", "employee", "works_council"),
    dimensions=DIMENSIONS,
    levels=LEVELS,
    recommendations=RECOMMENDATIONS,
    pages=(
        Page(
            "p1",
            Text("Strategie", "Strategy"),
            (_likert("s1", "strategy"), _likert("d1", "data"), _likert("c1", "culture")),
        ),
        Page(
            "quiz",
            Text("Wissen", "Knowledge"),
            (
                Item(
                    "q1",
                    "knowledge",
                    Text("Was ist ein Sprachmodell?", "What is a language model?"),
                    dimension="strategy",
                    correct="b",
                ),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class DimResult:
    score: float | None
    level: int | None
    n_items: int = 1


@dataclass(frozen=True)
class FakeResult:
    """Shaped like engine.scoring.Result (the fields the output modules read)."""

    dimensions: dict[str, DimResult]
    overall: float | None = None
    overall_level: int | None = None
    knowledge: dict[str, float | None] = field(default_factory=dict)
    recommendations: list[Recommendation] = field(default_factory=list)


def result(strategy: float | None, data: float | None, culture: float | None) -> FakeResult:
    """A result with these three dimension scores."""
    scores = {"strategy": strategy, "data": data, "culture": culture}
    dims = {}
    for key, value in scores.items():
        level = INSTRUMENT.level_for(value)
        dims[key] = DimResult(value, level.level if level else None)
    present = [v for v in scores.values() if v is not None]
    overall = sum(present) / len(present) if present else None
    return FakeResult(dims, overall, None, {"strategy": 100.0}, list(RECOMMENDATIONS))
