"""The player as people use it: without an account from a private link, claimed later; signed
in with progress on the server; attempts scored once; evidence on passing; wrong roles 403 and
other people's attempts 404."""

from __future__ import annotations

import random

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.core.disclosure.noise import EDGE
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.learning.models import Evidence
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import actions, content, pages
from ..models import Attempt, UnitProgress
from .helpers import form_answers

pytestmark = pytest.mark.django_db

UNIT = "ki-ergebnisse-pruefen"


@pytest.fixture
def employee():
    return make_member(Role.EMPLOYEE, organisation=make_organisation())


@pytest.fixture
def solo():
    return make_member(Role.SOLO, organisation=make_organisation(headcount=1))


def _start_link(client: Client) -> str:
    answer = client.post(reverse("self_learning:start", args=[UNIT]))
    assert answer.status_code == 302
    token = answer["Location"].rstrip("/").split("/")[-1]
    assert answer["Location"] == reverse("self_learning:token_home", args=[token])
    return token


def _attempt_by_link(client: Client, token: str) -> Attempt:
    answer = client.post(reverse("self_learning:token_quiz", args=[token]))
    assert answer.status_code == 302
    return Attempt.objects.get(pk=answer["Location"].rstrip("/").split("/")[-1])


def test_the_list_filters_by_competence_and_shows_time() -> None:
    page = Client().get(reverse("self_learning:list"))
    assert page.status_code == 200
    assert "KI-Ergebnisse prüfen" in page.content.decode() and "Minuten" in page.content.decode()
    filtered = Client().get(reverse("self_learning:list"), {"kompetenz": "copyright_ip"})
    html = filtered.content.decode()
    assert "KI-Ergebnisse prüfen" not in html and "Urheberrecht" in html
    assert len(filtered.context["cards"]) == 1


def test_without_an_account_progress_lives_on_the_private_link() -> None:
    client = Client()
    token = _start_link(client)
    progress = UnitProgress.objects.get()
    assert progress.user is None and progress.token_hash and token not in progress.token_hash
    home = client.get(reverse("self_learning:token_home", args=[token]))
    assert token in home.content.decode()  # the link to keep
    section = reverse("self_learning:token_section", args=[token, 1])
    assert client.post(section, {"step": "next"})["Location"] == reverse(
        "self_learning:token_section", args=[token, 2]
    )
    progress.refresh_from_db()
    assert progress.section == 2
    # another device: only the link, no session
    page = Client().get(reverse("self_learning:token_section", args=[token, 2]))
    assert page.status_code == 200 and "<h1" in page.content.decode()
    back = Client().post(reverse("self_learning:token_section", args=[token, 2]), {"step": "back"})
    assert back["Location"].endswith("/abschnitt/1/")
    unit = content.units()[UNIT]
    last = reverse("self_learning:token_section", args=[token, len(unit.sections)])
    assert client.post(last, {"step": "next"})["Location"] == reverse(
        "self_learning:token_quiz", args=[token]
    )
    progress.refresh_from_db()
    assert progress.read_at is not None
    assert Client().get(reverse("self_learning:token_home", args=["nicht-da"])).status_code == 404


def test_an_attempt_needs_every_answer_then_shows_the_review_and_a_retry_is_drawn_anew() -> None:
    client = Client()
    token = _start_link(client)
    attempt = _attempt_by_link(client, token)
    url = reverse("self_learning:token_attempt", args=[token, attempt.pk])
    form = client.get(url)
    html = form.content.decode()
    assert form.status_code == 200 and html.count("<fieldset") == 5 and "<legend" in html
    missing = client.post(url, {})
    assert missing.status_code == 400
    assert 'role="alert"' in missing.content.decode() and "#frage-" in missing.content.decode()
    failed = client.post(url, form_answers(attempt, wrong=2))
    assert failed["Location"] == reverse("self_learning:token_review", args=[token, attempt.pk])
    attempt.refresh_from_db()
    assert (attempt.points, attempt.passed) == (3, False)
    review = client.get(failed["Location"]).content.decode()
    assert "3 von 5 richtig" in review
    assert review.count('<section class="zz-section zz-review"') == 5
    for question in actions.drawn_questions(attempt):
        for option in question.options:
            assert option.feedback["de"].split()[0] in review  # every option's feedback
    again = _attempt_by_link(client, token)
    assert again.pk != attempt.pk
    assert Evidence.objects.count() == 0  # a link has no person to write evidence for


def test_a_double_submit_counts_once(employee, login) -> None:
    client = login(employee)
    client.post(reverse("self_learning:start", args=[UNIT]))
    answer = client.post(reverse("self_learning:quiz", args=[UNIT]))
    attempt = Attempt.objects.get()
    assert answer["Location"] == reverse("self_learning:attempt", args=[attempt.pk])
    data = form_answers(attempt)
    first = client.post(reverse("self_learning:attempt", args=[attempt.pk]), data)
    second = client.post(
        reverse("self_learning:attempt", args=[attempt.pk]), form_answers(attempt, wrong=5)
    )
    assert first["Location"] == second["Location"]
    attempt.refresh_from_db()
    assert attempt.passed and attempt.points == 5
    # and directly, as a second request racing past the view's check would
    again, submitted = actions.submit_attempt(attempt=attempt, answers={}, unit=content.unit(UNIT))
    assert not submitted and again.points == 5
    kinds = sorted(
        Evidence.objects.filter(user=employee.user).values_list("kind", "competence", "level")
    )
    assert kinds == [("quiz", "checking_outputs", 2), ("unit_passed", "checking_outputs", 2)]
    assert AuditEvent.objects.filter(action="unit_passed").count() == 1


