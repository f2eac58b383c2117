"""This app's pages. Every view declares its access rule (see zukunftszentrum.core.access).

The public addresses (issuer, keys, status list, verification) are signed into credentials:
never rename them.
"""

from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("beanspruchen/<int:pk>/", views.claim, name="claim"),
    path("<int:pk>/json/", views.download_json, name="download_json"),
    path("<int:pk>/zertifikat/", views.download_pdf, name="download_pdf"),
    path("pruefen/", views.verify, name="verify"),
    path("pruefen/<uuid:uuid>/", views.verify_stored, name="verify_stored"),
    path("aussteller/", views.issuer, name="issuer"),
    path("aussteller/schluessel/<str:key_id>", views.issuer_key, name="issuer_key"),
    path("statusliste/<slug:purpose>/", views.status_list, name="status_list"),
    path("verwaltung/", views.manage, name="manage"),
    path("verwaltung/<int:pk>/widerrufen/", views.revoke, name="revoke"),
]
