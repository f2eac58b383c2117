"""Storing uploads when the disk (or the quota) is full: a message on the form, no remnant.

Django's file storage raises OSError(ENOSPC) in the middle of writing and leaves the part it
wrote. `FileSystemStorage` here removes that part, so no half-written file of a person stays
behind unreferenced; the views that store uploads catch `storage_full` errors and show the form
again with `STORAGE_FULL` (the other fields kept), with status 507 and an error in the log.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from typing import Any

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

# No space left, quota exceeded, file too large for the process' limit (RLIMIT_FSIZE).
FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
STATUS = 507  # Insufficient Storage
STORAGE_FULL = _(
    "Die Datei konnte nicht gespeichert werden: Der Speicherplatz der Plattform ist erschöpft. "
    "Ihre übrigen Angaben sind erhalten. Bitte wählen Sie die Datei erneut aus und versuchen "
    "Sie es später noch einmal; der Betrieb ist informiert."
)


def storage_full(error: BaseException) -> bool:
    """Whether `error` says that the storage has no room (rather than any other failure)."""
    return isinstance(error, OSError) and error.errno in FULL


def log_full(error: BaseException, where: str) -> None:
    log.error("upload not stored (%s): storage full: %s", where, error)


class FileSystemStorage(DjangoFileSystemStorage):
    """Django's file storage that deletes what it wrote of a file whose writing failed."""

    def _save(self, name: str, content: Any) -> str:
        # The apps name uploads with random parts, so a name that did not exist is this write's.
        existed = self.exists(name)
        try:
            return super()._save(name, content)  # type: ignore[misc]  # private, not in the stubs
        except OSError:
            if not existed:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(self.path(name))
            raise
