"""Writes of the self-checks. Keyword-only, atomic; each checks permission itself.

Privacy: an anonymous check's response has no respondent and its token is never stored with
the person; a `Participation` row records only THAT the person took part. Submitting to a
company check and closing it make the batch release that is due (`releases.make_release`), and
a submission may refresh peer snapshots: both in the background, once committed (`tasks.py`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.tokens import hash_token, new_token
from zukunftszentrum.organisations.models import Membership, Organisation, User

from .audit_actions import AssessmentAction
from .engine import logic, scoring
from .engine.schema import Instrument, Page
from .exceptions import (
    AlreadyParticipated,
    AlreadySubmitted,
    AssessmentClosed,
    NotAllowed,
    OutdatedVersion,
)
from .models import Assessment, Participation, Perspective, Response
from .queries import (
    assessments_visible_to,
    instrument,
    instrument_of,
    openable_for,
    perspective_for,
)
from .rules import may_manage_assessment, may_open_assessment, may_reopen_assessment
from .tasks import after_close, after_submit

FIELD_PREFIX = "q-"  # form fields are named q-<item id>
ASSESSMENT_KINDS = ("company", "employee_voice", "needs")


def stamp(anonymous: bool) -> datetime:
    """Now; for anonymous answers only the day, so that no time can be matched with sign-ins
    or the day a person's participation was recorded."""
    now = timezone.now()
    return now.replace(hour=0, minute=0, second=0, microsecond=0) if anonymous else now


@transaction.atomic
def open_assessment(*, member: Membership, instrument_key: str) -> Assessment:
    """Open a company check for the member's organisation; an open one is returned as it is."""
    may_open_assessment(member).enforce(NotAllowed)
    assert member.organisation_id is not None  # the rule admits an organisation's lead only
    inst = instrument(instrument_key)
    if inst.kind not in ASSESSMENT_KINDS:
        raise NotAllowed(_("Diesen Check beantworten Personen einzeln, er wird nicht eröffnet."))
    if not openable_for(member, inst):
        raise NotAllowed(
            _(
                "Eine Befragung der Beschäftigten gibt es nur in Unternehmen mit Beschäftigten, "
                "nicht für Solo-Selbstständige."
            )
        )
    organisation = Organisation.objects.select_for_update().get(pk=member.organisation_id)
    existing = Assessment.objects.filter(
        organisation=organisation, instrument_key=inst.key, status=Assessment.Status.OPEN
    ).first()
    if existing is not None:
        return existing
    assessment = Assessment.objects.create(
        organisation=organisation,
        instrument_key=inst.key,
        version=inst.version,
        opened_by=member.user,
    )
    record_event(
        AssessmentAction.ASSESSMENT_OPENED,
        actor=member.user,
        summary=f"{organisation}: {inst.key} {inst.version}",
        organisation_id=organisation.pk,
    )
    return assessment


@transaction.atomic
def close_assessment(*, member: Membership, assessment: Assessment) -> Assessment:
    """Close a company check; answers given so far are kept, no more can be submitted."""
    may_manage_assessment(member, assessment).enforce(NotAllowed)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_open:
        locked.status = Assessment.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        record_event(
            AssessmentAction.ASSESSMENT_CLOSED,
            actor=member.user,
            summary=str(locked),
            organisation_id=locked.organisation_id,
        )
        after_close(locked)  # the final state: whatever is new is released once
    return locked


@transaction.atomic
def reopen_assessment(*, member: Membership, assessment: Assessment) -> Assessment:
    """Open a check closed by mistake again (see `rules.may_reopen_assessment`). Its releases
    stay: what people have read is still true; new answers join the next release."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    may_reopen_assessment(member, locked).enforce(NotAllowed)
    locked.status, locked.closed_at = Assessment.Status.OPEN, None
    locked.save(update_fields=["status", "closed_at"])
    record_event(
        AssessmentAction.ASSESSMENT_REOPENED,
        actor=member.user,
        summary=str(locked),
        organisation_id=locked.organisation_id,
    )
    return locked


@transaction.atomic
def start_assessment_response(
    *, member: Membership, assessment: Assessment
) -> tuple[Response, str | None]:
    """Start (or resume) the member's answer to a company check. Anonymous checks return a new
    response with its private token; the person's own answer is never looked up again."""
    if not assessments_visible_to(member).filter(pk=assessment.pk).exists():
        raise NotAllowed(_("Diesen Check können Sie in Ihrer aktiven Rolle nicht beantworten."))
    if not assessment.is_open:
        raise AssessmentClosed(_("Dieser Check ist bereits abgeschlossen."))
    inst = instrument(assessment.instrument_key, assessment.version)
    perspective = perspective_for(member, inst)
    if perspective is None:
        raise NotAllowed(_("In Ihrer aktiven Rolle ist dieser Check nicht vorgesehen."))
    if inst.anonymous:
        return _start_anonymous(member.user, assessment)
    mine = Response.objects.filter(assessment=assessment, respondent=member.user)
    if (existing := mine.first()) is not None:
        return existing, None
    try:
        with transaction.atomic():  # a double click: the second start finds the first
            response = Response.objects.create(
                assessment=assessment,
                instrument_key=assessment.instrument_key,
                version=assessment.version,
                respondent=member.user,
                organisation_id=assessment.organisation_id,
                perspective=perspective,
                answers=logic.with_implied(inst, perspective, {}),
            )
    except IntegrityError:
        return mine.get(), None
    return response, None


