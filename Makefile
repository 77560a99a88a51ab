# Selfkind: `make run` serves the demo, `make test` runs the whole suite. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SELFKIND := $(VENV)/bin/selfkind
export PORT ?= 8000
export SELFKIND_ENV ?= development

.PHONY: run venv dev-venv test lint typecheck unit browser-test browsers bench-tools bench bench-docs clean

$(VENV)/.installed: requirements.lock pyproject.toml
	@PYTHON=$$(scripts/find-python) || exit 1; \
	test -x $(PY) || $$PYTHON -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

venv: $(VENV)/.installed

dev-venv: $(VENV)/.dev-installed

run: venv
	$(SELFKIND) migrate --no-input -v 0
	$(SELFKIND) demo --if-new
	$(SELFKIND) devserver 127.0.0.1:$(PORT)

lint: dev-venv
	$(VENV)/bin/ruff format --check selfkind tests
	$(VENV)/bin/ruff check selfkind tests

typecheck: dev-venv
	$(VENV)/bin/mypy

unit: dev-venv
	$(VENV)/bin/pytest -m "not browser"

browser-test: dev-venv
	$(VENV)/bin/pytest -m browser

test: dev-venv lint typecheck
	SELFKIND_ENV=development $(SELFKIND) makemigrations --check --dry-run -v 1
	$(VENV)/bin/pytest

browsers:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# The load benchmark drives `selfkind serve` with wrk (Debian's package); installed here, never by `make test`.
bench-tools:
	@command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)

bench: dev-venv bench-tools
	$(PY) -m selfkind.bench

bench-docs: dev-venv bench-tools
	$(PY) -m selfkind.bench --write-docs docs/benchmarks.md

clean:
	rm -rf $(VENV) var/test-artifacts
