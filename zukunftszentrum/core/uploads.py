"""Storing uploads when the disk (or the quota) is full: a message on the form, no remnant.

Django's file storage raises OSError(ENOSPC) in the middle of writing and leaves the part it
wrote. `FileSystemStorage` here removes that part, so no half-written file of a person stays
behind unreferenced; the views that store uploads catch `storage_full` errors and show the form
again with `STORAGE_FULL` (the other fields kept), with status 507 and an error in the log.

A web process killed between storing a file and committing the row that names it leaves the
file behind (it cannot clean up after SIGKILL). `remove_orphans` deletes such files once they
are older than any upload still in flight; the apps register it as a worker's recovery.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.core.files.storage import Storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

# No space left, quota exceeded, file too large for the process' limit (RLIMIT_FSIZE).
FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
STATUS = 507  # Insufficient Storage
STORAGE_FULL = _(
    "Die Datei konnte nicht gespeichert werden: Der Speicherplatz der Plattform ist erschöpft. "
    "Ihre übrigen Angaben sind erhalten. Bitte wählen Sie die Datei erneut aus und versuchen "
    "Sie es später noch einmal; die Betreiber der Plattform sind informiert."
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


# Far longer than an upload takes from its file to its commit.
ORPHAN_AGE = timedelta(hours=1)


def files_under(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from files_under(storage, f"{folder}/{sub}")


def remove_orphans(
    storage: Storage,
    folder: str,
    referenced: Iterable[str],
    *,
    older_than: timedelta | None = None,
) -> int:
    """Delete the files under `folder` that no row names and that are older than `older_than`
    (default ORPHAN_AGE: a younger one may belong to an upload about to commit); returns how
    many."""
    keep = set(referenced)
    cutoff = timezone.now() - (ORPHAN_AGE if older_than is None else older_than)
    removed = 0
    for name in files_under(storage, folder):
        if name in keep or storage.get_modified_time(name) >= cutoff:
            continue
        storage.delete(name)
        removed += 1
    if removed:
        log.warning("%s files without their row removed under %s", removed, folder)
    return removed
