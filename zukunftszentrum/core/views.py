"""Public pages that belong to no domain: start page, privacy notice, imprint, accessibility."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import operator_pages
from .access import public
from .models import OperatorPage


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@public
def privacy_notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/privacy_notice.html",
        {
            "version": settings.ZZ_PRIVACY_NOTICE_VERSION,
            **operator_pages.page_context(OperatorPage.Kind.PRIVACY),
        },
    )


@public
def imprint(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/imprint.html", operator_pages.page_context(OperatorPage.Kind.IMPRINT)
    )


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/accessibility.html",
        operator_pages.page_context(OperatorPage.Kind.ACCESSIBILITY),
    )
