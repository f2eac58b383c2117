"""What this app plugs into the shell (menu, overview cards, demo step, audit actions).
Called once from the app's `ready()`; see docs/architecture.md, "Extension points"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import navigation


def register() -> None:
    """The public knowledge pages in the menu."""
    navigation.register_menu_entry(
        "ai_act.knowledge",
        label=_("KI-Wissen"),
        url_name="ai_act:knowledge",
        order=70,
        signed_in=False,
        current=("ai_act:knowledge", "ai_act:factsheet", "ai_act:notices", "ai_act:notices_filled"),
    )
