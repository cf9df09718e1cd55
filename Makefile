# Every target makes its own virtual environment in .venv (Python 3.11 or newer).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint check format clean bench help-pages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

## demo: check the bundled fact base, then show its timeline, a profile and the positions
demo: $(STAMP)
	$(BIN)/briefing check
	$(BIN)/briefing timeline
	$(BIN)/briefing actor Kazakhstan
	$(BIN)/briefing positions --matrix
	$(BIN)/briefing brief

## test: run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: ruff and mypy
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## check: the bundled facts, including every quote against ../shared/sources when present
check: $(STAMP)
	$(BIN)/briefing check --facts facts $(if $(wildcard ../shared/sources),--quotes ../shared/sources)

## bench: time start-up and 1k/10k/100k-event fact bases (minutes); BENCH_ARGS="--sizes 1000 --runs 3"
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## help-pages: store every help page as Typer prints it (after changing a command or option)
help-pages: $(STAMP)
	$(BIN)/python tools/help_pages.py

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
