# Two commands do all set-up on a fresh machine:
#   make demo   - create .venv, install nhswatch (no test extras), build nhswatch.db from the bundled sample newsroom, serve it
#                 (make demo PORT=8002 serves on another port)
#   make test   - create .venv, install nhswatch with its test extras, run the test suite
#   make test-fast - the same without the slow tests (real subprocesses, servers, browser, kills)
#   make publish - build a Docker image of the site from nhswatch.db with `datasette package` (needs Docker)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8001
DB ?= nhswatch.db
TAG ?= nhswatch

.PHONY: demo test test-fast lint bench publish install-check clean

demo: $(VENV)/.installed-demo
	$(BIN)/nhswatch demo --port $(PORT)

test: $(VENV)/.installed-test
	$(BIN)/pytest

test-fast: $(VENV)/.installed-test
	$(BIN)/pytest -m "not slow"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_extract.py

# The wheel of this checkout goes into the image (nhswatch, its plugin, templates and metadata).
publish: $(VENV)/.installed-demo
	rm -rf dist build
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir dist .
	$(BIN)/nhswatch publish --db $(DB) --tag $(TAG) --wheel $$(ls dist/nhswatch-*.whl)

# The built wheel, installed in a fresh venv, builds the demo and serves the full site (.ci/run runs it).
install-check: $(VENV)/.installed-demo
	$(BIN)/python .ci/install_check.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What the demo needs: nhswatch and its dependencies, no test extras.
$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) dist nhswatch.db nhswatch.db-* nhswatch.archive nhswatch.lock
