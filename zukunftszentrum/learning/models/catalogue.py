"""The catalogue: modules a centre provides, their dated offers with sessions, and registrations.

Integrity lives in the database: one active registration per person and offer, positive
capacity, a place that is either online or a Land, sessions that end after they start. The
rules that decide who gets a seat are in `catalogue/rules.py` (pure) and `catalogue/actions.py`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key
from zukunftszentrum.organisations.models import Centre, Land, Membership, Organisation


class ModuleFormat(models.TextChoices):
    SELF_LEARNING = "self_learning", _("Selbstlerneinheit")
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Präsenzworkshop")
    INHOUSE_LAB = "inhouse_lab", _("Inhouse-Lab im Betrieb")
    BLENDED = "blended", _("Blended Learning")


class ModuleLanguage(models.TextChoices):
    GERMAN = "de", _("Deutsch")
    ENGLISH = "en", _("Englisch")


class Module(models.Model):
    """A learning module a centre provides: what it teaches (competence id -> level reached),
    what it needs first (other modules and/or competence levels), and its practical details."""

    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="learning_modules", verbose_name=_("Zentrum")
    )
    key = models.SlugField(_("Kürzel"), max_length=60)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"))
    competences = models.JSONField(_("Kompetenzen und erreichte Stufe"), default=dict)
    prerequisite_modules = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("Vorausgesetzte Module"),
    )
    prerequisite_levels = models.JSONField(_("Vorausgesetzte Kompetenzstufen"), default=dict)
    format = models.CharField(_("Format"), max_length=20, choices=ModuleFormat.choices)
    duration_hours = models.DecimalField(_("Dauer in Stunden"), max_digits=5, decimal_places=1)
    cost_eur = models.DecimalField(_("Kosten in Euro"), max_digits=8, decimal_places=2, default=0)
    language = models.CharField(
        _("Sprache"), max_length=2, choices=ModuleLanguage.choices, default=ModuleLanguage.GERMAN
    )
    accessibility = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)
    licence = models.CharField(_("Lizenz"), max_length=100, blank=True)
    published = models.BooleanField(_("veröffentlicht"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Lernmodul")
        verbose_name_plural = _("Lernmodule")
        constraints = [
            models.UniqueConstraint(fields=["centre", "key"], name="module_key_per_centre"),
            models.CheckConstraint(condition=Q(duration_hours__gt=0), name="module_duration"),
            models.CheckConstraint(condition=Q(cost_eur__gte=0), name="module_cost"),
        ]

    def __str__(self) -> str:
        return self.title


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    OPEN = "open", _("Anmeldung offen")
    CLOSED = "closed", _("Anmeldung geschlossen")
    CANCELLED = "cancelled", _("abgesagt")


class Offer(models.Model):
    """A dated run of a module: sessions, a place (a Land and maybe a Kreis, or online), seats."""

    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="offers", verbose_name=_("Modul")
    )
    online = models.BooleanField(_("online"), default=False)
    land = models.ForeignKey(
        Land, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("Land"),
    )  # fmt: skip
    kreis_ags = models.CharField(_("Kreis (AGS)"), max_length=5, blank=True)
    kreis_name = models.CharField(_("Kreis"), max_length=80, blank=True)
    venue = models.CharField(_("Ort"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"))
    trainer = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Trainer:in"),
    )  # fmt: skip
    status = models.CharField(
        _("Status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    # The calendar identity: the same UID in every email and feed, SEQUENCE counts changes.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="offer_capacity"),
            models.CheckConstraint(
                condition=Q(online=True) | Q(land__isnull=False), name="offer_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module.title} ({self.pk})"


class Session(models.Model):
    """One meeting of an offer."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("angemeldet")
    WAITLISTED = "waitlisted", _("auf der Warteliste")
    CANCELLED = "cancelled", _("abgemeldet")
    ATTENDED = "attended", _("teilgenommen")
    NO_SHOW = "no_show", _("nicht erschienen")


ACTIVE_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
# Who holds a seat: a waitlisted or cancelled person does not.
SEAT_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)


class Registration(models.Model):
    """A person's registration for an offer. The organisation is the one they registered from
    (their employer sees that they attend: it is work time); the data belongs to the person."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_registrations"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("Status"), max_length=10, choices=RegistrationStatus.choices)
    position = models.PositiveIntegerField(_("Platz auf der Warteliste"), null=True, blank=True)
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance_confirmed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "user"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.WAITLISTED, position__isnull=False)
                | (~Q(status=RegistrationStatus.WAITLISTED) & Q(position__isnull=True)),
                name="registration_position_only_on_waitlist",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.offer_id} ({self.status})"
