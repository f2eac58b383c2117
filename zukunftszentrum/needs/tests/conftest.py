"""Fixtures of the needs tests: a computed network, built once per test module.

Building and computing a network takes seconds, and most tests only read it, so it is built
once per module on top of `module_db` (see the project's conftest.py): what a test writes is
still undone after that test.
"""

from __future__ import annotations

from typing import Any

import pytest

from zukunftszentrum.needs.models import EstimateRun
from zukunftszentrum.organisations.models import Centre

from .network import build_network


@pytest.fixture(scope="module")
def network_ids(module_db: None) -> dict[str, int]:
    """The network of `network.py`, built once per module: the keys of its centres and run."""
    built = build_network()
    return {name: obj.pk for name, obj in built.items()}


@pytest.fixture
def network(network_ids: dict[str, int], db: None) -> dict[str, Any]:
    """The shared network, read afresh for each test (no test sees another's objects)."""
    return {
        "nord": Centre.objects.get(pk=network_ids["nord"]),
        "sued": Centre.objects.get(pk=network_ids["sued"]),
        "run": EstimateRun.objects.get(pk=network_ids["run"]),
    }
