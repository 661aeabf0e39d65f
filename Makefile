# Cartera: the two commands a new user needs are `make run` and `make test`.
# Both create the virtual environment and install the pinned requirements on a fresh machine.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PORT   ?= 8501
# `make test`: unit + AppTest tests on every core, then the browser tests; each Playwright test
# starts its own server on a free port with its own database, so they run two at a time.
PYTEST      := $(VENV)/bin/pytest
PYTEST_OPTS ?= -q -rfExX --durations=15
E2E_WORKERS ?= 2

.PHONY: run test test-unit test-e2e setup demo lint bench clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Builds data/cartera.duckdb (or $$CARTERA_DB) with the demo portfolio if it has no data yet.
demo: setup
	$(PY) -m kam_core demo

# `make run` gives a first look at the demo; `make run DEMO=0` starts on an empty database (the
# app then greets you with the upload page and the offer of a demo).
DEMO ?= 1
run: setup
	@if [ "$(DEMO)" != "0" ]; then $(PY) -m kam_core demo; fi
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Both steps always run; the target fails if either fails (pytest's exit code 5, "no tests
# collected", is a failure too: a selection that matches nothing must not pass).
test: lint
	@rc=0; \
	echo "== unit + AppTest tests (pytest -n auto -m 'not e2e') =="; \
	$(PYTEST) -n auto --dist worksteal -m "not e2e" $(PYTEST_OPTS) || rc=$$?; \
	[ $$rc -ne 5 ] || echo "make test: no unit tests were collected"; \
	echo "== browser tests (pytest -n $(E2E_WORKERS) -m e2e) =="; \
	e2e=0; $(PYTEST) -n $(E2E_WORKERS) --dist worksteal -m e2e tests/e2e $(PYTEST_OPTS) || e2e=$$?; \
	[ $$e2e -ne 5 ] || echo "make test: no browser tests were collected"; \
	if [ $$rc -ne 0 ] || [ $$e2e -ne 0 ]; then \
	  echo "make test: FAILED (unit+AppTest exit $$rc, browser exit $$e2e)"; exit 1; \
	fi

# One step alone (no lint), e.g. while working on the browser tests.
test-unit: setup
	$(PYTEST) -n auto --dist worksteal -m "not e2e" $(PYTEST_OPTS)

test-e2e: setup
	$(PYTEST) -n $(E2E_WORKERS) --dist worksteal -m e2e tests/e2e $(PYTEST_OPTS)

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache
