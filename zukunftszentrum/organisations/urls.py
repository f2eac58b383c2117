from django.urls import path

from .views import accounts, centres, companies, invitations, network, privacy, registration

app_name = "organisations"

urlpatterns = [
    # The person and their roles
    path("uebersicht/", accounts.dashboard, name="dashboard"),
    path("rolle/", accounts.switch_role, name="switch_role"),
    path("profil/", accounts.profile, name="profile"),
    path("meine-organisationen/", accounts.my_organisations, name="my_organisations"),
    path("registrieren/", registration.register, name="register"),
    # Public network pages
    path("netzwerk/", network.overview, name="network"),
    path("zentren/<slug:slug>/", network.centre_detail, name="centre_detail"),
    # Companies and solo self-employed
    path("organisationen/<int:pk>/", companies.detail, name="organisation_detail"),
    path("organisationen/<int:pk>/bearbeiten/", companies.edit, name="organisation_edit"),
    path("organisationen/<int:pk>/einladen/", companies.invite, name="organisation_invite"),
    path(
        "organisationen/<int:pk>/mitglieder/<int:membership_pk>/entfernen/",
        companies.remove_member,
        name="organisation_remove_member",
    ),
    path(
        "organisationen/<int:pk>/begleitung/<int:accompaniment_pk>/",
        companies.decide_accompaniment,
        name="organisation_accompaniment",
    ),
    path(
        "organisationen/<int:pk>/begleitung/<int:accompaniment_pk>/beenden/",
        companies.end_accompaniment,
        name="organisation_accompaniment_end",
    ),
    path(
        "organisationen/<int:pk>/zentrum-anfragen/",
        companies.ask_centre,
        name="organisation_ask_centre",
    ),
    # Centre work
    path("zentrum/", centres.workspace, name="centre_workspace"),
    path("zentrum/bearbeiten/", centres.edit, name="centre_edit"),
    path("zentrum/einladen/", centres.invite_staff, name="centre_invite"),
    path(
        "zentrum/team/<int:membership_pk>/entfernen/",
        centres.remove_staff,
        name="centre_remove_staff",
    ),
    path("zentrum/begleitung-anfragen/", centres.request_accompaniment, name="centre_request"),
    path(
        "zentrum/anfragen/<int:accompaniment_pk>/",
        centres.answer_request,
        name="centre_answer_request",
    ),
    path("einladungen/<int:pk>/zurueckziehen/", invitations.revoke, name="invitation_revoke"),
    # Invitation links (the token is the credential)
    path("einladung/<str:token>/", invitations.accept, name="invitation_accept"),
    # Privacy and security
    path("meine-daten/", privacy.my_data, name="my_data"),
    path("meine-daten/download/", privacy.download_my_data, name="my_data_download"),
    path("meine-daten/konto-loeschen/", privacy.delete_account, name="delete_account"),
    path("datenschutz/zustimmung/", privacy.consent, name="privacy_consent"),
    path("protokoll/", privacy.audit_log, name="audit_log"),
]
