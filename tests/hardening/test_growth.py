"""Inputs that used to hang or grow quadratically (issue 18, items 8 and 9) now take time in
proportion to their size.

No test asserts a time. Each runs the same work on an input and on one ``FACTOR`` times as
large, in one process, and compares the CPU time of the two (the best of a few runs each,
interleaved, with the garbage collector off): linear work gives a ratio near ``FACTOR`` (4),
quadratic work about 16, so the bound of twice ``FACTOR`` leaves room for a loaded machine
either way. A run that goes on past ``DEADLINE`` seconds fails at once (exponential work
would not end at all).
"""

from __future__ import annotations

import gc
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from hardening.harness import new_project, run_cli
from l10n import segment
from l10n.formats.markdown import FORMAT as MARKDOWN
from l10n.model import Rendition
from l10n.project.extract import unit_sentences

FACTOR = 4
BOUND = 2 * FACTOR
DEADLINE = 20.0
REPEATS = 3


class _TooSlow(Exception):
    pass


@contextmanager
def _deadline(seconds: float):
    def expire(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TooSlow:
        pytest.fail(f"still running after {seconds:.0f} s: the work grows faster than the input")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def growth(make, run, small: int) -> float:
    """CPU time of ``run(make(FACTOR * small))`` over that of ``run(make(small))``."""
    inputs = [make(small), make(FACTOR * small)]
    best = [float("inf"), float("inf")]
    gc.collect()
    gc.disable()
    try:
        with _deadline(DEADLINE):
            for _ in range(REPEATS):
                for number, value in enumerate(inputs):
                    started = time.process_time()
                    run(value)
                    best[number] = min(best[number], time.process_time() - started)
    finally:
        gc.enable()
    return best[1] / max(best[0], 1e-6)


def assert_linear(make, run, small: int) -> None:
    ratio = growth(make, run, small)
    assert ratio < BOUND, (f"{FACTOR} times the input took {ratio:.1f} times as long "
                           f"(linear work: about {FACTOR})")


# ------------------------------------------------------------------------------- segmenter


def _segment(text: str) -> None:
    segment._cached_spans.cache_clear()  # the same text again must be segmented again
    segment.segment_spans(text, "en")


SEGMENTER_INPUTS = {
    # the example: initials after a title (no longer read as list markers at all)
    "initials": ("Mr. A. B. Smith went. ", 1500),
    # markers that open sentences, each of which used to look at all the later ones
    "list-markers": ("It ends. A. Item ", 1500),
    # a table of contents: dot leaders between a title and a word
    "dot-leaders": ("Introduction" + "." * 30 + "Annex ", 300),
    "exclamations": ("!" * 40 + "a ", 300),
    "quotations": ('"Go." He said. ', 1500),
    "quotation-and-comment": ('"Go." (See x.) ', 1500),
    "times-after-prepositions": ("At 5 p.m. Jones came, ", 2000),
    "words-run-together": ("ab.Cd", 3000),
}


@pytest.mark.parametrize("name", SEGMENTER_INPUTS)
def test_segmenter_grows_linearly(name):
    piece, small = SEGMENTER_INPUTS[name]
    assert_linear(lambda n: piece * n, _segment, small)


def test_segmenter_grows_linearly_with_citation_calls():
    assert_linear(lambda n: "It ends." + "[1]" * n + "a", _segment, 3000)


def test_segmenter_grows_linearly_with_brackets_that_close_nothing():
    assert_linear(lambda n: "(" * n + "x. Y" + "]" * n, _segment, 3000)


def test_segmenter_answers_stay_what_they_were():
    """The faster paths give the cuts the rules give (a few of the shapes above, small)."""
    assert segment.segment_text("Contents.......Annex. It ends.", "en") == [
        "Contents.......Annex.", "It ends."]
    assert segment.segment_text('"Go." He said. "Stop." She left.', "en") == [
        '"Go."', "He said.", '"Stop."', "She left."]
    assert segment.segment_text("At 5 p.m. Mr. Smith left. It rained.", "en") == [
        "At 5 p.m. Mr. Smith left.", "It rained."]
    assert segment.segment_text("It has parts. 1. One part 2. Another 3. A third", "en") == [
        "It has parts.", "1. One part", "2. Another", "3. A third"]


# -------------------------------------------------------------------------------- Markdown


def _tall_table(rows: int) -> str:
    return "| h |\n|---|\n" + "".join(f"| cell {r} |\n" for r in range(rows))


def _wide_table(cells: int) -> str:
    return "| " + " | ".join(f"h{c}" for c in range(cells)) + " |\n|" + "---|" * cells + "\n"


def _parse(text: str) -> None:
    MARKDOWN.parse(text, "doc.md")


def test_markdown_table_of_many_rows_grows_linearly():
    assert_linear(_tall_table, _parse, 3000)


def test_markdown_table_row_of_many_cells_grows_linearly():
    assert_linear(_wide_table, _parse, 3000)


def test_markdown_rendering_a_row_of_many_cells_grows_linearly():
    def parsed(cells: int):
        document = MARKDOWN.parse(_wide_table(cells), "doc.md")
        return document, [Rendition("FR " + unit.text) for unit in document.units]

    def render(prepared) -> None:
        document, renditions = prepared
        MARKDOWN.render(document, renditions, lang="fr")

    assert_linear(parsed, render, 10000)


MARKDOWN_INLINE = {
    "nested-links": (lambda n: "[" * n + "x" + "]" * n + "(u)", 1000),
    "unclosed-brackets": (lambda n: "[" * n + "x", 1000),
    "backticks": (lambda n: "`" * n + "x", 500),
    "unclosed-destinations": (lambda n: "](" * n + "x", 2000),
    "emphasis-of-both-kinds": (lambda n: "*a " * n + "x" + " a_" * n, 2000),
}


@pytest.mark.parametrize("name", MARKDOWN_INLINE)
def test_markdown_inline_markup_grows_linearly(name):
    make, small = MARKDOWN_INLINE[name]
    assert_linear(lambda n: "Text " + make(n) + "\n", _parse, small)


def test_a_paragraph_of_many_emphasised_sentences_grows_linearly():
    def unit(n: int):
        return MARKDOWN.parse("Go **now**. " * n + "\n", "doc.md").units[0]

    def sentences(unit) -> None:
        segment._cached_spans.cache_clear()
        unit_sentences(unit, "en")

    assert_linear(unit, sentences, 1000)


# ---------------------------------------------------------------------------------- checks

CHECKED_MARKDOWN = {
    "unclosed-destinations": (lambda n: "](" * n + "x", 3000),
    "unclosed-brackets": (lambda n: "[" * n + "x](u)", 10000),
}


@pytest.mark.parametrize("name", CHECKED_MARKDOWN)
def test_checking_markdown_link_syntax_grows_linearly(name):
    from checks.helpers import findings
    from l10n.checks import text as _text

    def check(text: str) -> None:
        _text.visible.cache_clear()  # the same text again must be read again
        _text.mask_markup.cache_clear()
        findings(("fr", text, text))

    make, small = CHECKED_MARKDOWN[name]
    assert_linear(lambda n: "See " + make(n), check, small)


# --------------------------------------------------------------------------------- extract


def test_extract_of_one_sentence_repeated_grows_linearly(tmp_path: Path):
    def project(n: int) -> Path:
        return new_project(tmp_path / str(n), {
            "source/doc.txt": "The Summit was held in Doha.\n\n" * n})

    def extract(root: Path) -> None:
        segment._cached_spans.cache_clear()
        outcome = run_cli(root, "extract")
        assert outcome.code == 0, outcome.stderr

    assert_linear(project, extract, 2500)
    template = (tmp_path / "10000" / "po" / "doc.pot").read_text("utf-8")
    assert template.count('msgid "The Summit was held in Doha."') == 1
    assert template.count("source/doc.txt:") == 10000  # every occurrence, once


# --------------------------------------------------- deeply nested Markdown (issue 18, item 8)

NESTED = {
    "links": "[" * 1000 + "x" + "](u)" * 1000,
    "images": "![" * 1000 + "x" + "](u)" * 1000,
    "links-in-emphasis": "[*" * 1000 + "x" + "*](u)" * 1000,
    "reference-links": "[" * 1000 + "x" + "][r]" * 1000,
    "emphasis": "*" * 1000 + "x" + "*" * 1000,
    "block-quotes": ">" * 1000 + " x",
    "list-items": "- " * 1000 + "x",
    "numbered-items": "1. " * 1000 + "x",
}


@pytest.mark.parametrize("name", NESTED)
def test_deeply_nested_markdown_is_extracted(tmp_path: Path, name):
    root = new_project(tmp_path, {"source/doc.md": f"Deep {NESTED[name]} text.\n"})
    outcome = run_cli(root, "extract")
    assert outcome.code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert (root / "po" / "doc.pot").is_file()
