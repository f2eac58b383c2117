"""Sending email through the task queue, so no page waits for the mail server.

`queue_mail` stores the rendered message (OutgoingMail) and enqueues `send_queued_mail` once the
request's transaction commits. The task sends it and deletes the row; on an SMTP error it is
retried with backoff (core.tasks) up to MAX_ATTEMPTS, then the row stays, marked failed with the
error, visible in the administration. Idempotent: a task whose mail is gone (sent) or taken by
another worker does nothing; a mail whose task was lost is queued again when a worker starts.
With settings.ZZ_RUN_TASKS_INLINE the mail is sent at once (tests).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .models import OutgoingMail
from .tasks import MAX_ATTEMPTS, enqueue_on_commit, retry_later

log = logging.getLogger(__name__)

# A mail still waiting this long lost its task (a worker died while sending, or the retry was
# lost): a starting worker queues it again. Sending is idempotent, so a late task does no harm.
STUCK_AFTER = timedelta(minutes=30)


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    NOTHING = "nothing"  # already sent, failed for good, or being sent by another worker


def queue_mail(
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    html_body: str = "",
    attachments: Sequence[tuple[str, str, str]] = (),
) -> int:
    """Store a rendered email and have a task send it after the commit; returns its id.
    `attachments`: (filename, text content, mimetype), e.g. an iCalendar invitation."""
    mail = OutgoingMail.objects.create(
        kind=kind,
        to=to,
        subject=" ".join(subject.split()),
        body=body,
        html_body=html_body,
        attachments=[list(a) for a in attachments],
    )
    if settings.ZZ_RUN_TASKS_INLINE:
        deliver(mail.pk, max_attempts=1)
    else:
        enqueue_on_commit(send_queued_mail, mail.pk)
    return mail.pk


@task
def send_queued_mail(mail_id: int, attempt: int = 1) -> str:
    """Send one stored email; on an SMTP error try again later (see `deliver`)."""
    return deliver(mail_id, attempt=attempt).value


def deliver(mail_id: int, *, attempt: int = 1, max_attempts: int = MAX_ATTEMPTS) -> Outcome:
    """Send the stored email `mail_id` (attempt `attempt`), and say what came of it."""
    with transaction.atomic():
        # Locked while sending, so two workers never send the same mail twice (PostgreSQL).
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, failed_at__isnull=True)
            .first()
        )
        if mail is None:
            return Outcome.NOTHING
        try:
            _message(mail).send()
        except (SMTPException, OSError) as exc:
            return _failed(mail, attempt, max_attempts, exc)
        mail.delete()  # the message may hold a one-time link: nothing of it is kept
        return Outcome.SENT


def _message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(mail.subject, mail.body, None, [mail.to])
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    for filename, content, mimetype in mail.attachments:
        message.attach(filename, content, mimetype)
    return message


def _failed(mail: OutgoingMail, attempt: int, max_attempts: int, exc: Exception) -> Outcome:
    mail.attempts = attempt
    mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if attempt < max_attempts:
        mail.save(update_fields=["attempts", "last_error"])
        when = retry_later(send_queued_mail, attempt, mail.pk, attempt + 1)
        log.warning("%s email %s not sent (%s); next attempt at %s", mail.kind, mail.pk, exc, when)
        return Outcome.RETRY
    mail.failed_at = timezone.now()
    mail.save(update_fields=["attempts", "last_error", "failed_at"])
    log.error("%s email %s not sent after %s attempts: %s", mail.kind, mail.pk, attempt, exc)
    return Outcome.FAILED


def requeue_stuck() -> int:
    """Queue a task again for every mail that has waited too long (a worker's recovery)."""
    stuck = OutgoingMail.objects.filter(
        failed_at__isnull=True, created_at__lt=timezone.now() - STUCK_AFTER
    ).values_list("pk", flat=True)
    for mail_id in stuck:
        send_queued_mail.enqueue(mail_id)
    return len(stuck)
