# Two commands do all the set-up on a fresh machine:
#   make run    the main job on the example project (extract, update with pre-translation
#               from the translation memory, stats, leverage analysis, build)
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

# The fourth document, source/summit/press-release.md, reuses sentences of the other three: `update
# --tm` fills them from the translation memory (fuzzy, for review), `analyse` shows the leverage.
# It is a draft under review, so the build takes every language (--min-completeness 0): entries
# not yet reviewed show the English text, as msgfmt leaves out fuzzy ones.
run: $(STAMP)
	$(BIN)/l10n extract
	$(BIN)/l10n update --tm
	$(BIN)/l10n stats
	$(BIN)/l10n analyse
	$(BIN)/l10n build --min-completeness 0

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Benchmarks against the peer tools (see benchmarks/README.md); not part of the tests.
bench: $(STAMP)
	$(BIN)/python -m benchmarks --sizes 1000,10000 --repeat 3 --out bench.json --markdown bench.md

clean:
	rm -rf $(VENV) dist build *.egg-info .pytest_cache
