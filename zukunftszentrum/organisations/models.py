"""Centres, organisations (companies and solo self-employed), people and their roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key

from .reference import WZ_SECTIONS
from .roles import CENTRE_ROLES, COMPANY_ROLES, NETWORK_ROLES, Role
from .sizes import SME_HEADCOUNT_LIMITS, SizeClass


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an email address."""

    email = models.EmailField(_("E-Mail-Adresse"), max_length=254, unique=True)
    full_name = models.CharField(_("Name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("Sprache"), max_length=5, choices=settings.LANGUAGES, default="de"
    )
    is_staff = models.BooleanField(_("Zugang zur Verwaltung"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)  # type: ignore[misc]
    date_joined = models.DateTimeField(_("registriert am"), default=timezone.now)
    erased_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name or self.email


class Land(models.Model):
    """One of the 16 German Länder (reference data, loaded by a migration)."""

    code = models.CharField(max_length=2, primary_key=True)
    iso_3166_2 = models.CharField(max_length=5, unique=True)
    ags = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=40)

    class Meta:
        ordering = ["ags"]
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")

    def __str__(self) -> str:
        return self.name


class Centre(models.Model):
    """A Zukunftszentrum: regional, or the supra-regional knowledge and training centre."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regionales Zukunftszentrum")
        SUPRA_REGIONAL = "supra_regional", _("Überregionales Wissens- und Weiterbildungszentrum")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=80, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.REGIONAL)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=120, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=80, blank=True)
    lands = models.ManyToManyField(
        Land, blank=True, related_name="centres", verbose_name=_("betreute Länder")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("Zentrum")
        verbose_name_plural = _("Zentren")

    def __str__(self) -> str:
        return self.name


def section_name(code: str) -> str:
    """A WZ section's name in the active language (the reference table carries both)."""
    de_name, en_name = WZ_SECTIONS[code]
    return en_name if (get_language() or "de").startswith("en") else de_name


def section_label(code: str) -> str:
    """ "C – Verarbeitendes Gewerbe", or "C – Manufacturing" in English."""
    return f"{code} – {section_name(code)}"


WZ_CHOICES = [(code, lazy(section_label, str)(code)) for code in WZ_SECTIONS]


def _size_class_expression() -> models.Case:
    whens = [
        models.When(headcount__lt=limit, then=models.Value(cls.value))
        for cls, limit in SME_HEADCOUNT_LIMITS
    ]
    return models.Case(*whens, default=models.Value(SizeClass.LARGE.value))


class Organisation(models.Model):
    """A company, or a solo self-employed person as an organisation of one."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Unternehmen")
        SOLO = "solo", _("Solo-Selbstständige:r")

    class Size(models.TextChoices):
        MICRO = SizeClass.MICRO.value, _("Kleinstunternehmen (unter 10)")
        SMALL = SizeClass.SMALL.value, _("Kleines Unternehmen (10–49)")
        MEDIUM = SizeClass.MEDIUM.value, _("Mittleres Unternehmen (50–249)")
        LARGE = SizeClass.LARGE.value, _("Großunternehmen (ab 250)")

    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.COMPANY)
    legal_name = models.CharField(_("Name laut Register"), max_length=200)
    land = models.ForeignKey(
        Land, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("Land")
    )
    kreis_ags = models.CharField(
        _("Kreis (AGS, 5 Ziffern)"), max_length=5, blank=True, help_text=_("optional, z. B. 01002")
    )
    kreis_name = models.CharField(_("Kreis"), max_length=80, blank=True)
    wz_section = models.CharField(_("Wirtschaftszweig (WZ 2008)"), max_length=1, choices=WZ_CHOICES)
    headcount = models.PositiveIntegerField(
        _("Beschäftigte"), help_text=_("Personen, einschließlich Inhaber:innen")
    )
    size_class = models.GeneratedField(
        expression=_size_class_expression(),
        output_field=models.CharField(max_length=6, choices=Size.choices),
        db_persist=True,
        verbose_name=_("Größenklasse"),
    )
    has_works_council = models.BooleanField(_("Betriebsrat vorhanden"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The secret random key of the cell key method (core.disclosure): drawn once, never shown,
    # never exported; it decides the noise of every published figure this organisation is in.
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="solo") | (Q(headcount=1) & Q(has_works_council=False)),
                name="organisation_solo_is_one_person",
            ),
            models.CheckConstraint(
                condition=Q(kreis_ags="") | Q(kreis_ags__regex=r"^[0-9]{5}$"),
                name="organisation_kreis_ags_format",
            ),
        ]

    def __str__(self) -> str:
        return self.legal_name

    def get_size_class_display(self) -> str:
        """The size class's label (a generated field gets no display method of its own)."""
        return str(Organisation.Size(self.size_class).label) if self.size_class else ""

    @property
    def is_target_group(self) -> bool:
        """Only small and medium enterprises (and the solo self-employed) are the target group."""
        return self.size_class != SizeClass.LARGE.value


def _scope_condition(roles: tuple[Role, ...], *, centre: bool, organisation: bool) -> Q:
    return (
        Q(role__in=[r.value for r in roles])
        & Q(centre__isnull=not centre)
        & Q(organisation__isnull=not organisation)
    )


SCOPE_IS_CONSISTENT = (
    _scope_condition(CENTRE_ROLES, centre=True, organisation=False)
    | _scope_condition((*COMPANY_ROLES, Role.SOLO), centre=False, organisation=True)
    | _scope_condition(NETWORK_ROLES, centre=False, organisation=False)
)

ROLE_CHOICES = [
    (Role.CENTRE_ADMIN.value, _("Zentrumsleitung")),
    (Role.ADVISOR.value, _("Beratung")),
    (Role.TRAINER.value, _("Weiterbildung")),
    (Role.COMPANY_LEAD.value, _("Geschäftsführung")),
    (Role.EMPLOYEE.value, _("Beschäftigte:r")),
    (Role.WORKS_COUNCIL.value, _("Betriebsrat")),
    (Role.SOLO.value, _("Solo-Selbstständige:r")),
    (Role.PROGRAMME_ADMIN.value, _("Programmverwaltung")),
    (Role.REVIEWER.value, _("Gutachter:in")),
]


class Membership(models.Model):
    """Ties a person to a centre, an organisation or the network, with one role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Person"),
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=ROLE_CHOICES)
    centre = models.ForeignKey(
        Centre,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Zentrum"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Organisation"),
    )
    created_at = models.DateTimeField(_("seit"), auto_now_add=True)
    ended_at = models.DateTimeField(_("beendet am"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.CheckConstraint(condition=SCOPE_IS_CONSISTENT, name="membership_scope"),
            models.UniqueConstraint(
                fields=["user", "centre", "role"],
                condition=Q(ended_at__isnull=True, centre__isnull=False),
                name="membership_unique_centre_role",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(ended_at__isnull=True, organisation__isnull=False),
                name="membership_unique_organisation_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(ended_at__isnull=True, centre__isnull=True, organisation__isnull=True),
                name="membership_unique_network_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.context_name}"

    @property
    def context_name(self) -> str:
        """The centre's or organisation's name, or the network."""
        if self.centre_id:
            return str(self.centre)
        if self.organisation_id:
            return str(self.organisation)
        return str(_("Netzwerk"))

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Accompaniment(models.Model):
    """A centre accompanies an organisation, only with the organisation's consent."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("angefragt")
        ACTIVE = "active", _("vereinbart")
        DECLINED = "declined", _("abgelehnt")
        ENDED = "ended", _("beendet")

    class Initiator(models.TextChoices):
        """Who asked: the centre (the organisation consents) or the organisation (the centre
        answers). The other side decides."""

        CENTRE = "centre", _("Zentrum")
        ORGANISATION = "organisation", _("Organisation")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="accompaniments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="accompaniments"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    message = models.TextField(_("Nachricht"), blank=True)
    initiator = models.CharField(
        _("angefragt von"), max_length=12, choices=Initiator.choices, default=Initiator.CENTRE
    )
    reply = models.TextField(_("Antwort"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("Begleitung")
        verbose_name_plural = _("Begleitungen")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "organisation"],
                condition=Q(status__in=["requested", "active"]),
                name="accompaniment_one_open_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.centre} → {self.organisation} ({self.get_status_display()})"


class Invitation(models.Model):
    """An emailed link that makes the recipient a member; it expires and works once."""

    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(_("Rolle"), max_length=20, choices=ROLE_CHOICES)
    centre = models.ForeignKey(
        Centre, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.CheckConstraint(
                condition=SCOPE_IS_CONSISTENT
                & ~Q(role__in=[Role.SOLO.value, *(r.value for r in NETWORK_ROLES)]),
                name="invitation_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_expired(self, now: object = None) -> bool:
        return (now or timezone.now()) >= self.expires_at  # type: ignore[operator]
