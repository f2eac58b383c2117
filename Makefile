# Entry points for people and CI.
#   make demo    install, migrate, seed demo data, serve on http://127.0.0.1:$(PORT)
#   make test    every check CI runs: lint, types, migrations, import contracts,
#                tests on SQLite and PostgreSQL, browser journeys with accessibility scans
# `make help` lists the rest.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help

PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=
export PORT CHROMIUM

# `pip install --user uv` puts uv here.
export PATH := $(shell python3 -m site --user-base 2>/dev/null)/bin:$(PATH)

# Python keeps compiled modules in __pycache__ (ignored by git). A machine that switches this off
# (PYTHONDONTWRITEBYTECODE) makes every test process and subprocess compile about 1,350 modules
# again, about 3 s of CPU each; the tests turn it back on for themselves.
unexport PYTHONDONTWRITEBYTECODE

# With a Python 3.12 on the machine, uv must not download another one (there may be no network
# for it); without one, uv may fetch it. A value set by the caller always wins.
ifndef UV_PYTHON_DOWNLOADS
ifneq ($(shell uv python find 3.12 2>/dev/null || command -v python3.12 2>/dev/null),)
export UV_PYTHON_DOWNLOADS := never
endif
endif

UV_RUN := uv run --locked
comma := ,
AXE_JS := node_modules/axe-core/axe.min.js
# The unit and view tests: everything but the browser journeys.
UNIT_TESTS := --ignore=tests/e2e
# Each test run ends with its slowest tests, so a test that grows slow is noticed.
SLOWEST := --durations=15
# The unit and view tests run in one process per core (pytest-xdist), a test file at a time per
# process: files that build shared data once (`module_db`) build it once. TEST_PROCESSES=0 runs
# them in this process, as before.
TEST_PROCESSES ?= auto
PARALLEL := $(if $(filter 0,$(TEST_PROCESSES)),,-n $(TEST_PROCESSES) --dist loadfile)
# The browser journeys spread test by test: each process has its own live server and browser.
E2E_PARALLEL := $(if $(filter 0,$(TEST_PROCESSES)),,-n $(TEST_PROCESSES) --dist load)

# A loud block for things that are skipped; in CI (CI=true) a skip is an error.
define skip_or_fail
	printf '\n%s\n' "************************************************************************"
	if [[ "$${CI:-}" == "true" ]]; then
	  printf '*  ERROR (CI=true): %s\n*  %s\n' "$(1)" "$(2)"
	  printf '%s\n\n' "************************************************************************"
	  exit 1
	fi
	printf '*  WARNING: %s\n*  %s\n*  SKIPPED: $@\n' "$(1)" "$(2)"
	printf '%s\n\n' "************************************************************************"
	exit 0
endef

.PHONY: help
help:
	@echo "make demo       install and start the demo on http://127.0.0.1:$(PORT) (PORT=... to change)"
	echo "make test       all checks, as CI runs them (about 11.5 minutes on 2 cores; prints the slowest tests)"
	echo "make lint       ruff, ruff format --check, mypy, migration check, import contracts, translations"
	echo "make unit       unit and view tests on SQLite (PYTEST_ARGS='-k name' to narrow)"
	echo "make pg         the tests that use a database, on a throwaway PostgreSQL"
	echo "make e2e        browser journeys in Chromium with axe-core accessibility scans"
	echo "make format     apply ruff's fixes and formatting"
	echo "make messages   update and compile the English translation"

# --- installation ----------------------------------------------------------------------------

.PHONY: uv-ready install
uv-ready:
	@command -v uv >/dev/null 2>&1 && exit 0
	echo "uv is missing: installing it with pip (python3 -m pip install --user uv) ..."
	python3 -m pip install --user --quiet uv \
	  || python3 -m pip install --user --quiet --break-system-packages uv
	command -v uv >/dev/null 2>&1 || { echo "uv could not be installed: install it by hand." >&2; exit 1; }

install: uv-ready node_modules/.package-lock.json
	@uv sync --locked

# axe-core for the accessibility scans (KERN's files are vendored into the static files).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then
	  npm ci --no-audit --no-fund
	else
	  echo "WARNING: npm is missing, so axe-core cannot be installed; the browser tests will be skipped."
	fi

# --- the demo --------------------------------------------------------------------------------

.PHONY: demo
demo: uv-ready
	@uv sync --locked
	$(UV_RUN) zukunftszentrum demo

# --- checks ----------------------------------------------------------------------------------

.PHONY: lint ruff mypy migrations imports translations format
lint: ruff mypy migrations imports translations

ruff: install
	@$(UV_RUN) ruff check .
	$(UV_RUN) ruff format --check .

mypy: install
	@$(UV_RUN) mypy zukunftszentrum config

