"""Batch releases of company check results: made by the submit and close actions, at least the
minimum of new answers apart, the closing batch without its free texts, stored and never
recomputed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.utils import timezone

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.actions import result_snapshot
from zukunftszentrum.assessments.engine import scoring
from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.models import Assessment, Perspective, Response, ResultRelease
from zukunftszentrum.assessments.releases import make_release, view_for
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .factories import flow_content  # noqa: F401

pytestmark = pytest.mark.django_db


def _answer(member: Membership, assessment: Assessment) -> Response:
    response, _ = actions.start_assessment_response(member=member, assessment=assessment)
    actions.save_page(response=response, page_index=0, data={"q-v_hope": ["4"]}, version="2026.1")
    return actions.submit_response(response=response, version="2026.1")


@pytest.mark.usefixtures("flow_content")
def test_submit_releases_every_five_and_close_releases_the_rest() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    run = actions.open_assessment(member=lead, instrument_key="flowvoice")
    people = [make_member(Role.EMPLOYEE, organisation=lead.organisation) for _ in range(12)]
    for person in people[:4]:
        _answer(person, run)
    assert not run.releases.exists()  # four: nothing released, nothing to reload
    _answer(people[4], run)
    first = run.releases.get()
    assert (first.number, first.response_count) == (1, 5)
    assert first.released_on == timezone.localdate()
    for person in people[5:9]:
        _answer(person, run)
    assert run.releases.count() == 1  # four more: still release 1
    actions.close_assessment(member=lead, assessment=run)
    last = run.releases.order_by("-number").first()
    assert last is not None and (last.number, last.response_count) == (2, 9)
    assert last.figures["total"]["n"] is not None


def _voice_responses(run: Assessment, texts: list[str]) -> None:
    inst = catalog().get(run.instrument_key, run.version)
    for text in texts:
        answers: dict[str, Any] = {i.id: 3 for i in inst.items if i.type == "likert"}
        answers["message_to_management"] = text
        Response.objects.create(
            assessment=run,
            instrument_key=run.instrument_key,
            version=run.version,
            organisation=run.organisation,
            perspective=Perspective.ANONYMOUS,
            answers=answers,
            resume_token_hash=uuid.uuid4().hex,
            submitted_at=timezone.now(),
            result=result_snapshot(scoring.score(inst, answers)),
        )


def test_a_closing_batch_below_the_minimum_releases_figures_but_not_its_free_texts() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    run = Assessment.objects.create(
        organisation=lead.organisation,
        instrument_key="work_voice",
        version=catalog().get("work_voice").version,
    )
    _voice_responses(run, [f"Text {i}" for i in range(5)])
    first = make_release(run)
    assert first is not None
    assert sorted(first.free_texts[0]["texts"]) == [f"Text {i}" for i in range(5)]
    _voice_responses(run, ["Spät 1", "Spät 2"])
    assert make_release(run) is None  # two new: no release while open
    run.status, run.closed_at = Assessment.Status.CLOSED, timezone.now()
    run.save()
    closing = make_release(run)
    assert closing is not None and closing.response_count == 7
    assert closing.texts_withheld
    assert all(not block["texts"] for block in closing.free_texts)
    assert make_release(run) is None  # nothing new: the final state stays


def test_the_stored_figures_are_shown_not_recomputed() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    run = Assessment.objects.create(
        organisation=lead.organisation,
        instrument_key="work_voice",
        version=catalog().get("work_voice").version,
    )
    _voice_responses(run, [f"T{i}" for i in range(6)])
    row = make_release(run)
    assert row is not None
    ResultRelease.objects.filter(pk=row.pk).update(
        figures={**row.figures, "total": {**row.figures["total"], "overall": [7, 5, None, 6]}}
    )
    row.refresh_from_db()
    view = view_for(row, own_response_id=None, own_perspective=None, took_part=False)
    assert view.total.overall.mean == 7


def test_the_viewer_who_took_part_needs_the_minimum_of_others() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    run = Assessment.objects.create(
        organisation=lead.organisation,
        instrument_key="work_voice",
        version=catalog().get("work_voice").version,
    )
    _voice_responses(run, [f"T{i}" for i in range(5)])
    row = make_release(run)
    assert row is not None
    outsider = view_for(row, own_response_id=None, own_perspective=None, took_part=False)
    participant = view_for(row, own_response_id=None, own_perspective=None, took_part=True)
    assert outsider.shown and not participant.shown


def test_the_command_releases_runs_answered_before_releases_existed() -> None:
    from io import StringIO

    from django.core.management import call_command

    lead = make_member(Role.COMPANY_LEAD)
    run = Assessment.objects.create(
        organisation=lead.organisation,
        instrument_key="work_voice",
        version=catalog().get("work_voice").version,
        status=Assessment.Status.CLOSED,
        closed_at=timezone.now(),
    )
    _voice_responses(run, [f"T{i}" for i in range(3)])
    out = StringIO()
    call_command("release_results", stdout=out)
    assert run.releases.count() == 1 and "1 Freigabe" in out.getvalue()
    call_command("release_results", stdout=StringIO())
    assert run.releases.count() == 1  # nothing new: nothing made
