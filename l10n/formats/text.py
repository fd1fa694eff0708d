"""Plain text source documents: paragraphs separated by blank lines.

A line holding only spaces, tabs, U+00A0, U+3000 or nothing is layout (a separator), never
content. A paragraph's lines fold into one unit. ``render`` keeps every separator as it was; an
untranslated paragraph keeps its original lines byte for byte. A translated paragraph keeps
the source's line structure:

- a translation with line breaks of its own (the translator kept ``\n`` in the msgstr) is
  written on those lines (blank ones dropped: a blank line would split the paragraph);
- otherwise a source paragraph on one line gives one line, and one over several lines is
  wrapped to its width (its longest line, in display columns: a CJK character counts two) at
  the Unicode line-break opportunities (UAX #14, so Chinese wraps between characters too);

the first line keeps the first source line's indentation, the others the second's (a hanging
indent stays), lines end with the source's line ending, the last with the last line's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from ..model import Document, Rendition, Unit
from ._textutil import (FOLDABLE, LineSpan, check_renditions, fold_ws, is_prose, line_body, replace_spans,
                        split_lines)

_LAYOUT = " \t\u00a0\u3000"


@dataclass(frozen=True)
class TextBlock:
    """One paragraph: its first and last line (0-based, inclusive)."""

    first: int
    last: int


@dataclass(frozen=True)
class TextState:
    lines: tuple[str, ...]
    blocks: tuple[TextBlock, ...]


def is_layout(line: str) -> bool:
    """True for a separator line: nothing but layout whitespace."""
    return not line_body(line)[0].strip(_LAYOUT)


def paragraphs(lines: Sequence[str]) -> list[TextBlock]:
    """Runs of consecutive content lines."""
    blocks, first = [], None
    for number, line in enumerate(lines):
        if is_layout(line):
            if first is not None:
                blocks.append(TextBlock(first, number - 1))
                first = None
        elif first is None:
            first = number
    if first is not None:
        blocks.append(TextBlock(first, len(lines) - 1))
    return blocks


class TextFormat:
    """Plain UTF-8 text (.txt)."""

    name = "text"
    suffixes = (".txt",)

    def parse(self, text: str, path: str) -> Document:
        lines = tuple(split_lines(text))
        units, kept = [], []
        for block in paragraphs(lines):
            joined = " ".join(line_body(line)[0] for line in lines[block.first : block.last + 1])
            if not is_prose(joined):
                continue
            units.append(Unit(fold_ws(joined), "paragraph", block.first + 1, "paragraph"))
            kept.append(block)
        return Document(path=path, format=self.name, units=units, state=TextState(lines, tuple(kept)))

    def render(
        self,
        document: Document,
        renditions: Sequence[Rendition],
        *,
        lang: str,
        direction: str = "ltr",
    ) -> str:
        state: TextState = document.state
        check_renditions(document, renditions)
        lines = state.lines
        edits = []
        for block, unit, rendition in zip(state.blocks, document.units, renditions):
            if rendition.text == unit.text:
                continue
            first, ending = line_body(lines[block.first])
            start = len(first) - len(first.lstrip(" \t"))  # the paragraph keeps its indent
            span = LineSpan(block.first, start, block.last, len(line_body(lines[block.last])[0]))
            source = [line_body(line)[0] for line in lines[block.first : block.last + 1]]
            edits.append((span, (ending or "\n").join(laid_out(rendition.text, source))[start:]))
        return replace_spans(lines, edits)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def laid_out(translation: str, source: Sequence[str]) -> list[str]:
    """The lines of a translated paragraph whose source lines (without line ends) are
    ``source``, indents included (see the module docstring)."""
    first, rest = _indent(source[0]), _indent(source[1] if len(source) > 1 else source[0])
    own = [fold_ws(line) for line in re.split(r"\r\n|\r|\n", translation) if fold_ws(line)]
    if len(own) > 1:
        texts = own
    elif len(source) == 1:
        texts = [fold_ws(translation)]
    else:
        width = max(display_width(line.rstrip(FOLDABLE)) for line in source)
        texts = wrap(fold_ws(translation), width - display_width(first),
                     width - display_width(rest))
    return [(first if number == 0 else rest) + text for number, text in enumerate(texts)]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: 2 for a wide (CJK) character, 0 for a combining
    or format one, 1 for the others."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pieces(text: str) -> list[str]:
    """``text`` cut at each Unicode line-break opportunity (UAX #14): no line may break
    inside a piece; a piece keeps the spaces that follow it."""
    from unicode_segmentation_rs import line_breaks

    cuts = {offset for offset, _ in line_breaks(text)}
    pieces, start, offset = [], 0, 0
    for index, char in enumerate(text):
        if offset in cuts and index > start:
            pieces.append(text[start:index])
            start = index
        offset += len(char.encode("utf-8"))
    pieces.append(text[start:])
    return pieces


def wrap(text: str, first: int, rest: int) -> list[str]:
    """``text`` (on one line) in lines of at most ``first`` columns for the first line and
    ``rest`` for the others, broken greedily at line-break opportunities; a piece wider than
    its line stays whole."""
    lines, current = [], ""
    for piece in _pieces(text):
        room = rest if lines else first
        if current and display_width((current + piece).rstrip(FOLDABLE)) > room:
            lines.append(current.rstrip(FOLDABLE))
            current = piece
        else:
            current += piece
    lines.append(current.rstrip(FOLDABLE))
    return lines


FORMAT = TextFormat()
