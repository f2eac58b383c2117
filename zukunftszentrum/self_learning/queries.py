"""Reads of the self-learning player. A person reaches only their own progress and attempts;
a private link only its own. Anything else is a 404, the same as for what does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.urls import reverse

from zukunftszentrum.core.tokens import hash_token

from . import content
from .models import Attempt, UnitProgress
from .units import Unit


@dataclass
class Flow:
    """One learner's way through one unit: the progress, the unit and, for a private link, the
    token (only to build links; never stored)."""

    progress: UnitProgress
    unit: Unit
    token: str | None = None

    @property
    def by_token(self) -> bool:
        return self.token is not None

    def url(self, name: str, **kwargs: Any) -> str:
        if self.token is not None:
            return reverse(f"self_learning:token_{name}", kwargs={"token": self.token, **kwargs})
        if name == "home":
            return reverse("self_learning:unit", kwargs={"unit": self.unit.id})
        return reverse(f"self_learning:{name}", kwargs={"unit": self.unit.id, **kwargs})

    def attempt_url(self, name: str, attempt: Attempt) -> str:
        if self.token is not None:
            kwargs = {"token": self.token, "pk": attempt.pk}
            return reverse(f"self_learning:token_{name}", kwargs=kwargs)
        return reverse(f"self_learning:{name}", kwargs={"pk": attempt.pk})


def unit_or_404(unit_id: str) -> Unit:
    unit = content.unit(unit_id)
    if unit is None:
        raise Http404("unit")
    return unit


def _unit_of(progress: UnitProgress) -> Unit:
    """The unit a progress belongs to (a unit no longer shipped: 404)."""
    return unit_or_404(progress.unit_id)


def flow_by_token(token: str) -> Flow:
    progress = UnitProgress.objects.filter(token_hash=hash_token(token)).first()
    if progress is None:
        raise Http404("token")
    return Flow(progress, _unit_of(progress), token)


def own_progress(user: Any, unit_id: str) -> UnitProgress | None:
    return UnitProgress.objects.filter(user=user, unit_id=unit_id).first()


def progress_of(user: Any) -> dict[str, UnitProgress]:
    """The person's progress per unit id."""
    return {p.unit_id: p for p in UnitProgress.objects.filter(user=user)}


def access_own_attempt(user: Any, pk: Any) -> tuple[Flow, Attempt]:
    """The person's own attempt with its flow; anyone else's is a 404."""
    attempt = Attempt.objects.select_related("progress").filter(progress__user=user, pk=pk).first()
    if attempt is None:
        raise Http404("attempt")
    return Flow(attempt.progress, _unit_of(attempt.progress)), attempt


def access_token_attempt(token: str, pk: Any) -> tuple[Flow, Attempt]:
    """An attempt made under the private link; any other is a 404."""
    flow = flow_by_token(token)
    attempt = flow.progress.attempts.filter(pk=pk).first()
    if attempt is None:
        raise Http404("attempt")
    return flow, attempt