migrations: install
	@$(UV_RUN) python manage.py makemigrations --check --dry-run --settings=config.settings.test

imports: install
	@$(UV_RUN) lint-imports

translations: install
	@PYTHON="$(CURDIR)/.venv/bin/python" scripts/check-translations.sh

format: install
	@$(UV_RUN) ruff check --fix .
	$(UV_RUN) ruff format .

# --- tests -----------------------------------------------------------------------------------

.PHONY: unit pg e2e
unit: install
	@env -u DATABASE_URL $(UV_RUN) pytest $(UNIT_TESTS) $(PARALLEL) $(SLOWEST) $(PYTEST_ARGS)

pg: install
	@if ! scripts/with-postgres.sh --check; then
	  $(call skip_or_fail,PostgreSQL server binaries (initdb, pg_ctl) are missing.,Install them with: apt-get install -y postgresql)
	fi
	ZZ_DATABASE_TESTS_ONLY=1 scripts/with-postgres.sh $(UV_RUN) pytest $(UNIT_TESTS) $(PARALLEL) \
	  $(SLOWEST) $(PYTEST_ARGS)

e2e: install
	@if [[ ! -x "$(CHROMIUM)" ]]; then
	  $(call skip_or_fail,Chromium is missing at $(CHROMIUM).,Install it with: apt-get install -y chromium chromium-driver)
	fi
	if [[ ! -f "$(AXE_JS)" ]]; then
	  $(call skip_or_fail,axe-core is missing ($(AXE_JS)).,Install Node.js and npm$(comma) then run: npm ci)
	fi
	$(UV_RUN) pytest tests/e2e $(E2E_PARALLEL) $(SLOWEST) $(PYTEST_ARGS)

# `make test` runs every step even when one fails, then prints a summary and the totals of all
# test runs; it fails when any step failed.
.PHONY: test
test: install
	@logs=$$(mktemp -d); trap 'rm -rf "$$logs"' EXIT
	status=0; summary=""; passed=0; failed=0; skipped=0; started=$$SECONDS
	tally() {  # add the counts from pytest's closing line in log $$1
	  local line n word
	  line=$$(grep -E '[0-9]+ (passed|failed|skipped|errors?)\b.* in [0-9.]+s' "$$1" | tail -n 1 || true)
	  for word in passed failed skipped error errors; do
	    n=$$(grep -oE "[0-9]+ $$word\b" <<<"$$line" | grep -oE '^[0-9]+' || true)
	    n=$${n:-0}
	    case $$word in
	      passed) passed=$$((passed + n));;
	      skipped) skipped=$$((skipped + n));;
	      *) failed=$$((failed + n));;
	    esac
	  done
	}
	step() {  # step NAME TARGET: run `make TARGET`, time it, remember the outcome
	  local name=$$1 target=$$2 t=$$SECONDS outcome=passed
	  printf '\n==> %s (make %s)\n' "$$name" "$$target"
	  if ! $(MAKE) --no-print-directory "$$target" 2>&1 | tee "$$logs/$$target.log"; then
	    outcome=FAILED; status=1
	  elif grep -q '^\*  SKIPPED:' "$$logs/$$target.log"; then
	    outcome=SKIPPED
	  fi
	  [[ $$target == unit || $$target == pg || $$target == e2e ]] && tally "$$logs/$$target.log"
	  summary+=$$(printf '  %-44s %-8s %5ss' "$$name" "$$outcome" $$((SECONDS - t)))$$'\n'
	}
	step "ruff check + ruff format --check" ruff
	step "mypy" mypy
	step "makemigrations --check" migrations
	step "import contracts (lint-imports)" imports
	step "every German text has its English" translations
	step "unit and view tests on SQLite" unit
	step "unit and view tests on PostgreSQL" pg
	step "browser journeys + axe-core (Chromium)" e2e
	printf '\n==> Summary of make test (%ss in all)\n%s' $$((SECONDS - started)) "$$summary"
	[[ $$status -eq 0 ]] && echo "make test: all steps passed." || echo "make test: some steps FAILED (see above)."
	printf 'Tests: %d passed, %d failed, %d skipped\n' $$passed $$failed $$skipped
	exit $$status

# --- translations ----------------------------------------------------------------------------

.PHONY: messages
messages: install
	@command -v msgfmt >/dev/null 2>&1 || { echo "gettext is missing: apt-get install -y gettext" >&2; exit 1; }
	mkdir -p zukunftszentrum/locale
	$(UV_RUN) python manage.py makemessages -l en -l de --no-obsolete \
	  --ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --ignore='tests/*' \
	  --ignore='test-results/*'
	$(UV_RUN) python manage.py compilemessages -l en -l de --ignore='.venv' --ignore='node_modules'
