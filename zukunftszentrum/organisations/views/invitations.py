"""Placeholder while this module is being written."""
from zukunftszentrum.core.access import login_required, public
from django.shortcuts import render
@login_required
def revoke(request, pk): return render(request, "base.html")
@public
def accept(request, token): return render(request, "base.html")
