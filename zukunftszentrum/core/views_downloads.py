"""The pages of prepared downloads (core/prepared.py): the status of one, polled while it is being
built; the file; a list of the person's own recent ones. Another person's download is a 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import prepared
from .access import login_required
from .exports import file_response
from .models import PreparedDownload


def access_download(user: Any, download_id: UUID) -> PreparedDownload:
    """The person's own download that has not expired; anything else looks like nothing."""
    found = PreparedDownload.objects.filter(
        pk=download_id, user_id=user.pk, expires_at__gt=timezone.now()
    ).first()
    if found is None:
        raise Http404("download")
    return found


def _still_allowed(request: HttpRequest, download: PreparedDownload) -> bool:
    kind = prepared.kinds.get(download.kind)
    return kind is not None and kind.still_allowed(request.user, download.params)


def _context(request: HttpRequest, download: PreparedDownload) -> dict[str, Any]:
    kind = prepared.kinds.get(download.kind)
    return {
        "download": download,
        "back_url": kind.back_url(download.params) if kind else "",
        "allowed": _still_allowed(request, download),
    }


@login_required
def status(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Where the file stands; the fragment is polled by htmx until it is ready or failed."""
    download = access_download(request.user, pk)
    context = _context(request, download)
    if request.headers.get("HX-Request"):
        return render(request, "core/_download_status.html", {**context, "polled": True})
    return render(request, "core/download.html", context)


@login_required
def file(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The ready file, for the person who asked, while their role still allows it."""
    download = access_download(request.user, pk)
    if download.status != PreparedDownload.Status.READY or not download.file:
        return redirect("core:download", pk=download.pk)
    if not _still_allowed(request, download):
        raise Http404("download")
    with default_storage.open(download.file, "rb") as handle:
        data = handle.read()
    return file_response(data, download.content_type, download.filename)


@login_required
@require_POST
def again(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Try a failed download again (a new one with the same parameters)."""
    download = access_download(request.user, pk)
    if download.status != PreparedDownload.Status.FAILED:
        return redirect("core:download", pk=download.pk)
    if not _still_allowed(request, download):
        raise Http404("download")
    return redirect("core:download", pk=prepared.retry(download).pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The person's downloads of the last day."""
    owner: Any = request.user  # signed in (login_required)
    downloads = PreparedDownload.objects.filter(user=owner, expires_at__gt=timezone.now()).order_by(
        "-requested_at"
    )
    return render(request, "core/downloads.html", {"downloads": downloads})
