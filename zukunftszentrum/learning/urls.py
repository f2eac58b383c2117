"""This app's pages. Every view declares its access rule (see zukunftszentrum.core.access)."""

from django.urls import URLPattern, path

from . import views_competence as competence

app_name = "learning"

urlpatterns: list[URLPattern] = [
    path("kompetenzen/", competence.my_competences, name="competences"),
    path("kompetenzen/ziel/", competence.add_goal, name="goal_add"),
    path("kompetenzen/ziel/<int:pk>/entfernen/", competence.remove_goal, name="goal_remove"),
    path("kompetenzen/zertifikat/", competence.upload_certificate, name="certificate_upload"),
    path("kompetenzen/zertifikat/<int:pk>/", competence.certificate, name="certificate"),
    path("berufsprofile/", competence.job_profiles, name="job_profiles"),
    path("berufsprofile/<int:pk>/", competence.job_profiles_for, name="job_profiles_for"),
    path("berufsprofile/<int:pk>/zuordnen/", competence.assign_profile, name="profile_assign"),
    path("berufsprofile/<int:pk>/ziel/", competence.adjust_target, name="target_adjust"),
]
