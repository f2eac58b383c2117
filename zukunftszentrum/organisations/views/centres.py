"""Placeholder while this module is being written."""
from zukunftszentrum.core.access import login_required
from django.shortcuts import render
@login_required
def workspace(request): return render(request, "base.html")
invite_staff = request_accompaniment = workspace
