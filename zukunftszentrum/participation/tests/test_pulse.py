"""The anonymous pulse: its questions file, one-time tokens (a used, expired or foreign token
counts nothing), the answers kept apart from the tokens, figures released once at the close
and withheld below the minimum (counted without the viewer's own answer), the before/after
comparison, and each page's wrong-role (403) and wrong-tenant (404) case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.core.content_yaml import ContentError
from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import pulse_content, pulse_service
from ..models import PulseResponse, PulseRound, PulseToken
from ..phases import ProjectRole
from .factories import list_member, make_project

Q = pulse_content.questionnaire()
ALL_FOURS = {k: 4 for k in Q.question_keys()}
P = Parameters(min_size=5)


# --- pure: the questions file and the figures ---------------------------------------------------


def test_the_questions_cover_the_four_topics() -> None:
    assert {q.topic for q in Q.questions} == set(pulse_content.TOPICS)
    assert all(q.text.de and q.text.en for q in Q.questions)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("version: 1\nscale: {low: {de: a, en: a}, high: {de: b, en: b}}\nquestions: []\n", "non-empty"),
        ("version: 1\nscale: {low: {de: a, en: a}, high: {de: b, en: b}}\nquestions:\n"
         "  - {key: a, topic: weather, text: {de: x, en: x}}\n", "unknown topic"),
        ("version: 1\nscale: {low: {de: a, en: a}, high: {de: b, en: b}}\nquestions:\n"
         "  - {key: a, topic: trust, text: {de: x, en: x}}\n"
         "  - {key: a, topic: trust, text: {de: y, en: y}}\n", "repeated key"),
        ("version: 1\nscale: {low: {de: a, en: a}, high: {de: b, en: b}}\nquestions:\n"
         "  - {key: a, topic: trust, higher_is: up, text: {de: x, en: x}}\n", "better or worse"),
    ],
)  # fmt: skip
def test_a_broken_questions_file_names_the_place(yaml_text: str, message: str) -> None:
    from zukunftszentrum.core import content_yaml

    with pytest.raises(ContentError, match=message):
        pulse_content.parse_questionnaire(content_yaml.parse(yaml_text, "pulse.yaml"))


@pytest.mark.parametrize(
    ("raw", "ok"),
    [(ALL_FOURS, True), ({**ALL_FOURS, "trust_promises": 6}, False),
     ({**ALL_FOURS, "trust_promises": True}, False), ({"expect_easier": 3}, False)],
)  # fmt: skip
def test_answers_must_cover_every_question_on_the_scale(raw: dict, ok: bool) -> None:
    if ok:
        assert pulse_content.check_answers(Q, raw) == raw
    else:
        with pytest.raises(ValueError):
            pulse_content.check_answers(Q, raw)


def _answers(n: int) -> list[tuple[int, dict[str, int]]]:
    return [(1000 + i, {k: 1 + (i % 5) for k in Q.question_keys()}) for i in range(n)]


@pytest.mark.parametrize(("answered", "shown"), [(4, False), (5, False), (6, True), (20, True)])
def test_figures_need_the_minimum_besides_any_one_who_answered(answered: int, shown: bool) -> None:
    # Exactly the minimum answered: a person among them would subtract their own answer from
    # the mean and learn the mean of the others. Withheld until the minimum *besides* them.
    figures = pulse_content.release_figures(
        "t:1", Q, _answers(answered), [(i, i < answered) for i in range(30)], P
    )
    mean = figures["questions"]["expect_easier"]["mean"]
    assert (mean["value"] is not None) is shown
    assert (figures["responses"]["value"] is not None) is shown
    if not shown:
        assert mean["reason"] == "too_few_others"


def test_comparison_uses_published_means_and_reads_each_question_s_direction() -> None:
    before = {
        "questions": {
            "worry_watched": {"mean": {"value": 60}},
            "trust_information": {"mean": {"value": 40}},
            "expect_easier": {"mean": {"value": None}},
        }
    }
    after = {"questions": {"worry_watched": {"mean": {"value": 35}},
                           "trust_information": {"mean": {"value": 55}},
                           "expect_easier": {"mean": {"value": 70}}}}  # fmt: skip
    rows = {r.question.key: r for r in pulse_content.compare(Q, before, after)}
    assert rows["worry_watched"].change == -25 and rows["worry_watched"].better is True
    assert rows["trust_information"].change == 15 and rows["trust_information"].better is True
    assert rows["expect_easier"].change is None  # withheld before: no difference either


# --- the database: tokens, answers, release -------------------------------------------------------


@pytest.fixture
def company():
    return make_organisation(land="HH")


@pytest.fixture
def lead(company):
    return make_member(Role.COMPANY_LEAD, organisation=company)


@pytest.fixture
def staff(company):
    return [make_member(Role.EMPLOYEE, organisation=company) for _ in range(7)]


@pytest.fixture
def council(company):
    return make_member(Role.WORKS_COUNCIL, organisation=company)


@pytest.fixture
def facilitator(company, council):
    return council


@pytest.fixture
def project(company, lead, staff, council):
    project = make_project(company)
    list_member(project, council, ProjectRole.WORKS_COUNCIL, facilitator=True)
    return project


@pytest.fixture
def open_round(project, facilitator):
    today = timezone.localdate()
    return pulse_service.open_round(
        member=facilitator, project=project, title="Vor dem Pilot", opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )  # fmt: skip


def _answer(member, round_, answers=ALL_FOURS) -> None:
    pulse_service.submit(
        member=member, round_=round_, token=pulse_service.token_for(round_, member), answers=answers
    )


@pytest.mark.django_db
def test_opening_a_round_gives_the_company_side_one_token_each(open_round, staff, lead, council):
    holders = set(PulseToken.objects.filter(round=open_round).values_list("membership", flat=True))
    assert holders == {m.pk for m in [*staff, lead, council]}
    assert not PulseToken.objects.filter(used=True).exists()


@pytest.mark.django_db
def test_a_token_counts_once_double_click_and_second_tab(open_round, staff):
    _answer(staff[0], open_round)
    with pytest.raises(pulse_service.TokenRefused, match="schon teilgenommen"):
        _answer(staff[0], open_round, {k: 1 for k in Q.question_keys()})  # the second tab
    assert PulseResponse.objects.count() == 1
    assert PulseResponse.objects.get().answers == ALL_FOURS


@pytest.mark.django_db
def test_a_foreign_or_made_up_token_counts_nothing(open_round, staff):
    with pytest.raises(pulse_service.TokenRefused, match="gilt nicht"):
        pulse_service.submit(
            member=staff[0], round_=open_round,
            token=pulse_service.token_for(open_round, staff[1]), answers=ALL_FOURS,
        )  # fmt: skip
    with pytest.raises(pulse_service.TokenRefused):
        pulse_service.submit(member=staff[0], round_=open_round, token="x", answers=ALL_FOURS)
    assert PulseResponse.objects.count() == 0
    assert not PulseToken.objects.filter(used=True).exists()


@pytest.mark.django_db
def test_an_expired_token_counts_nothing(open_round, staff):
    PulseRound.objects.filter(pk=open_round.pk).update(
        opens_on=timezone.localdate() - dt.timedelta(days=9),
        closes_on=timezone.localdate() - dt.timedelta(days=1),
    )
    open_round.refresh_from_db()
    with pytest.raises(pulse_service.TokenRefused, match="zu Ende"):
        _answer(staff[0], open_round)
    assert PulseResponse.objects.count() == 0


@pytest.mark.django_db
def test_answers_hold_no_link_to_a_token_or_a_person(open_round, staff):
    _answer(staff[0], open_round)
    fields = {f.name for f in PulseResponse._meta.get_fields()}
    assert fields == {"id", "round", "answered_on", "answers", "record_key"}
    token_fields = {f.name for f in PulseToken._meta.get_fields()}
    assert not {"answered_at", "used_at", "response"} & token_fields


@pytest.mark.django_db
def test_figures_are_released_once_at_the_close_never_live(open_round, staff, facilitator):
    for m in staff:
        _answer(m, open_round)
    open_round.refresh_from_db()
    assert open_round.released == {}  # seven answers in, nothing published while it runs
    released = pulse_service.release(open_round, member=facilitator)
    assert released.status == PulseRound.Status.RELEASED
    figures = released.released
    assert figures["questions"]["expect_easier"]["mean"]["value"] is not None
    # A late answer is refused, and a second release changes nothing that is shown.
    with pytest.raises(pulse_service.TokenRefused):
        _answer(facilitator, released)
    assert pulse_service.release(released).released == figures


@pytest.mark.django_db
def test_a_round_past_its_end_is_released_when_looked_at(open_round, staff):
    for m in staff[:3]:
        _answer(m, open_round)
    PulseRound.objects.filter(pk=open_round.pk).update(
        opens_on=timezone.localdate() - dt.timedelta(days=9),
        closes_on=timezone.localdate() - dt.timedelta(days=1),
    )
    pulse_service.release_due(open_round.project)
    open_round.refresh_from_db()
    assert open_round.status == PulseRound.Status.RELEASED
    assert open_round.released["questions"]["trust_promises"]["mean"]["value"] is None


# --- the pages ----------------------------------------------------------------------------------


def _url(name, project, round_=None):
    kwargs = {"pk": project.pk} | ({"round_pk": round_.pk} if round_ else {})
    return reverse(f"participation:{name}", kwargs=kwargs)


def _form(member, round_, value=4):
    return {"token": pulse_service.token_for(round_, member)} | {
        k: value for k in Q.question_keys()
    }


@pytest.mark.django_db
def test_an_employee_answers_once_and_sees_a_clear_message_the_second_time(
    login, open_round, staff
):
    c = login(staff[0])
    page = c.get(_url("pulse_round", open_round.project, open_round))
    assert page.status_code == 200 and pulse_service.token_for(open_round, staff[0]) in page.text
    first = c.post(_url("pulse_round", open_round.project, open_round), _form(staff[0], open_round))
    assert first.status_code == 302
    again = c.post(
        _url("pulse_round", open_round.project, open_round), _form(staff[0], open_round, 2)
    )
    assert again.status_code == 409 and "schon teilgenommen" in again.text
    assert PulseResponse.objects.count() == 1


@pytest.mark.django_db
def test_a_missing_answer_keeps_the_others(login, open_round, staff):
    data = _form(staff[0], open_round, 5)
    del data["trust_promises"]
    page = login(staff[0]).post(_url("pulse_round", open_round.project, open_round), data)
    assert page.status_code == 400 and "Bitte wählen Sie" in page.text
    assert 'value="5" checked' in page.text or 'checked value="5"' in page.text
    assert PulseResponse.objects.count() == 0


@pytest.mark.django_db
def test_the_advisor_is_not_asked_403(login, company, open_round):
    from zukunftszentrum.organisations.models import Accompaniment
    from zukunftszentrum.organisations.tests.factories import make_centre

    centre = make_centre(lands=("HH",))
    Accompaniment.objects.create(
        centre=centre, organisation=company, status=Accompaniment.Status.ACTIVE
    )
    advisor = make_member(Role.ADVISOR, centre=centre)
    list_member(open_round.project, advisor, ProjectRole.ADVISOR)
    c = login(advisor)
    assert c.get(_url("pulse_round", open_round.project, open_round)).status_code == 200
    answer = c.post(_url("pulse_round", open_round.project, open_round), {"token": "x"})
    assert answer.status_code == 403


@pytest.mark.django_db
def test_only_the_facilitator_opens_and_closes_rounds_403(login, project, staff, open_round):
    c = login(staff[0])
    today = timezone.localdate().isoformat()
    opened = c.post(
        _url("pulse_open", project), {"title": "x", "opens_on": today, "closes_on": today}
    )
    assert opened.status_code == 403
    assert c.post(_url("pulse_release", project, open_round)).status_code == 403
    assert PulseRound.objects.count() == 1


@pytest.mark.django_db
def test_another_company_gets_404(login, open_round):
    stranger = make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY"))
    c = login(stranger)
    assert c.get(_url("pulse", open_round.project)).status_code == 404
    assert c.get(_url("pulse_round", open_round.project, open_round)).status_code == 404
    assert c.post(_url("pulse_round", open_round.project, open_round), {}).status_code == 404


@pytest.mark.django_db
def test_results_and_comparison_appear_only_for_released_rounds(
    login, project, facilitator, staff, lead
):
    today = timezone.localdate()
    rounds = []
    for value in (2, 4):
        r = pulse_service.open_round(member=facilitator, project=project, title=f"Runde {value}",
                                     opens_on=today, closes_on=today)  # fmt: skip
        for m in staff:
            _answer(m, r, {k: value for k in Q.question_keys()})
        if value == 2:
            pulse_service.release(r, member=facilitator)
        rounds.append(r)
    c = login(lead)
    running = c.get(_url("pulse_round", project, rounds[1]))
    assert "zurückgehalten" not in running.text and "Schnitt" not in running.text
    pulse_service.release(rounds[1], member=facilitator)
    page = c.get(_url("pulse", project), {"vorher": rounds[0].pk, "nachher": rounds[1].pk})
    assert page.status_code == 200 and "Veränderung" in page.text
    shown = c.get(_url("pulse_round", project, rounds[1]))
    assert "Schnitt" in shown.text


@pytest.mark.django_db
def test_a_person_in_two_roles_answers_once(project, facilitator, staff) -> None:
    # A works council member is an employee too (two memberships, one person): one token.
    from zukunftszentrum.organisations.models import Membership

    both = Membership.objects.create(
        user=staff[0].user, organisation=staff[0].organisation, role=Role.WORKS_COUNCIL
    )
    today = timezone.localdate()
    r = pulse_service.open_round(member=facilitator, project=project, title="x",
                                 opens_on=today, closes_on=today)  # fmt: skip
    assert PulseToken.objects.filter(round=r, membership__user=staff[0].user).count() == 1
    _answer(staff[0], r)
    with pytest.raises(pulse_service.TokenRefused, match="schon teilgenommen"):
        _answer(both, r)
    assert PulseResponse.objects.count() == 1
