"""Settings of the fault scripts' server (benchmarks/faults.py): the load test's production
settings plus the fault points of hooks.py, a storage that can be filled up, and a mail backend
that writes one line per sent message into a file (every process sees what was sent)."""

from benchmarks.load.settings import *  # noqa: F403
from benchmarks.load.settings import INSTALLED_APPS, MIDDLEWARE, STORAGES

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.faults.apps.FaultsConfig"]
# Outermost: a request held "after the commit" has done everything but send its answer.
MIDDLEWARE = ["benchmarks.faults.hooks.HoldBeforeAnswering", *MIDDLEWARE]
STORAGES = {**STORAGES, "default": {"BACKEND": "benchmarks.faults.hooks.FillableStorage"}}
MAILERS = {"default": {"BACKEND": "benchmarks.faults.hooks.MailLog"}}
