"""Text helpers shared by the format modules: whitespace folding and the "is it prose?" test.

Only ASCII whitespace (space, tab, newline, carriage return, form feed, vertical tab) is
folded: U+00A0 and U+202F are meaningful in French and must survive untouched.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, NamedTuple, Protocol, Sequence

from ..errors import InputError
from ..util.counts import counted

FOLDABLE = " \t\n\r\f\v"
_WS_RUN = re.compile(r"[ \t\n\r\f\v]+")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+$|^[^\s@]+@[^\s@]+\.[a-z]{2,}$", re.I)


def fold_runs(text: str) -> str:
    """Fold every run of ASCII whitespace to one space (the ends are kept).

    Most text already has single spaces only. Looking for anything else first (a few substring
    tests, each a fast scan in C) spares that text the substitution, which rebuilds the string
    at every space: extraction folds every paragraph several times.
    """
    if ("  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text
            or "\v" in text):
        return _WS_RUN.sub(" ", text)
    return text


def fold_ws(text: str) -> str:
    """Fold every run of ASCII whitespace to one space and strip the ends."""
    return fold_runs(text).strip(FOLDABLE)


def is_prose(plain: str) -> bool:
    """True when ``plain`` holds something to translate: a letter, and not just a URL or e-mail.

    The text need not be folded first: the URL pattern allows no whitespace at all, so on the
    stripped text it matches exactly when it would match the folded one.
    """
    if not any(ch.isalpha() for ch in plain):
        return False
    return not _URL.match(plain.strip(FOLDABLE))


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``text[start:end]`` to exclude foldable whitespace at both ends."""
    while start < end and text[start] in FOLDABLE:
        start += 1
    while end > start and text[end - 1] in FOLDABLE:
        end -= 1
    return start, end


class LineIndex:
    """Maps character offsets of a text to 1-based line numbers."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def split_lines(text: str) -> list[str]:
    """Split into lines that keep their terminators (``\\n``, ``\\r\\n`` or a lone ``\\r``).

    Joining the result gives ``text`` back; this matches how markdown-it counts lines.
    """
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def line_body(line: str) -> tuple[str, str]:
    """Split a line into its content and its terminator."""
    body = line.rstrip("\r\n")
    return body, line[len(body):]


def check_renditions(document, renditions) -> None:
    """Renditions and units go one for one; anything else is a caller's mistake worth a clear line."""
    if len(renditions) != len(document.units):
        raise InputError(f"{counted(len(renditions), 'rendition')} for "
                         f"{counted(len(document.units), 'unit')}",
                         path=document.path)


def shorten(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis, for a message."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Span(Protocol):
    """Where a unit stands in a document's lines: from column ``start`` of line ``first`` to
    column ``end`` of line ``last`` (columns in the line without its line end)."""

    first: int
    start: int
    last: int
    end: int


class LineSpan(NamedTuple):
    first: int
    start: int
    last: int
    end: int


def replace_spans(lines: Sequence[str], edits: Iterable[tuple[Span, str]]) -> str:
    """The document ``lines`` with each edit's text in place of its span: what Markdown and
    plain text rendering share. Spans do not overlap; a span over several lines takes the rest
    of its last line, and the lines in between are dropped."""
    lines = list(lines)
    by_line: dict[int, list[tuple[Span, str]]] = {}
    for span, text in edits:
        by_line.setdefault(span.first, []).append((span, text))
    for first, on_line in by_line.items():
        lines[first] = _splice(lines, first, sorted(on_line, key=lambda e: e[0].start))
    return "".join(lines)


def _splice(lines: list[str], first: int, edits: list[tuple[Span, str]]) -> str:
    """Line ``first`` with every edit that starts on it (in order of column) put in place.

    The line is joined once from its pieces: a table row of 40,000 cells is one line, and
    rebuilding it for each cell made rendering quadratic. A slot that runs on to a later line
    (a paragraph over several lines) takes the rest of that line, and the lines in between
    are dropped.
    """
    body, ending = line_body(lines[first])
    pieces: list[str] = []
    position = 0
    for slot, text in edits:
        pieces += (body[position : slot.start], text)
        if slot.last != first:
            body, ending = line_body(lines[slot.last])
            for number in range(first + 1, slot.last + 1):
                lines[number] = ""
        position = slot.end
    pieces.append(body[position:])
    return "".join(pieces) + ending
