# Two commands on a fresh Debian machine with Python 3.11: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/innovera

.PHONY: setup demo test test-postgres check lint format typecheck layers browser messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/innovera demo

# Installs Debian's Chromium for the browser tests when it is missing and we may (root).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing and cannot be installed here: the browser tests will be skipped."; \
	    echo "Install it with: sudo apt-get install chromium"; \
	  fi; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: setup
	$(BIN)/mypy innovera

# The import layers of pyproject.toml: core imports no app, the organisation only core.
layers: setup
	$(BIN)/lint-imports

# Migrations match the models; production settings pass Django's deployment checks.
check: lint typecheck layers
	INNOVERA_DATA_DIR=$$(mktemp -d) $(BIN)/innovera makemigrations --check --dry-run
	INNOVERA_DATA_DIR=$$(mktemp -d) SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  ALLOWED_HOSTS=innovera.example.org DEBUG=false \
	  $(BIN)/innovera check --deploy --fail-level WARNING

test: setup browser check
	$(BIN)/pytest -n auto

test-postgres: setup browser
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -n auto

messages: setup
	cd innovera && ../$(BIN)/innovera makemessages --locale sv --no-obsolete --add-location file
	cd innovera && ../$(BIN)/innovera compilemessages

clean:
	rm -rf $(VENV) var
