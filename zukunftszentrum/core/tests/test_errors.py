"""A lost database answers 503 with the plain error page (no traceback); other errors stay 500."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError
from django.test import Client

from zukunftszentrum.core.errors import database_unavailable


def _raised_from(outer: BaseException, inner: BaseException) -> BaseException:
    try:
        try:
            raise inner
        except BaseException as exc:
            raise outer from exc
    except BaseException as exc:
        return exc


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (None, False),
        (OperationalError("server closed the connection unexpectedly"), True),
        (InterfaceError("connection already closed"), True),
        (IntegrityError("duplicate key"), False),
        (DatabaseError("syntax error"), False),
        (ValueError("a bug"), False),
        (_raised_from(RuntimeError("template failed"), OperationalError("refused")), True),
        (_raised_from(OperationalError("refused"), ValueError("a bug")), True),
        (_raised_from(ValueError("a bug"), IntegrityError("duplicate key")), False),
    ],
)
def test_which_errors_mean_the_database_is_unavailable(error, unavailable) -> None:
    assert database_unavailable(error) is unavailable


def _refuse(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1" failed: Connection refused')


@pytest.mark.django_db
def test_a_view_losing_the_database_answers_503_with_the_error_page(monkeypatch) -> None:
    monkeypatch.setattr("zukunftszentrum.core.views.render", _refuse)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Vorübergehend nicht erreichbar" in page and "erneut ab" in page
    assert "Traceback" not in page and "Connection refused" not in page


@pytest.mark.django_db
def test_a_middleware_losing_the_database_answers_503_too(monkeypatch, django_user_model) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_user(email="a@example.org"))
    monkeypatch.setattr(SessionStore, "load", _refuse)  # the session is read by a middleware
    response = client.get("/uebersicht/")
    assert response.status_code == 503
    assert "Vorübergehend nicht erreichbar" in response.content.decode()


@pytest.mark.django_db
def test_any_other_error_stays_500(monkeypatch) -> None:
    def bug(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("zukunftszentrum.core.views.render", bug)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.content.decode()
    assert "a bug" not in response.content.decode()
