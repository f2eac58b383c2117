"""Placeholder while this module is being written."""
from zukunftszentrum.core.access import public
from django.shortcuts import render

@public
def overview(request): return render(request, "base.html")
@public
def centre_detail(request, slug): return render(request, "base.html")
