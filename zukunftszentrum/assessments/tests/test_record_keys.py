"""Record keys of responses: drawn per response, backfilled per row, never shown."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.assessments.personal_data import export_responses
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_response

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "zukunftszentrum.assessments.migrations.0002_response_record_key"
)


def _responses(n: int) -> list[Response]:
    org = make_organisation()
    return [make_response(make_member(Role.EMPLOYEE, organisation=org)) for _ in range(n)]


def test_each_new_response_draws_its_own_key() -> None:
    keys = {r.record_key for r in _responses(6)}
    assert len(keys) == 6
    assert all(0 <= k < 2**32 for k in keys)


def test_the_backfill_gives_every_existing_row_its_own_key() -> None:
    rows = _responses(5)
    Response.objects.update(record_key=0)  # as after AddField with one default for all rows
    migration.draw_keys(apps, None)
    keys = set(
        Response.objects.filter(pk__in=[r.pk for r in rows]).values_list("record_key", flat=True)
    )
    assert len(keys) == 5 and 0 not in keys


def test_the_key_is_in_no_personal_data_export_and_not_editable() -> None:
    response = _responses(1)[0]
    assert response.respondent is not None
    exported = json.dumps(export_responses(response.respondent), default=str)
    assert "record_key" not in exported and str(response.record_key) not in exported
    assert not Response._meta.get_field("record_key").editable
