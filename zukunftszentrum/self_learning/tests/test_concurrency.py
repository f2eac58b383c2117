"""Two submits of one attempt at the same moment (two tabs, a double click on a slow line):
the row lock lets one score it; the other finds it submitted. Needs real row locks: runs on
PostgreSQL (`make pg`)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.learning.models import Evidence
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import actions, content
from ..models import Attempt

UNIT = "ki-was-ist-ki"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: runs in `make pg`")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_count_once() -> None:
    unit = content.units()[UNIT]
    member = make_member(Role.SOLO, organisation=make_organisation(headcount=1))
    progress, _ = actions.start_unit(user=member.user, unit=unit)
    attempt = actions.start_attempt(progress, unit)
    answers = {
        q.id: list(q.right_order)
        if q.type == "ordering"
        else [o.id for o in q.options if o.correct]
        for q in actions.drawn_questions(attempt)
    }
    barrier = threading.Barrier(2)
    outcomes: list[bool] = []

    def submit() -> None:
        try:
            barrier.wait()
            _attempt, submitted = actions.submit_attempt(
                attempt=Attempt.objects.get(pk=attempt.pk), answers=answers, unit=unit
            )
            outcomes.append(submitted)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    assert Attempt.objects.get(pk=attempt.pk).points == unit.per_attempt
    assert Evidence.objects.filter(user=member.user, kind="quiz").count() == len(unit.competences)
    assert AuditEvent.objects.filter(action="unit_passed").count() == 1
