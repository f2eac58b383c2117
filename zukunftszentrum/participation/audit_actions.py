"""The events this app writes to the audit log (registered in extensions.py).

Posting, commenting and voting are not logged: a log line with the actor next to an anonymous
item would be exactly the link the app refuses to store.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationAction(models.TextChoices):
    PROJECT_CREATED = "participation_project_created", _("Beteiligungsprojekt angelegt")
    PROJECT_CHANGED = "participation_project_changed", _("Beteiligungsprojekt geändert")
    PHASE_MOVED = "participation_phase_moved", _("Phase gewechselt")
    MEMBER_ADDED = "participation_member_added", _("Projektmitglied hinzugefügt")
    MEMBER_REMOVED = "participation_member_removed", _("Projektmitglied entfernt")
    DOCUMENT_ADDED = "participation_document_added", _("Projektdokument hochgeladen")
    ITEM_HIDDEN = "participation_item_hidden", _("Beitrag ausgeblendet")
    ITEM_SHOWN = "participation_item_shown", _("Beitrag wieder eingeblendet")
    ITEM_MERGED = "participation_item_merged", _("Beiträge zusammengeführt")
    ITEM_ANSWERED = "participation_item_answered", _("Beitrag beantwortet")
    # --- co-determination, works agreement, opinion map, notifications (begin) ---
    FACTS_RECORDED = "participation_facts_recorded", _("Angaben zur Mitbestimmung gespeichert")
    STEP_RECORDED = "participation_step_recorded", _("Stand eines Mitbestimmungsschritts")
    AGREEMENT_EDITED = "participation_agreement_edit", _("Entwurf der Vereinbarung bearbeitet")
    AGREEMENT_RESET = "participation_agreement_reset", _("Entwurf der Vereinbarung neu erzeugt")
    STATEMENT_ADDED = "participation_statement_added", _("Aussage aufgenommen")
    STATEMENT_DECIDED = "participation_proposal_decided", _("Vorschlag einer Aussage entschieden")
    REPORT_DOWNLOADED = "participation_report_download", _("Prozessbericht heruntergeladen")
    OPINION_RELEASED = "participation_opinion_released", _("Meinungslandkarte freigegeben")
    # --- co-determination, works agreement, opinion map, notifications (end) ---
    # --- pulse, workshops, impact, decisions (answering a pulse and employees' ratings are
    # not logged, for the reason above) ---
    PULSE_OPENED = "participation_pulse_opened", _("Pulsbefragung gestartet")
    PULSE_RELEASED = "participation_pulse_closed", _("Pulsbefragung abgeschlossen")
    WORKSHOP_SAVED = "participation_workshop_saved", _("Workshop gespeichert")
    WORKSHOP_RESULT = "participation_workshop_result", _("Workshop-Ergebnis festgehalten")
    WORKSHOP_PHOTO = "participation_workshop_photo", _("Foto eines Flipcharts hochgeladen")
    IMPACT_SAVED = "participation_impact_saved", _("Folgenabschätzung angelegt")
    IMPACT_BODY_RATED = "participation_impact_rated", _("Bewertung eines Gremiums erfasst")
    IMPACT_CLOSED = "participation_impact_closed", _("Bewertung der Beschäftigten abgeschlossen")
    DECISION_SAVED = "participation_decision_saved", _("Entscheidung entworfen")
    DECISION_PUBLISHED = "participation_decision_public", _("Entscheidung veröffentlicht")
    # --- end pulse, workshops, impact, decisions ---
