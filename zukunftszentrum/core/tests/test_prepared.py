"""Prepared downloads: one file per request however often it is asked for, only for the person who
asked and only while their role allows it, built by the worker with retries, gone after a day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from zukunftszentrum.core import prepared
from zukunftszentrum.core.models import PreparedDownload
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_user

pytestmark = pytest.mark.django_db

KIND = "tests.echo"
FAILS = "tests.fails"
BUILDS: list[Mapping[str, Any]] = []
ALLOWED: set[str] = set()  # the emails still allowed to fetch


def _echo(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    BUILDS.append(params)
    progress(50)
    text = f"{params['text']} ({translation.get_language()})"
    return prepared.Built("echo.txt", "text/plain", text.encode())


def _fails(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    raise RuntimeError("the report could not be drawn")


def _allowed(user: Any, params: Mapping[str, Any]) -> bool:
    return user.email in ALLOWED


for _name, _build in ((KIND, _echo), (FAILS, _fails)):
    prepared.register_kind(_name, build=_build, still_allowed=_allowed, back_url=lambda p: "/")


@pytest.fixture(autouse=True)
def _fresh() -> None:
    BUILDS.clear()
    ALLOWED.clear()


def _person(email: str = "a@example.org") -> Any:
    user = make_user(email)
    ALLOWED.add(email)
    return user


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_person_gets_the_file_and_nobody_else_does() -> None:
    owner, other = _person(), _person("b@example.org")
    download = prepared.prepare(user=owner, kind=KIND, params={"text": "Hallo"}, label="Echo")
    download.refresh_from_db()
    assert (download.status, download.progress, download.size) == ("ready", 100, len("Hallo (de)"))
    page = _client(owner).get(reverse("core:download", args=[download.pk]))
    assert page.status_code == 200
    assert "Ihre Datei ist fertig." in page.content.decode()
    file = _client(owner).get(reverse("core:download_file", args=[download.pk]))
    assert (file.status_code, file.content) == (200, b"Hallo (de)")
    assert file["Cache-Control"] == "private, no-store"
    assert 'filename="echo.txt"' in file["Content-Disposition"]
    for url in ("core:download", "core:download_file"):
        assert _client(other).get(reverse(url, args=[download.pk])).status_code == 404
    assert "Echo" not in _client(other).get(reverse("core:downloads")).content.decode()
    assert "Echo" in _client(owner).get(reverse("core:downloads")).content.decode()


def test_asking_twice_gives_the_same_file_and_other_parameters_another() -> None:
    owner = _person()
    first = prepared.prepare(user=owner, kind=KIND, params={"text": "x"}, label="Echo")
    again = prepared.prepare(user=owner, kind=KIND, params={"text": "x"}, label="Echo")
    other = prepared.prepare(user=owner, kind=KIND, params={"text": "y"}, label="Echo")
    assert first.pk == again.pk != other.pk
    assert len(BUILDS) == 2
    # a minute later the same request gets the data of that moment
    PreparedDownload.objects.filter(pk=first.pk).update(
        finished_at=timezone.now() - prepared.REUSE_FOR
    )
    later = prepared.prepare(user=owner, kind=KIND, params={"text": "x"}, label="Echo")
    assert later.pk not in (first.pk, other.pk) and len(BUILDS) == 3
    someone = _person("b@example.org")
    theirs = prepared.prepare(user=someone, kind=KIND, params={"text": "x"}, label="Echo")
    assert theirs.pk != first.pk  # a file is never shared between people


def test_the_file_speaks_the_language_of_the_request() -> None:
    with translation.override("en"):
        download = prepared.prepare(user=_person(), kind=KIND, params={"text": "Hi"}, label="E")
    with default_storage.open(PreparedDownload.objects.get(pk=download.pk).file) as f:
        assert f.read() == b"Hi (en)"


def test_a_role_that_ended_may_no_longer_fetch_it() -> None:
    owner = _person()
    download = prepared.prepare(user=owner, kind=KIND, params={"text": "x"}, label="Echo")
    ALLOWED.clear()
    assert _client(owner).get(reverse("core:download_file", args=[download.pk])).status_code == 404
    page = _client(owner).get(reverse("core:download", args=[download.pk])).content.decode()
    assert "Die Rolle, in der Sie die Datei angefordert haben, erlaubt sie nicht mehr" in page


def test_the_queue_builds_it_later_and_the_page_polls_until_then(settings) -> None:
    settings.ZZ_RUN_TASKS_INLINE = False
    owner = _person()
    download = prepared.prepare(user=owner, kind=KIND, params={"text": "x"}, label="Echo")
    assert PreparedDownload.objects.get(pk=download.pk).status == "queued"
    assert BUILDS == []
    page = _client(owner).get(reverse("core:download", args=[download.pk])).content.decode()
    assert "Die Datei wartet darauf, erstellt zu werden." in page and "hx-trigger" in page
    early = _client(owner).get(reverse("core:download_file", args=[download.pk]))
    assert early.status_code == 302  # not ready: back to the status page
    assert prepared.build_now(download.pk) == "ready"
    assert prepared.build_now(download.pk) == "skipped"  # a duplicate task does nothing
    fragment = (
        _client(owner)
        .get(reverse("core:download", args=[download.pk]), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "Ihre Datei ist fertig." in fragment and "hx-trigger" not in fragment
    assert len(BUILDS) == 1


def test_a_build_whose_worker_died_is_built_again(settings) -> None:
    settings.ZZ_RUN_TASKS_INLINE = False
    download = prepared.prepare(user=_person(), kind=KIND, params={"text": "x"}, label="Echo")
    long_ago = timezone.now() - prepared.LEASE - timedelta(minutes=1)
    PreparedDownload.objects.filter(pk=download.pk).update(
        status="running", started_at=long_ago, requested_at=long_ago
    )
    assert prepared.build_now(download.pk) == "ready"
    PreparedDownload.objects.filter(pk=download.pk).update(
        status="running", started_at=timezone.now()
    )
    assert prepared.build_now(download.pk) == "skipped"  # a live worker's build is left alone


def test_a_failing_build_is_retried_then_shown_as_failed_and_can_be_tried_again(settings) -> None:
    settings.ZZ_RUN_TASKS_INLINE = False
    owner = _person()
    download = prepared.prepare(user=owner, kind=FAILS, params={}, label="Bericht")
    assert prepared.build_now(download.pk, attempt=1) == "retry"
    assert PreparedDownload.objects.get(pk=download.pk).status == "queued"
    assert prepared.build_now(download.pk, attempt=3) == "failed"
    page = _client(owner).get(reverse("core:download", args=[download.pk])).content.decode()
    assert "Die Datei konnte nicht erstellt werden." in page
    assert "the report could not be drawn" not in page  # no internals on the page
    response = _client(owner).post(reverse("core:download_again", args=[download.pk]))
    new = PreparedDownload.objects.exclude(pk=download.pk).get()
    assert response["Location"] == reverse("core:download", args=[new.pk])
    assert new.status == "queued"


def test_expired_files_are_gone_for_the_person_and_from_the_storage() -> None:
    owner = _person()
    download = prepared.prepare(user=owner, kind=KIND, params={"text": "x"}, label="Echo")
    name = PreparedDownload.objects.get(pk=download.pk).file
    assert default_storage.exists(name)
    PreparedDownload.objects.filter(pk=download.pk).update(expires_at=timezone.now())
    assert _client(owner).get(reverse("core:download", args=[download.pk])).status_code == 404
    assert prepared.remove_expired() == 1
    assert not default_storage.exists(name)
    assert not PreparedDownload.objects.exists()


def test_deleting_the_account_removes_the_files() -> None:
    from zukunftszentrum.core import personal_data

    owner = _person()
    download = prepared.prepare(user=owner, kind=KIND, params={"text": "x"}, label="Echo")
    name = PreparedDownload.objects.get(pk=download.pk).file
    section = next(s for s in personal_data.sections() if s.name == "prepared_downloads")
    assert section.export(owner)[0]["label"] == "Echo"
    section.erase(owner)
    assert not default_storage.exists(name) and not PreparedDownload.objects.exists()


def test_an_unknown_kind_is_refused_before_anything_is_stored() -> None:
    with pytest.raises(LookupError, match="no prepared download kind 'nope'"):
        prepared.prepare(user=_person(), kind="nope", params={}, label="x")
    assert not PreparedDownload.objects.exists()


def test_signed_out_people_are_sent_to_sign_in() -> None:
    member = make_member(Role.ADVISOR)
    download = prepared.prepare(user=member.user, kind=KIND, params={"text": "x"}, label="E")
    response = Client().get(reverse("core:download", args=[download.pk]))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
