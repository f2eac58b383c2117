"""Samples of core's URLs for the access walk (see organisations/tests/access_walk.py).

A prepared download belongs to the person who asked for it: the advisor of tenant a here. Every
other person, of tenant a or b, gets a 404."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zukunftszentrum.core.models import PreparedDownload
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant


def _download(t: Tenant) -> dict[str, object]:
    download = PreparedDownload.objects.create(
        user=t.members[Role.ADVISOR].user,
        kind="tests.walk",
        key="walk",
        label="Bericht",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    return {"pk": download.pk}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "core:download": (_download, Role.ADVISOR),
    "core:download_file": (_download, Role.ADVISOR),
    "core:download_again": (_download, Role.ADVISOR),
}
