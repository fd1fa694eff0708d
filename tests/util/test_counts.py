"""Counts in messages: singular for one, the right plural otherwise, never "(s)"."""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

import pytest

from l10n.util.counts import counted, plural

PACKAGE = Path(__file__).resolve().parents[2] / "l10n"


@pytest.mark.parametrize("count, noun, expected", [
    (1, "concept", "1 concept"), (0, "concept", "0 concepts"), (2, "concept", "2 concepts"),
    (1, "entry", "1 entry"), (3, "entry", "3 entries"), (2, "day", "2 days"),
    (2, "term index", "2 term indexes"), (1, "term index", "1 term index"),
    (2, "info", "2 info"), (2, "match", "2 matches"), (2, "check error", "2 check errors"),
    (2, "translation unit", "2 translation units"),
])
def test_counted(count, noun, expected):
    assert counted(count, noun) == expected


def test_an_explicit_plural():
    assert counted(2, "analysis", "analyses") == "2 analyses"
    assert counted(1, "analysis", "analyses") == "1 analysis"
    assert plural("file") == "files"


def _strings(path: Path):
    """(line, text) of each string literal of a module (f-strings included, comments not)."""
    with path.open("rb") as source:
        for token in tokenize.tokenize(source.readline):
            if token.type == tokenize.STRING:
                yield token.start[0], token.string


def test_no_message_says_s_in_brackets():
    """No "file(s)" in any string of the package: a count goes through ``counted``."""
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.name != "counts.py"
             for line, text in _strings(path)
             if re.search(r"[a-z]\(s\)", re.sub(r"\{[^{}]*\}", "", text))]
    assert not found, found
