"""Registering, the waitlist, cancelling, capacity, attendance and saving modules."""

from __future__ import annotations

import pytest
from django.core import mail

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.learning.catalogue import actions
from zukunftszentrum.learning.catalogue.exceptions import (
    CapacityTooLow,
    InvalidLevels,
    NotAllowed,
    PrerequisiteCycle,
    RegistrationClosed,
)
from zukunftszentrum.learning.catalogue.tasks import remind
from zukunftszentrum.learning.models import OfferStatus, Registration, RegistrationStatus
from zukunftszentrum.learning.signals import attendance_confirmed
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db
S = RegistrationStatus


@pytest.fixture
def centre():
    return make_centre()


@pytest.fixture
def offer(centre):
    return make_offer(make_module(centre), capacity=2)


def _learners(n: int) -> list:
    return [make_member(Role.EMPLOYEE) for _ in range(n)]


def test_a_full_offer_puts_people_on_the_waitlist_in_order(offer) -> None:
    people = _learners(4)
    outcomes = [actions.register(member=m, offer=offer) for m in people]
    statuses = [(o.registration.status, o.registration.position) for o in outcomes]
    assert statuses == [
        (S.REGISTERED, None),
        (S.REGISTERED, None),
        (S.WAITLISTED, 1),
        (S.WAITLISTED, 2),
    ]
    assert outcomes[0].registration.organisation == people[0].organisation


def test_registering_twice_changes_nothing(offer) -> None:
    member = _learners(1)[0]
    first = actions.register(member=member, offer=offer)
    again = actions.register(member=member, offer=offer)
    assert first.changed and not again.changed
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(offer=offer).count() == 1
    assert len(mail.outbox) == 1  # one confirmation, not two


def test_confirmation_carries_an_icalendar_request(offer) -> None:
    member = _learners(1)[0]
    actions.register(member=member, offer=offer)
    message = mail.outbox[0]
    assert message.to == [member.user.email]
    name, content, mimetype = message.attachments[0]
    assert name == "termin.ics" and "method=REQUEST" in mimetype
    assert "METHOD:REQUEST" in content and f"UID:{offer.uid}-1@zukunftszentren" in content


def test_cancelling_moves_the_first_on_the_waitlist_up_and_tells_them(offer) -> None:
    a, b, c, d = _learners(4)
    ra = actions.register(member=a, offer=offer).registration
    for m in (b, c, d):
        actions.register(member=m, offer=offer)
    mail.outbox.clear()
    actions.cancel(member=a, registration=ra)
    by_user = {r.user_id: r for r in Registration.objects.filter(offer=offer)}
    assert by_user[a.user_id].status == S.CANCELLED
    assert by_user[c.user_id].status == S.REGISTERED and by_user[c.user_id].position is None
    assert by_user[d.user_id].status == S.WAITLISTED
    recipients = {tuple(m.to): m for m in mail.outbox}
    assert "METHOD:CANCEL" in recipients[(a.user.email,)].attachments[0][1]
    assert "nachgerückt" in recipients[(c.user.email,)].body


def test_cancelling_twice_or_someone_elses_is_refused_or_idempotent(offer) -> None:
    a, b = _learners(2)
    ra = actions.register(member=a, offer=offer).registration
    with pytest.raises(NotAllowed):
        actions.cancel(member=b, registration=ra)
    assert actions.cancel(member=a, registration=ra).changed
    assert not actions.cancel(member=a, registration=ra).changed
    # and registering again after cancelling is allowed (the constraint counts active ones)
    assert actions.register(member=a, offer=offer).changed


def test_a_draft_or_cancelled_offer_takes_no_registrations(centre) -> None:
    offer = make_offer(make_module(centre), status=OfferStatus.DRAFT)
    with pytest.raises(RegistrationClosed):
        actions.register(member=_learners(1)[0], offer=offer)


def test_a_centre_role_cannot_register() -> None:
    offer = make_offer(make_module(make_centre()))
    with pytest.raises(NotAllowed):
        actions.register(member=make_member(Role.ADVISOR), offer=offer)


def test_lowering_capacity_below_seats_is_refused_with_the_minimum(centre, offer) -> None:
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    for m in _learners(2):
        actions.register(member=m, offer=offer)
    with pytest.raises(CapacityTooLow, match="mindestens 2"):
        actions.set_capacity(member=admin, offer=offer, capacity=1)
    offer.refresh_from_db()
    assert offer.capacity == 2


def test_raising_capacity_moves_the_waitlist_up(centre, offer) -> None:
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    for m in _learners(3):
        actions.register(member=m, offer=offer)
    actions.set_capacity(member=admin, offer=offer, capacity=3)
    assert not Registration.objects.filter(offer=offer, status=S.WAITLISTED).exists()
    assert AuditEvent.objects.filter(action="learning_offer_capacity").exists()


