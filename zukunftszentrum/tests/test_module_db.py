"""`module_db` (the project's conftest.py): data built once per module, each test isolated.

The tests run in file order, except that the one without the shared data runs first.
"""

from __future__ import annotations

import pytest

from zukunftszentrum.organisations.models import Centre
from zukunftszentrum.organisations.tests.factories import make_centre


@pytest.fixture(scope="module")
def shared_centre(module_db: None) -> int:
    return make_centre(name="Geteiltes Zentrum").pk


def test_a_test_changes_and_adds_rows(shared_centre: int, db: None) -> None:
    Centre.objects.filter(pk=shared_centre).update(name="Geändert")
    make_centre(name="Neues Zentrum")
    assert Centre.objects.filter(name__in=["Geändert", "Neues Zentrum"]).count() == 2


def test_the_next_test_sees_the_data_as_built(shared_centre: int, db: None) -> None:
    assert Centre.objects.get(pk=shared_centre).name == "Geteiltes Zentrum"
    assert not Centre.objects.filter(name="Neues Zentrum").exists()


def test_a_test_without_the_shared_data_runs_before_it_is_built(db: None) -> None:
    assert not Centre.objects.filter(name="Geteiltes Zentrum").exists()
