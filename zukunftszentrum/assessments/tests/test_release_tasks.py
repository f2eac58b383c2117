"""Releases and peer snapshots through the task queue: enqueued once the submission or the close
is committed, idempotent, retried on failure. The tests run the tasks explicitly (no worker)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from zukunftszentrum.assessments import actions, tasks
from zukunftszentrum.assessments.models import Assessment, Response
from zukunftszentrum.core.tasks import MAX_ATTEMPTS
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .factories import flow_content  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_content")]


@pytest.fixture(autouse=True)
def _through_the_queue(settings) -> None:
    settings.ZZ_RUN_TASKS_INLINE = False


def _answer(member: Membership, assessment: Assessment) -> Response:
    response, _ = actions.start_assessment_response(member=member, assessment=assessment)
    actions.save_page(response=response, page_index=0, data={"q-v_hope": ["4"]}, version="2026.1")
    return actions.submit_response(response=response, version="2026.1")


def _queued(name: str) -> list[list]:
    """The arguments of the queued tasks of that name (the task's function name)."""
    return [
        row.args_kwargs["args"]
        for row in DBTaskResult.objects.order_by("enqueued_at")
        if row.task_path.endswith(f".{name}")
    ]


def _run_queue() -> None:
    """What a worker would do: run every queued release and snapshot task once."""
    for args in _queued("release_due"):
        tasks.release_due.call(*args)
    for args in _queued("refresh_peer_snapshots"):
        tasks.refresh_peer_snapshots.call(*args)


def _run_with_five(django_capture_on_commit_callbacks) -> tuple[Membership, Assessment]:
    lead = make_member(Role.COMPANY_LEAD)
    run = actions.open_assessment(member=lead, instrument_key="flowvoice")
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            _answer(make_member(Role.EMPLOYEE, organisation=lead.organisation), run)
    return lead, run


def test_submit_enqueues_after_commit_and_the_task_releases(
    django_capture_on_commit_callbacks,
) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    run = actions.open_assessment(member=lead, instrument_key="flowvoice")
    with django_capture_on_commit_callbacks() as callbacks:
        response = _answer(make_member(Role.EMPLOYEE, organisation=lead.organisation), run)
        assert not DBTaskResult.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    assert _queued("release_due") == [[run.pk]]
    assert _queued("refresh_peer_snapshots") == [[str(response.pk)]]


def test_the_fifth_answer_is_released_by_the_task_not_the_request(
    django_capture_on_commit_callbacks,
) -> None:
    _lead, run = _run_with_five(django_capture_on_commit_callbacks)
    assert not run.releases.exists()  # the request did not compute it
    _run_queue()
    release = run.releases.get()
    assert (release.number, release.response_count) == (1, 5)


def test_tasks_are_idempotent(django_capture_on_commit_callbacks) -> None:
    _lead, run = _run_with_five(django_capture_on_commit_callbacks)
    _run_queue()
    _run_queue()  # duplicates and late tasks find nothing new
    assert run.releases.count() == 1
    assert tasks.release_due.call(run.pk) is None


def test_close_releases_the_rest_through_the_queue(django_capture_on_commit_callbacks) -> None:
    lead, run = _run_with_five(django_capture_on_commit_callbacks)
    _run_queue()  # release 1 with five
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        _answer(make_member(Role.EMPLOYEE, organisation=lead.organisation), run)
    _run_queue()  # one new answer: not enough for a release of its own
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_assessment(member=lead, assessment=run)
    assert _queued("release_due") == [[run.pk]] and run.releases.count() == 1
    _run_queue()
    last = run.releases.order_by("-number").first()
    assert last is not None and (last.number, last.response_count) == (2, 6)


def test_a_failing_release_is_retried_then_given_up(monkeypatch) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    run = actions.open_assessment(member=lead, instrument_key="flowvoice")

    def broken(assessment: Assessment) -> None:
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(tasks, "make_release", broken)
    with pytest.raises(RuntimeError):
        tasks.release_due.call(run.pk)
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"] == [run.pk, 2] and retry.run_after is not None
    DBTaskResult.objects.all().delete()
    with pytest.raises(RuntimeError):
        tasks.release_due.call(run.pk, MAX_ATTEMPTS)
    assert not DBTaskResult.objects.exists()  # the last attempt queues no further one


def test_a_deleted_run_or_response_is_nothing_to_do() -> None:
    assert tasks.release_due.call(999_999) is None
    assert tasks.refresh_peer_snapshots.call("00000000-0000-0000-0000-000000000000") == 0


@override_settings(ZZ_RUN_TASKS_INLINE=True)
def test_inline_path_releases_within_the_request() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    run = actions.open_assessment(member=lead, instrument_key="flowvoice")
    for _ in range(5):
        _answer(make_member(Role.EMPLOYEE, organisation=lead.organisation), run)
    assert run.releases.count() == 1 and not DBTaskResult.objects.exists()
