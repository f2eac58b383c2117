"""What the needs analysis estimates: one outcome per topic, format, time budget, obstacle ...

The outcomes are read from the needs survey itself (its topic items and the options of its
choice items), so a new option in the content becomes a new outcome without code. Readiness and
competence scores come from the other two checks. `value_matrix` turns the per-company input
rows into the n x m matrix the cell table takes (NaN = not answered).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from numpy.typing import NDArray

from zukunftszentrum.assessments import queries as checks
from zukunftszentrum.assessments.queries import Instrument

from .queries import NEEDS_KEY, TOPIC_PREFIX, InputRow

Group = Literal["topic", "formats", "time_budget", "obstacles", "willingness", "score"]
CHOICE_GROUPS: tuple[Group, ...] = ("formats", "time_budget", "obstacles", "willingness")
MULTIPLE: frozenset[str] = frozenset({"formats", "obstacles"})
TOPICS_WANTED = "topics_wanted"  # its options name the topics briefly

GROUP_TITLES = {
    "topic": _("Themen"),
    "formats": _("Gewünschte Lernformate"),
    "time_budget": _("Zeit für Weiterbildung pro Person und Monat"),
    "obstacles": _("Hindernisse"),
    "willingness": _("Bereitschaft, Beschäftigte freizustellen"),
    "score": _("Ergebnisse der Selbstchecks"),
}
SCORE_LABELS = {
    "readiness": _("KI-Reife (Readiness-Check)"),
    "competence": _("KI-Kompetenz der Beschäftigten (Mittel je Unternehmen)"),
}


@dataclass(frozen=True)
class Outcome:
    key: str  # "topic_data", "formats:coaching", "readiness"
    kind: Literal["mean", "proportion"]
    group: Group
    item: str
    option: str | None = None

    def label(self, instrument: Instrument | None = None, lang: str | None = None) -> str:
        """The outcome's name in the reader's language, from the survey's own wording."""
        lang = (lang or get_language() or "de")[:2]
        if self.group == "score":
            return str(SCORE_LABELS[self.item])
        inst = instrument or checks.instrument(NEEDS_KEY)
        item = inst.item(self.item)
        if item is None:
            return self.key
        if self.group == "topic":  # the short name from the "which topics" question
            wanted = inst.item(TOPICS_WANTED)
            option = wanted.option(self.item.removeprefix(TOPIC_PREFIX)) if wanted else None
            return option.text.get(lang) if option else item.text.get(lang)
        if self.option is None:
            return item.text.get(lang)
        option = item.option(self.option)
        return option.text.get(lang) if option else self.option


def outcomes(instrument: Instrument | None = None) -> tuple[Outcome, ...]:
    """Topics (means 0..100), shares per choice option, readiness and competence (means)."""
    inst = instrument or checks.instrument(NEEDS_KEY)
    out = [
        Outcome(item.id, "mean", "topic", item.id)
        for item in inst.items
        if item.id.startswith(TOPIC_PREFIX) and item.type == "likert"
    ]
    for group in CHOICE_GROUPS:
        item = inst.item(group)
        if item is not None:
            out += [
                Outcome(f"{group}:{value}", "proportion", group, group, value)
                for value in item.option_values
                if value != "na"
            ]
    out += [Outcome(key, "mean", "score", key) for key in SCORE_LABELS]
    return tuple(out)


def by_group(items: Sequence[Outcome], group: Group) -> list[Outcome]:
    return [o for o in items if o.group == group]


def value_matrix(rows: Sequence[InputRow], items: Sequence[Outcome]) -> NDArray[np.float64]:
    """One row per company, one column per outcome; NaN where the company gave no answer.

    Shares of a multiple-choice item count every company that answered the survey (choosing
    none is an answer); shares of a single-choice item count those who chose an option.
    Built column by column, so a million companies take one pass per outcome, not per cell.
    """
    y = np.full((len(rows), len(items)), np.nan)
    answered = np.fromiter((r.has_needs for r in rows), dtype=bool, count=len(rows))
    for j, outcome in enumerate(items):
        y[:, j] = _column(rows, outcome)
        if outcome.group != "score":
            y[~answered, j] = np.nan
    return y


def _column(rows: Sequence[InputRow], outcome: Outcome) -> NDArray[np.float64]:
    def floats(values: Iterable[float | None]) -> NDArray[np.float64]:
        return np.fromiter((np.nan if v is None else v for v in values), np.float64, len(rows))

    if outcome.group == "score":
        if outcome.item == "readiness":
            return floats(r.readiness for r in rows)
        return floats(r.competence for r in rows)
    if outcome.group == "topic":
        return floats(r.topics.get(outcome.item) for r in rows)
    option = outcome.option
    if outcome.group in MULTIPLE:
        if outcome.group == "formats":
            return floats(float(option in r.formats) for r in rows)
        return floats(float(option in r.obstacles) for r in rows)
    if outcome.group == "time_budget":
        return floats(
            None if r.time_budget is None else float(r.time_budget == option) for r in rows
        )
    return floats(None if r.willingness is None else float(r.willingness == option) for r in rows)
