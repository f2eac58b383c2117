"""Batch checks for the command line and the API: the pure `law.batch` with the loaded content,
and its refusals worded for people (German source text, translated)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from . import content
from .law.batch import BatchError, parse_batch, run_batch

__all__ = ["BatchError", "assess_batch", "describe"]


def assess_batch(data: Any, law_key: str) -> list[dict[str, Any]]:
    """One result per system of `data` under `law_key`; BatchError for the first bad entry."""
    systems = parse_batch(data)
    return run_batch(systems, law_key, obligations=content.obligations(), laws=content.laws())


def describe(error: BatchError) -> str:
    """The refusal in one sentence, naming the entry and the unknown fact or value."""
    if error.problem == "not_a_list":
        return _("Erwartet wird eine Liste von Systemen (je mit „id“ und Merkmalen).")
    where = _("Eintrag %(n)d") % {"n": error.position}
    if error.system_id:
        where = f"{where} („{error.system_id}“)"
    if error.problem == "not_a_mapping":
        return _("%(where)s: erwartet werden „id“ und Merkmale.") % {"where": where}
    if error.problem == "missing_id":
        return _("%(where)s: die Angabe „id“ fehlt.") % {"where": where}
    if error.problem == "duplicate_id":
        return _("%(where)s: die id kommt mehrfach vor.") % {"where": where}
    fact = error.fact_error
    assert fact is not None
    if fact.unknown_fact:
        return _("%(where)s: unbekanntes Merkmal „%(fact)s“.") % {"where": where, "fact": fact.fact}
    return _("%(where)s: unbekannter Wert „%(value)s“ für „%(fact)s“ (erlaubt: %(allowed)s).") % {
        "where": where,
        "value": fact.value,
        "fact": fact.fact,
        "allowed": ", ".join(fact.allowed),
    }
