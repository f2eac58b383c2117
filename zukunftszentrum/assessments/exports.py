"""Aggregated exports of results (CSV, XLSX) for centre staff, always through the minimum-size rule.

Input is plain data — (group key, result) pairs — so the view that serves an export stays thin.
Every figure comes from `engine.aggregate.mean_profile`, i.e. through `core.disclosure`: counts
and means perturbed by the cell key method, means in whole points. Never one row per person: each
row is a group's published size and means, and a group below the minimum size shows "< 5" and no
figures at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.assessments.engine.aggregate import Keyed, MeanValue, mean_profile
from zukunftszentrum.assessments.engine.schema import Instrument
from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.core.exports import Cell, Column, ExportTable
from zukunftszentrum.core.suppression import effective_min_size
from zukunftszentrum.organisations.models import Membership

from .instruments import catalog
from .models import Response
from .queries import exportable_responses, instrument, lang, snapshot_result

GroupKey = Mapping[str, str]  # e.g. {"wz_section": "C", "size_class": "small", "land": "BY"}


def export_rows(
    results: Iterable[tuple[GroupKey, Keyed]],
    *,
    instrument: Instrument,
    group_fields: Sequence[tuple[str, str]],
    lang: str = "de",
    min_size: int | None = None,
) -> ExportTable:
    """Mean scores per group; groups below the minimum size keep only a "< n" count.

    `results` are (group key, keyed result) pairs, each answered in `instrument`'s version;
    every figure is published through `engine.aggregate` (hence `core.disclosure`): counts
    perturbed and rounded where small, means in whole points, knowledge in whole percent.
    `group_fields` are (key, column header) pairs.
    """
    minimum = effective_min_size(settings.ZZ_MIN_GROUP_SIZE if min_size is None else min_size)
    groups: dict[tuple[str, ...], list[Any]] = {}
    for key, res in results:
        groups.setdefault(tuple(str(key.get(f, "")) for f, _label in group_fields), []).append(res)
    quiz = [d for d in instrument.dimensions if _has_knowledge(instrument, d.id)]
    columns = (
        Column(_("Check")),
        Column(_("Version")),
        *(Column(label) for _f, label in group_fields),
        Column(_("Anzahl"), "number"),
        Column(_("Gesamt (Mittelwert)"), "number"),
        *(Column(dim.title.get(lang), "number") for dim in instrument.dimensions),
        *(Column(_("Wissen: %(dim)s") % {"dim": dim.title.get(lang)}, "number") for dim in quiz),
    )
    rows = []
    params = Parameters(min_size=minimum)
    for values in sorted(groups):
        # One variable name for every grouping: the same set of responses gets the same noise
        # in every export, and a total minus its groups leaves noise, not people.
        profile = mean_profile(
            groups[values], variable=f"{instrument.key}:{instrument.version}:all", params=params
        )
        count: Cell = profile.n if profile.n is not None else f"< {minimum}"
        means = [
            profile.overall,
            *(profile.dimensions.get(d.id, _EMPTY) for d in instrument.dimensions),
            *(profile.knowledge.get(d.id, _EMPTY) for d in quiz),
        ]
        if profile.suppressed:  # never a number for a group below the minimum
            means = [_EMPTY] * len(means)
        rows.append(
            (instrument.key, instrument.version, *values, count, *(_round(m) for m in means))
        )
    return ExportTable(
        columns,
        tuple(rows),
        sheet_title=_("Ergebnisse"),
        notes_title=_("Hinweise"),
        notes=tuple(method_notes(minimum)),
    )


def method_notes(min_size: int) -> list[str]:
    """What the export contains and why some groups are empty (also shown beside the download)."""
    return [
        _("Hinweise zu diesem Export"),
        _(
            "Jede Zeile ist eine Gruppe, nie eine einzelne Person. „Anzahl“ ist die Zahl der "
            "abgeschlossenen Antworten in der Gruppe."
        ),
        _(
            "Mindestgruppengröße: Gruppen mit weniger als %(n)s Antworten erscheinen mit "
            "„< %(n)s“ und ohne Mittelwerte, damit niemand einzeln erkennbar ist."
        )
        % {"n": min_size},
        _(
            "Punkte: jede Antwort wird auf 0 bis 100 umgerechnet; je Bereich der gewichtete "
            "Mittelwert der beantworteten Fragen („keine Angabe“ zählt nicht). Die Spalten zeigen "
            "den Mittelwert über die Gruppe, auf ganze Punkte gerundet. Ein Bereich bleibt "
            "leer, wenn weniger als %(n)s Personen dort eine Angabe gemacht haben."
        )
        % {"n": min_size},
        _(
            "Zum Schutz der Einzelnen sind Anzahlen und Mittelwerte leicht und gleichbleibend "
            "verändert (Überlagerung nach dem Cell-Key-Verfahren, wie im Zensus 2022); Anzahlen "
            "unter 20 sind auf Vielfache von 5 gerundet. Wer Gruppen voneinander abzieht, erhält "
            "dadurch keine Werte einzelner Personen."
        ),
        _(
            "Die Ergebnisse gehören zu der angegebenen Version des Checks; Versionen werden nicht "
            "gemischt."
        ),
    ]


_EMPTY = MeanValue(None, None, "empty")


def _round(value: MeanValue) -> int | None:
    return value.mean  # published: already perturbed and rounded to whole points


def _has_knowledge(instrument: Instrument, dimension_id: str) -> bool:
    return any(i.type == "knowledge" and i.dimension == dimension_id for i in instrument.items)


# --- what an export holds, read through queries ---------------------------------------------
EXPORT_GROUPINGS: dict[str, Any] = {
    "wz_section": gettext_lazy("WZ-Abschnitt"),
    "size_class": gettext_lazy("Größenklasse"),
    "land": gettext_lazy("Land"),
    "perspective": gettext_lazy("Sichtweise"),
}


def export_instrument_choices() -> list[tuple[str, str]]:
    """Every instrument version as ("key:version", "Title (Version x)"), newest first."""
    choices = []
    for key in catalog().keys():  # noqa: SIM118 (a Catalog, not a dict)
        for version in reversed(catalog().versions(key)):
            inst = catalog().get(key, version)
            label = _("%(title)s (Version %(version)s)") % {
                "title": inst.title.get(lang()),
                "version": version,
            }
            choices.append((f"{key}:{version}", label))
    return choices


def export_table(
    member: Membership | None, *, key: str, version: str, grouping: list[str]
) -> ExportTable:
    """Means per group of the member's exportable responses to one instrument version.
    Suppression (groups below the minimum) happens in `exports.export_rows`."""
    inst = instrument(key, version)
    responses = exportable_responses(member).filter(instrument_key=key, version=version)
    pairs = [
        (_group_key(r, grouping), Keyed(key=r.record_key, result=snapshot_result(r)))
        for r in responses
    ]
    fields = [(g, str(EXPORT_GROUPINGS[g])) for g in grouping if g in EXPORT_GROUPINGS]
    return export_rows(pairs, instrument=inst, group_fields=fields, lang=lang())


def _group_key(response: Response, grouping: list[str]) -> dict[str, str]:
    org = response.organisation
    assert org is not None
    values = {
        "wz_section": org.wz_section,
        "size_class": org.get_size_class_display(),
        "land": org.land_id or "",
        "perspective": str(response.get_perspective_display()),
    }
    return {g: values[g] for g in grouping}
