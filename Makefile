# The two set-up commands of the README: `make demo` (main job, embedded graph) and
# `make test` (whole suite, real Neo4j server). Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint bench train-nl system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

## Main job on the embedded default: examples/ -> out/examples (GraphML, GEXF, JSON, graph.html)
demo: $(STAMP)
	$(BIN)/kg build examples/ --out out/examples

## Whole test suite, including the real Neo4j server and headless Chromium tests
test: $(STAMP) system-deps
	$(BIN)/ruff check kg cli tests bench
	$(BIN)/python -m pytest -q

## Debian packages the browser tests need (Java 17 and Maven come with the machine)
system-deps:
	@bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check kg cli tests bench

bench: $(STAMP)
	$(BIN)/python bench/run.py

train-nl: $(STAMP)
	$(BIN)/python -m kg.training nl --data ../shared/data

clean:
	rm -rf out build dist .pytest_cache
