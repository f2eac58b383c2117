"""The API fuzzed from its own OpenAPI description (schemathesis): for every operation, generated
requests — valid and invalid — never cause a server error, every answer matches the documented
schema and content type, and an operation that needs a signed-in person refuses everyone else.

Bounded: a few dozen examples per operation, derandomised, so the run is short and repeatable.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.models import Response
from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.organisations.middleware import SESSION_KEY
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

# serialized_rollback: the migrated data (Länder) is kept in memory, so each test starts with it
# and the tests after this file find it restored (see the root conftest).
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

FUZZ = hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _session_cookie(membership: Any) -> dict[str, str]:
    """The Cookie header of a signed-in browser acting in this membership's role."""
    ConsentRecord.objects.get_or_create(
        user=membership.user, kind="privacy_notice", version=settings.ZZ_PRIVACY_NOTICE_VERSION
    )
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = membership.pk
    session.save()
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}


@pytest.fixture
def advisor_headers() -> dict[str, str]:
    """An advisor with a submitted check of their own: every operation has data to return."""
    advisor = make_member(Role.ADVISOR, centre=make_centre(lands=("SH", "HH")))
    inst = catalog().all_latest()[0]
    Response.objects.create(
        instrument_key=inst.key,
        version=inst.version,
        respondent=advisor.user,
        answers={},
        submitted_at=timezone.now(),
        result={"dimensions": {}, "overall": 40.0, "overall_level": 2, "knowledge": {}},
    )
    return _session_cookie(advisor)


@schema.parametrize()
@FUZZ
def test_no_server_error_and_answers_match_the_schema_signed_in(case, advisor_headers) -> None:
    case.call_and_validate(headers=advisor_headers)


@schema.parametrize()
@FUZZ
def test_no_server_error_and_answers_match_the_schema_anonymous(case) -> None:
    case.call_and_validate()


def _secured_operations() -> list[tuple[str, str]]:
    raw = schema.raw_schema
    found = []
    for path, methods in raw["paths"].items():
        for method, operation in methods.items():
            if operation.get("security"):
                found.append((method.upper(), path))
    return found


def test_some_operations_need_a_signed_in_person() -> None:
    assert len(_secured_operations()) >= 2  # the list below must not be empty


@pytest.mark.parametrize(("method", "path"), _secured_operations())
def test_secured_operations_refuse_anonymous_callers(method: str, path: str) -> None:
    response = Client().generic(method, path)
    assert response.status_code in (401, 403), response.content


@pytest.mark.parametrize(("method", "path"), _secured_operations())
def test_secured_operations_refuse_a_role_without_access(method: str, path: str) -> None:
    """A reviewer holds none of the capabilities behind the secured operations: an empty list
    of their own results at most, never anyone else's data."""
    headers = _session_cookie(make_member(Role.REVIEWER))
    client = Client(HTTP_COOKIE=headers["Cookie"])
    response = client.generic(method, path)
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert response.json() == []
