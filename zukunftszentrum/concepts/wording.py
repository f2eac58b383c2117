"""The concept designer's words: the optimiser returns keys and numbers, this module says them
in the reader's language (reasons per item, binding limits and what relaxing each adds, what
stays uncovered, robustness, the needs run the plan rests on)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.dates import MONTHS
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .content import topic_map

ROBUSTNESS = {
    "robust": gettext_lazy("robust"),
    "at_low": gettext_lazy("nur bei niedrigem Bedarf"),
    "at_high": gettext_lazy("nur bei hohem Bedarf"),
    "noise": gettext_lazy("unsicher"),
}
ROBUSTNESS_HELP = {
    "robust": gettext_lazy("Bleibt im Plan, ob der Bedarf am unteren oder am oberen Ende liegt."),
    "at_low": gettext_lazy(
        "Bleibt nur im Plan, wenn der Bedarf am unteren Ende liegt; bei höherem Bedarf lohnt "
        "sich anderes mehr."
    ),
    "at_high": gettext_lazy("Lohnt sich nur, wenn der Bedarf am oberen Ende liegt."),
    "noise": gettext_lazy(
        "Fällt an beiden Enden der Schätzung heraus: gewählt wegen Zahlen, die die Schätzung "
        "nicht trägt."
    ),
}
FORMATS = {
    "self_learning": gettext_lazy("Selbstlerneinheit"),
    "webinar": gettext_lazy("Webinar"),
    "workshop": gettext_lazy("Präsenzworkshop"),
    "inhouse_lab": gettext_lazy("Inhouse-Lab im Betrieb"),
    "blended": gettext_lazy("Blended Learning"),
}
SIZES = {
    "micro": gettext_lazy("Kleinstbetriebe"),
    "small": gettext_lazy("kleine Betriebe"),
    "medium": gettext_lazy("mittlere Betriebe"),
    "": gettext_lazy("ohne Größenangabe"),
}


def _lang() -> str:
    return (get_language() or "de")[:2]


def month_label(month: str) -> str:
    """ "2027-06" -> "Juni 2027"."""
    year, number = month.split("-")
    return f"{MONTHS[int(number)]} {year}"


def topic_label(topic: str) -> str:
    name = topic_map().topic_names.get(topic)
    return name.get(_lang()) if name else topic


def area_label(area: str) -> str:
    name = topic_map().areas.get(area)
    return name.get(_lang()) if name else area


def number(value: float) -> str:
    return formats.number_format(round(value), use_l10n=True, force_grouping=True)


def percent(share: float) -> str:
    """Whole percent; one decimal below 10 % (a programme reaches a small share of a region)."""
    if 0 < share < 0.001:
        return _("unter 0,1 %")
    if 0 < share < 0.1:
        return f"{formats.number_format(share * 100, 1, use_l10n=True)} %"
    return f"{round(share * 100)} %"


def item_reasons(reasons: Mapping[str, Any], fmt: str, lands: Mapping[str, str]) -> list[str]:
    """ "Deckt Bedarf an KI-Grundlagen in Niedersachsen (etwa 120 Betriebe)", the waitlists
    and gaps it serves, and how well its format fits."""
    out = []
    for topic, land, value in reasons.get("needs", []):
        out.append(
            _("Deckt Bedarf an %(topic)s in %(land)s (dort etwa %(n)s Betriebe mit diesem Bedarf).")
            % {"topic": topic_label(topic), "land": lands.get(land, land), "n": number(value)}
        )
    for topic, land, people in reasons.get("unmet", []):
        kind, _sep, _key = topic.partition(":")
        if kind == "module":
            text = _("%(n)s Personen auf der Warteliste in %(land)s.")
        else:
            text = _("%(n)s Personen mit offener Lücke im Lernweg in %(land)s.")
        out.append(text % {"n": number(people), "land": lands.get(land, land)})
    if time := reasons.get("time"):
        land, share, hours = time
        out.append(
            _(
                "Mit %(hours)s Stunden passt es ins monatliche Zeitbudget von %(share)s der "
                "Betriebe in %(land)s."
            )
            % {
                "hours": formats.number_format(hours, 1 if hours % 1 else 0, use_l10n=True),
                "share": percent(share),
                "land": lands.get(land, land),
            }
        )
    fit = reasons.get("fit")
    if fit is not None:
        out.append(
            _("Das Format %(format)s passt zu %(share)s der Betriebe mit diesem Bedarf.")
            % {"format": FORMATS.get(fmt, fmt), "share": percent(fit)}
        )
    return out


def _limit_place(
    kind: str, key: str, places: Mapping[str, str], lands: Mapping[str, str]
) -> dict[str, str]:
    """The words for a limit's key: month, area, place or Land."""
    parts = key.split("|") if key else []
    words: dict[str, str] = {}
    for part in parts:
        if len(part) == 7 and part[4] == "-":
            words["month"] = month_label(part)
        elif part in places:
            words["place"] = places[part]
        elif part in lands:
            words["land"] = lands[part]
        elif kind == "trainer_days":
            words["area"] = area_label(part)
        else:
            words.setdefault("other", part)
    return words


