# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= tracker.db
SAMPLES := data/samples

.PHONY: demo test test-postgres test-wheel install install-test bench bench-scale clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[test,postgres]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/tracker --db $(DB) ingest $(SAMPLES)
	$(BIN)/tracker --db $(DB) compare

test: install
	$(BIN)/python -m pytest -q

# The database tests against a throwaway local PostgreSQL server (installed from Debian if missing).
test-postgres: install
	scripts/pg_test_server.sh $(BIN)/python -m pytest -q -m postgres

# The built wheel installed into a fresh venv outside the checkout: ingest, compare, db current.
test-wheel: install
	scripts/wheel_check.sh $(BIN)/python

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/queries.py
	$(BIN)/python bench/copies.py
	$(BIN)/python bench/search.py

# The work queue on a throwaway local PostgreSQL server: 1, 2 and 4 `tracker work` processes.
bench-scale: install
	scripts/pg_test_server.sh $(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm *.egg-info
