"""Placeholder while this module is being written."""
from zukunftszentrum.core.access import login_required
from django.shortcuts import render
@login_required
def detail(request, pk): return render(request, "base.html")
edit = invite = detail
@login_required
def remove_member(request, pk, membership_pk): return render(request, "base.html")
@login_required
def decide_accompaniment(request, pk, accompaniment_pk): return render(request, "base.html")
