"""What every participation view shares: who may open them, and how a refusal answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from zukunftszentrum.core.access import Answer
from zukunftszentrum.organisations.roles import Capability

from ..actions import NotAllowed, ParticipationError

# The company's people and the staff of accompanying centres; whether they take part in a
# given project is the project's own rule (rules.participant), a 404 otherwise.
PARTICIPANTS = (Capability.VIEW_OWN_ORGANISATION, Capability.ACCOMPANY_COMPANIES)


@contextmanager
def refusals(request: HttpRequest, on_error: Callable[[], Any] | None = None) -> Iterator[None]:
    """A rule's refusal answers 403; any other refused step becomes a message on the page."""
    try:
        yield
    except NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from None
    except ParticipationError as error:
        messages.error(request, str(error))
        if on_error is not None:
            on_error()


def require(answer: Answer) -> None:
    """A rule's refusal before any form is read: 403 with the reason."""
    if not answer:
        raise PermissionDenied(answer.reason)
