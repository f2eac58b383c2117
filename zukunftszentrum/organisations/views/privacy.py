"""Placeholder while this module is being written."""
from zukunftszentrum.core.access import login_required
from django.shortcuts import render
@login_required
def my_data(request): return render(request, "base.html")
download_my_data = delete_account = consent = audit_log = my_data
