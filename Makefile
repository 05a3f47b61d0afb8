# JoinedUp: two commands set everything up on a fresh Debian machine.
#   make demo   installs, migrates, seeds a fictional ICB and serves on http://127.0.0.1:8000
#   make test   installs what the tests need (PostgreSQL, Chromium) and runs every test on SQLite, then again on
#               PostgreSQL every test that can touch a database (all but the letter reader's)
SHELL := /bin/bash
# The interpreter the virtual environment is built on: Debian's own Python 3.11 where it is installed with its venv
# module. Debian builds it with profile-guided and link-time optimisation into one static binary; a Python built from
# source without them and linked to a shared libpython (pyenv's default) reads letters a fifth to a third slower
# (decision 0052). An environment built on another interpreter keeps it until `make clean`.
DEBIAN_PYTHON := /usr/bin/python3.11
PYTHON ?= $(shell $(DEBIAN_PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 && echo $(DEBIAN_PYTHON) || echo python3.11)
VENV := .venv
BIN := $(VENV)/bin
PG_DIR ?= $(CURDIR)/var/pg-test
PG_PORT ?= 55432
# pytest-xdist workers: one per core (each has its own test database); an idle worker takes tests
# queued for a busy one (worksteal), so the slow browser tests at the end do not wait on one worker.
TEST_WORKERS ?= auto
# The annotated letters the reader is measured on (kept beside the repository, not in it).
LETTERS_DEV ?= ../shared/letters/dev
BENCH_PG_DIR ?= $(CURDIR)/var/pg-bench
BENCH_PG_PORT ?= 55433
PROD_PG_DIR ?= $(CURDIR)/var/pg-prod
PROD_PG_PORT ?= 55434
PROD_PORT ?= 8080
DEMO_PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
export PYTHONPATH := $(CURDIR)

.PHONY: help demo serve serve-production test test-sqlite test-postgres lint bench install install-demo install-test assets system-deps reader-model clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/activate ## the virtual environment with run-time dependencies
	$(BIN)/pip install --quiet -r requirements/base.txt

install-demo: $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements/demo.txt

install-test: $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements/test.txt

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

assets: node_modules/.package-lock.json ## NHS.UK frontend and htmx, copied for WhiteNoise
	npm run --silent build

demo: install-demo assets ## install, migrate, seed a fictional ICB and serve on 127.0.0.1:8000
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py seed --scale demo --if-empty
	$(MAKE) --no-print-directory serve

# The task worker (reads each new letter) runs in the background beside the web server and is
# stopped with it (Ctrl-C, or the server exiting).
# Emails link to the address the demo is served on (DEMO_PORT), unless SITE_URL says otherwise.
# The demo's patients sign in at a local NHS login stand-in (patientview's nhs_login_provider) beside it.
NHS_LOGIN_DEMO_PORT ?= $(shell expr $(DEMO_PORT) + 1000)
NHS_LOGIN_DEMO := http://127.0.0.1:$(NHS_LOGIN_DEMO_PORT)
serve: export SITE_URL ?= http://127.0.0.1:$(DEMO_PORT)
serve: export NHS_LOGIN_AUTHORIZATION_ENDPOINT ?= $(NHS_LOGIN_DEMO)/oauth2/authorize
serve: export NHS_LOGIN_TOKEN_ENDPOINT ?= $(NHS_LOGIN_DEMO)/oauth2/token
serve: export NHS_LOGIN_USERINFO_ENDPOINT ?= $(NHS_LOGIN_DEMO)/userinfo
serve: export NHS_LOGIN_JWKS_ENDPOINT ?= $(NHS_LOGIN_DEMO)/jwks
serve: export NHS_LOGIN_CLIENT_ID ?= joinedup-demo
serve: export NHS_LOGIN_CLIENT_SECRET ?= joinedup-demo-secret
serve: export NHS_LOGIN_VERIFY_KID ?= 0
serve: ## serve again without re-installing (web server, background task worker, local NHS login)
	@$(BIN)/python manage.py requeue_reading -v0; \
	$(BIN)/python manage.py reread_letters; \
	$(BIN)/python manage.py db_worker --no-reload --no-startup-delay -v0 & worker=$$!; \
	$(BIN)/python manage.py nhs_login_provider --port $(NHS_LOGIN_DEMO_PORT) & idp=$$!; \
	trap 'kill $$worker $$idp 2>/dev/null; wait $$worker $$idp 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(DEMO_PORT)

# The production start (scripts/serve-production.sh: migrations and grants as the owner role,
# gunicorn, the task worker, the MESH poller when MESH_URL is set) on a private PostgreSQL cluster
# with the demo data, on plain HTTP at 127.0.0.1:$(PROD_PORT). A real deployment runs the same
# script with its own settings (README, "Production").
serve-production: install assets ## the production stack on a private PostgreSQL, for trying it locally
	@mkdir -p var; url=$$(scripts/pg-cluster.sh start $(PROD_PG_DIR) $(PROD_PG_PORT)); \
	trap 'scripts/pg-cluster.sh stop $(PROD_PG_DIR)' EXIT; \
	psql "$${url%/*}/postgres" -qc "CREATE DATABASE joinedup" 2>/dev/null || true; \
	DATABASE_URL=$$url $(BIN)/python manage.py migrate --no-input -v0 && \
	DATABASE_URL=$$url $(BIN)/python manage.py seed --scale demo --if-empty && \
	OWNER_DATABASE_URL=$$url DATABASE_URL=$${url/postgres@/joinedup_app:local@} RUNTIME_DB_PASSWORD=local \
	RUNTIME_DB_PASSWORD_ENV=RUNTIME_DB_PASSWORD SECRET_KEY=$$(head -c 32 /dev/urandom | base64) \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 PORT=$(PROD_PORT) \
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PROD_PORT)} \
	STATIC_ROOT=$(CURDIR)/var/staticfiles scripts/serve-production.sh

