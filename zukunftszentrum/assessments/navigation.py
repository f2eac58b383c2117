"""Which pages of a response are shown and in which order (pages without a visible item are
skipped), and how a response's pages are addressed: by id for signed-in people, by token."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from .engine import logic
from .engine.schema import Instrument
from .models import Response


def visible_ids(
    inst: Instrument, answers: Mapping[str, Any], perspective: str | None = None
) -> set[str]:
    """The items shown to this perspective (one it answers without being asked is not)."""
    return {i.id for i in logic.asked_items(inst, answers, perspective)}


def page_order(
    inst: Instrument, answers: Mapping[str, Any], perspective: str | None = None
) -> list[int]:
    """Indexes of the pages that have at least one visible item."""
    visible = visible_ids(inst, answers, perspective)
    return [n for n, page in enumerate(inst.pages) if any(i.id in visible for i in page.items)]


def number_of(order: list[int], page_index: int) -> int:
    """The 1-based position of a page in the order (the nearest following page if hidden)."""
    for pos, index in enumerate(order, start=1):
        if index >= page_index:
            return pos
    return max(len(order), 1)


TOKEN_NAMES = {"result": "result_by_token", "resume": "resume"}


@dataclass(frozen=True)
class Flow:
    """A response and how its pages are addressed (by id, or by the private token)."""

    response: Response
    token: str | None = None

    def url(self, name: str, **kwargs: Any) -> str:
        if self.token:
            target = TOKEN_NAMES.get(name, f"token_{name}")
            return reverse(f"assessments:{target}", kwargs={"token": self.token, **kwargs})
        return reverse(f"assessments:{name}", kwargs={"pk": self.response.pk, **kwargs})

    def page_url(self, number: int) -> str:
        return self.url("page", number=number)

    @property
    def by_token(self) -> bool:
        return self.token is not None

    # for templates, which cannot pass arguments
    @property
    def resume_url(self) -> str:
        return self.url("resume") if self.token else self.url("continue")

    @property
    def continue_url(self) -> str:
        return self.url("continue")

    @property
    def result_url(self) -> str:
        return self.url("result")
