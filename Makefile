# The command list. A newcomer needs two: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
ARTIFACTS ?= $(CURDIR)/test-artifacts
# The slowest tests are named at the end of each run, to keep the suite's time in view.
PYTEST_ARGS ?= --durations=15
# Workers per run (pytest-xdist). The suite is CPU-bound (mostly Chromium): the workers keep the cores busy
# through each run's start and end, and worksteal hands a finished worker the other's remaining tests.
PYTEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal
# The tests' throw-away PostgreSQL (scripts/pg-test-server) listens on a Unix socket in a folder named after
# the checkout, so that two checkouts' runs never share (or stop) one server.
ifndef PG_TEST_DIR
PG_TEST_DIR := /tmp/portal-pg-$(shell printf %s '$(CURDIR)' | cksum | cut -d' ' -f1)
endif
PG_TEST_PORT ?= 54329
export PG_TEST_DIR PG_TEST_PORT
PG_URL = postgres://postgres@/portal?host=$(PG_TEST_DIR)&port=$(PG_TEST_PORT)
SYSTEM_PACKAGES := chromium fonts-noto-cjk postgresql gettext redis-server fonts-arphic-uming fonts-dejavu-core

.PHONY: help run bench test test-sqlite test-postgres lint format migrations-check catalogue-check messages system-packages pg-start pg-stop lock clean

help:
	@echo "make run            install, write .env once, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test           install what the tests need (system packages too) and run the whole suite"
	@echo "make test-sqlite    all but the browser tests, on SQLite;  make test-postgres: all but SQLITE_ONLY, on PostgreSQL"
	@echo "make lint           ruff;  make format: ruff format"
	@echo "make bench          benchmarks (bench/), printing ratios measured in one run; bench/RESULTS.md"
	@echo "make bench-scale    the uncached pages, search, API and sitemap at 1,000 and 40,000 reports; bench/scale.json"
	@echo "make lock           re-pin requirements*.txt from a fresh resolve"

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# A build step, also of `make test` (which writes no .env): debug on for this command only.
messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py compile_catalogues

# Local development settings, written once and never overwritten (git-ignored): with them every
# `.venv/bin/python manage.py …` works in this checkout. The environment wins over the file.
.env:
	@printf '%s\n' '# Local development settings, written once by `make run` (git-ignored); the environment wins.' \
	  'DJANGO_DEBUG=1' "DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote $@: local development settings (debug on, a secret key of this checkout's own)"

run: $(VENV)/.installed .env messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo
	@echo "  门户网站 Portal:  http://$(HOST):$(PORT)/"
	@echo "  管理后台 Admin:   http://$(HOST):$(PORT)/admin/"
	@echo "  演示账号 Logins:  admin / editor / reviewer / publisher / handler   密码 password: $${DEMO_PASSWORD:-jinzhou-demo-2017}"
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

bench: $(VENV)/.installed messages bench-packages
	$(PY) bench/languages.py
	$(PY) bench/search.py
	$(PY) bench/serving.py

# Seeding 40,000 reports takes long: the PostgreSQL cluster is kept (BENCH_SCALE_DIR) and reused by the next run.
.PHONY: bench-scale
bench-scale: $(VENV)/.installed messages bench-packages
	$(PY) bench/scale.py

# What bench/serving.py needs: wrk as the load generator, PostgreSQL and Redis as production has them.
BENCH_PACKAGES := wrk postgresql redis-server
.PHONY: bench-packages
bench-packages:
	@if dpkg -s $(BENCH_PACKAGES) >/dev/null 2>&1; then exit 0; fi; \
	 if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	 else echo "Please install as root: apt-get install $(BENCH_PACKAGES)"; exit 1; fi; \
	 $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(BENCH_PACKAGES) >/dev/null

# Debian packages the tests need: Chromium and CJK fonts for browser tests, PostgreSQL for the second run,
# GNU gettext to check the interface catalogue, Redis for the two-host deployment test.
system-packages:
	@if dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then exit 0; fi; \
	 if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	 else echo "Please install as root: apt-get install $(SYSTEM_PACKAGES)"; exit 1; fi; \
	 $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: $(VENV)/.dev-installed
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# The English catalogue must cover every interface string (the Traditional one is generated).
catalogue-check: $(VENV)/.dev-installed system-packages
	scripts/check-catalogue

pg-start: system-packages
	@scripts/pg-test-server start

pg-stop:
	@scripts/pg-test-server stop

# The browser tests (tests/browser/) and tests/test_deployment.py (PostgreSQL, Redis and gunicorns of its own)
# do not depend on the run's database: the PostgreSQL run runs them, the SQLite run would only repeat them.
test-sqlite: $(VENV)/.dev-installed system-packages messages
	$(PYTEST) --ignore=tests/browser --ignore=tests/test_deployment.py $(PYTEST_ARGS)

# Tests whose subject does not depend on the database (drawing Word and PDF files, escaping, the catalogues and
# language switch, the table rules, parsing imports, the reader's preferences, the settings and security headers
# checked in fresh interpreters that choose their own database): the SQLite run runs them, the PostgreSQL run
# would only repeat them.
SQLITE_ONLY := tests/exports tests/test_xss.py tests/tables tests/languages tests/accessibility tests/reports \
	tests/test_settings.py tests/test_security.py tests/test_sqlite_saves.py

# The run stops the server it started, whether it passes, fails or is interrupted (the EXIT trap); a server
# that was running before (`make pg-start`) is left running.
test-postgres: $(VENV)/.dev-installed system-packages messages
	@scripts/pg-test-server status || trap 'scripts/pg-test-server stop' EXIT; \
	 scripts/pg-test-server start && \
	 DATABASE_URL='$(PG_URL)' ARTIFACTS=$(ARTIFACTS) $(PYTEST) $(addprefix --ignore=,$(SQLITE_ONLY)) $(PYTEST_ARGS)

# The two databases' runs are independent (own database, servers on free ports): they run side by side, one
# per core, each printed whole when it ends.
test: lint migrations-check catalogue-check
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres
	@echo "Screenshots from the browser tests: $(ARTIFACTS)"

lock:
	rm -rf /tmp/portal-lock && $(PYTHON) -m venv /tmp/portal-lock
	/tmp/portal-lock/bin/pip install --quiet -e . && /tmp/portal-lock/bin/pip freeze --exclude-editable

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
