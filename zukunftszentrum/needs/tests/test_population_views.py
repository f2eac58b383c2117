"""The population page: list, upload (validated, atomic, audited) and activation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.needs.models import PopulationCell, PopulationTable
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "data" / "betriebe_land_wz_2015.csv"
URL = "/bedarfe/grundgesamtheit/"


def _csv(replace: tuple[str, str] | None = None, drop: str | None = None) -> bytes:
    lines = DEFAULT_CSV.read_text(encoding="utf-8").splitlines()
    if drop:
        lines = [line for line in lines if not line.startswith(drop)]
    text = "\n".join(lines) + "\n"
    if replace:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    return text.encode("utf-8")


def _post(client, content: bytes, name: str = "neu.csv"):
    data = {
        "csv_file": SimpleUploadedFile(name, content, content_type="text/csv"),
        "name": "Betriebe 2023",
        "source": "Destatis Testquelle",
        "year": "2023",
    }
    return client.post(URL, data)


@pytest.fixture
def admin_client(login):
    return login(make_member(Role.PROGRAMME_ADMIN))


def test_url_names() -> None:
    assert reverse("needs:population") == URL
    assert reverse("needs:population_activate", args=[7]) == URL + "7/aktivieren/"


@pytest.mark.django_db
def test_page_lists_tables_with_source_year_cells(admin_client) -> None:
    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Statistisches Bundesamt (Destatis), Unternehmensregister, Tabelle 52111-0004" in html
    assert "2015" in html and "272" in html and "IfM Bonn" in html
    assert "3.736.751" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CENTRE_ADMIN, Role.ADVISOR, Role.COMPANY_LEAD])
def test_other_roles_get_403(login, role) -> None:
    centre = make_centre() if role in (Role.CENTRE_ADMIN, Role.ADVISOR) else None
    client = login(make_member(role, centre=centre))
    table = PopulationTable.objects.get(is_default=True)
    assert client.get(URL).status_code == 403
    assert _post(client, _csv()).status_code == 403
    activate = client.post(reverse("needs:population_activate", args=[table.pk]))
    assert activate.status_code == 403
    assert PopulationTable.objects.count() == 1


@pytest.mark.django_db
def test_valid_upload_is_stored_inactive_and_audited(admin_client) -> None:
    response = _post(admin_client, _csv(replace=("DE-BY,09,Bayern,C,", "DE-BY,09,Bayern,C,1")))
    assert response.status_code == 302
    new = PopulationTable.objects.get(is_default=False)
    assert (new.source, new.year, new.is_active) == ("Destatis Testquelle", 2023, False)
    assert new.cells.count() == 272
    assert PopulationTable.objects.get(is_default=True).is_active
    assert new.size_shares["shares"]["micro"] == 0.849  # taken over from the active table
    assert AuditEvent.objects.filter(action="population_uploaded").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (_csv(), "tabelle.xlsx", ("CSV",)),
        (_csv(drop="DE-HB,04,Bremen,K,"), "t.csv", ("HB", "K", "fehlt")),
        (_csv(replace=(",B,80,", ",B,-80,")), "t.csv", ("Zeile 2", "establishments", "negativ")),
        (_csv(replace=("DE-SH,01", "DE-XX,01")), "t.csv", ("Zeile 2", "DE-XX")),
        (_csv(replace=("Holstein,B,", "Holstein,Z,")), "t.csv", ("Zeile 2", "Z", "WZ")),
        (b"\xff\xfe\x00garbage", "t.csv", ("UTF-8",)),
        # Beyond a 64-bit integer (SQLite: OverflowError) and beyond PostgreSQL's integer.
        (_csv(replace=(",B,80,", ",B,9223372036854775808,")), "t.csv", ("Zeile 2", "zu groß")),
        (_csv(replace=(",B,80,", ",B,2147483648,")), "t.csv", ("Zeile 2", "establishments")),
        (_csv(replace=("Holstein,B,", "Holstein" + "x" * 200_000 + ",B,")), "t.csv",
         ("Zeile 2", "land_name", "länger als")),
    ],
    ids=[
        "file-type", "missing-cell", "negative", "unknown-land", "unknown-section", "encoding",
        "beyond-64-bit", "beyond-postgresql-integer", "field-over-csv-limit",
    ],
)  # fmt: skip
def test_bad_upload_names_the_problem_and_keeps_the_old_table(
    admin_client, content, filename, expected
) -> None:
    response = _post(admin_client, content, filename)
    assert response.status_code == 200
    html = response.content.decode()
    alerts = " ".join(re.findall(r'class="kern-title">([^<]*)<', html))
    assert "nicht übernommen" in alerts
    for part in expected:
        assert part in alerts
    assert 'value="Destatis Testquelle"' in html and 'value="2023"' in html  # input kept
    assert PopulationTable.objects.count() == 1
    assert PopulationCell.objects.count() == 272
    assert PopulationTable.objects.get(is_default=True).is_active
    assert not AuditEvent.objects.filter(action="population_uploaded").exists()


@pytest.mark.django_db
def test_activation_switches_exactly_one_table(admin_client) -> None:
    _post(admin_client, _csv())
    new = PopulationTable.objects.get(is_default=False)
    response = admin_client.post(reverse("needs:population_activate", args=[new.pk]))
    assert response.status_code == 302
    assert list(PopulationTable.objects.filter(is_active=True)) == [new]
    assert AuditEvent.objects.filter(action="population_activated").count() == 1
    default = PopulationTable.objects.get(is_default=True)
    admin_client.post(reverse("needs:population_activate", args=[default.pk]))
    assert list(PopulationTable.objects.filter(is_active=True)) == [default]


@pytest.mark.django_db
def test_activation_is_post_only_and_unknown_table_is_404(admin_client) -> None:
    table = PopulationTable.objects.get(is_default=True)
    assert (
        admin_client.get(reverse("needs:population_activate", args=[table.pk])).status_code == 405
    )
    assert admin_client.post(reverse("needs:population_activate", args=[9999])).status_code == 404


@pytest.mark.django_db
def test_admin_shows_a_table_read_only(login) -> None:
    member = make_member(Role.PROGRAMME_ADMIN)
    member.user.is_staff = True
    member.user.save()
    client = login(member)
    table = PopulationTable.objects.get(is_default=True)
    change = client.get(reverse("admin:needs_populationtable_change", args=[table.pk]))
    assert change.status_code == 200
    assert client.get(reverse("admin:needs_populationtable_add")).status_code == 403
