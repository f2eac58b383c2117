"""Demo seeding as an extension point: each app registers one step, and one guard covers them all.

A step adds the app's part of the fictional demo (idempotent: a second run adds nothing) and
returns a line for the console. Steps run in their registered order, because later ones build on
earlier ones (answers need the demo companies). `seed_demo` and `zukunftszentrum demo` run them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .registry import Registry

# Takes where the demo is served ("" when unknown), returns what to tell the person.
StepRunner = Callable[..., str]


@dataclass(frozen=True)
class DemoStep:
    name: str  # what `seed_demo --only NAME` selects, e.g. "network"
    order: int
    run: StepRunner


class DemoStepError(CommandError):
    """A step cannot run yet; the message says what to do first."""


steps = Registry[DemoStep]("demo step")


def register_demo_step(name: str, *, order: int, run: StepRunner) -> DemoStep:
    """Add an app's demo step (call from AppConfig.ready()); `run(site_url=...)` -> message."""
    return steps.add(DemoStep(name, order, run))


def demo_allowed(*, force: bool) -> bool:
    """The one rule for all demo data: every demo login shares one published password, so
    nothing is seeded outside development settings unless a demo server asks with --force."""
    return bool(settings.DEBUG) or force


def ensure_demo_allowed(*, force: bool) -> None:
    if not demo_allowed(force=force):
        raise CommandError(
            _(
                "Die Demo-Daten werden nur mit Entwicklungseinstellungen (DEBUG) angelegt, "
                "weil alle Demo-Zugänge dasselbe bekannte Passwort haben. Auf einem reinen "
                "Demo-Server: seed-demo --force."
            )
        )


def selected_steps(
    only: Iterable[str] = (), *, registry: Registry[DemoStep] = steps
) -> list[DemoStep]:
    """The steps to run, in order: all of them, or those named (an unknown name is an error)."""
    wanted = set(only)
    unknown = sorted(wanted - {step.name for step in registry})
    if unknown:
        known = ", ".join(step.name for step in registry)
        raise CommandError(
            _("Unbekannter Schritt: %(unknown)s. Es gibt: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": known}
        )
    return [step for step in registry if not wanted or step.name in wanted]
