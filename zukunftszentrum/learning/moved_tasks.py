"""The dotted paths this app's tasks had before its modules moved into packages, still importable.

django.tasks stores a queued task by its function's path (`DBTaskResult.task_path`), and the
worker imports that path when the task is due. A reminder is queued at registration for two days
before the first session, often months ahead, so rows written before the move name the old
modules; without these aliases the worker would fail them with an ImportError and the reminder
would never be sent. New rows name the new paths. Once no row names an old path (check with
`DBTaskResult.objects.filter(task_path__in=...)`), this module can go.
"""

from __future__ import annotations

import importlib
import sys

# old module -> the module its task now lives in
MOVED = {
    "zukunftszentrum.learning.catalogue_tasks": "zukunftszentrum.learning.catalogue.tasks",
    "zukunftszentrum.learning.team": "zukunftszentrum.learning.paths.team",
}


def install() -> None:
    """Make each old module path import its new module (once, from the app's ready())."""
    for old, new in MOVED.items():
        sys.modules.setdefault(old, importlib.import_module(new))
