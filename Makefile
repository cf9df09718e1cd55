# Every target makes its own virtual environment in .venv (Python 3.11 or newer).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check
# Two stamps: `make demo` installs briefing alone; the test and lint targets add their tools.
APP    := $(VENV)/.installed-app
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test lint check format clean bench help-pages pictures

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(APP): pyproject.toml | $(VENV)/bin/python
	$(PIP) -e .
	touch $(APP)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) --upgrade pip
	$(PIP) -e '.[test,lint]'
	touch $(STAMP) $(APP)

# One step of the tour: the command, then its output.
step = @echo; echo '$$ briefing $(1)'; $(BIN)/briefing $(1)

## demo: install briefing alone, then a short tour of the bundled fact base, ending with `check`
demo: $(APP)
	$(call step,timeline --topic gas-union)
	$(call step,actor putin)
	$(call step,brief --level summary)
	@echo
	@echo "Run briefing yourself: $(BIN)/briefing --help (or first: source $(BIN)/activate)."
	@echo "Try: briefing brief (the whole brief), briefing actor Kazakhstan, briefing search 'gas union'."
	$(call step,check)

## test: run the test suite
test: $(STAMP)
	tools/fetch_js.sh
	$(BIN)/python -m pytest

## lint: ruff and mypy
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## check: the bundled facts, including every quote against ../shared/sources when present
check: $(APP)
	$(BIN)/briefing check --facts facts $(if $(wildcard ../shared/sources),--quotes ../shared/sources)

## bench: time start-up and 1k/10k/100k-event fact bases (minutes); BENCH_ARGS="--sizes 1000 --runs 3"
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## pictures: the README's pictures from the bundled fact base, into docs/pictures (needs Graphviz and Chromium)
pictures: $(STAMP)
	tools/fetch_js.sh
	$(BIN)/python tools/pictures.py

## help-pages: store every help page as Typer prints it (after changing a command or option)
help-pages: $(APP)
	$(BIN)/python tools/help_pages.py

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
