# Balai — every operator and developer task starts here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo, the tests and the benchmarks run in development mode; without BALAI_ENV Balai
# starts as production and refuses to run without its secrets.
export BALAI_ENV ?= development

.PHONY: install demo serve test test-sqlite test-postgres bench lint messages screenshots clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Fresh SQLite database with the Banyuwangi demo, then serve it on 127.0.0.1:8000.
demo: install
	$(BIN)/balai demo

serve: install
	$(BIN)/balai serve

# The whole suite on SQLite, then on PostgreSQL where one is reachable.
test: install
	$(BIN)/python scripts/run_tests.py $(ARGS)

test-sqlite: install
	$(BIN)/python scripts/run_tests.py --only sqlite $(ARGS)

test-postgres: install
	$(BIN)/python scripts/run_tests.py --only postgres $(ARGS)

bench: install
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/balai makemigrations --check --dry-run

screenshots: install
	BALAI_SCREENSHOTS=1 $(BIN)/python scripts/run_tests.py --only sqlite -m browser -q

# Each app keeps its own English catalogue under src/balai/<app>/locale/.
messages: install
	for app in src/balai/*/; do \
	  if [ -d "$$app/locale" ]; then \
	    (cd "$$app" && $(CURDIR)/$(BIN)/balai makemessages -l en && $(CURDIR)/$(BIN)/balai compilemessages); \
	  fi; \
	done

clean:
	rm -rf var/ build/ dist/ src/*.egg-info
