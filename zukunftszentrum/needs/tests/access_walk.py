"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.needs.models import PopulationTable
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    # The region is the viewer's own (another centre's region is tested in needs/tests).
    "needs:export": (lambda t: {"fmt": "csv"}, None),
    "needs:population_activate": (
        lambda t: {"pk": PopulationTable.objects.get(is_default=True).pk},
        Role.PROGRAMME_ADMIN,
    ),
}
