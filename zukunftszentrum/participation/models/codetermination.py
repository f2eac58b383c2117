"""Co-determination, the works-agreement outline and the opinion map of a project.

The facts a project records decide which co-determination steps apply (the pure engine in
`codetermination/`); a step's row holds its status, the council's decision and documents, and
is written only once someone records something. Edits of the works-agreement outline are kept
per section, so regenerating the outline keeps them. Opinion-map statements carry no author;
their votes belong to a pseudonym (HMAC of person and project), never to the person.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key
from zukunftszentrum.organisations.models import Membership

from .workspace import Project, ProjectDocument


class ProjectFactsRecord(models.Model):
    """The project's answers to `codetermination.FACT_TYPES` (validated by `ProjectFacts`)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="facts_record")
    facts = models.JSONField(_("Angaben"), default=dict)
    recorded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Angaben zur Mitbestimmung")
        verbose_name_plural = _("Angaben zur Mitbestimmung")

    def __str__(self) -> str:
        return str(self.project)


class StepStatus(models.TextChoices):
    OPEN = "open", _("offen")
    REQUESTED = "requested", _("beantragt bzw. unterrichtet")
    CONSENT_GIVEN = "consent_given", _("Zustimmung erteilt")
    CONSENT_REFUSED = "consent_refused", _("Zustimmung verweigert")
    DONE = "done", _("erledigt")


# What only the works council records: its own decision.
COUNCIL_STATUSES = frozenset({StepStatus.CONSENT_GIVEN, StepStatus.CONSENT_REFUSED})


class CodeterminationStep(models.Model):
    """Where one step of the engine (by its id in the content file) stands in a project."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="codetermination_steps"
    )
    step_id = models.CharField(_("Schritt"), max_length=60)
    status = models.CharField(
        _("Stand"), max_length=20, choices=StepStatus.choices, default=StepStatus.OPEN
    )
    decision = models.TextField(_("Beschluss oder Vermerk"), blank=True)
    decided_on = models.DateField(_("am"), null=True, blank=True)
    documents = models.ManyToManyField(
        ProjectDocument, blank=True, related_name="+", verbose_name=_("Dokumente")
    )
    updated_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Mitbestimmungsschritt")
        verbose_name_plural = _("Mitbestimmungsschritte")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "step_id"], name="participation_codet_step_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step_id}: {self.status}"


class AgreementSectionEdit(models.Model):
    """The edited text of one section of the works-agreement outline ("§ 3", "Anlage 1").
    `generated` is the generated text the edit started from, so the page can say when the
    generated text has changed since."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="agreement_edits")
    section = models.CharField(_("Abschnitt"), max_length=40)
    text = models.TextField(_("Text"))
    generated = models.TextField(blank=True)
    edited_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Bearbeiteter Abschnitt")
        verbose_name_plural = _("Bearbeitete Abschnitte")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "section"], name="participation_agreement_section_once"
            ),
        ]

    def __str__(self) -> str:
        return self.section


class Statement(models.Model):
    """A statement of the opinion map. No author: a proposal is as anonymous as a vote; the
    day only, and random keys, as for anonymous items."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ACCEPTED = "accepted", _("aufgenommen")
        REJECTED = "rejected", _("nicht aufgenommen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("Aussage"), max_length=300)
    state = models.CharField(
        _("Stand"), max_length=10, choices=State.choices, default=State.PROPOSED
    )
    added_on = models.DateField(_("am"))

    class Meta:
        ordering = ["added_on", "id"]
        verbose_name = _("Aussage")
        verbose_name_plural = _("Aussagen")

    def __str__(self) -> str:
        return self.text[:60]


class OpinionVoter(models.Model):
    """One person's pseudonym in one project's opinion map: HMAC(SECRET_KEY + project secret,
    person). The map needs all votes of one person together (a row of the matrix), never who
    the person is; the record key makes published counts of voters (core.disclosure)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="opinion_voters")
    pseudonym = models.CharField(max_length=64)
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "pseudonym"], name="participation_opinion_voter_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)


class StatementVote(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, _("stimme zu")
        PASS = 0, _("weiß nicht / keine Meinung")
        DISAGREE = -1, _("stimme nicht zu")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(OpinionVoter, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=Value.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "voter"], name="participation_statement_vote_once"
            ),
            models.CheckConstraint(
                condition=Q(value__in=(-1, 0, 1)), name="participation_statement_vote_value"
            ),
        ]

    def __str__(self) -> str:
        return str(self.value)


class OpinionMapRelease(models.Model):
    """A released state of the opinion map: its published figures, stored once and shown to
    everybody until the next release (see opinion_release). `digests` keys a digest of each
    placed person's votes by the voter's id, to tell at the next release who changed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="opinion_releases")
    number = models.PositiveIntegerField(_("Freigabe"))
    released_on = models.DateField(_("freigegeben am"))
    # None: released as a phase ended (by the platform, not a person)
    released_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = models.JSONField(default=dict)  # opinion_release.to_data
    digests = models.JSONField(default=dict)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Freigabe der Meinungslandkarte")
        verbose_name_plural = _("Freigaben der Meinungslandkarte")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="participation_opinion_release_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} #{self.number}"
