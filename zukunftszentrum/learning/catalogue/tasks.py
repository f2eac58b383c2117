"""The reminder before an offer's first session, as a task scheduled at registration time.

A registration schedules `send_offer_reminder` for REMINDER_BEFORE the first session. The task
sends only to someone who still holds the seat and has not been reminded, so a cancelled
registration, a moved date or a task that runs twice does no harm. A worker that starts queues
the reminders that are due and were lost (`queue_due_reminders`, a core.tasks recovery).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.tasks import task
from django.utils import timezone

from zukunftszentrum.core.tasks import enqueue_on_commit

if TYPE_CHECKING:
    from ..models import Registration

REMINDER_BEFORE = timedelta(days=2)


def schedule_reminder(registration: Registration) -> None:
    """Schedule the reminder for a registration that holds a seat (after the commit)."""
    first = registration.offer.sessions.aggregate(first=Min("starts_at"))["first"]
    if first is None or settings.ZZ_RUN_TASKS_INLINE:
        return  # no dates yet (a later save schedules it), or tests without a queue
    when = max(first - REMINDER_BEFORE, timezone.now())
    transaction.on_commit(
        lambda: send_offer_reminder.using(run_after=when).enqueue(registration.pk)
    )


@task
def send_offer_reminder(registration_id: int) -> str:
    """Remind one registered person of the coming offer; idempotent."""
    return "sent" if remind(registration_id) else "nothing"


def remind(registration_id: int) -> bool:
    """Send the reminder if it is still due; True when it was sent now."""
    from ..models import Registration, RegistrationStatus
    from . import emails as catalogue_emails

    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("offer__module__centre", "user")
            .filter(
                pk=registration_id,
                status=RegistrationStatus.REGISTERED,
                reminder_sent_at__isnull=True,
            )
            .first()
        )
        if registration is None:
            return False
        first = registration.offer.sessions.aggregate(first=Min("starts_at"))["first"]
        if first is None or first < timezone.now():
            return False
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at"])
        catalogue_emails.send_reminder(registration)
        return True


def due_reminders() -> list[int]:
    """Registrations whose reminder is due and not sent."""
    from ..models import OfferStatus, Registration, RegistrationStatus

    now = timezone.now()
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminder_sent_at__isnull=True,
            offer__status__in=(OfferStatus.OPEN, OfferStatus.CLOSED),
        )
        .annotate(first=Min("offer__sessions__starts_at"))
        .filter(first__gt=now, first__lte=now + REMINDER_BEFORE)
        .values_list("pk", flat=True)
    )


def queue_due_reminders() -> int:
    """A worker's recovery: queue every due reminder (sending twice is prevented by `remind`)."""
    due = due_reminders()
    for pk in due:
        enqueue_on_commit(send_offer_reminder, pk)
    return len(due)
