# Two commands do all the set-up on a fresh machine:
#   make run    the main job on the example project (extract, update, stats, build)
#   make test   the test suite (CI runs exactly this through .ci/run)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/l10n extract
	$(BIN)/l10n update
	$(BIN)/l10n stats
	$(BIN)/l10n build

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Benchmarks against the peer tools (see benchmarks/README.md); not part of the tests.
bench: $(STAMP)
	$(BIN)/python -m benchmarks --sizes 1000,10000 --repeat 3 --out bench.json --markdown bench.md

clean:
	rm -rf $(VENV) dist build *.egg-info .pytest_cache
