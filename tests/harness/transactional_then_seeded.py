"""Run only by test_transactional_tests.py, in a pytest session of its own (the file name does not
match `test_*.py`, so the ordinary runs do not collect it).

A session in which no test asks for `serialized_rollback`, as when one browser module runs on its
own: each parametrised test commits for real and ends with the flush that empties every table;
each expects what the migrations wrote and adds an organisation pointing to it, as the demo does.
"""

from __future__ import annotations

import pytest

from zukunftszentrum.organisations.models import Land
from zukunftszentrum.organisations.tests.factories import make_organisation


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", [1, 2])
def test_a_transactional_test_sees_the_migrated_data(run: int) -> None:
    assert Land.objects.count() == 16
    make_organisation(land="BY")  # committed: a foreign key to a Land, checked at commit
