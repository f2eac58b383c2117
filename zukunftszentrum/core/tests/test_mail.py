"""Email through the task queue: queued after the commit, sent by the task, retried with backoff
on SMTP errors, given up after MAX_ATTEMPTS, never sent twice. The tests run the task explicitly."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from zukunftszentrum.core import mail as queue
from zukunftszentrum.core.models import OutgoingMail
from zukunftszentrum.core.tasks import MAX_ATTEMPTS
from zukunftszentrum.organisations.models import Invitation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _through_the_queue(settings) -> None:
    settings.ZZ_RUN_TASKS_INLINE = False


@pytest.fixture
def smtp_down(monkeypatch):
    """The mail server refuses every message until the test lets it up again."""
    state = {"down": True}
    original = mail.EmailMessage.send

    def send(self, fail_silently: bool = False) -> int:
        if state["down"]:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return original(self, fail_silently)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    return state


def _queued_ids() -> list[list]:
    return [
        row.args_kwargs["args"]
        for row in DBTaskResult.objects.order_by("enqueued_at")
        if row.task_path.endswith(".send_queued_mail")
    ]


def test_queued_after_commit_and_sent_by_the_task(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        mail_id = queue.queue_mail(
            kind="test", to="a@example.org", subject="Betreff\n", body="Hallo"
        )
        assert not DBTaskResult.objects.exists()
    for callback in callbacks:
        callback()
    assert _queued_ids() == [[mail_id]] and not mail.outbox
    assert queue.send_queued_mail.call(mail_id) == "sent"
    [message] = mail.outbox
    assert (message.to, message.subject, message.body) == (["a@example.org"], "Betreff", "Hallo")
    assert not OutgoingMail.objects.exists()  # nothing of a possibly secret link is kept


def test_a_duplicate_task_sends_nothing(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail_id = queue.queue_mail(kind="test", to="a@example.org", subject="S", body="B")
    queue.send_queued_mail.call(mail_id)
    assert queue.send_queued_mail.call(mail_id) == "nothing"
    assert len(mail.outbox) == 1


def test_smtp_errors_are_retried_with_backoff_then_given_up(smtp_down) -> None:
    mail_id = queue.queue_mail(kind="test", to="a@example.org", subject="S", body="B")
    DBTaskResult.objects.all().delete()
    assert queue.send_queued_mail.call(mail_id, 1) == "retry"
    [retry] = DBTaskResult.objects.all()
    assert retry.args_kwargs["args"] == [mail_id, 2] and retry.run_after is not None
    stored = OutgoingMail.objects.get(pk=mail_id)
    assert stored.attempts == 1 and "SMTPServerDisconnected" in stored.last_error

    assert queue.send_queued_mail.call(mail_id, MAX_ATTEMPTS) == "failed"
    stored.refresh_from_db()
    assert stored.failed_at is not None and not mail.outbox
    assert queue.send_queued_mail.call(mail_id, 1) == "nothing"  # failed for good stays failed


def test_the_server_back_in_time_for_the_retry(smtp_down) -> None:
    mail_id = queue.queue_mail(kind="test", to="a@example.org", subject="S", body="B")
    assert queue.send_queued_mail.call(mail_id, 1) == "retry"
    smtp_down["down"] = False
    assert queue.send_queued_mail.call(mail_id, 2) == "sent"
    assert len(mail.outbox) == 1


def test_invitation_page_does_not_wait_for_the_mail_server(
    login, smtp_down, django_capture_on_commit_callbacks
) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    url = reverse("organisations:organisation_invite", args=[lead.organisation_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(lead).post(url, {"email": "neu@example.org", "role": "employee"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="neu@example.org").exists()  # not withdrawn
    [[mail_id]] = _queued_ids()
    assert queue.send_queued_mail.call(mail_id) == "retry"  # the server is down: later
    smtp_down["down"] = False
    assert queue.send_queued_mail.call(mail_id, 2) == "sent"
    [message] = mail.outbox
    assert message.to == ["neu@example.org"] and "/einladung/" in message.body


def test_password_reset_goes_through_the_queue(client, django_capture_on_commit_callbacks) -> None:
    person = make_member(Role.EMPLOYEE).user
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})
    assert not mail.outbox
    [[mail_id]] = _queued_ids()
    assert queue.send_queued_mail.call(mail_id) == "sent"
    [message] = mail.outbox
    assert message.to == [person.email] and "/konto/password/reset/key/" in message.body


def test_inline_mode_sends_at_once(settings) -> None:
    settings.ZZ_RUN_TASKS_INLINE = True
    queue.queue_mail(kind="test", to="a@example.org", subject="S", body="B")
    assert len(mail.outbox) == 1 and not DBTaskResult.objects.exists()


def test_the_administration_lists_mails_without_their_text(login, smtp_down) -> None:
    mail_id = queue.queue_mail(kind="test", to="a@example.org", subject="S", body="geheimer-link")
    queue.send_queued_mail.call(mail_id, MAX_ATTEMPTS)
    admin = login(make_member(Role.PROGRAMME_ADMIN))
    listing = admin.get(reverse("admin:core_outgoingmail_changelist")).content.decode()
    assert "a@example.org" in listing
    change = admin.get(reverse("admin:core_outgoingmail_change", args=[mail_id]))
    assert change.status_code == 200 and "geheimer-link" not in change.content.decode()


def test_my_data_shows_and_deletion_removes_queued_mails_and_second_factors(smtp_down) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from zukunftszentrum.core.personal_data import erase_personal_data, export_personal_data

    person = make_member(Role.EMPLOYEE).user
    other = queue.queue_mail(kind="test", to="b@example.org", subject="S", body="B")
    queue.queue_mail(kind="invitation", to=person.email.upper(), subject="S", body="B")
    TOTP.activate(person, generate_totp_secret())
    data = export_personal_data(person)
    assert [m["kind"] for m in data["outgoing_mail"]] == ["invitation"]
    assert [f["type"] for f in data["second_factors"]] == ["totp"]
    assert "secret" not in str(data["second_factors"])
    erase_personal_data(person)
    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [other]
    assert not Authenticator.objects.exists()


def test_a_starting_worker_queues_mails_whose_task_was_lost() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from zukunftszentrum.core.tasks import recover_lost_work

    lost = queue.queue_mail(kind="test", to="a@example.org", subject="S", body="B")
    fresh = queue.queue_mail(kind="test", to="b@example.org", subject="S", body="B")
    OutgoingMail.objects.filter(pk=lost).update(created_at=timezone.now() - timedelta(hours=1))
    DBTaskResult.objects.all().delete()
    assert recover_lost_work()["core.outgoing_mail"] == 1
    assert _queued_ids() == [[lost]] and fresh != lost
