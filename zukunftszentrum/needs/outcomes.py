"""What the needs analysis estimates: one outcome per topic, format, time budget, obstacle ...

The outcomes are read from the needs survey itself (its topic items and the options of its
choice items), so a new option in the content becomes a new outcome without code. Readiness and
competence scores come from the other two checks. `value_matrix` turns the per-company input
rows into the n x m matrix the cell table takes (NaN = not answered).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from numpy.typing import NDArray

from zukunftszentrum.assessments.engine.schema import Instrument
from zukunftszentrum.assessments.instruments import get_instrument

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
    "score": _("Ergebnisse der Selbst-Checks"),
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
        inst = instrument or get_instrument(NEEDS_KEY)
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
    inst = instrument or get_instrument(NEEDS_KEY)
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
    """
    y = np.full((len(rows), len(items)), np.nan)
    for i, row in enumerate(rows):
        for j, outcome in enumerate(items):
            y[i, j] = _value(row, outcome)
    return y


def _value(row: InputRow, outcome: Outcome) -> float:
    if outcome.group == "score":
        value = row.readiness if outcome.item == "readiness" else row.competence
        return np.nan if value is None else value
    if not row.has_needs:
        return np.nan
    if outcome.group == "topic":
        score = row.topics.get(outcome.item)
        return np.nan if score is None else score
    if outcome.group in MULTIPLE:
        chosen = row.formats if outcome.group == "formats" else row.obstacles
        return float(outcome.option in chosen)
    answer = row.time_budget if outcome.group == "time_budget" else row.willingness
    return np.nan if answer is None else float(answer == outcome.option)