def test_signed_in_progress_resumes_on_any_device(employee, login) -> None:
    client = login(employee)
    assert client.post(reverse("self_learning:start", args=[UNIT]))["Location"].endswith(
        "/abschnitt/1/"
    )
    client.post(reverse("self_learning:section", args=[UNIT, 1]), {"step": "next"})
    client.post(reverse("self_learning:section", args=[UNIT, 2]), {"step": "next"})
    other_device = login(employee, Client())
    resumed = other_device.post(reverse("self_learning:start", args=[UNIT]))
    assert resumed["Location"] == reverse("self_learning:section", args=[UNIT, 3])
    unit_page = other_device.get(reverse("self_learning:unit", args=[UNIT])).content.decode()
    assert "Weiterlesen" in unit_page and "Abschnitt 3 von 5" in unit_page
    assert UnitProgress.objects.filter(user=employee.user).count() == 1


def test_claiming_a_link_moves_progress_and_attempts_and_writes_evidence(solo, login) -> None:
    anonymous = Client()
    token = _start_link(anonymous)
    attempt = _attempt_by_link(anonymous, token)
    anonymous.post(
        reverse("self_learning:token_attempt", args=[token, attempt.pk]), form_answers(attempt)
    )
    # the person already read another part on their account: one record remains
    client = login(solo)
    client.post(reverse("self_learning:start", args=[UNIT]))
    client.post(reverse("self_learning:section", args=[UNIT, 1]), {"step": "next"})
    home = client.get(reverse("self_learning:token_home", args=[token]))
    assert "In mein Konto übernehmen" in home.content.decode()
    claimed = client.post(reverse("self_learning:token_claim", args=[token]))
    assert claimed["Location"] == reverse("self_learning:unit", args=[UNIT])
    progress = UnitProgress.objects.get()
    assert progress.user == solo.user and progress.passed_at is not None
    assert list(progress.attempts.all()) == [attempt]
    assert Evidence.objects.filter(user=solo.user, kind="unit_passed").count() == 1
    assert client.get(reverse("self_learning:token_home", args=[token])).status_code == 404
    assert client.post(reverse("self_learning:token_claim", args=[token])).status_code == 404
    review = client.get(reverse("self_learning:review", args=[attempt.pk]))
    assert review.status_code == 200


def test_another_persons_attempt_is_not_found(employee, login) -> None:
    unit = content.units()[UNIT]
    progress, _ = actions.start_unit(user=employee.user, unit=unit)
    attempt = actions.start_attempt(progress, unit)
    colleague = make_member(Role.EMPLOYEE, organisation=employee.organisation)
    elsewhere = make_member(Role.EMPLOYEE, organisation=make_organisation())
    for member in (colleague, elsewhere):
        client = login(member, Client())
        assert client.get(reverse("self_learning:attempt", args=[attempt.pk])).status_code == 404
        assert client.get(reverse("self_learning:review", args=[attempt.pk])).status_code == 404
    # nor through somebody else's private link
    _other, token = actions.start_unit(user=None, unit=unit)
    url = reverse("self_learning:token_attempt", args=[token, attempt.pk])
    assert Client().get(url).status_code == 404


def test_wrong_roles_are_refused(login) -> None:
    from zukunftszentrum.organisations.tests.factories import make_centre

    advisor = make_member(Role.ADVISOR, centre=make_centre())
    employee = make_member(Role.EMPLOYEE, organisation=make_organisation())
    assert login(advisor).get(reverse("self_learning:section", args=[UNIT, 1])).status_code == 403
    assert login(employee, Client()).get(reverse("self_learning:statistics")).status_code == 403
    assert (
        login(employee, Client()).get(reverse("self_learning:section", args=[UNIT, 9])).status_code
        == 404
    )


