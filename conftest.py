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


@pytest.fixture(autouse=True)
def _language_reset():
    """A request in English leaves English active in the thread; the next test starts German."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