def test_another_centre_cannot_change_capacity(offer) -> None:
    stranger = make_member(Role.CENTRE_ADMIN)
    with pytest.raises(NotAllowed):
        actions.set_capacity(member=stranger, offer=offer, capacity=5)


def test_confirming_attendance_sends_the_signal_once(
    centre, offer, django_capture_on_commit_callbacks
) -> None:
    trainer = make_member(Role.TRAINER, centre=centre)
    learner = _learners(1)[0]
    registration = actions.register(member=learner, offer=offer).registration
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    attendance_confirmed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert actions.confirm_attendance(member=trainer, registration=registration).changed
            assert not actions.confirm_attendance(member=trainer, registration=registration).changed
    finally:
        attendance_confirmed.disconnect(listener)
    assert len(heard) == 1
    assert heard[0]["user"] == learner.user and heard[0]["competences"] == {"prompting": 2}
    assert heard[0]["confirmed_by"] == trainer.user


def test_no_show_and_wrong_centre(centre, offer) -> None:
    registration = actions.register(member=_learners(1)[0], offer=offer).registration
    with pytest.raises(NotAllowed):
        actions.record_no_show(member=make_member(Role.TRAINER), registration=registration)
    trainer = make_member(Role.TRAINER, centre=centre)
    assert actions.record_no_show(member=trainer, registration=registration).changed
    registration.refresh_from_db()
    assert registration.status == S.NO_SHOW


def test_waitlisted_person_cannot_be_marked_attended(centre) -> None:
    offer = make_offer(make_module(centre), capacity=1)
    a, b = _learners(2)
    actions.register(member=a, offer=offer)
    waiting = actions.register(member=b, offer=offer).registration
    with pytest.raises(NotAllowed):
        actions.confirm_attendance(
            member=make_member(Role.TRAINER, centre=centre), registration=waiting
        )


def test_a_prerequisite_cycle_is_refused_naming_it(centre) -> None:
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    basics = make_module(centre, title="Grundlagen")
    advanced = make_module(centre, title="Vertiefung")
    actions.save_module(member=admin, module=advanced, prerequisites=[basics])
    with pytest.raises(PrerequisiteCycle, match="Grundlagen → Vertiefung → Grundlagen"):
        actions.save_module(member=admin, module=basics, prerequisites=[advanced])
    assert list(basics.prerequisite_modules.all()) == []


def test_unknown_competences_are_refused(centre) -> None:
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    module = make_module(centre)
    module.competences = {"cooking": 2}
    with pytest.raises(InvalidLevels, match="cooking"):
        actions.save_module(member=admin, module=module)


def test_the_reminder_goes_once_and_only_to_seat_holders(offer) -> None:
    a, b = _learners(2)
    ra = actions.register(member=a, offer=offer).registration
    rb = actions.register(member=b, offer=offer).registration
    actions.cancel(member=b, registration=rb)
    mail.outbox.clear()
    assert remind(ra.pk) is True
    assert remind(ra.pk) is False
    assert remind(rb.pk) is False
    assert [m.to for m in mail.outbox] == [[a.user.email]]
    assert "Erinnerung" in mail.outbox[0].subject


def test_personal_data_export_and_erasure_frees_the_seat(offer) -> None:
    from zukunftszentrum.learning.catalogue.personal_data import (
        erase_registrations,
        export_registrations,
    )

    a, b, c = _learners(3)
    for m in (a, b, c):
        actions.register(member=m, offer=offer)
    exported = export_registrations(a.user)
    assert [row["status"] for row in exported] == ["registered"]
    erase_registrations(a.user)
    assert not Registration.objects.filter(user=a.user).exists()
    assert Registration.objects.get(user=c.user).status == S.REGISTERED


def test_moving_or_cancelling_an_offer_tells_everyone_on_it(centre, offer) -> None:
    from datetime import timedelta

    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    a, b, c = _learners(3)
    for m in (a, b, c):
        actions.register(member=m, offer=offer)
    mail.outbox.clear()
    actions.save_offer(member=admin, offer=offer)  # nothing changed: nobody is written to
    assert mail.outbox == []
    session = offer.sessions.get()
    moved = (session.starts_at + timedelta(days=1), session.ends_at + timedelta(days=1))
    actions.save_offer(member=admin, offer=offer, sessions=[moved])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(x.user.email for x in (a, b, c))
    assert "SEQUENCE:2" in mail.outbox[0].attachments[0][1]
    mail.outbox.clear()
    offer.status = OfferStatus.CANCELLED
    actions.save_offer(member=admin, offer=offer)
    assert len(mail.outbox) == 3
    assert all("METHOD:CANCEL" in m.attachments[0][1] for m in mail.outbox)
