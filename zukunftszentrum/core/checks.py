"""Deployment checks of the product (run by `zukunftszentrum check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register(deploy=True)
def operator_pages_complete(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """A public operator must publish an Impressum, an accessibility statement and its part of
    the privacy notice: each must be entered in the administration with every required field."""
    from .operator_pages import deploy_problems

    return [
        Error(
            f"Operator page incomplete: {problem}.",
            hint="Enter it in the administration (Verwaltung → Pflichtseiten des Betreibers).",
            id="zukunftszentrum.E001",
        )
        for problem in deploy_problems()
    ]