system-deps: ## PostgreSQL, Chromium and Python's venv module from Debian, where missing
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	[ -x $(DEBIAN_PYTHON) ] && ! $(DEBIAN_PYTHON) -c "import ensurepip" 2>/dev/null && missing="$$missing python3.11-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

lint: install-test ## ruff, mypy, the import contracts and the no-queries-in-views check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || (echo "run: $(BIN)/ruff format ." && false)
	$(BIN)/mypy joinedup
	$(BIN)/lint-imports
	$(BIN)/python scripts/lint_model_usage.py joinedup

test: system-deps install-test assets lint test-sqlite test-postgres ## every test on SQLite; again on PostgreSQL all but the database-free reader

test-sqlite:
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal

# The letter reader is a library with no database (its tests never ask for one): its 1,400 tests run once, on the
# SQLite pass, rather than again here, where they would take a tenth of the PostgreSQL pass and test nothing new.
DATABASE_FREE_TESTS := joinedup/letters/reader
test-postgres:
	@mkdir -p var; \
	url=$$(scripts/pg-cluster.sh start $(PG_DIR) $(PG_PORT)); \
	trap 'scripts/pg-cluster.sh stop $(PG_DIR)' EXIT; \
	DATABASE_URL=$$url $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal --ignore=$(DATABASE_FREE_TESTS)

bench: system-deps install-test assets ## speed figures: seeding an ICB on PostgreSQL, the letter reader
	@mkdir -p var; \
	url=$$(scripts/pg-cluster.sh start $(BENCH_PG_DIR) $(BENCH_PG_PORT)); \
	trap 'scripts/pg-cluster.sh stop $(BENCH_PG_DIR)' EXIT; \
	DATABASE_URL=$$url $(BIN)/python -m joinedup.demo.bench && \
	DATABASE_URL=$$url $(BIN)/python -m loadtest.run && \
	DATABASE_URL=$$url $(BIN)/python -m loadtest.faults --pg-dir $(BENCH_PG_DIR) --pg-port $(BENCH_PG_PORT)
	@if [ -d "$(LETTERS_DEV)" ]; then $(BIN)/python -m joinedup.letters.reader --bench $(LETTERS_DEV); \
	else echo "bench: no shared letters at $(LETTERS_DEV); the reader is measured on the project's own letters"; \
	$(BIN)/python -m joinedup.letters.reader --bench joinedup/letters/reader/tests/letters; fi

reader-model: install-test ## retrain the letter reader's learned verdict on every annotated letter (decision 0028)
	$(BIN)/python -m joinedup.letters.reader.train_verdict_model

clean: ## remove the virtual environment, assets and local databases
	rm -rf $(VENV) node_modules joinedup/static/vendor var
