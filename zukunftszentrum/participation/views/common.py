"""What every participation view shares: who may open them, and how a refusal answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse

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


def handle_form[F: Form](
    request: HttpRequest,
    form: F,
    *,
    act: Callable[[dict[str, Any]], Any],
    done: str,
    then: Callable[[Any], HttpResponse],
    invalid: Callable[[F], HttpResponse],
    refused: Callable[[F], HttpResponse] | None = None,
) -> HttpResponse:
    """The shape of the pages' POST views: an invalid form is shown again (`invalid`, with its
    errors); a valid one runs `act` with its cleaned data, says `done` and answers `then(what
    act returned)`, usually a redirect. A rule's refusal is a 403; any other refused step is a
    message, then `refused(form)` (the form kept) or, without it, `then(None)`."""
    if not form.is_valid():
        return invalid(form)
    with refusals(request):
        result = act(form.cleaned_data)
        messages.success(request, done)
        return then(result)
    return refused(form) if refused is not None else then(None)