def _start_anonymous(user: User, assessment: Assessment) -> tuple[Response, str]:
    try:
        with transaction.atomic():
            Participation.objects.create(assessment=assessment, user=user)
    except IntegrityError:
        raise AlreadyParticipated(
            _(
                "Sie haben an dieser Befragung bereits teilgenommen. Fortsetzen können Sie nur "
                "über Ihren privaten Link."
            )
        ) from None
    token, token_hash = new_token()
    day = stamp(anonymous=True)
    response = Response.objects.create(
        started_at=day,
        updated_at=day,
        assessment=assessment,
        instrument_key=assessment.instrument_key,
        version=assessment.version,
        organisation_id=assessment.organisation_id,
        perspective=Perspective.ANONYMOUS,
        resume_token_hash=token_hash,
    )
    return response, token


@transaction.atomic
def start_individual_response(
    *, user: User | None, instrument_key: str, organisation: Organisation | None = None
) -> tuple[Response, str | None]:
    """Start an individual check. A signed-in person resumes their draft; anyone else gets a
    response with a private token (returned once, stored only as a hash). The organisation
    (of the person's active role) only places the answers in aggregated statistics."""
    inst = instrument(instrument_key)
    if inst.kind != "individual":
        raise NotAllowed(_("Dieser Check wird im Unternehmen beantwortet."))
    if user is not None and user.is_authenticated:
        drafts = Response.objects.filter(
            respondent=user, instrument_key=inst.key, assessment=None, submitted_at=None
        )
        draft = drafts.first()
        if draft is not None:
            return draft, None
        try:
            # A second tab or a double click may create the draft at the same moment; the
            # database allows one, so the later request resumes it.
            with transaction.atomic():
                response = Response.objects.create(
                    instrument_key=inst.key,
                    version=inst.version,
                    respondent=user,
                    organisation=organisation,
                    perspective=Perspective.INDIVIDUAL,
                )
        except IntegrityError:
            return drafts.get(), None
        return response, None
    token, token_hash = new_token()
    response = Response.objects.create(
        instrument_key=inst.key,
        version=inst.version,
        perspective=Perspective.INDIVIDUAL,
        resume_token_hash=token_hash,
    )
    return response, token


@dataclasses.dataclass
class PageOutcome:
    """What saving a page did: item errors (the page is shown again) and general notes."""

    errors: dict[str, str] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)
    closed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.notes


def _check_version(response: Response, version: str | None) -> None:
    if version is not None and version != response.version:
        raise OutdatedVersion(
            _(
                "Die Fragen wurden inzwischen aktualisiert. Bitte prüfen Sie diese Seite und "
                "senden Sie sie noch einmal ab."
            )
        )


def _lock(response: Response) -> Response:
    # No select_related: PostgreSQL cannot lock the nullable side of an outer join.
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.is_submitted:
        raise AlreadySubmitted(_("Diese Antworten wurden bereits abgesendet."))
    return locked


@transaction.atomic
def save_page(
    *,
    response: Response,
    page_index: int,
    data: Mapping[str, Sequence[str]],
    version: str | None,
    shown: Sequence[str] = (),
    forward: bool = False,
) -> PageOutcome:
    """Validate and store the answers posted on one page. Valid answers are always kept; an
    invalid one is reported at its item. Moving forward also checks the page's required items."""
    locked = _lock(response)
    _check_version(locked, version)
    inst = instrument_of(locked)
    page = inst.pages[page_index]
    outcome = PageOutcome()
    answers = dict(locked.answers)
    _read_page(inst, page, data, answers, outcome, set(shown))
    # A draft begun before an answer was implied for its perspective gets it now.
    answers = logic.with_implied(inst, locked.perspective, answers)
    # Hidden items keep their answers until submit: changing one's mind loses nothing.
    locked.answers = answers
    locked.current_page = page_index
    locked.updated_at = stamp(locked.is_anonymous)
    locked.save(update_fields=["answers", "current_page", "updated_at"])
    response.answers, response.current_page = locked.answers, page_index
    if locked.assessment is not None and not locked.assessment.is_open:
        outcome.closed = True
    if forward and not outcome.errors:
        _check_forward(inst, page, locked.answers, shown, outcome)
    return outcome


