"""URLs of the participation projects, mounted at /mitgestalten/. Every view declares its
access rule (see zukunftszentrum.core.access). Items and comments are addressed by random
UUIDs, so an address says nothing about the order of posting."""

from django.urls import path

from .views import (
    agreement,
    codetermination,
    decisions,
    ideas,
    impact,
    opinion,
    projects,
    pulse,
    report,
    workshops,
)

app_name = "participation"

urlpatterns = [
    path("", projects.project_list, name="projects"),
    path("neu/", projects.project_new, name="project_new"),
    path("<int:pk>/", projects.workspace, name="workspace"),
    path("<int:pk>/bearbeiten/", projects.project_edit, name="project_edit"),
    path("<int:pk>/phase/", projects.phase_move, name="phase_move"),
    path("<int:pk>/mitglieder/", projects.member_add, name="member_add"),
    path(
        "<int:pk>/mitglieder/<int:member_pk>/entfernen/",
        projects.member_remove,
        name="member_remove",
    ),
    path("<int:pk>/dokumente/", projects.document_upload, name="document_upload"),
    path(
        "<int:pk>/dokumente/<int:document_pk>/",
        projects.document_download,
        name="document",
    ),
    path("<int:pk>/beitraege/", ideas.item_list, name="items"),
    path("<int:pk>/beitraege/neu/", ideas.item_new, name="item_new"),
    path("<int:pk>/beitraege/<uuid:item_pk>/", ideas.item_detail, name="item"),
    path("<int:pk>/beitraege/<uuid:item_pk>/kommentar/", ideas.comment, name="comment"),
    path("<int:pk>/beitraege/<uuid:item_pk>/stimme/", ideas.vote, name="vote"),
    path("<int:pk>/beitraege/<uuid:item_pk>/ausblenden/", ideas.item_hide, name="item_hide"),
    path("<int:pk>/beitraege/<uuid:item_pk>/einblenden/", ideas.item_show, name="item_show"),
    path(
        "<int:pk>/beitraege/<uuid:item_pk>/kommentare/<uuid:comment_pk>/ausblenden/",
        ideas.comment_hide,
        name="comment_hide",
    ),
    path("<int:pk>/beitraege/<uuid:item_pk>/zusammenfuehren/", ideas.item_merge, name="item_merge"),
    path("<int:pk>/beitraege/<uuid:item_pk>/antwort/", ideas.item_answer, name="item_answer"),
    # --- co-determination, agreement, opinion map, report, notifications, hand-over (begin) ---
    path("<int:pk>/mitbestimmung/", codetermination.codetermination, name="codetermination"),
    path("<int:pk>/mitbestimmung/angaben/", codetermination.facts_save, name="facts_save"),
    path(
        "<int:pk>/mitbestimmung/<slug:step_id>/",
        codetermination.step_record,
        name="step_record",
    ),
    path("<int:pk>/vereinbarung/", agreement.agreement_page, name="agreement"),
    path("<int:pk>/vereinbarung/abschnitt/", agreement.section_save, name="section_save"),
    path(
        "<int:pk>/vereinbarung/neu-erzeugen/",
        agreement.agreement_regenerate,
        name="agreement_regenerate",
    ),
    path("<int:pk>/vereinbarung/entwurf.docx", agreement.agreement_docx, name="agreement_docx"),
    path("<int:pk>/vereinbarung/entwurf.pdf", agreement.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/meinungen/", opinion.opinion_page, name="opinion"),
    path("<int:pk>/meinungen/aussage/", opinion.statement_add, name="statement_add"),
    path("<int:pk>/meinungen/freigeben/", opinion.map_release, name="opinion_release"),
    path(
        "<int:pk>/meinungen/<uuid:statement_pk>/entscheiden/",
        opinion.statement_decide,
        name="statement_decide",
    ),
    path(
        "<int:pk>/meinungen/<uuid:statement_pk>/stimme/",
        opinion.statement_vote,
        name="statement_vote",
    ),
    path("<int:pk>/prozessbericht.pdf", report.report_pdf, name="report_pdf"),
    path("<int:pk>/benachrichtigungen/", report.notification_settings, name="notifications"),
    path("fuer-ki-system/<int:system_pk>/", report.project_for_system, name="project_for_system"),
    # --- co-determination, agreement, opinion map, report, notifications, hand-over (end) ---
    # --- pulse, workshops, work-impact assessment, decision log ---
    path("<int:pk>/puls/", pulse.pulse_list, name="pulse"),
    path("<int:pk>/puls/neu/", pulse.pulse_open, name="pulse_open"),
    path("<int:pk>/puls/<int:round_pk>/", pulse.pulse_round, name="pulse_round"),
    path("<int:pk>/puls/<int:round_pk>/abschliessen/", pulse.pulse_release, name="pulse_release"),
    path("<int:pk>/workshops/", workshops.workshop_list, name="workshops"),
    path("<int:pk>/workshops/neu/", workshops.workshop_new, name="workshop_new"),
    path("<int:pk>/workshops/<int:workshop_pk>/", workshops.workshop_detail, name="workshop"),
    path(
        "<int:pk>/workshops/<int:workshop_pk>/bearbeiten/",
        workshops.workshop_edit,
        name="workshop_edit",
    ),
    path(
        "<int:pk>/workshops/<int:workshop_pk>/ergebnis/",
        workshops.workshop_result,
        name="workshop_result",
    ),
    path(
        "<int:pk>/workshops/<int:workshop_pk>/fotos/",
        workshops.workshop_photo_upload,
        name="workshop_photo_upload",
    ),
    path(
        "<int:pk>/workshops/<int:workshop_pk>/fotos/<int:photo_pk>/",
        workshops.workshop_photo,
        name="workshop_photo",
    ),
    path("<int:pk>/folgen/", impact.impact_list, name="impacts"),
    path("<int:pk>/folgen/<int:assessment_pk>/", impact.impact_detail, name="impact"),
    path("<int:pk>/folgen/<int:assessment_pk>/bewerten/", impact.impact_rate, name="impact_rate"),
    path(
        "<int:pk>/folgen/<int:assessment_pk>/abschliessen/",
        impact.impact_close,
        name="impact_close",
    ),
    path("<int:pk>/entscheidungen/", decisions.decision_list, name="decisions"),
    path("<int:pk>/entscheidungen/neu/", decisions.decision_new, name="decision_new"),
    path("<int:pk>/entscheidungen/<int:decision_pk>/", decisions.decision_detail, name="decision"),
    path(
        "<int:pk>/entscheidungen/<int:decision_pk>/bearbeiten/",
        decisions.decision_edit,
        name="decision_edit",
    ),
    path(
        "<int:pk>/entscheidungen/<int:decision_pk>/veroeffentlichen/",
        decisions.decision_publish,
        name="decision_publish",
    ),
    # --- end pulse, workshops, impact, decisions ---
]
