# The two set-up commands of the README. Both create .venv when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site test clean chromium bench stemmer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

site: $(STAMP)
	$(BIN)/stenogram build

test: $(TEST_STAMP) chromium
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's chromium; never a downloaded browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make test: Debian's chromium is missing: sudo apt-get install chromium" >&2; exit 1; \
	  fi; }

clean:
	rm -rf site .site.staging .stenogram-cache

# Benchmarks: make bench N=30000 (default 1000). Prints a table and writes
# bench/RESULTS.md; timings are never asserted in tests.
N ?= 1000
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(TEST_STAMP) $(STAMP)

bench: $(BENCH_STAMP) chromium
	$(BIN)/python bench/run.py $(N) $(BENCH_ARGS)

# The search page's stemmer, made again from Snowball's sources at the
# commit tools/stemmer.py pins (needs the network, a C compiler and make).
stemmer:
	python3 tools/stemmer.py
