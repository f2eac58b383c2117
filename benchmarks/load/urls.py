"""The product's URLs and a bare Django view: the most a request can cost without the product."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from config.urls import handler500  # noqa: F401 - Django looks for it in the root URLconf


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("", include("config.urls"))]
