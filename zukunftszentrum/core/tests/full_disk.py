"""A file storage whose disk is full: it writes the first bytes of a file, then fails as a full
disk does (OSError ENOSPC). For the tests of every view that stores uploads."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import Any

from zukunftszentrum.core.uploads import FileSystemStorage


class _FillsUp:
    def __init__(self, content: Any) -> None:
        self.content = content

    def chunks(self) -> Iterator[bytes]:
        self.content.seek(0)
        yield self.content.read(8)
        raise OSError(errno.ENOSPC, "No space left on device")


class FullDiskStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        return super()._save(name, _FillsUp(content))


def full_disk(settings: Any, location: Any) -> None:
    """Make the default storage a full disk at `location` (pytest-django's `settings`)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "zukunftszentrum.core.tests.full_disk.FullDiskStorage",
            "OPTIONS": {"location": str(location)},
        },
    }


def files_in(location: Any) -> list[str]:
    return [str(p) for p in location.rglob("*") if p.is_file()]
