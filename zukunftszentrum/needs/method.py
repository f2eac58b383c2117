"""The method note of the needs analysis in plain words: how the figures of a run are made.

Shared by the XLSX sheet "Methode" and the PDF report; what it says about the weighting follows
the run's own diagnostics (which margins were met, cells without respondents).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.suppression import is_disclosable
from zukunftszentrum.core.suppression_labels import below_minimum_label

from .dashboard import RAW
from .estimation.domains import THIN_N, THIN_N_EFF
from .estimation.raking import TRIM_FACTOR
from .models import EstimateRun


def published_companies(run: EstimateRun) -> int | None:
    """All companies of the run as published (perturbed and rounded like every count), or None
    below the minimum."""
    if not is_disclosable(run.n_companies, run.min_size):
        return None
    value = (run.diagnostics or {}).get("companies_published")
    return value if isinstance(value, int) else None


def companies(run: EstimateRun) -> str:
    """All companies of the run, or "unter 5" when even the whole country is below the minimum."""
    value = published_companies(run)
    return below_minimum_label(run.min_size) if value is None else str(value)


def method_note(run: EstimateRun, weighting: str) -> list[str]:
    """How the figures are made, in plain words, as paragraphs (also in the PDF report)."""
    paragraphs = [
        _(
            "Wer zählt: kleine und mittlere Unternehmen (unter 250 Beschäftigte), die im Zeitraum "
            "an der Bedarfserhebung teilgenommen haben. Jedes Unternehmen zählt einmal, mit seiner "
            "letzten Antwort."
        ),
        *(_weighting_note(run) if weighting != RAW else [_raw_note()]),
        _(
            "Unsicherheit: Zu jeder Schätzung gehört ein 95-%-Intervall. Ungleiche Gewichte machen "
            "eine Schätzung unsicherer; das drückt die effektive Fallzahl nach Kish aus (das "
            "Quadrat der Summe der Gewichte geteilt durch die Summe ihrer Quadrate). Der "
            "Designeffekt ist die Zahl der Unternehmen geteilt durch die effektive Fallzahl. Bei "
            "Mittelwerten reicht das Intervall 1,96 Standardfehler um die Schätzung, bei Anteilen "
            "ist es das Wilson-Intervall mit der effektiven Fallzahl."
        ),
        _(
            "Zu wenige Antworten: Für Gruppen mit weniger als %(n)s antwortenden Unternehmen gibt "
            "es keine Zahlen – weder Schätzung noch Intervall noch Fallzahl. Dasselbe gilt für "
            "eine einzelne Frage, die weniger als %(n)s Unternehmen beantwortet haben."
        )
        % {"n": run.min_size},
        _(
            "Schutz einzelner Betriebe: Zum Schutz einzelner Betriebe sind die Werte leicht "
            "verrauscht (Cell-Key-Verfahren, wie im Zensus 2022). Jede Zahl weicht um einen "
            "kleinen, festen Betrag vom berechneten Wert ab; er hängt davon ab, welche Betriebe "
            "zur Gruppe gehören, und ist bei kleinen Gruppen größer als bei großen. Dieselbe Zahl "
            "ist auf der Seite, im PDF, in den Downloads und über die Schnittstelle gleich, und "
            "aus mehreren Zahlen lässt sich nicht zurückrechnen, was ein Betrieb geantwortet hat. "
            "Die Intervalle sind um diese Abweichung verbreitert. Werte werden in ganzen Punkten "
            "und ganzen Prozent gezeigt, Fallzahlen ebenfalls leicht verrauscht und unter 20 auf "
            "Vielfache von 5 gerundet."
        ),
        _(
            "Dünn besetzt: Beruht eine Schätzung auf weniger als %(n)s Unternehmen oder einer "
            "effektiven Fallzahl unter %(eff)s, ist sie als „dünn besetzt“ markiert. Lesen Sie "
            "sie mit Vorsicht: Unterschiede, deren Intervalle sich überlappen, sind nicht gesichert."
        )
        % {"n": THIN_N, "eff": f"{THIN_N_EFF:.0f}"},
    ]
    return [str(p) for p in paragraphs]


def _weighting_note(run: EstimateRun) -> list[str]:
    diagnostics = run.diagnostics or {}
    notes = [
        _(
            "Gewichtung (Raking): Aus manchen Ländern, Branchen und Größenklassen antworten mehr "
            "Unternehmen als aus anderen. Jede Antwort erhält deshalb ein Gewicht, und die "
            "Gewichte werden schrittweise so angepasst, dass die gewichteten Antworten je Land "
            "und Branche der Zahl der Betriebe in der Grundgesamtheit entsprechen und die "
            "Größenklassen ihren bundesweiten Anteilen."
        ),
        _(
            "Begrenzung: Kein Gewicht darf größer als das %(factor)s-Fache des mittleren Gewichts "
            "werden; größere werden gekappt und die übrigen neu angepasst. So bestimmt keine "
            "einzelne Antwort das Ergebnis."
        )
        % {"factor": f"{TRIM_FACTOR:.0f}"},
    ]
    margins = diagnostics.get("margins")
    if margins == "one_way":
        notes.append(
            _(
                "In diesem Zeitraum waren die Antworten zu dünn über die Kombinationen aus Land "
                "und Branche verteilt. Die Gewichte treffen deshalb die Zahl der Betriebe je Land "
                "und je Branche getrennt, nicht für jede Kombination."
            )
        )
    elif margins == "joint_only":
        notes.append(
            _(
                "In diesem Zeitraum ließen sich nicht alle Vorgaben zugleich erfüllen. Die Gewichte "
                "treffen die Zahl der Betriebe je Land und Branche; die Größenklassen sind nicht "
                "auf ihre bundesweiten Anteile ausgeglichen."
            )
        )
    uncovered = diagnostics.get("uncovered") or 0
    if uncovered:
        notes.append(
            _(
                "%(n)s Kombinationen aus Land und Branche haben Betriebe, aber keine Antworten; "
                "sie sind in den Schätzungen nicht vertreten."
            )
            % {"n": uncovered}
        )
    return [str(n) for n in notes]


def _raw_note() -> str:
    return str(
        _(
            "Ungewichtet: Die Zahlen sind einfache Mittelwerte und Anteile über die antwortenden "
            "Unternehmen. Sie beschreiben die Teilnehmenden, nicht alle Betriebe der Region."
        )
    )
