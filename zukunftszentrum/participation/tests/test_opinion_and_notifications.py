"""The opinion map (statements, proposals, votes, groups through core.disclosure, releases)
and the opt-in notifications, with their wrong-role (403) and wrong-tenant (404) cases."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import notifications, opinion, opinion_map
from ..models import NotificationPreference, OpinionVoter, Project, Statement, StatementVote
from ..phases import ProjectRole
from .factories import list_member, make_item, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return make_organisation(land="HH")


@pytest.fixture
def people(company):
    return {
        role: make_member(role, organisation=company)
        for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL)
    }


@pytest.fixture
def project(company):
    return make_project(company)  # "Ideen und Bedenken": employees post and vote


@pytest.fixture
def facilitator(company, project) -> Membership:
    member = make_member(Role.EMPLOYEE, organisation=company)
    list_member(project, member, ProjectRole.EMPLOYEE, facilitator=True)
    return member


@pytest.fixture
def stranger():
    return make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY"))


def url(name: str, project: Project, **extra) -> str:
    return reverse(f"participation:{name}", kwargs={"pk": project.pk, **extra})


# --- statements and votes -----------------------------------------------------------------------


def test_facilitator_adds_participants_propose_and_vote(login, people, project, facilitator):
    f = login(facilitator)
    assert f.post(url("statement_add", project), {"text": "KI entlastet uns."}).status_code == 302
    added = Statement.objects.get()
    assert added.state == Statement.State.ACCEPTED
    e = login(people[Role.EMPLOYEE])
    assert (
        e.post(url("statement_add", project), {"text": "Wir wollen Schulungen."}).status_code == 302
    )
    proposal = Statement.objects.get(state=Statement.State.PROPOSED)
    assert "Wir wollen Schulungen." not in e.get(url("opinion", project)).text  # not yet voted on
    f = login(facilitator)
    f.post(url("statement_decide", project, statement_pk=proposal.pk), {"accept": "1"})
    proposal.refresh_from_db()
    assert proposal.state == Statement.State.ACCEPTED
    e = login(people[Role.EMPLOYEE])
    vote = url("statement_vote", project, statement_pk=added.pk)
    assert e.post(vote, {"value": "1"}).status_code == 302
    assert e.post(vote, {"value": "-1"}).status_code == 302  # changed, not doubled
    e.post(vote, {"value": "-1"})  # the same again: counted once
    assert StatementVote.objects.get().value == -1
    # The vote belongs to a pseudonym, not to the person.
    voter = OpinionVoter.objects.get()
    assert voter.pseudonym == opinion.pseudonym(people[Role.EMPLOYEE].user, project)


def test_wrong_role_and_wrong_tenant(login, people, project, facilitator, stranger):
    statement = opinion.add_statement(member=facilitator, project=project, text="A")
    lead = login(people[Role.COMPANY_LEAD])  # the lead does not vote in this phase
    vote = url("statement_vote", project, statement_pk=statement.pk)
    assert lead.post(vote, {"value": "1"}).status_code == 403
    decide = url("statement_decide", project, statement_pk=statement.pk)
    assert login(people[Role.EMPLOYEE]).post(decide, {"accept": "1"}).status_code == 403
    s = login(stranger)
    assert s.get(url("opinion", project)).status_code == 404
    assert s.post(vote, {"value": "1"}).status_code == 404
    assert s.post(url("statement_add", project), {"text": "x"}).status_code == 404


def test_proposing_after_the_phase_closed_is_refused(login, company, people):
    closed = make_project(company, running=False)
    page = login(people[Role.EMPLOYEE]).post(url("statement_add", closed), {"text": "x"})
    assert page.status_code == 403 and not Statement.objects.exists()


def _seed(project: Project, groups: dict[str, tuple[int, list[int]]]) -> list[Statement]:
    """Voters in planted groups: name -> (people, their vote on each statement)."""
    width = len(next(iter(groups.values()))[1])
    statements = [
        Statement.objects.create(
            project=project, text=f"Aussage {j}", state="accepted", added_on=timezone.localdate()
        )
        for j in range(width)
    ]
    for name, (n, pattern) in groups.items():
        for i in range(n):
            voter = OpinionVoter.objects.create(project=project, pseudonym=f"{name}{i}")
            for statement, value in zip(statements, pattern, strict=True):
                StatementVote.objects.create(statement=statement, voter=voter, value=value)
    return statements


def _released(project: Project, facilitator: Membership) -> opinion_map.OpinionMap:
    opinion.release(project=project, member=facilitator)
    stored = opinion.released_map(opinion.latest_release(project))
    assert stored is not None
    return stored[0]


def test_a_group_of_four_is_not_shown(project, facilitator):
    _seed(
        project,
        {
            "a": (12, [1, 1, 1, -1, -1]),
            "b": (12, [-1, -1, -1, 1, 1]),
            "c": (4, [1, -1, 0, 1, -1]),  # a view of its own, but only four people
        },
    )
    result = _released(project, facilitator)
    assert result.shown and len(result.groups) == 2
    assert all(g.size.shown for g in result.groups)


def test_two_groups_of_four_withhold_the_map(login, people, project, facilitator):
    _seed(project, {"a": (4, [1, 1, 1]), "b": (4, [-1, -1, -1])})
    result = _released(project, facilitator)
    assert result.reason is opinion_map.MapReason.TOO_FEW_PARTICIPANTS and not result.groups
    page = login(people[Role.EMPLOYEE]).get(url("opinion", project))
    assert page.status_code == 200 and "zu wenige Personen" in page.text
    assert "weniger als 5" in page.text  # nobody left out: a count of 0 is not shown


def test_the_map_page_shows_groups_in_a_chart_and_a_table(login, people, project, facilitator):
    _seed(project, {"a": (12, [1, 1, 1, -1]), "b": (12, [-1, -1, -1, 1])})
    e = login(people[Role.EMPLOYEE])
    before = e.get(url("opinion", project)).text
    assert "noch nicht freigegeben" in before and 'role="img"' not in before
    opinion.release(project=project, member=facilitator)
    page = e.get(url("opinion", project))
    assert 'role="img"' in page.text and "Gruppe A" in page.text and "<table" in page.text
    assert "Stand der Freigabe 1" in page.text


# --- releases of the map ----------------------------------------------------------------------


def _groups_section(html: str) -> str:
    return html[html.index('id="gruppen"') :]


def _vote_as_new_people(statements: list[Statement], n: int, prefix: str = "n") -> None:
    for i in range(n):
        project = statements[0].project
        voter = OpinionVoter.objects.create(project=project, pseudonym=f"{prefix}{i}")
        for statement in statements:
            StatementVote.objects.create(statement=statement, voter=voter, value=1)


def test_a_vote_after_a_release_changes_nothing_anyone_sees(login, people, project, facilitator):
    statements = _seed(project, {"a": (12, [1, 1, 1, -1]), "b": (12, [-1, -1, -1, 1])})
    opinion.release(project=project, member=facilitator)
    seen = {
        role: _groups_section(login(people[role]).get(url("opinion", project)).text)
        for role in (Role.EMPLOYEE, Role.COMPANY_LEAD)
    }
    # The employee votes (a new row of the map), and four more people join.
    e = login(people[Role.EMPLOYEE])
    for statement in statements:
        e.post(url("statement_vote", project, statement_pk=statement.pk), {"value": "1"})
    _vote_as_new_people(statements, 4)
    for role, before in seen.items():
        assert _groups_section(login(people[role]).get(url("opinion", project)).text) == before
    assert opinion.latest_release(project).number == 1


def test_a_release_with_too_few_new_voters_is_refused_with_a_clear_message(
    login, project, facilitator
):
    statements = _seed(project, {"a": (12, [1, 1, 1, -1]), "b": (12, [-1, -1, -1, 1])})
    f = login(facilitator)
    assert f.post(url("opinion_release", project)).status_code == 302
    _vote_as_new_people(statements, 4)
    page = f.post(url("opinion_release", project), follow=True)
    assert "mindestens 5 Personen erstmals oder anders abgestimmt" in page.text
    assert "Eine neue Freigabe ist noch nicht möglich" in page.text
    assert opinion.latest_release(project).number == 1
    _vote_as_new_people(
        statements[:1], 1, prefix="x"
    )  # a fifth person (too few votes: left out) ...
    assert not opinion.release_check(project).due  # ... does not count: not on the map
    # Five of the first release's people change a vote: their rows differ, a release is due.
    for voter in OpinionVoter.objects.filter(pseudonym__in=[f"a{i}" for i in range(5)]):
        StatementVote.objects.filter(voter=voter, statement=statements[0]).update(value=0)
    page = f.post(url("opinion_release", project), follow=True)
    assert "Freigabe 2" in page.text and opinion.latest_release(project).number == 2


def test_the_first_release_needs_the_minimum_of_placed_people(login, project, facilitator):
    _seed(project, {"a": (4, [1, 1, 1])})
    page = login(facilitator).post(url("opinion_release", project), follow=True)
    assert "Es braucht mindestens 5 Personen" in page.text
    assert opinion.latest_release(project) is None


def test_releasing_is_for_the_facilitator(login, people, project, facilitator, stranger):
    _seed(project, {"a": (12, [1, 1, 1, -1]), "b": (12, [-1, -1, -1, 1])})
    for role in (Role.EMPLOYEE, Role.COMPANY_LEAD, Role.WORKS_COUNCIL):
        assert login(people[role]).post(url("opinion_release", project)).status_code == 403
    assert login(stranger).post(url("opinion_release", project)).status_code == 404
    assert opinion.latest_release(project) is None
    assert login(facilitator).post(url("opinion_release", project)).status_code == 302
    assert opinion.latest_release(project).released_by == facilitator
    assert AuditEvent.objects.filter(action="participation_opinion_released").exists()


def test_moving_to_the_next_phase_releases_the_map_when_due(login, people, project):
    statements = _seed(project, {"a": (12, [1, 1, 1, -1]), "b": (12, [-1, -1, -1, 1])})
    lead = login(people[Role.COMPANY_LEAD])
    lead.post(url("phase_move", project), {"phase": "gestalten"})
    first = opinion.latest_release(project)
    assert first is not None and first.released_by is None
    _vote_as_new_people(statements, 2)
    lead.post(url("phase_move", project), {"phase": "erproben"})  # too few changed: nothing
    project.refresh_from_db()
    assert project.current_phase == "erproben" and opinion.latest_release(project) == first


def test_the_phase_end_release_runs_as_a_task_once_committed(
    people, project, facilitator, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from .. import actions, tasks

    settings.ZZ_RUN_TASKS_INLINE = False
    _seed(project, {"a": (12, [1, 1, 1, -1]), "b": (12, [-1, -1, -1, 1])})
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_phase(member=people[Role.COMPANY_LEAD], project=project, key="gestalten")
    assert opinion.latest_release(project) is None  # the request did not compute it
    rows = DBTaskResult.objects.all()
    queued = [r.args_kwargs["args"] for r in rows if r.task_path.endswith(".release_opinion_map")]
    assert queued == [[project.pk]]
    assert tasks.release_opinion_map.call(*queued[0]) == 1
    assert tasks.release_opinion_map.call(*queued[0]) is None  # again: nothing new, nothing made


# --- notifications ---------------------------------------------------------------------------


def test_no_email_without_opting_in(login, people, project):
    mail.outbox.clear()
    login(people[Role.COMPANY_LEAD]).post(url("phase_move", project), {"phase": "gestalten"})
    assert mail.outbox == []


def test_opt_in_to_new_phases_and_out_again(login, people, project):
    employee = people[Role.EMPLOYEE]
    e = login(employee)
    assert e.get(url("notifications", project)).status_code == 200
    assert e.post(url("notifications", project), {"new_phase": "on"}).status_code == 302
    mail.outbox.clear()
    login(people[Role.COMPANY_LEAD]).post(url("phase_move", project), {"phase": "gestalten"})
    assert [m.to for m in mail.outbox] == [[employee.user.email]]
    assert "Gestalten" in mail.outbox[0].subject and "Sie" in mail.outbox[0].body
    e = login(employee)
    e.post(url("notifications", project), {})  # everything off
    assert not NotificationPreference.objects.exists()
    mail.outbox.clear()
    login(people[Role.COMPANY_LEAD]).post(url("phase_move", project), {"phase": "erproben"})
    assert mail.outbox == []


def test_an_answer_to_my_named_item_but_not_to_an_anonymous_one(login, people, project):
    employee = people[Role.EMPLOYEE]
    login(employee).post(url("notifications", project), {"answers": "on"})
    named = make_item(project, author=employee, title="Mit Namen")
    anonymous = make_item(project, anonymous=True, title="Anonym")
    mail.outbox.clear()
    lead = login(people[Role.COMPANY_LEAD])
    for item in (named, anonymous):
        lead.post(
            reverse("participation:item_answer", args=[project.pk, item.pk]),
            {"status": "accepted", "reason": "Machen wir."},
        )
    assert len(mail.outbox) == 1
    assert "Mit Namen" in mail.outbox[0].subject and "Machen wir." in mail.outbox[0].body


def test_a_new_pulse_reaches_those_who_asked(people, project):
    NotificationPreference.objects.create(
        project=project, membership=people[Role.WORKS_COUNCIL], new_pulse=True
    )
    NotificationPreference.objects.create(
        project=project, membership=people[Role.EMPLOYEE], new_phase=True
    )
    mail.outbox.clear()
    notifications.notify_new_pulse(project)
    assert [m.to for m in mail.outbox] == [[people[Role.WORKS_COUNCIL].user.email]]


def test_opening_a_pulse_round_tells_those_who_asked(
    people, project, facilitator, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from .. import pulse_service

    NotificationPreference.objects.create(
        project=project, membership=people[Role.WORKS_COUNCIL], new_pulse=True
    )
    mail.outbox.clear()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        pulse_service.open_round(
            member=facilitator,
            project=project,
            title="Puls 1",
            opens_on=today,
            closes_on=today + dt.timedelta(days=7),
        )
    assert [m.to for m in mail.outbox] == [[people[Role.WORKS_COUNCIL].user.email]]


def test_someone_who_left_the_project_gets_nothing(people, project):
    employee = people[Role.EMPLOYEE]
    NotificationPreference.objects.create(project=project, membership=employee, new_phase=True)
    project.all_employees = False
    project.save()
    mail.outbox.clear()
    notifications.notify_new_phase(project)
    assert mail.outbox == []


def test_notification_settings_wrong_role_and_tenant(login, project, stranger):
    admin = make_member(Role.PROGRAMME_ADMIN)
    assert login(admin).get(url("notifications", project)).status_code == 403
    assert login(stranger).get(url("notifications", project)).status_code == 404


def test_preferences_are_in_my_data_and_go_with_the_account(people, project):
    from ..personal_data import erase_contributions, export_contributions

    employee = people[Role.EMPLOYEE]
    NotificationPreference.objects.create(project=project, membership=employee, answers=True)
    exported = export_contributions(employee.user)["notifications"]
    assert exported == [
        {"project": project.title, "new_phase": False, "answers": True, "new_pulse": False}
    ]
    erase_contributions(employee.user)
    assert not NotificationPreference.objects.exists()
