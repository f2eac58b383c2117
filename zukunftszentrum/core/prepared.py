"""Downloads prepared in the background: long PDFs and exports are built by a task worker while
the person sees a page with the progress and, when it is ready, the link.

An app registers a kind once (`register_kind`): how to build the file from stored parameters, and
how to ask, at the moment of fetching, whether the person may still have it (their role may have
ended in between). The app's view checks access as usual, then calls `prepare()` instead of
rendering, and redirects to the status page. Core knows no app: the parameters are the app's,
stored as JSON, and come back to its `build`.

- One request, one file: the same person asking for the same kind and parameters while a file is
  being built, or within a minute after it was built, gets that file again (a double click, a
  second tab); later they get a new file with the data of that moment.
- A file belongs to the person who asked; anybody else gets a 404, as for a file that never existed.
- Files live in Django's storage (so several machines can share them) and expire after a day;
  expired files are removed whenever a new download is prepared.
- A build that fails is retried with backoff (core.tasks); after the last attempt the page says so
  and offers to try again.
- A kind whose file does not depend on who asked (a needs workbook: the same run, region and
  selection give the same published figures to everybody allowed to see them) names what the
  file depends on (`content_key`). A worker that finds a ready file with the same content key
  copies it for the new request instead of building it again. The copy is the new person's own
  file, under the same rules (only for them, checked again at fetch time); the content key must
  hold everything the file depends on (data versions, region, selection; the language is
  added here), never the person.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone, translation

from .registry import Registry
from .tasks import MAX_ATTEMPTS, enqueue_on_commit, retry_later

log = logging.getLogger(__name__)

KEEP_FOR = timedelta(hours=24)  # how long a ready file can be fetched
REUSE_FOR = timedelta(minutes=1)  # a file this fresh is given again instead of built anew
LEASE = timedelta(minutes=10)  # a build running longer than this is taken to be lost


@dataclass(frozen=True)
class Built:
    """A finished file."""

    filename: str
    content_type: str
    content: bytes


Progress = Callable[[int], None]  # a build may report its progress in percent


@dataclass(frozen=True)
class DownloadKind:
    name: str  # unique, e.g. "needs.report"
    order: int
    build: Callable[[Mapping[str, Any], Progress], Built]
    still_allowed: Callable[[Any, Mapping[str, Any]], bool]  # (user, params) at fetch time
    back_url: Callable[[Mapping[str, Any]], str]  # the page the download was asked from
    # What the file depends on, as text, when that is not the person (None: built each time).
    content_key: Callable[[Mapping[str, Any]], str] | None = None


kinds = Registry[DownloadKind]("prepared download kind")


def register_kind(
    name: str,
    *,
    build: Callable[[Mapping[str, Any], Progress], Built],
    still_allowed: Callable[[Any, Mapping[str, Any]], bool],
    back_url: Callable[[Mapping[str, Any]], str],
    order: int = 100,
    content_key: Callable[[Mapping[str, Any]], str] | None = None,
) -> DownloadKind:
    """Register a kind of prepared download (call from AppConfig.ready())."""
    return kinds.add(DownloadKind(name, order, build, still_allowed, back_url, content_key))


def kind_of(name: str) -> DownloadKind:
    found = kinds.get(name)
    if found is None:
        raise LookupError(f"no prepared download kind {name!r} is registered")
    return found


def params_key(kind: str, params: Mapping[str, Any]) -> str:
    """A stable digest of kind and parameters: the same request gives the same key."""
    raw = json.dumps([kind, params], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def prepare(*, user: Any, kind: str, params: Mapping[str, Any], label: str) -> Any:
    """The download for this person, kind and parameters: a fresh or pending one if there is,
    otherwise a new one, queued for a worker. Returns the PreparedDownload."""
    from .models import PreparedDownload

    kind_of(kind)  # an unknown kind is a programming error, found before anything is stored
    key = params_key(kind, params)
    now = timezone.now()
    remove_expired(now=now)
    with transaction.atomic():
        Status = PreparedDownload.Status
        existing = (
            PreparedDownload.objects.select_for_update()
            .filter(user=user, key=key, expires_at__gt=now)
            .filter(
                Q(status__in=(Status.QUEUED, Status.RUNNING))
                | Q(status=Status.READY, finished_at__gt=now - REUSE_FOR)
            )
            .order_by("-requested_at")
            .first()
        )
        if existing is not None:
            return existing
        download = PreparedDownload.objects.create(
            user=user,
            kind=kind,
            key=key,
            params=dict(params),
            label=label[:200],
            language=translation.get_language() or "",
            expires_at=now + KEEP_FOR,
        )
    _start(download.pk)
    return download


def _start(download_id: Any, attempt: int = 1) -> None:
    if settings.ZZ_RUN_TASKS_INLINE:  # tests that do not exercise the queue
        build_now(download_id, attempt=attempt, max_attempts=1)
    else:
        enqueue_on_commit(build_prepared_download, str(download_id), attempt)


@task
def build_prepared_download(download_id: str, attempt: int = 1) -> str:
    """Build one prepared download; a failure is retried with backoff up to MAX_ATTEMPTS."""
    outcome = build_now(download_id, attempt=attempt)
    if outcome == "retry":
        retry_later(build_prepared_download, attempt, download_id, attempt + 1)
    return outcome


def build_now(download_id: Any, *, attempt: int = 1, max_attempts: int = MAX_ATTEMPTS) -> str:
    """Claim the download, build it, store the file. Idempotent: a download that is already
    built, failed, or claimed by a live worker is left alone. Returns what happened."""
    from .models import PreparedDownload

    Status = PreparedDownload.Status
    now = timezone.now()
    claimable = PreparedDownload.objects.filter(pk=download_id).filter(_claimable(now))
    if not claimable.update(status=Status.RUNNING, started_at=now, progress=0, attempts=attempt):
        return "skipped"
    download = PreparedDownload.objects.get(pk=download_id)

    def progress(percent: int) -> None:
        PreparedDownload.objects.filter(pk=download.pk, status=Status.RUNNING).update(
            progress=max(0, min(99, int(percent)))
        )

    kind = kind_of(download.kind)
    content_key = ""
    try:
        with translation.override(download.language or None):
            if kind.content_key is not None:
                content_key = _content_digest(download, kind.content_key(download.params))
            built = _built_before(download, content_key) or kind.build(download.params, progress)
    except Exception as error:  # the page says it failed; the log has the traceback
        log.exception("prepared download %s (%s) failed", download.pk, download.kind)
        if attempt < max_attempts:
            PreparedDownload.objects.filter(pk=download.pk).update(
                status=Status.QUEUED, error=type(error).__name__
            )
            return "retry"
        PreparedDownload.objects.filter(pk=download.pk).update(
            status=Status.FAILED, error=type(error).__name__, finished_at=timezone.now()
        )
        return "failed"
    name = default_storage.save(
        f"downloads/{download.pk}/{built.filename}", ContentFile(built.content)
    )
    PreparedDownload.objects.filter(pk=download.pk).update(
        status=Status.READY,
        progress=100,
        file=name,
        filename=built.filename,
        content_type=built.content_type,
        size=len(built.content),
        finished_at=timezone.now(),
        content_key=content_key,
    )
    return "ready"


def _content_digest(download: Any, content: str) -> str:
    raw = json.dumps([download.kind, download.language, content], separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def _built_before(download: Any, content_key: str) -> Built | None:
    """The file of a ready download with the same content (any person's), copied; else None."""
    from .models import PreparedDownload

    if not content_key:
        return None
    earlier = (
        PreparedDownload.objects.filter(
            kind=download.kind,
            content_key=content_key,
            status=PreparedDownload.Status.READY,
            expires_at__gt=timezone.now(),
        )
        .exclude(pk=download.pk)
        .exclude(file="")
        .order_by("-finished_at")
        .first()
    )
    if earlier is None:
        return None
    try:
        with default_storage.open(earlier.file, "rb") as stored:
            content = stored.read()
    except OSError:  # removed in between (expired): build it
        return None
    return Built(earlier.filename, earlier.content_type, content)


def _claimable(now: Any) -> Any:
    """Queued downloads, and running ones whose worker has not been heard of for LEASE."""
    from .models import PreparedDownload

    Status = PreparedDownload.Status
    return Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__lt=now - LEASE)


