"""A full disk: recognised by its error, and no half-written file stays behind."""

from __future__ import annotations

import errno
import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile

from zukunftszentrum.core import uploads

from .full_disk import FullDiskStorage, files_in


@pytest.mark.parametrize(
    ("error", "full"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (OSError(errno.EFBIG, "File too large"), True),
        (OSError(errno.EACCES, "Permission denied"), False),
        (OSError(errno.EROFS, "Read-only file system"), False),
        (ValueError("not an OSError"), False),
    ],
)
def test_which_errors_mean_the_storage_is_full(error, full) -> None:
    assert uploads.storage_full(error) is full


def test_a_write_that_fails_leaves_no_part_of_the_file(tmp_path) -> None:
    storage = FullDiskStorage(location=str(tmp_path))
    with pytest.raises(OSError) as caught:
        storage.save("a/certificate.pdf", ContentFile(b"%PDF-1.4 and much more"))
    assert caught.value.errno == errno.ENOSPC
    assert files_in(tmp_path) == []


def test_a_failed_write_never_removes_an_existing_file(tmp_path) -> None:
    storage = uploads.FileSystemStorage(location=str(tmp_path))
    name = storage.save("kept.pdf", ContentFile(b"%PDF-1.4 kept"))
    with pytest.raises(OSError):
        FullDiskStorage(location=str(tmp_path), allow_overwrite=True).save(
            name, ContentFile(b"%PDF-1.4 new")
        )
    assert storage.exists(name)


def test_a_successful_write_is_untouched(tmp_path) -> None:
    storage = uploads.FileSystemStorage(location=str(tmp_path))
    name = storage.save("ok.pdf", ContentFile(b"%PDF-1.4 fine"))
    assert storage.open(name).read() == b"%PDF-1.4 fine"


def _aged(storage, name: str, seconds: float) -> str:
    stamp = time.time() - seconds
    os.utime(storage.path(name), (stamp, stamp))
    return name


def test_only_old_files_without_their_row_are_removed(tmp_path) -> None:
    storage = uploads.FileSystemStorage(location=str(tmp_path))
    kept = _aged(storage, storage.save("up/a/kept.pdf", ContentFile(b"1")), 7200)
    orphan = _aged(storage, storage.save("up/b/orphan.pdf", ContentFile(b"2")), 7200)
    young = storage.save("up/young.pdf", ContentFile(b"3"))  # its row may be about to commit
    elsewhere = _aged(storage, storage.save("other/x.pdf", ContentFile(b"4")), 7200)
    assert uploads.remove_orphans(storage, "up", [kept]) == 1
    assert not storage.exists(orphan)
    assert all(storage.exists(name) for name in (kept, young, elsewhere))
    assert uploads.remove_orphans(storage, "up", [kept], older_than=timedelta(0)) == 1
    assert not storage.exists(young)
    assert uploads.remove_orphans(storage, "missing-folder", []) == 0