def _read_page(
    inst: Instrument,
    page: Page,
    data: Mapping[str, Sequence[str]],
    answers: dict[str, Any],
    outcome: PageOutcome,
    shown: set[str],
) -> None:
    on_page = {item.id: item for item in page.items}
    for name in data:
        if name.startswith(FIELD_PREFIX) and name[len(FIELD_PREFIX) :] not in on_page:
            outcome.notes.append(
                _("Eine Angabe gehörte zu keiner Frage dieser Seite und wurde nicht gespeichert.")
            )
            break
    rendered = shown or _visible_ids(inst, answers)  # what the page showed
    for item in page.items:
        name = FIELD_PREFIX + item.id
        if item.id not in rendered and name not in data:
            continue
        try:
            value = logic.validate_answer(item, list(data.get(name, [])))
        except logic.AnswerError as exc:
            outcome.errors[item.id] = _answer_message(exc)
            continue
        if value is None:
            answers.pop(item.id, None)
        else:
            answers[item.id] = value


def _answer_message(exc: logic.AnswerError) -> str:
    """The engine's German message, translated (its template has %(name)s fields)."""
    template = getattr(exc, "template", None)
    if template is None:
        return _(exc.message)
    params = getattr(exc, "params", None) or {}
    return _(template) % params if params else _(template)


def _visible_ids(inst: Instrument, answers: Mapping[str, Any]) -> set[str]:
    return {i.id for i in logic.visible_items(inst, answers)}


def _check_forward(
    inst: Instrument,
    page: Page,
    answers: dict[str, Any],
    shown: Sequence[str],
    outcome: PageOutcome,
) -> None:
    visible = _visible_ids(inst, answers)
    for item in page.items:
        if item.id in visible and item.required and not logic.is_answered(answers.get(item.id)):
            outcome.errors[item.id] = _("Bitte beantworten Sie diese Frage.")
    new = [i for i in page.items if i.id in visible and i.id not in shown and i.id not in answers]
    if shown and new and not outcome.errors:
        outcome.notes.append(
            _("Nach Ihrer Antwort sind auf dieser Seite weitere Fragen hinzugekommen.")
        )


def missing_items(response: Response) -> list[str]:
    """Ids of required visible items without an answer."""
    inst = instrument_of(response)
    return [
        item.id
        for page in inst.pages
        for item in logic.missing_required(page, response.answers, inst)
    ]


@transaction.atomic
def submit_response(*, response: Response, version: str | None) -> Response:
    """Score the answers and freeze them; a second submit raises AlreadySubmitted."""
    locked = _lock(response)
    _check_version(locked, version)
    if locked.assessment is not None and not locked.assessment.is_open:
        raise AssessmentClosed(
            _(
                "Dieser Check wurde inzwischen abgeschlossen. Ihre Antworten sind gespeichert, "
                "können aber nicht mehr abgesendet werden."
            )
        )
    if missing_items(locked):
        raise NotAllowed(_("Bitte beantworten Sie zuerst alle Pflichtfragen."))
    inst = instrument_of(locked)
    answers = logic.with_implied(inst, locked.perspective, locked.answers)
    locked.answers = logic.clean_answers(inst, answers)
    locked.result = result_snapshot(scoring.score(inst, locked.answers))
    locked.submitted_at = locked.updated_at = stamp(locked.is_anonymous)
    locked.save(update_fields=["answers", "result", "submitted_at", "updated_at"])
    # A new batch release when enough new answers have come in, and the peer snapshots this
    # answer belongs to, when one is due: after the commit, so the page does not wait.
    after_submit(locked)
    return locked


def result_snapshot(result: Any) -> dict[str, Any]:
    """The engine's result as plain JSON (recommendations by id and text)."""
    is_instance = dataclasses.is_dataclass(result) and not isinstance(result, type)
    raw = dataclasses.asdict(result) if is_instance else dict(result)
    return json.loads(json.dumps(raw, default=_json_default))


def _json_default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


__all__ = [
    "FIELD_PREFIX",
    "PageOutcome",
    "close_assessment",
    "hash_token",
    "missing_items",
    "open_assessment",
    "result_snapshot",
    "save_page",
    "start_assessment_response",
    "start_individual_response",
    "submit_response",
]
