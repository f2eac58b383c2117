"""The words for a missing figure (pages, PDFs, exports): the translated side of `suppression`."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .suppression import Reason


def reason_label(reason: str | None) -> str:
    """Why a figure is not shown, in words; "" when it is shown (`reason` None)."""
    if reason is None:
        return ""
    if reason == Reason.NO_POPULATION:
        return _("keine Betriebe in der Grundgesamtheit")
    if reason == Reason.PROTECTED:
        return _("verdeckt, damit kleine Gruppen nicht errechnet werden können")
    return _("zu wenige Antworten")


def below_minimum_label(min_size: int) -> str:
    """A count below the minimum as it may be shown: "unter 5", never the number."""
    return _("unter %(n)s") % {"n": min_size}
