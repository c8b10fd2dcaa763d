# The two commands of the README (make serve, make test) and the rest of the project's chores.
# Every target creates .venv and installs the pinned dependencies when missing or when
# pyproject.toml or constraints.txt changed: nothing installed by hand is assumed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test test-fast lint bench bench-search clean install lock chromium

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

site: $(STAMP)
	$(BIN)/mkdocs build

# Browser tests drive Debian's Chromium (never a browser download); installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

test: $(STAMP) chromium
	$(BIN)/ruff check build_archive tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The fast unit tier (no MkDocs build, no other process, no browser, nothing slow): for every edit.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not e2e and not browser and not slow"

lint: $(STAMP)
	$(BIN)/ruff check build_archive tests bench
	$(BIN)/ruff format --check build_archive tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py --sizes 10000 20000

# The browser's search (Pagefind) on a generated archive of 20,000 articles, in headless Chromium.
bench-search: $(STAMP) chromium
	$(BIN)/python bench/pagefind_bench.py --size 20000

clean:
	rm -rf site build docs/index.md docs/articles docs/actors docs/export

# Re-pin every dependency to what is installed now (after changing pyproject.toml).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e ' > constraints.txt
