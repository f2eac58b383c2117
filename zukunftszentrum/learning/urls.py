"""This app's pages. Every view declares its access rule (see zukunftszentrum.core.access)."""

from django.urls import URLPattern, path

from .views import catalogue, catalogue_centre, competence
from .views import course_assessment as trainer_assessment
from .views import paths as learning_paths
from .views import sharing as learning_sharing

app_name = "learning"

urlpatterns: list[URLPattern] = [
    # "Mein Lernweg" and the team plan
    path("", learning_paths.my_path, name="paths"),
    path("planen/", learning_paths.plan, name="path_plan"),
    path("einstellungen/", learning_paths.save_settings, name="path_settings"),
    path("module/<int:pk>/<str:what>/", learning_paths.toggle_module, name="path_module"),
    path("plaene/<int:pk>/", learning_paths.old_plan, name="path_old"),
    path("team/", learning_paths.my_team, name="team"),
    path("team/<int:pk>/", learning_paths.team_of, name="team_of"),
    path("team/<int:org>/plaene/<int:pk>/", learning_paths.team_plan, name="team_plan"),
    path("team/<int:org>/plaene/<int:pk>/anmelden/", learning_paths.team_register,
         name="team_register"),
    path("kompetenzen/", competence.my_competences, name="competences"),
    path("kompetenzen/ziel/", competence.add_goal, name="goal_add"),
    path("kompetenzen/ziel/<int:pk>/entfernen/", competence.remove_goal, name="goal_remove"),
    path("kompetenzen/zertifikat/", competence.upload_certificate, name="certificate_upload"),
    path("kompetenzen/zertifikat/<int:pk>/", competence.certificate, name="certificate"),
    path("berufsprofile/", competence.job_profiles, name="job_profiles"),
    path("berufsprofile/<int:pk>/", competence.job_profiles_for, name="job_profiles_for"),
    path("berufsprofile/<int:pk>/zuordnen/", competence.assign_profile, name="profile_assign"),
    path("berufsprofile/<int:pk>/ziel/", competence.adjust_target, name="target_adjust"),
    # The catalogue (public) and registering for offers
    path("katalog/", catalogue.catalogue, name="catalogue"),
    path("katalog/module/<int:pk>/", catalogue.module_detail, name="module"),
    path("katalog/termine/<int:pk>/", catalogue.offer_detail, name="offer"),
    path("katalog/termine/<int:pk>/anmelden/", catalogue.register, name="offer_register"),
    path("anmeldungen/", catalogue.my_registrations, name="my_registrations"),
    path("anmeldungen/<int:pk>/zurueckziehen/", catalogue.cancel, name="registration_cancel"),
    path("team/kurse/", catalogue.staff_courses, name="staff_courses"),
    path("zentren/<slug:slug>/kalender.ics", catalogue.centre_calendar, name="centre_calendar"),
    # The centre's modules and offers, courses and demand
    path("angebote/", catalogue_centre.manage, name="manage"),
    path("angebote/module/neu/", catalogue_centre.module_edit, name="module_create"),
    path("angebote/module/<int:pk>/", catalogue_centre.module_edit, name="module_edit"),
    path("angebote/module/<int:module_pk>/termine/neu/", catalogue_centre.offer_edit,
         name="offer_create"),
    path("angebote/module/<int:module_pk>/termine/<int:pk>/", catalogue_centre.offer_edit,
         name="offer_edit"),
    path("angebote/termine/<int:pk>/plaetze/", catalogue_centre.offer_capacity,
         name="offer_capacity"),
    path("kurse/", catalogue_centre.courses, name="courses"),
    path("kurse/<int:pk>/", catalogue_centre.course, name="course"),
    path("kurse/anmeldungen/<int:pk>/<str:verdict>/", catalogue_centre.attendance,
         name="course_attendance"),
    path("kurse/<int:pk>/anwesenheit.<str:fmt>", catalogue_centre.attendance_export,
         name="course_export"),
    path("nachfrage/", catalogue_centre.demand, name="demand"),
    # --- Sharing completions with the organisation (learning/sharing/completions.py) ---
    path("teilen/", learning_sharing.share, name="sharing"),
    # --- trainer's assessment (begin) ---
    path("kurse/einschaetzungen/<int:pk>/", trainer_assessment.assess,
         name="course_assess"),
    # --- trainer's assessment (end) ---
]  # fmt: skip
