"""Fault points inside the server and the workers, armed from outside by files.

The fault script creates `$ZZ_DATA_DIR/faults/<point>`; the first process to reach that point
takes the file (an atomic rename, so exactly one does), writes its process id to
`<point>.held` and waits there for HOLD_SECONDS, long enough for the script to kill it with
SIGKILL. `disk-full` stays armed until removed: every upload then fails with ENOSPC after its
first bytes. Nothing here is used outside benchmarks/faults.py.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.db.models.signals import post_save
from django.http import HttpRequest, HttpResponse

from zukunftszentrum.core.uploads import FileSystemStorage

HOLD_SECONDS = 90
# Shortened so that the script need not wait half an hour for the recovery of lost work.
LEASE = timedelta(seconds=int(os.environ.get("ZZ_FAULT_LEASE_SECONDS", "10")))


def fault_dir() -> Path:
    path = Path(os.environ["ZZ_DATA_DIR"]) / "faults"
    path.mkdir(parents=True, exist_ok=True)
    return path


def hold_if_armed(point: str) -> None:
    folder = fault_dir()
    try:
        os.rename(folder / point, folder / f"{point}.taken.{os.getpid()}")
    except FileNotFoundError:
        return
    held = folder / f"{point}.held"
    (folder / f"{point}.tmp").write_text(str(os.getpid()))
    os.replace(folder / f"{point}.tmp", held)
    time.sleep(HOLD_SECONDS)  # killed here; if not, the script has failed and says so


class HoldBeforeAnswering:
    """`respond`: a POST that has done all its work and committed, before its answer leaves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "POST":
            hold_if_armed("respond")
        return response


class _FillsUp:
    def __init__(self, content: Any) -> None:
        self.content = content

    def chunks(self) -> Iterator[bytes]:
        self.content.seek(0)
        yield self.content.read(8)
        raise OSError(errno.ENOSPC, "No space left on device")


class FillableStorage(FileSystemStorage):
    """The project's file storage; with `disk-full` armed, a full disk."""

    def _save(self, name: str, content: Any) -> str:
        if (fault_dir() / "disk-full").exists():
            content = _FillsUp(content)
        return super()._save(name, content)


class MailLog(BaseEmailBackend):
    """Sends by appending a line to faults/sent-mail.log; `mail-before` holds before that,
    `mail-after` after it (the mail server has the message, the queue does not know yet)."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        hold_if_armed("mail-before")
        with open(fault_dir() / "sent-mail.log", "a") as log:
            for message in email_messages:
                log.write(f"{message.subject}\t{','.join(message.to)}\n")
            log.flush()
            os.fsync(log.fileno())
        hold_if_armed("mail-after")
        return len(email_messages)


def _submitted(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields and "submitted_at" in update_fields:
        hold_if_armed("submit")  # inside submit_response's transaction, after its UPDATE


def _evidence_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if created and instance.certificate:
        hold_if_armed("upload")  # the file is stored, the row inserted but not committed


def install() -> None:
    from zukunftszentrum.assessments.models import Response
    from zukunftszentrum.core import mail, uploads
    from zukunftszentrum.learning.models import Evidence
    from zukunftszentrum.needs import runs

    post_save.connect(_submitted, sender=Response, dispatch_uid="fault-submit")
    post_save.connect(_evidence_saved, sender=Evidence, dispatch_uid="fault-upload")

    compute = runs._compute

    def held_compute(run: Any) -> None:
        hold_if_armed("needs-run")  # the run is claimed ("running"), nothing computed yet
        compute(run)

    runs._compute = held_compute
    runs.LEASE = runs.STUCK_AFTER = LEASE
    mail.STUCK_AFTER = uploads.ORPHAN_AGE = LEASE
