"""Self-checks in the browser: a company answers the readiness check from several perspectives,
a visitor takes the competence check without an account, an employee answers the anonymous
"KI und meine Arbeit", and a question page works on a phone with the keyboard only.
Every page visited is scanned with axe-core; screenshots go to test-results/screens/."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from zukunftszentrum.assessments import instruments
from zukunftszentrum.assessments.models import Assessment, Participation, Perspective, Response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation, make_user

from .axe import check_a11y, visit
from .check_steps import (
    LIKERT,
    QUIZ_RIGHT,
    answer_company_check,
    answer_page,
    answer_to_review,
    answers_for,
    named,
    next_button,
    screenshot,
    submit,
    submitted_copy,
)
from .conftest import MOBILE, SCREENS_DIR, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def open_browser(browser: Browser, browser_context_args: dict) -> Iterator[Callable[..., Page]]:
    """open_browser() -> a page in a new, independent browser context (one per person)."""
    contexts = []
    problems: list[str] = []

    def _open(**overrides: object) -> Page:
        context = browser.new_context(**{**browser_context_args, **overrides})
        contexts.append(context)
        new_page = context.new_page()
        new_page.on("response", lambda r: _note(problems, r))
        new_page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
        return new_page

    yield _open
    for context in contexts:
        context.close()
    assert not problems, "the browser saw failed requests or script errors:\n" + "\n".join(problems)


def _note(problems: list[str], response) -> None:
    if response.status >= 400:
        problems.append(f"{response.status} {response.url}")


# --- 1. the company's readiness check -------------------------------------------------------------
def test_company_answers_the_readiness_check_from_several_perspectives(
    page: Page, open_browser, url
) -> None:
    company = make_organisation(
        name="Metallbau Kranich GmbH", land="BY", wz="C", headcount=30, has_works_council=True
    )
    lead = make_member(
        Role.COMPANY_LEAD, organisation=company, user=make_user("lena@kranich.de", name="Lena")
    )
    for email in ("emil@kranich.de", "eva@kranich.de"):
        make_member(Role.EMPLOYEE, organisation=company, user=make_user(email))
    make_member(Role.WORKS_COUNCIL, organisation=company, user=make_user("bea@kranich.de"))

    log_in(page, url("account_login"), "lena@kranich.de")
    visit(page, url("assessments:overview"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Selbstchecks")
    page.locator("main").get_by_role("button", name=named("Eröffnen", "KI-Readiness-Check")).click()
    expect(page).to_have_url(url("assessments:overview"))
    check_a11y(page)
    expect(page.locator(".zz-messages")).to_contain_text("Der Check ist eröffnet")
    assessment = Assessment.objects.get(organisation=company, instrument_key="readiness")

    page.get_by_role("link", name=named("Beantworten", "KI-Readiness-Check")).click()
    expect(page).to_have_url(url("assessments:assessment_start", assessment.pk))
    check_a11y(page)
    page.locator("main").get_by_role("button", name="Check beginnen").click()
    expect(page.locator(".zz-progress label")).to_have_text("Seite 1 von 8")
    check_a11y(page)
    answer_page(page, choose={"has_works_council": "yes"})
    next_button(page).click()
    expect(page.locator(".zz-progress label")).to_have_text("Seite 2 von 8")
    check_a11y(page)
    screenshot(page, "question")
    answer_page(page, choose={"strategy_stage": "pilot"})
    next_button(page).click()
    expect(page.locator(".zz-progress label")).to_have_text("Seite 3 von 8")
    answer_page(page)

    # back once: the answers of page 2 are still there, and so are those just given on page 3
    page.locator("main").get_by_role("button", name="Zurück").click()
    expect(page.locator(".zz-progress label")).to_have_text("Seite 2 von 8")
    check_a11y(page)
    expect(page.locator("#frage-strategy_stage input[value='pilot']")).to_be_checked()
    expect(page.locator("#frage-strategy_goals").get_by_label(LIKERT, exact=True)).to_be_checked()
    next_button(page).click()
    expect(page.locator(".zz-progress label")).to_have_text("Seite 3 von 8")
    expect(page.locator("#frage-data_quality").get_by_label(LIKERT, exact=True)).to_be_checked()
    answer_to_review(page)
    expect(page.locator("main")).to_contain_text("Alle Fragen sind beantwortet.")
    screenshot(page, "review")
    submit(page)
    # five other companies of the same branch, size class and Land answered before
    own = Response.objects.get(respondent=lead.user)
    for n in range(5):
        peer = make_organisation(name=f"Vergleichsbetrieb {n}", land="BY", wz="C", headcount=30)
        run = Assessment.objects.create(
            organisation=peer, instrument_key="readiness", version=own.version
        )
        submitted_copy(own, Perspective.COMPANY_LEAD, run)
    page.locator("main").get_by_role("link", name="Ihr Ergebnis ansehen").click()
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Ergebnis")
    comparison = page.locator("main section", has=page.get_by_role("heading", name="Vergleich"))
    expect(comparison).to_contain_text("Verglichen wird mit 5 Unternehmen derselben Branche")
    profile_table = page.get_by_role("table", name="Ihr Ergebnis je Bereich")
    expect(profile_table.get_by_role("columnheader", name=re.compile("Vergleich"))).to_be_visible()
    screenshot(page, "result-lead")

    # an employee and the works council answer in their own browsers (the second employee
    # answers in the database: the same pages, already walked by the first)
    for email in ("emil@kranich.de", "bea@kranich.de"):
        answer_company_check(open_browser(), url, email, "KI-Readiness-Check")
    submitted_copy(Response.objects.get(respondent__email="emil@kranich.de"), Perspective.EMPLOYEE)
    responses = Response.objects.filter(assessment=assessment, submitted_at__isnull=False)
    assert sorted(responses.values_list("perspective", flat=True)) == [
        "company_lead",
        "employee",
        "employee",
        "works_council",
    ]
    # the lead cannot open one employee's answers, not even with the address
    emil = responses.get(respondent__email="emil@kranich.de")
    for name in ("assessments:result", "assessments:result_pdf", "assessments:continue"):
        assert page.request.get(url(name, emil.pk)).status == 404, name
    # two more people, so that five others than the lead stand behind the combined profile
    # (the lead's own answers never help reach the minimum)
    for _ in range(2):
        submitted_copy(responses.get(respondent=lead.user), Perspective.EMPLOYEE)

    visit(page, url("assessments:overview"))
    page.locator("main").get_by_role(
        "link", name=named("Abschließen", "KI-Readiness-Check")
    ).click()
    # closing asks first, naming the consequences; nothing has changed yet
    expect(page).to_have_url(url("assessments:close", assessment.pk))
    expect(page.locator("main")).to_contain_text("niemand mehr Antworten absenden")
    check_a11y(page)
    page.get_by_role("button", name="Ja, Check abschließen").click()
    expect(page).to_have_url(url("assessments:overview"))
    check_a11y(page)
    expect(page.locator(".zz-messages")).to_contain_text("Der Check ist abgeschlossen")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.CLOSED

    page.get_by_role("link", name=named("Gesamtergebnis ansehen", "KI-Readiness-Check")).click()
    expect(page).to_have_url(url("assessments:company_result", assessment.pk))
    check_a11y(page)
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ergebnis des Unternehmens")
    # the fifth answer released the result once, closing released the rest: what is shown is
    # the latest release, not a live count
    expect(main).to_contain_text("Stand: Freigabe Nr. 2")
    expect(main).to_contain_text("Das ist die letzte Freigabe")
    # every group is below five: one combined profile, with a note why
    expect(main).to_contain_text("Die Sichtweisen werden getrennt gezeigt, sobald jede Gruppe")
    expect(main.get_by_role("heading", name="Profil")).to_be_visible()
    expect(main.locator("svg[role=img]").first).to_be_visible()
    counts = main.get_by_role("table", name="Antworten je Sichtweise")
    expect(counts.get_by_role("row", name=re.compile("Beschäftigte"))).to_contain_text(
        "weniger als 5"
    )
    expect(main.get_by_role("heading", name=re.compile("Sichtweisen am weitesten"))).to_have_count(
        0
    )
    screenshot(page, "result-company")

    # the report is prepared in the background: its page offers the file when it is ready
    main.get_by_role("link", name="Bericht als PDF herunterladen").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"\.pdf herunterladen")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_lead_sees_where_the_perspectives_differ_once_each_group_has_five(page: Page, url) -> None:
    company = make_organisation(name="Gießerei Falke GmbH", has_works_council=True)
    make_member(Role.COMPANY_LEAD, organisation=company, user=make_user("finn@falke.de"))
    assessment = Assessment.objects.create(
        organisation=company,
        instrument_key="readiness",
        version=instruments.catalog().get("readiness").version,
    )
    template = Response(assessment=assessment, organisation=company)
    for perspective, likert in (
        (Perspective.COMPANY_LEAD, 5),
        (Perspective.EMPLOYEE, 3),
        (Perspective.WORKS_COUNCIL, 2),
    ):
        template.answers = answers_for("readiness", likert)
        template.instrument_key, template.version = "readiness", assessment.version
        for _ in range(5):
            submitted_copy(template, perspective)

    log_in(page, url("account_login"), "finn@falke.de")
    visit(page, url("assessments:overview"))
    page.get_by_role("link", name=named("Gesamtergebnis ansehen", "KI-Readiness-Check")).click()
    expect(page).to_have_url(url("assessments:company_result", assessment.pk))
    check_a11y(page)
    main = page.locator("main")
    # every fifth answer made a release: the page shows the third, over all fifteen
    expect(main).to_contain_text("Stand: Freigabe Nr. 3")
    expect(main).not_to_contain_text("Die Sichtweisen werden getrennt gezeigt, sobald")
    gaps = main.locator("section", has=page.get_by_role("heading", name=re.compile("auseinander")))
    expect(gaps.locator("li").first).to_contain_text("am höchsten Geschäftsführung")
    expect(gaps.locator("li").first).to_contain_text("am niedrigsten Betriebsrat")
    counts = main.get_by_role("table", name="Antworten je Sichtweise")
    expect(counts.get_by_role("row", name=re.compile("Betriebsrat"))).to_contain_text("5")
    screenshot(page, "result-company-perspectives")
    main.locator("figure").first.screenshot(path=str(SCREENS_DIR / "checks-chart-perspectives.png"))

    main.get_by_role("link", name="Bericht als PDF herunterladen").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"\.pdf herunterladen")).click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


# --- 2. a visitor without an account -------------------------------------------------------------
def test_visitor_takes_the_competence_check_and_opens_the_private_link_elsewhere(
    page: Page, fresh_page: Page, url
) -> None:
    visit(page, url("assessments:individual_start"))
    expect(page.get_by_role("heading", level=1)).to_have_text("KI-Kompetenz-Check")
    page.locator("main").get_by_role("button", name="Check beginnen").click()
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("fortsetzen, wann Sie wollen")
    link = page.locator(".zz-private-link a").get_attribute("href") or ""
    assert "/weiter/" in link
    page.locator("main").get_by_role("link", name="Jetzt beginnen").click()
    wrong = {"q_personal_data": "paste_all"}  # one wrong answer, the rest right
    answer_to_review(page, choose={**QUIZ_RIGHT, **wrong})
    submit(page)
    expect(page.locator(".zz-private-link a")).to_have_attribute("href", link)
    response = Response.objects.get(instrument_key="competence")
    assert response.respondent is None and response.is_submitted

    visit(fresh_page, link)
    expect(fresh_page.get_by_role("heading", level=1)).to_have_text("Ihr Check ist abgesendet")
    fresh_page.locator("main").get_by_role("link", name="Ergebnis ansehen").click()
    check_a11y(fresh_page)
    expect(fresh_page.get_by_role("heading", level=1)).to_have_text("Ihr Ergebnis")
    main = fresh_page.locator("main")
    expect(main.get_by_role("heading", name="Ihr Profil")).to_be_visible()
    expect(main.locator("svg[role=img]").first).to_be_visible()
    # the quiz apart from the self-rating, each question with the right answer and why
    quiz = main.locator("section", has=fresh_page.get_by_role("heading", name="Ihre Wissensfragen"))
    expect(quiz.get_by_role("row", name=re.compile("Datenschutz und Sicherheit"))).to_contain_text(
        "1 von 2"
    )
    expect(quiz.locator(".zz-quiz__wrong")).to_have_count(1)
    wrong_item = quiz.locator(".zz-quiz__item", has=fresh_page.locator(".zz-quiz__wrong"))
    expect(wrong_item).to_contain_text("Beschwerde einer Kundin")
    expect(wrong_item).to_contain_text("Erklärung")
    expect(main.locator(".zz-private-link a")).to_be_visible()
    screenshot(fresh_page, "result-visitor")
    quiz.locator(".zz-quiz__item").first.screenshot(path=str(SCREENS_DIR / "checks-quiz-item.png"))

    with fresh_page.expect_download() as download_info:
        main.get_by_role("link", name="Als PDF herunterladen").click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


# --- 3. the employees' view, anonymous ---------------------------------------------------------------
FREE_TEXT = "Bitte zuerst die Lagerlogistik entlasten, Gruss vom Spätdienst 7731"


def test_employee_answers_anonymously_and_the_lead_never_sees_the_answers(
    page: Page, open_browser, url
) -> None:
    company = make_organisation(name="Bäckerei Sonnenkorn KG")
    make_member(Role.COMPANY_LEAD, organisation=company, user=make_user("lea@sonnenkorn.de"))
    make_member(Role.EMPLOYEE, organisation=company, user=make_user("tom@sonnenkorn.de"))

    log_in(page, url("account_login"), "lea@sonnenkorn.de")
    visit(page, url("assessments:overview"))
    page.locator("main").get_by_role(
        "button", name=named("Eröffnen", "KI und meine Arbeit")
    ).click()
    check_a11y(page)
    assessment = Assessment.objects.get(organisation=company, instrument_key="work_voice")

    employee = open_browser()
    log_in(employee, url("account_login"), "tom@sonnenkorn.de")
    visit(employee, url("assessments:overview"))
    employee.get_by_role("link", name=named("Beantworten", "KI und meine Arbeit")).click()
    check_a11y(employee)
    expect(employee.locator("main")).to_contain_text("Anonym")
    employee.locator("main").get_by_role("button", name="Check beginnen").click()
    check_a11y(employee)
    expect(employee.locator(".zz-private-link a")).to_be_visible()
    employee.locator("main").get_by_role("link", name="Jetzt beginnen").click()
    answer_to_review(employee, text=FREE_TEXT)
    expect(employee.locator("main")).to_contain_text(FREE_TEXT)
    submit(employee)
    expect(employee.locator("main")).to_contain_text("Ihre Antworten sind anonym")

    visit(employee, url("assessments:overview"))
    row = employee.locator("main table tr", has_text="KI und meine Arbeit")
    expect(row).to_contain_text("Sie haben teilgenommen")
    expect(row.get_by_role("link", name=re.compile("Beantworten"))).to_have_count(0)
    response = Response.objects.get(assessment=assessment)
    assert response.respondent is None and response.is_submitted
    assert Participation.objects.filter(assessment=assessment).count() == 1

    # fewer than five took part: nothing the lead can open shows the employee's answers
    lead_pages = [
        url("organisations:dashboard"),
        url("assessments:overview"),
        url("assessments:assessment_start", assessment.pk),
        url("organisations:organisation_detail", company.pk),
        url("assessments:company_result", assessment.pk),
    ]
    for address in lead_pages:
        visit(page, address)
        expect(page.locator("body")).not_to_contain_text("Lagerlogistik")
    main = page.locator("main")  # the company result, while one person took part
    expect(main).to_contain_text("Noch kein Ergebnis freigegeben")
    expect(main).to_contain_text("Freie Antworten erscheinen erst, wenn mindestens 5 Personen")
    expect(main.get_by_role("link", name=re.compile("PDF"))).to_have_count(0)
    pdf = page.request.get(url("assessments:company_result_pdf", assessment.pk))
    assert pdf.ok and pdf.headers["content-type"].startswith("text/html")  # back to the page
    assert "Für einen Bericht gibt es noch zu wenige Antworten" in pdf.text()
    assert "Lagerlogistik" not in pdf.text()
    exports = page.request.get(url("assessments:exports"))  # centre staff only
    assert exports.status in (403, 404), exports.status
    api = page.request.get(url("api:my_results"))
    assert api.ok, api.status
    assert "Lagerlogistik" not in api.text()
    screenshot(page, "result-company-too-few")


# --- 4. phone and keyboard only ------------------------------------------------------------------
def test_question_page_on_a_phone_with_the_keyboard_only(open_browser, url) -> None:
    phone = open_browser(viewport=MOBILE, is_mobile=True, has_touch=True)
    visit(phone, url("assessments:individual_start"))
    phone.locator("main").get_by_role("button", name="Check beginnen").click()
    phone.locator("main").get_by_role("link", name="Jetzt beginnen").click()
    expect(phone.locator(".zz-progress label")).to_have_text("Seite 1 von 5")
    check_a11y(phone)
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], f"the question page scrolls sideways on a phone ({width}px)"

    for _ in range(80):  # Tab from the top of the page to the first agreement question
        phone.keyboard.press("Tab")
        if phone.evaluate("() => document.activeElement.name") == "q-ua_explain":
            break
    else:
        pytest.fail("Tab never reached the first question")
    focused = phone.locator(":focus")
    expect(focused).to_have_attribute("value", "1")
    for _ in range(3):
        phone.keyboard.press("ArrowRight")
    expect(phone.locator("#frage-ua_explain").get_by_label(LIKERT, exact=True)).to_be_checked()
    ring = phone.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
    )
    assert ring, "the focused answer has no visible focus indicator"
    screenshot(phone, "question-phone-focus", full_page=False)
    phone.keyboard.press("Tab")
    expect(phone.locator(":focus")).to_have_attribute("name", "q-ua_language_models")
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("ArrowDown")
    screenshot(phone, "question-phone")
    phone.keyboard.press("Enter")
    expect(phone.locator(".zz-progress label")).to_have_text("Seite 2 von 5")
    check_a11y(phone)

    response = Response.objects.get(instrument_key="competence")
    assert response.answers["ua_explain"] == 4
    assert response.answers["ua_language_models"] == 3
