"""The export page: groups only, never people; small groups without means; only organisations
the centre accompanies; every download in the audit log; no export for companies."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .test_company_views import make_run, submit

pytestmark = pytest.mark.django_db
URL = reverse("assessments:exports")


def accompanied(advisor: Any, org: Organisation) -> None:
    lead = make_member(Role.COMPANY_LEAD, organisation=org)
    acc = org_actions.request_accompaniment(member=advisor, organisation=org)
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)


@pytest.fixture
def advisor() -> Any:
    advisor = make_member(Role.ADVISOR)
    small, big = make_organisation(wz="C"), make_organisation(wz="F")
    accompanied(advisor, small)
    accompanied(advisor, big)
    submit(make_run(small), 4)
    submit(make_run(big), 5)
    submit(make_run(make_organisation(wz="F")), 7)  # not accompanied: never in the export
    return advisor


def _post(client: Any, fmt: str = "csv", grouping: tuple[str, ...] = ("wz_section",)) -> Any:
    return client.post(URL, {"check": "readiness:2026.1", "grouping": grouping, "fmt": fmt})


def _rows(answer: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))


def test_export_has_groups_only_and_suppresses_small_ones(login: Any, advisor: Any) -> None:
    rows = _rows(_post(login(advisor)))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Check", "Version", "WZ-Abschnitt", "Anzahl"]
    assert [r[2:4] for r in body] == [["C", "< 5"], ["F", "5"]]  # 7 of another centre left out
    assert all(cell == "" for cell in body[0][4:])  # no mean for the group of four
    assert body[1][4] != ""


def test_export_without_grouping_is_one_row_for_everybody(login: Any, advisor: Any) -> None:
    rows = _rows(_post(login(advisor), grouping=()))
    assert len(rows) == 2 and rows[1][2] in {"5", "10"}  # 9, perturbed, rounded to fives


def test_perspective_grouping_keeps_small_groups_empty(login: Any, advisor: Any) -> None:
    rows = _rows(_post(login(advisor), grouping=("wz_section", "perspective")))
    assert [r[2:5] for r in rows[1:]] == [["C", "Beschäftigte", "< 5"], ["F", "Beschäftigte", "5"]]


def test_export_writes_an_audit_event(login: Any, advisor: Any) -> None:
    _post(login(advisor), fmt="xlsx", grouping=("land", "wz_section"))
    event = AuditEvent.objects.get(action=CoreAction.DATA_EXPORTED)
    assert event.actor == advisor.user
    assert event.centre_id == advisor.centre_id
    assert event.details["instrument"] == "readiness"
    assert event.details["version"] == "2026.1"
    assert event.details["grouping"] == ["wz_section", "land"]
    assert event.details["format"] == "xlsx"


def test_csv_download_type_and_name(login: Any, advisor: Any) -> None:
    answer = _post(login(advisor))
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="readiness-20261-wz_section.csv"' in answer["Content-Disposition"]


def test_xlsx_download_type_and_name(login: Any, advisor: Any) -> None:
    answer = _post(login(advisor), fmt="xlsx", grouping=())
    assert answer["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="readiness-20261-gesamt.xlsx"' in answer["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    assert sheet.max_row == 2 and sheet.cell(row=2, column=3).value in {5, 10}


def test_programme_admin_exports_the_whole_network(login: Any, advisor: Any) -> None:
    rows = _rows(_post(login(make_member(Role.PROGRAMME_ADMIN)), grouping=()))
    assert rows[1][2] in {"15", "20"}  # 16, perturbed and rounded to a multiple of 5


def test_centre_without_accompaniment_exports_nothing(login: Any, advisor: Any) -> None:
    rows = _rows(_post(login(make_member(Role.CENTRE_ADMIN)), grouping=()))
    assert rows[1:] == []


def test_page_shows_the_choices_and_the_notes(login: Any, advisor: Any) -> None:
    page = login(advisor).get(URL).content.decode()
    assert 'value="readiness:2026.1"' in page
    assert "Gruppen mit weniger als 5 Antworten" in page
    assert "die Ihr Zentrum mit deren Zustimmung begleitet" in page
    admin_page = login(make_member(Role.PROGRAMME_ADMIN)).get(URL).content.decode()
    assert "aller Organisationen im Netzwerk" in admin_page
    assert not AuditEvent.objects.filter(action=CoreAction.DATA_EXPORTED).exists()


def test_bad_choice_re_renders_with_the_input_kept(login: Any, advisor: Any) -> None:
    answer = login(advisor).post(URL, {"check": "nope:1", "grouping": ["land"], "fmt": "csv"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Bitte prüfen Sie" in page
    assert 'value="land" aria-describedby="grouping-hint" checked' in page
    assert not AuditEvent.objects.filter(action=CoreAction.DATA_EXPORTED).exists()


@pytest.mark.parametrize(
    "role", [Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.SOLO, Role.TRAINER]
)
def test_companies_and_trainers_get_no_export(login: Any, role: Role) -> None:
    client = login(make_member(role))
    assert client.get(URL).status_code == 403
    assert _post(client).status_code == 403


# Text that spreadsheet programs would run as a formula (the perspective column holds at most 20).
PLANTED = ('=HYPERLINK("x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1")


def test_planted_formulas_stay_text_in_csv_and_xlsx(login: Any, advisor: Any) -> None:
    in_f = Response.objects.filter(organisation__wz_section="F")
    big = next(
        r.organisation for r in in_f if in_f.filter(organisation=r.organisation).count() == 5
    )
    for response, text in zip(in_f.filter(organisation=big), PLANTED, strict=True):
        Response.objects.filter(pk=response.pk).update(perspective=text)
    client = login(advisor)
    cells = {r[2] for r in _rows(_post(client, grouping=("perspective",)))[1:]}
    assert {"'" + text for text in PLANTED} <= cells
    sheet = load_workbook(io.BytesIO(_post(client, "xlsx", ("perspective",)).content)).active
    written = {row[2].value: row[2].data_type for row in sheet.iter_rows(min_row=2)}
    assert {text: "s" for text in PLANTED}.items() <= written.items()
