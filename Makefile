# Two commands do all set-up on a fresh machine:
#   make demo   - create .venv, install nhswatch, build nhswatch.db from the bundled sample newsroom, serve it
#   make test   - create .venv, install nhswatch with its test extras, run the test suite
#   make test-fast - the same without the slow tests (real subprocesses, servers, browser, kills)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test test-fast lint bench clean

demo: $(VENV)/.installed
	$(BIN)/nhswatch demo

test: $(VENV)/.installed
	$(BIN)/pytest

test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not slow"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_extract.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) nhswatch.db nhswatch.db-* nhswatch.archive nhswatch.lock
