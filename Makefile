# SCR Learning Portal. `make run` and `make test` are all a new machine needs (Python 3.11+, Node/npm, make).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Local work runs with DEBUG on; production sets DJANGO_DEBUG=0 with SECRET_KEY and ALLOWED_HOSTS.
export DJANGO_DEBUG ?= 1
DEMO_REVIEWS ?= 1500

.DEFAULT_GOAL := help
.PHONY: help run stop test lint format setup migrate css clean-db manage import seed-demo loadtest bench-restart

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/app.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build

css: static/build/app.css ## Compile GOV.UK Frontend and the portal's styles

setup: $(VENV)/.installed css ## Install everything, start the database and migrate
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: setup ## Set up, load demo data if empty, serve on http://127.0.0.1:8000 with a task queue worker
	$(PY) manage.py seed_demo --if-empty --reviews $(DEMO_REVIEWS)
	$(PY) manage.py seed_actions_demo
	$(PY) manage.py demo_logins
	@# The task queue's worker runs in the background (log in var/worker.log) and stops with the server.
	$(PY) manage.py procrastinate worker > var/worker.log 2>&1 & echo $$! > var/worker.pid; \
	trap 'kill $$(cat var/worker.pid) 2>/dev/null; rm -f var/worker.pid' EXIT INT TERM; \
	$(VENV)/bin/gunicorn scrportal.wsgi --bind 127.0.0.1:8000 --access-logfile - --pid var/gunicorn.pid

stop: ## Stop what `make run` started: the web server, the task queue worker and the embedded database
	@if [ -f var/worker.pid ]; then kill $$(cat var/worker.pid) 2>/dev/null || true; rm -f var/worker.pid; fi
	test ! -x $(PY) || $(PY) -m scrportal.local_stop

# Local management commands, with DJANGO_DEBUG=1 (above) and the venv: the README's commands are these.
manage: setup ## Any manage.py command, locally: make manage ARGS="check --deploy"
	$(PY) manage.py $(ARGS)

import: setup ## Import reviews from a JSON Lines file: make import FILE=reviews.jsonl
	@test -n "$(FILE)" || { echo 'Say which file: make import FILE=reviews.jsonl'; exit 2; }
	$(PY) manage.py import_reviews $(FILE)

seed-demo: setup ## Add invented demo reviews: make seed-demo REVIEWS=1500 SEED=2014
	$(PY) manage.py seed_demo --reviews $(or $(REVIEWS),$(DEMO_REVIEWS)) $(if $(SEED),--seed $(SEED))
	$(PY) manage.py seed_actions_demo

test: setup ## Set up and run the whole test suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

lint: $(VENV)/.installed ## Lint and check formatting
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed ## Fix lint and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The load test: gunicorn as in production (DEBUG off, no rate limits, plain HTTP on this machine), then locust.
LOAD_USERS ?= 200
LOAD_TIME ?= 10m
LOAD_PORT ?= 8001
LOAD_ENV = DJANGO_DEBUG=0 SECRET_KEY=$$(cat var/development-secret-key) ALLOWED_HOSTS=127.0.0.1 \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_HSTS_SECONDS=0 RATE_LIMITS=0

loadtest: ## After `make setup`: LOAD_USERS (200) users on the public pages for LOAD_TIME (10m), headless
	$(LOAD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(LOAD_ENV) $(VENV)/bin/gunicorn scrportal.wsgi --bind 127.0.0.1:$(LOAD_PORT) \
		> var/loadtest-server.log 2>&1 & echo $$! > var/loadtest-server.pid; \
	trap 'kill $$(cat var/loadtest-server.pid); rm -f var/loadtest-server.pid' EXIT INT TERM; \
	$(PY) loadtest/wait_until_serving.py http://127.0.0.1:$(LOAD_PORT)/ && \
	$(VENV)/bin/locust -f loadtest/locustfile.py --headless --users $(LOAD_USERS) --spawn-rate 10 \
		--run-time $(LOAD_TIME) --host http://127.0.0.1:$(LOAD_PORT) --only-summary --csv var/loadtest

bench-restart: ## After `make setup`: requests while every database connection is ended, as a restart does
	$(PY) manage.py bench_restart
