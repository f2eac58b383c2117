"""The rules of the pulse, workshops, work-impact assessment and decision log in words: the
predicates are in `predicates.py` (tested as a table); this module asks them for a member and
says a refusal by role in the terms of these pages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Membership

from . import rules
from .models import Project
from .predicates import RULES, Why


def _by_role(action: str) -> str:
    return {
        "answer_pulse": _("Die Pulsbefragung richtet sich an die Beschäftigten des Unternehmens."),
        "rate_management": _("Diese Bewertung gibt die Geschäftsführung ab."),
        "rate_employee": _("Diese Bewertung geben die Beschäftigten ab."),
        "rate_council": _("Diese Bewertung gibt der Betriebsrat ab."),
    }.get(action, _("Das können nur die Leitung und die Moderation des Projekts."))


def may(action: str, member: Membership | None, project: Project) -> Answer:
    s = rules.situation(member, project)
    verdict = RULES[action](s)
    if verdict:
        return ALLOWED
    if verdict.why is Why.WRONG_ROLE:
        return refused(_by_role(action))
    return refused(rules.reason(verdict, s, action))
