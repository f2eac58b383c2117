"""The project's URLs plus a stand-in for the credentials app's page (the seam's test)."""

from importlib import import_module

from django.http import HttpResponse
from django.urls import include, path

# By name: while this test runs, settings.ROOT_URLCONF names this module.
project = import_module("config.urls").urlpatterns
credentials = ([path("", lambda request: HttpResponse(), name="mine")], "credentials")
urlpatterns = [path("nachweise/", include(credentials)), *project]
