"""What the pages before closing and reopening a company check say: the question, the
consequences in plain sentences, and what a second tab or a double click finds. Reads only; the
views render the shared confirmation template with these contexts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from zukunftszentrum.core.suppression import effective_min_size
from zukunftszentrum.organisations.models import Membership

from .models import Assessment
from .queries import instrument_of, lang
from .rules import REOPEN_DAYS, may_reopen_assessment, reopen_deadline

CONFIRM_TEMPLATE = "organisations/confirm.html"


def _names(assessment: Assessment) -> dict[str, Any]:
    return {"title": instrument_of(assessment).title.get(lang()), "days": REOPEN_DAYS}


def _date(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATETIME_FORMAT") if value else ""


def close_confirmation(assessment: Assessment, *, cancel_url: str) -> dict[str, Any]:
    """Before a company check is closed: no more answers, the final release."""
    names = _names(assessment)
    context: dict[str, Any] = {
        "heading": _("„%(title)s“ abschließen?") % names,
        "subject": assessment.organisation.legal_name,
        "cancel_url": cancel_url,
        "confirm_label": _("Ja, Check abschließen"),
    }
    if not assessment.is_open:
        context["done"] = _("Dieser Check ist bereits abgeschlossen (%(when)s).") % {
            "when": _date(assessment.closed_at)
        }
        return context
    minimum = effective_min_size(settings.ZZ_MIN_GROUP_SIZE)
    context["consequences"] = [
        _(
            "Danach kann niemand mehr Antworten absenden. Begonnene, aber nicht abgesendete "
            "Antworten zählen nicht."
        ),
        _(
            "Das Ergebnis wird ein letztes Mal freigegeben, mit allen bis dahin abgesendeten "
            "Antworten. Ihre Beschäftigten und der Betriebsrat sehen dann das Gesamtergebnis – "
            "wenn mindestens %(min)d Personen geantwortet haben."
        )
        % {"min": minimum},
        _(
            "Haben Sie versehentlich abgeschlossen, können Sie den Check in den ersten "
            "%(days)d Tagen wieder öffnen."
        )
        % names,
    ]
    return context


def reopen_confirmation(
    assessment: Assessment, member: Membership | None, *, cancel_url: str
) -> dict[str, Any]:
    """Before a closed check is opened again (within REOPEN_DAYS)."""
    names = _names(assessment)
    context: dict[str, Any] = {
        "heading": _("„%(title)s“ wieder öffnen?") % names,
        "subject": assessment.organisation.legal_name,
        "cancel_url": cancel_url,
        "confirm_label": _("Ja, Check wieder öffnen"),
    }
    if assessment.is_open:
        context["done"] = _("Dieser Check ist bereits wieder offen.")
        return context
    answer = may_reopen_assessment(member, assessment)
    if not answer:
        context["done"] = answer.reason
        return context
    context["consequences"] = [
        _("Die Beteiligten können wieder antworten, bis Sie den Check erneut abschließen."),
        _(
            "Bisherige Freigaben des Ergebnisses bleiben erhalten. Neue Antworten kommen mit der "
            "nächsten Freigabe hinzu."
        ),
        _(
            "Ihre Beschäftigten und der Betriebsrat sehen das Gesamtergebnis erst wieder, wenn "
            "der Check erneut abgeschlossen ist."
        ),
        _("Wieder öffnen ist möglich bis %(until)s.")
        % {"until": _date(reopen_deadline(assessment))},
    ]
    return context
