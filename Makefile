# The two commands of the README (make serve, make test) and the rest of the project's chores.
# Every target creates .venv and installs the pinned dependencies when missing or when
# pyproject.toml or constraints.txt changed: nothing installed by hand is assumed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test test-fast lint bench bench-search clean install lock chromium compiled compiler

install: compiled

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Actor finding compiled to C by mypyc when its sources changed since the last compile (see
# build_archive/compiled.py: a compiled module is only used while it is exactly the source on
# disk). Without a C compiler it says so, and actor finding runs interpreted.
compiled: $(STAMP) compiler
	$(BIN)/python -m build_archive.compile_actors

# A C compiler and the headers of the venv's Python, installed with apt when missing and possible.
compiler: $(STAMP)
	@include=$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["include"])'); \
	version=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	{ command -v cc >/dev/null 2>&1 && test -f "$$include/Python.h"; } || \
	{ command -v apt-get >/dev/null 2>&1 && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		gcc libc6-dev python$$version-dev; } || true

serve: compiled
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

site: compiled
	$(BIN)/mkdocs build

# Browser tests drive Debian's Chromium (never a browser download); installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

test: compiled chromium
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

bench: compiled
	$(BIN)/python bench/run.py --sizes 10000 20000

# The browser's search (Pagefind) on a generated archive of 20,000 articles, in headless Chromium.
bench-search: compiled chromium
	$(BIN)/python bench/pagefind_bench.py --size 20000

clean:
	rm -rf site build docs/index.md docs/articles docs/actors docs/export

# Re-pin every dependency to what is installed now (after changing pyproject.toml).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e ' > constraints.txt