def retry(download: Any) -> Any:
    """A failed download, asked for again: a new one with the same parameters."""
    return prepare(
        user=download.user, kind=download.kind, params=download.params, label=download.label
    )


def requeue_lost() -> int:
    """Queue again builds whose worker died (run when a worker starts)."""
    from .models import PreparedDownload

    now = timezone.now()
    lost = PreparedDownload.objects.filter(_claimable(now), expires_at__gt=now).filter(
        requested_at__lt=now - timedelta(minutes=2)
    )
    count = 0
    for download in lost:
        _start(download.pk, attempt=download.attempts + 1)
        count += 1
    return count


def remove_expired(*, now: Any = None) -> int:
    """Delete expired downloads and their files; returns how many."""
    from .models import PreparedDownload

    return _remove(PreparedDownload.objects.filter(expires_at__lte=now or timezone.now()))


def remove_for(user: Any) -> int:
    """Delete a person's downloads and their files (account deletion)."""
    from .models import PreparedDownload

    return _remove(PreparedDownload.objects.filter(user_id=user.pk))


def _remove(rows: Any) -> int:
    found = list(rows)
    for download in found:
        if download.file:
            default_storage.delete(download.file)
    rows.model.objects.filter(pk__in=[d.pk for d in found]).delete()
    return len(found)
