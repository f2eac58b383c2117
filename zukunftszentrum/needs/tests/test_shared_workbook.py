"""One needs workbook per run and selection: the second person asking for the same selection gets
a copy of the first file (core.prepared's content key), under the usual rules of a prepared
download (their own file, checked at fetch time; another region is a 404)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zukunftszentrum.core.models import PreparedDownload
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.needs import downloads, exports
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

URL = reverse("needs:export", args=["xlsx"])


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each time a workbook's table is really built (not copied)."""
    calls: list[Any] = []
    original = exports.export_table

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(exports, "export_table", counting)
    return calls


def _sheets(content: bytes) -> list[list[tuple[Any, ...]]]:
    """The cells of every sheet (the file's zip timestamps differ between two saves)."""
    book = load_workbook(io.BytesIO(content))
    return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]


def _person(login: Any, membership: Any) -> Client:
    """A browser of its own for each person (the `login` fixture's default client is shared)."""
    return login(membership, Client())


def _content(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _download(client: Client, **params: str) -> Any:
    return fetch_prepared(client, client.get(URL, params))


def test_two_people_with_the_same_selection_cause_one_build(network, login, builds) -> None:
    first = _person(login, make_member(Role.ADVISOR, centre=network["nord"]))
    second = _person(login, make_member(Role.CENTRE_ADMIN, centre=network["nord"]))
    one = _download(first, land="SH")
    two = _download(second, land="SH")
    assert one.status_code == two.status_code == 200
    assert len(builds) == 1
    assert _sheets(_content(one)) == _sheets(_content(two))
    assert one["Content-Disposition"] == two["Content-Disposition"]
    # Each person has a download and a file of their own (deleting one leaves the other).
    rows = list(PreparedDownload.objects.filter(kind=downloads.XLSX_KIND))
    assert len(rows) == 2 and len({r.user_id for r in rows}) == 2
    assert len({r.file for r in rows}) == 2
    assert rows[0].content_key == rows[1].content_key != ""


def test_another_selection_or_language_is_built_anew(network, login, builds) -> None:
    client = _person(login, make_member(Role.ADVISOR, centre=network["nord"]))
    _download(client, land="SH")
    _download(client, land="SH", wz="C")
    _download(client, land="SH", gewichtung="roh")
    assert len(builds) == 3
    other = _person(login, make_member(Role.ADVISOR, centre=network["nord"]))
    other.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _download(other, land="SH")
    assert len(builds) == 4
    assert english.status_code == 200


def test_the_nation_and_a_region_are_not_shared(network, login, builds) -> None:
    """Same parameters, different scope: a programme admin's default is the nation."""
    _download(_person(login, make_member(Role.ADVISOR, centre=network["nord"])))
    _download(_person(login, make_member(Role.PROGRAMME_ADMIN)))
    assert len(builds) == 2


def test_a_person_without_access_still_gets_404(network, login, builds) -> None:
    owner = _person(login, make_member(Role.ADVISOR, centre=network["nord"]))
    asked = owner.get(URL)
    assert (
        _download(_person(login, make_member(Role.ADVISOR, centre=network["nord"]))).status_code
        == 200
    )
    stranger = _person(login, make_member(Role.ADVISOR, centre=network["sued"]))
    # The other person's file (shared content or not) stays theirs ...
    assert stranger.get(asked["Location"]).status_code == 404
    assert stranger.get(asked["Location"] + "herunterladen/").status_code == 404
    # ... and asking for the other region's selection is refused before anything is built.
    assert stranger.get(URL, {"gebiet": network["nord"].slug}).status_code == 404
    assert len(builds) == 1


def test_a_new_run_is_built_anew(network, login, builds) -> None:
    client = _person(login, make_member(Role.ADVISOR, centre=network["nord"]))
    _download(client)
    key = PreparedDownload.objects.get().content_key
    run = network["run"]
    run.finished_at = run.finished_at.replace(microsecond=(run.finished_at.microsecond + 1) % 10**6)
    run.save(update_fields=["finished_at"])
    later = _person(login, make_member(Role.ADVISOR, centre=network["nord"]))
    _download(later)
    assert len(builds) == 2
    assert PreparedDownload.objects.exclude(content_key=key).count() == 1