def _required(limit: Mapping[str, Any]) -> float:
    """What a limit allows, or for a Land's minimum share what it demands: a share of 7.2
    sessions needs 8 whole ones, so it is said as 8."""
    available = float(limit["available"])
    if limit["kind"] == "land_share":
        return float(math.ceil(available - 1e-9))
    return available


def limit_text(
    limit: Mapping[str, Any], places: Mapping[str, str], lands: Mapping[str, str]
) -> str:
    """A binding limit: what it is and how much of it the plan uses."""
    w = _limit_place(limit["kind"], limit["key"], places, lands)
    used, available = number(limit["used"]), number(_required(limit))
    kind = limit["kind"]
    if kind == "trainer_days":
        text = _("Trainertage „%(area)s“ im %(month)s: %(used)s von %(available)s verplant")
    elif kind == "budget":
        text = _("Budget: %(used)s von %(available)s Euro verplant")
    elif kind == "place_month":
        text = _("Termine in %(place)s im %(month)s: %(used)s von %(available)s")
    elif kind == "online_month":
        text = _("Online-Termine im %(month)s: %(used)s von %(available)s")
    elif kind == "land_share":
        text = _(
            "Mindestanteil für %(land)s: %(used)s Termine, verlangt sind mindestens %(available)s"
        )
    else:
        text = _("Festgelegte Positionen: %(used)s von %(available)s")
    return text % {"used": used, "available": available, **_defaults(w)}


def relaxation_text(
    relax: Mapping[str, Any], places: Mapping[str, str], lands: Mapping[str, str]
) -> str:
    """What one more unit of a limit would add: "Ein weiterer Trainertag im Juni 2027 („KI
    verstehen“) erreicht etwa 14 Betriebe mehr." """
    w = _defaults(_limit_place(relax["kind"], relax["key"], places, lands))
    amount = number(relax["gain"])  # the pages show gains of at least one establishment
    kind = relax["kind"]
    if kind == "trainer_days":
        text = _(
            "Ein weiterer Trainertag im %(month)s („%(area)s“) erreicht etwa %(gain)s Betriebe mehr."
        )
    elif kind == "budget":
        w["step"] = number(relax.get("step", 1000))
        text = _("%(step)s Euro mehr Budget erreichen etwa %(gain)s Betriebe mehr.")
    elif kind == "place_month":
        text = _(
            "Ein weiterer Termin in %(place)s im %(month)s erreicht etwa %(gain)s Betriebe mehr."
        )
    elif kind == "online_month":
        text = _("Ein weiterer Online-Termin im %(month)s erreicht etwa %(gain)s Betriebe mehr.")
    elif kind == "land_share":
        text = _("Ein geringerer Mindestanteil für %(land)s erreicht etwa %(gain)s Betriebe mehr.")
    else:
        text = _("Eine festgelegte Position weniger erreicht etwa %(gain)s Betriebe mehr.")
    return text % {**w, "gain": amount}


