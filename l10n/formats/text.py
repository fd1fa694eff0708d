"""Plain text source documents: paragraphs separated by blank lines.

A line holding only spaces, tabs, U+00A0, U+3000 or nothing is layout (a separator), never
content. A paragraph's lines fold into one unit. ``render`` keeps every separator as it was and
writes a translated paragraph on one line, keeping the first line's indentation and the last
line's terminator; an untranslated paragraph keeps its original lines byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..model import Document, Rendition, Unit
from ._textutil import (LineSpan, check_renditions, fold_ws, is_prose, line_body, replace_spans,
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
            first = line_body(lines[block.first])[0]
            start = len(first) - len(first.lstrip(" \t"))  # the paragraph keeps its indent
            span = LineSpan(block.first, start, block.last, len(line_body(lines[block.last])[0]))
            edits.append((span, " ".join(rendition.text.splitlines())))
        return replace_spans(lines, edits)


FORMAT = TextFormat()
