"""Steps of the self-check journeys (tests/e2e/test_checks.py): answering pages, sending,
screenshots, and answers made directly in the database."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from zukunftszentrum.assessments import actions, instruments
from zukunftszentrum.assessments.models import Assessment, Response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .axe import check_a11y, visit
from .conftest import SCREENS_DIR, log_in

LIKERT = "trifft eher zu"
REVIEW_HEADING = "Antworten prüfen und absenden"
# The correct answers of the competence quiz (content/instruments/competence).
QUIZ_RIGHT = {
    "q_language_model": "predicts_text",
    "q_training_data": "more_errors",
    "q_prompting": "context",
    "q_hallucination": "may_be_invented",
    "q_bias": "repeats_bias",
    "q_personal_data": "remove_personal",
    "q_confidential": "unpublished_figures",
    "q_ai_literacy": "literacy_measures",
    "q_emotion_recognition": "prohibited",
    "q_chatbot_notice": "inform_users",
    "q_codetermination": "codetermination",
    "q_early_information": "early_enough",
}


def named(verb: str, title: str) -> re.Pattern[str]:
    """An action's accessible name, "Eröffnen: <title>" (the title is for screen readers)."""
    return re.compile(rf"^{verb}\W*{re.escape(title)}$")


def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / f"checks-{name}.png"), full_page=full_page)


def answer_page(page: Page, *, choose: dict[str, str] | None = None, text: str = "") -> None:
    """Answer every visible question on the current page: agreement items with LIKERT, choice
    items with the option named in `choose` (else the first), text fields with `text`."""
    questions = page.locator("main .zz-question")
    for n in range(questions.count()):
        question = questions.nth(n)
        item_id = (question.get_attribute("id") or "").removeprefix("frage-")
        radios = question.locator("input[type=radio]")
        boxes = question.locator("input[type=checkbox]")
        if choose and item_id in choose:
            question.locator(f"input[value='{choose[item_id]}']").check()
        elif radios.count():
            likert = question.get_by_label(LIKERT, exact=True)
            (likert if likert.count() else radios.first).check()
        elif boxes.count():
            boxes.first.check()
        elif text:
            question.locator("textarea, input[type=text]").first.fill(text)


def next_button(page: Page):
    return page.locator("main").get_by_role("button", name=re.compile(r"^Weiter"))


def answer_to_review(
    page: Page, *, choose: dict[str, str] | None = None, text: str = "", limit: int = 12
) -> None:
    """Answer page after page (scanning each) until the review page."""
    for _ in range(limit):
        heading = page.get_by_role("heading", level=1)
        if heading.inner_text() == REVIEW_HEADING:
            check_a11y(page)
            return
        expect(page.locator(".zz-progress label")).to_contain_text("Seite")
        check_a11y(page)
        answer_page(page, choose=choose, text=text)
        with page.expect_navigation():
            next_button(page).click()
    pytest.fail(f"no review page after {limit} pages: {page.url}")


def submit(page: Page) -> None:
    """Send the answers from the review page; the thank-you page follows."""
    expect(page.get_by_role("heading", level=1)).to_have_text(REVIEW_HEADING)
    page.locator("main").get_by_role("button", name="Absenden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")
    check_a11y(page)


def answer_company_check(page: Page, url, email: str, title: str) -> None:
    """Sign in, open the company's check from the overview, answer and send it."""
    log_in(page, url("account_login"), email)
    visit(page, url("assessments:overview"))
    page.get_by_role("link", name=named("Beantworten", title)).click()
    check_a11y(page)
    page.locator("main").get_by_role("button", name="Check beginnen").click()
    page.wait_for_load_state("load")
    answer_to_review(page, choose={"has_works_council": "yes"})
    submit(page)


def submitted_copy(
    source: Response, perspective: str, assessment: Assessment | None = None
) -> Response:
    """Another person's submitted answer with the same answers, made in the database: to the
    same check run, or to `assessment` (another company's run)."""
    assessment = assessment or source.assessment
    person = make_member(Role.EMPLOYEE, organisation=assessment.organisation)
    response = Response.objects.create(
        assessment=assessment,
        instrument_key=source.instrument_key,
        version=source.version,
        respondent=person.user,
        organisation=assessment.organisation,
        perspective=perspective,
        answers=source.answers,
    )
    return actions.submit_response(response=response, version=response.version)


def answers_for(key: str, likert: int) -> dict[str, object]:
    """Answers to every item of an instrument: `likert` for statements, the first option else."""
    answers: dict[str, object] = {}
    for page in instruments.catalog().get(key).pages:
        for item in page.items:
            if item.type == "likert":
                answers[item.id] = likert
            elif item.type in ("single", "knowledge"):
                answers[item.id] = item.options[0].value
            elif item.type == "multiple":
                answers[item.id] = [item.options[0].value]
    return answers
