# Two commands for a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test fuzz lint bench dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/lowtide play $(ARGS)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest

# The long fuzz run (make test runs a bounded one): 90,000 damaged story files, 10,000 damaged
# maps, tilesets and images, and 100,000 random input events through every screen. See the
# reliability section of docs/architecture.md for how long it takes.
fuzz: $(STAMP)
	LOWTIDE_FUZZ=long SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest tests/fuzz

lint: $(STAMP)
	$(BIN)/lowtide lint game/data/stories/*

bench: $(STAMP)
	$(BIN)/python -m bench

# What players install, into dist/: the wheel, and the standalone folder with its .tar.gz.
dist: $(STAMP)
	$(BIN)/python release/build.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache
