# Two commands for a fresh machine: `make demo` and `make test`. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.txt pyproject.toml | sha1sum | cut -c1-12)

.PHONY: demo test check install totp clean-demo chromium pango

$(STAMP): requirements/dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## Run Oversight with its demo data on SQLite at http://127.0.0.1:8000 (make demo BIND=host:port)
BIND ?= 127.0.0.1:8000
demo: install
	$(BIN)/oversight migrate --noinput
	OVERSIGHT_DEMO=1 SITE_URL=$${SITE_URL:-http://$(BIND)} $(BIN)/oversight demo
	OVERSIGHT_DEMO=1 SITE_URL=$${SITE_URL:-http://$(BIND)} $(BIN)/oversight serve --bind $(BIND) --workers 2

## Run the whole test suite (SQLite unless DATABASE_URL is set)
test: install chromium pango
	@# pytest exits 5 when it collects no test; that is not a failure of the code.
	$(BIN)/pytest -p no:cacheprovider $(PYTEST_ARGS); rc=$$?; [ $$rc -eq 5 ] && rc=0; exit $$rc

## Lint, format, types, migrations, floors (import contracts) and layers, as CI runs them
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src
	$(BIN)/oversight makemigrations --check --dry-run
	PYTHONPATH=src $(BIN)/lint-imports
	$(BIN)/pytest -q -p no:cacheprovider src/oversight/core/tests/test_architecture.py src/oversight/core/tests/test_floors.py

# Browser tests drive Debian's Chromium; install it when we are allowed to.
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else echo "Browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; exit 1; fi; }

# PDF reports (WeasyPrint) need Pango from Debian; install it when we are allowed to.
pango:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0) >/dev/null; \
	  else echo "PDF reports need Pango: run 'sudo apt-get install libpangoft2-1.0-0'" >&2; exit 1; fi; }

## Print the current TOTP code of a demo user: make totp U=demo-officer
totp: install
	@OVERSIGHT_DEMO=1 $(BIN)/oversight totp $(U)

clean-demo:
	rm -f var/oversight.sqlite3*