def test_an_attempt_of_an_earlier_version_stays_valid(employee, login) -> None:
    unit = content.units()[UNIT]
    progress, _ = actions.start_unit(user=employee.user, unit=unit)
    attempt = actions.start_attempt(progress, unit)
    Attempt.objects.filter(pk=attempt.pk).update(unit_version="2026.1")
    client = login(employee)
    client.post(reverse("self_learning:attempt", args=[attempt.pk]), form_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.passed and attempt.unit_version == "2026.1"
    review = client.get(reverse("self_learning:review", args=[attempt.pk])).content.decode()
    assert "Version 2026.1" in review
    assert Evidence.objects.filter(source=f"unit:{UNIT}@2026.1").exists()


def test_a_pass_makes_the_units_credential_claimable_and_the_review_links_to_it(
    employee, login
) -> None:
    from zukunftszentrum.credentials.models import ClaimableAchievement

    assert pages.credentials_url() == "/nachweise/"
    unit = content.units()[UNIT]
    progress, _ = actions.start_unit(user=employee.user, unit=unit)
    attempt = actions.start_attempt(progress, unit)
    client = login(employee)
    client.post(reverse("self_learning:attempt", args=[attempt.pk]), form_answers(attempt))
    html = client.get(reverse("self_learning:review", args=[attempt.pk])).content.decode()
    assert "Nachweis beantragen" in html and 'href="/nachweise/"' in html
    claimable = ClaimableAchievement.objects.get(holder=employee.user, kind="unit", source=UNIT)
    assert claimable.name == unit.title.de
    assert {c["id"] for c in claimable.competences} == set(dict(unit.competences))


def test_a_pass_on_a_private_link_makes_nothing_claimable_until_it_is_claimed(employee) -> None:
    from zukunftszentrum.credentials.models import ClaimableAchievement

    unit = content.units()[UNIT]
    progress, token = actions.start_unit(user=None, unit=unit)
    attempt = actions.start_attempt(progress, unit)
    right = {
        q.id: list(q.right_order)
        if q.type == "ordering"
        else [o.id for o in q.options if o.correct]
        for q in actions.drawn_questions(attempt)
    }
    submitted, _ = actions.submit_attempt(attempt=attempt, answers=right, unit=unit)
    assert submitted.passed
    assert not ClaimableAchievement.objects.exists()
    actions.claim(token=token, user=employee.user, units=content.units())
    assert ClaimableAchievement.objects.filter(holder=employee.user, source=UNIT).count() == 1


def test_print_view_has_every_section() -> None:
    unit = content.units()[UNIT]
    html = Client().get(reverse("self_learning:print", args=[UNIT])).content.decode()
    assert html.count('<h2 class="kern-heading-medium" id="abschnitt-') == len(unit.sections)
    assert '<table class="zz-table">' in html


def test_authors_see_statistics_only_from_twenty_people(login) -> None:
    from zukunftszentrum.organisations.tests.factories import make_centre

    unit = content.units()[UNIT]
    drawn_by: dict[str, list[bool]] = {}  # question -> right or wrong, per person who drew it
    for n in range(60):  # each question is drawn in about 5 of 12 attempts
        progress, _ = actions.start_unit(user=None, unit=unit)
        attempt = actions.start_attempt(progress, unit, rng=random.Random(n))
        for q in actions.drawn_questions(attempt):
            drawn_by.setdefault(q.id, []).append(bool(n % 3))
        actions.submit_attempt(
            attempt=attempt,
            answers={
                k: v if isinstance(v, list) else [v] for k, v in _choice_answers(attempt, n).items()
            },
            unit=unit,
        )
    admin = make_member(Role.CENTRE_ADMIN, centre=make_centre())
    page = login(admin).get(reverse("self_learning:unit_statistics", args=[UNIT]))
    assert page.status_code == 200
    lines = page.context["lines"]
    assert len(lines) == len(unit.questions)
    enough = [line for line in lines if line["stats"].enough]
    few = [line for line in lines if not line["stats"].enough]
    assert enough, "with 60 attempts some questions reach 20 people"
    for line in enough:
        assert line["stats"].difficulty.shown
        right = drawn_by[line["question"].id]
        true_share = 100 * sum(right) / len(right)
        # The count of right answers carries noise of at most EDGE persons.
        assert abs(line["stats"].difficulty.value - true_share) <= 100 * EDGE / len(right) + 1
        assert line["stats"].discrimination > 0.9  # the same people get everything right
    assert all(line["stats"].discrimination is None for line in few)


def _choice_answers(attempt: Attempt, n: int) -> dict[str, list[str]]:
    """Right for about two thirds of the people, wrong for the rest."""
    answers: dict[str, list[str]] = {}
    for q in actions.drawn_questions(attempt):
        if q.type == "ordering":
            answers[q.id] = list(q.right_order) if n % 3 else list(q.right_order)[::-1]
        else:
            right = [o.id for o in q.options if o.correct]
            answers[q.id] = right if n % 3 else [o.id for o in q.options if not o.correct][:1]
    return answers


def test_pages_speak_english_with_the_english_unit_text() -> None:
    from django.utils import translation

    client = Client()
    token = _start_link(client)
    with translation.override("en"):
        url = reverse("self_learning:token_section", args=[token, 1])
    client.cookies["django_language"] = "en"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    unit = content.units()[UNIT]
    assert unit.sections[0].en.title in html and "Section 1 of 5" in html


def test_the_unit_page_names_the_law_versions_and_cites_decisions_without_a_link() -> None:
    page = Client().get(reverse("self_learning:unit", args=["mitbestimmung-und-ki"]))
    html = page.content.decode()
    assert "Rechtsstand (Version 2027.1 der Einheit):" in html and "25. September 2001" in html
    assert "<li>Arbeitsgericht Hamburg, Beschluss vom 16. Januar 2024, 24 BVGa 1/24" in html
    assert 'href=""' not in html
