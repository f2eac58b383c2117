"""The words for a missing figure, one per reason."""

import pytest
from django.utils import translation

from zukunftszentrum.core.suppression import Reason
from zukunftszentrum.core.suppression_labels import below_minimum_label, reason_label


@pytest.mark.parametrize(
    ("reason", "de", "en"),
    [
        (None, "", ""),
        (Reason.TOO_FEW, "zu wenige Antworten", "too few responses"),
        (Reason.PROTECTED, "verdeckt, damit kleine Gruppen nicht errechnet werden können", None),
        (Reason.NO_POPULATION, "keine Betriebe in der Grundgesamtheit", None),
        ("too_few_responses", "zu wenige Antworten", None),  # as stored in the database
    ],
)
def test_reason_label(reason: str | None, de: str, en: str | None) -> None:
    with translation.override("de"):
        assert reason_label(reason) == de
    with translation.override("en"):
        english = reason_label(reason)
    assert english == (en if en is not None else english)
    assert reason is None or english != de  # every reason is translated


def test_below_minimum_names_the_minimum_not_the_count() -> None:
    with translation.override("de"):
        assert below_minimum_label(7) == "unter 7"
