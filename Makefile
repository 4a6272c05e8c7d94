# The two commands the README gives: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# What the test suite runs with: production settings over plain http.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_SECRET_KEY=test-only-secret-key-not-for-production-use-0123456789 DJANGO_ALLOW_ASYNC_UNSAFE=true
# Links in emails and feeds point at the port the server listens on.
RUN_ENV := DJANGO_DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT)

.PHONY: run test venv messages migrate demo lint migrations-check messages-check pytest browser makemessages bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 13), "Python 3.13 is needed (see .python-version)"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# Compiles the catalogue for running; `messages-check` (part of `make test`)
# is the one that refuses an incomplete catalogue.
messages: venv
	$(RUN_ENV) $(PY) manage.py compile_catalogue --allow-incomplete

migrate: venv
	$(RUN_ENV) $(PY) manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(PY) manage.py load_demo

# The task worker (email, reminders) runs beside the web server and stops with it.
run: messages demo
	$(RUN_ENV) $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: venv
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

messages-check: venv
	$(RUN_ENV) $(PY) manage.py compile_catalogue

# Browser tests drive Debian's Chromium; install it where it is missing.
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Chromium for the browser tests"; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }

# The suite runs in two processes per CPU (pytest-xdist): with one per CPU, a
# two-core machine kept about one core busy while tests waited on the browser
# and live servers; with two, both cores are busy to the end of the run.
# PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
pytest: venv messages-check browser
	$(TEST_ENV) $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test: lint migrations-check messages-check pytest

# Regenerate the catalogue from the code and templates (needs GNU gettext).
makemessages: venv
	$(RUN_ENV) $(PY) manage.py makemessages -l ar --no-obsolete --no-location --ignore=.venv --ignore=staticfiles --ignore=bench --ignore=tests

bench: venv messages
	$(PY) bench/agenda.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media locale/*/LC_MESSAGES/*.mo

# The benchmarks beyond `make bench` (see the README's "Benchmark" section).
.PHONY: bench-peer bench-storm
$(VENV)/.bench-installed: requirements-bench.txt $(VENV)/.installed
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements-bench.txt
	touch $@

# Our agenda beside pretalx's schedule, in the same wrk rounds (about 15 minutes).
bench-peer: venv messages
	$(PY) bench/peer.py

# 500 registrations within 10 s on PostgreSQL and Redis, which must be running locally.
bench-storm: venv messages $(VENV)/.bench-installed
	$(PY) bench/storm.py
