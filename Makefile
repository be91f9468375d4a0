# Two commands do everything: `make run` starts the dashboard, `make test` runs
# the whole test suite. Both create .venv and install into it when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-replicas replicas validate schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run dashboard/app.py

LINTED := dashboard tests $(wildcard scripts)

lint: $(STAMP)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy dashboard
	$(PY) -m bandit --quiet --configfile pyproject.toml --recursive dashboard

# axe-core, the accessibility checker the browser tests inject into pages
# (tests/browser/package.json, pinned by its package-lock.json).
AXE := tests/browser/node_modules/axe-core/axe.min.js

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $(AXE)

# The quick tests in two processes; those that start servers or browsers after them,
# one at a time (they measure and wait on the machine, and share one Chromium).
test: lint $(AXE)
	$(PY) -m dashboard validate
	$(PY) -m pytest -n 2 -m "not slow and not browser"
	$(PY) -m pytest -m "slow or browser"

validate: $(STAMP)
	$(PY) -m dashboard validate

schema: $(STAMP)
	$(PY) -m dashboard schema

bench: $(STAMP)
	$(PY) scripts/bench.py

# Only the replica rows of the benchmark (1 and 2 replicas behind nginx, and the floor).
bench-replicas: $(STAMP)
	$(PY) scripts/bench.py --only replicas

# N replicas behind nginx with deploy/nginx.conf (the README's configuration).
REPLICAS ?= 2
PORT ?= 8080
replicas: $(STAMP)
	$(PY) scripts/replicas.py --replicas $(REPLICAS) --port $(PORT)

clean:
	rm -rf $(VENV) tests/browser/node_modules .venv-hosting .pytest_cache .mypy_cache .ruff_cache .hypothesis screenshots