def infeasible_text(
    limit: Mapping[str, Any], places: Mapping[str, str], lands: Mapping[str, str]
) -> str:
    """Why no plan fits: the limit the locked items or the minimum shares break."""
    w = _defaults(_limit_place(limit["kind"], limit["key"], places, lands))
    w.update(used=number(limit["used"]), available=number(_required(limit)))
    kind = limit["kind"]
    if kind == "trainer_days":
        text = _(
            "Im %(month)s werden %(used)s Trainertage „%(area)s“ gebraucht, verfügbar sind "
            "%(available)s."
        )
    elif kind == "budget":
        text = _("Gebraucht werden %(used)s Euro, das Budget beträgt %(available)s Euro.")
    elif kind == "place_month":
        text = _(
            "In %(place)s sind im %(month)s %(used)s Termine nötig, möglich sind %(available)s."
        )
    elif kind == "online_month":
        text = _("Im %(month)s sind %(used)s Online-Termine nötig, möglich sind %(available)s.")
    elif kind == "land_share":
        text = _(
            "Der Mindestanteil für %(land)s verlangt %(available)s Termine; mit den Ressourcen "
            "gehen dort nur %(used)s."
        )
    else:
        text = _("Die festgelegten Positionen passen nicht zusammen (%(used)s von %(available)s).")
    return text % w


def _defaults(words: dict[str, str]) -> dict[str, str]:
    for name in ("month", "area", "place", "land"):
        words.setdefault(name, words.get("other", "–"))
    return words


def uncovered_text(row: list[Any], lands: Mapping[str, str]) -> str:
    topic, land, open_, total = row
    if ":" in topic:
        return _("%(n)s Personen auf Wartelisten oder mit Lücken in %(land)s bleiben offen.") % {
            "n": number(open_),
            "land": lands.get(land, land),
        }
    return _(
        "%(topic)s in %(land)s: etwa %(open)s von %(total)s Betrieben bleiben ohne Angebot."
    ) % {
        "topic": topic_label(topic),
        "land": lands.get(land, land),
        "open": number(open_),
        "total": number(total),
    }


def needs_note(needs: Mapping[str, Any], lands: Mapping[str, str] | None = None) -> str:
    """Which needs run the plan rests on, named when it is missing, stale or not this year's,
    and the Länder of the region it has no estimate for."""
    note = _run_note(needs)
    missing = [(lands or {}).get(code, code) for code in (needs or {}).get("missing", [])]
    if missing:
        note += " " + _(
            "Für %(lands)s ist keine Schätzung veröffentlicht (zu wenige Antworten); dort zählen "
            "nur Wartelisten und Lücken in Lernwegen."
        ) % {"lands": get_text_list(missing, _("und"))}
    return note


def _run_note(needs: Mapping[str, Any]) -> str:
    if not needs or not needs.get("run_id"):
        return _(
            "Für Ihre Region gibt es noch keine fertige Bedarfsanalyse. Der Vorschlag beruht "
            "nur auf Wartelisten und offenen Lücken in Lernwegen."
        )
    when = needs.get("finished_at")
    moment = parse_datetime(when) if isinstance(when, str) else when
    date = formats.date_format(moment, "SHORT_DATE_FORMAT") if isinstance(moment, datetime) else "–"
    values = {"window": needs.get("window", ""), "date": date}
    if needs.get("stale"):
        return (
            _(
                "Die Bedarfsanalyse %(window)s vom %(date)s ist nicht mehr aktuell: seitdem sind neue "
                "Antworten eingegangen. Verwendet wird diese letzte fertige Berechnung."
            )
            % values
        )
    if not needs.get("current"):
        return (
            _(
                "Für das laufende Jahr gibt es noch keine fertige Bedarfsanalyse. Verwendet wird die "
                "letzte fertige: %(window)s vom %(date)s."
            )
            % values
        )
    return _("Grundlage: Bedarfsanalyse %(window)s vom %(date)s.") % values
