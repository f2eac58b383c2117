"""Project-wide pytest fixtures."""

from __future__ import annotations

import pytest
from django.test import Client

from zukunftszentrum.organisations.middleware import SESSION_KEY


@pytest.fixture
def login(client: Client):
    """Log a membership's person in, acting in that membership's role: login(membership)."""

    def _login(membership, c: Client | None = None) -> Client:
        c = c or client
        c.force_login(membership.user)
        session = c.session
        session[SESSION_KEY] = membership.pk
        session.save()
        return c

    return _login
