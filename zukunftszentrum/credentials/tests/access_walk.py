"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant

from .factories import make_claimable, make_credential


def _solo_credential(t: Tenant) -> dict:
    return {"pk": make_credential(t.members[Role.SOLO].user, centre=t.centre).pk}


def _solo_claimable(t: Tenant) -> dict:
    return {"pk": make_claimable(t.members[Role.SOLO].user, centre=t.centre).pk}


def _public_uuid(t: Tenant) -> dict:
    return {"uuid": make_credential(t.members[Role.SOLO].user, centre=t.centre).uuid}


def _key(t: Tenant) -> dict:
    from zukunftszentrum.credentials import keys

    return {"key_id": keys.create()[0]}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "credentials:claim": (_solo_claimable, Role.SOLO),
    "credentials:download_json": (_solo_credential, Role.SOLO),
    "credentials:download_pdf": (_solo_credential, Role.SOLO),
    "credentials:verify_stored": (_public_uuid, None),
    "credentials:issuer_key": (_key, None),
    "credentials:status_list": (lambda t: {"purpose": "revocation"}, None),
    "credentials:revoke": (_solo_credential, Role.CENTRE_ADMIN),
}
