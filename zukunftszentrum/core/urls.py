from django.urls import path

from . import health, views, views_downloads

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("datenschutz/", views.privacy_notice, name="privacy_notice"),
    path("impressum/", views.imprint, name="imprint"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("health/", health.health, name="health"),
    path("dateien/", views_downloads.mine, name="downloads"),
    path("dateien/<uuid:pk>/", views_downloads.status, name="download"),
    path("dateien/<uuid:pk>/herunterladen/", views_downloads.file, name="download_file"),
    path("dateien/<uuid:pk>/erneut/", views_downloads.again, name="download_again"),
]
