"""Locating inline Markdown constructs in a unit's text, for ``Unit.atomic``.

A light scanner (not a full CommonMark inline parser): code spans, links and images with
inline or reference destinations, autolinks and inline HTML tags, and emphasis delimiters
paired by a simplified flanking rule. Ranges nest (a link inside emphasis gives both).
"""

from __future__ import annotations

import re

_AUTOLINK_OR_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|/?[A-Za-z][^<>]*)>")


def atomic_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every link, image, emphasis, code span and inline tag in ``text``."""
    found: list[tuple[int, int]] = []
    # The text of each link is scanned in its turn, from this list rather than by recursion:
    # links nested 500 deep ("[" * 500) must not exhaust Python's stack.
    pending = [(0, len(text))]
    while pending:
        start, stop = pending.pop()
        _scan(text, start, stop, found, pending)
    return tuple(sorted(set(found)))


def code_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every code span in ``text``: text that no renderer reads as markup.

    An autolink or inline tag that starts first wins over a backtick inside it, as in
    CommonMark."""
    found: list[tuple[int, int]] = []
    i, stop = 0, len(text)
    while i < stop:
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == "`":
            i = _code_span(text, i, stop, found)
        elif ch == "<" and (match := _AUTOLINK_OR_TAG.match(text, i)):
            i = match.end()
        else:
            i += 1
    return tuple(found)


def _scan(text: str, start: int, stop: int, found: list[tuple[int, int]],
          pending: list[tuple[int, int]]) -> None:
    openers: list[tuple[str, int, int]] = []  # (char, position, run length)
    i = start
    while i < stop:
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == "`":
            i = _code_span(text, i, stop, found)
        elif ch == "[" or (ch == "!" and text.startswith("[", i + 1)):
            i = _link(text, i, stop, found, pending)
        elif ch == "<" and (match := _AUTOLINK_OR_TAG.match(text, i)) and match.end() <= stop:
            found.append((i, match.end()))
            i = match.end()
        elif ch in "*_":
            i = _delimiter(text, i, stop, openers, found)
        else:
            i += 1


def _run_length(text: str, i: int, stop: int, ch: str) -> int:
    j = i
    while j < stop and text[j] == ch:
        j += 1
    return j - i


def _code_span(text: str, i: int, stop: int, found: list[tuple[int, int]]) -> int:
    size = _run_length(text, i, stop, "`")
    j = i + size
    while j < stop:
        if text[j] == "`":
            run = _run_length(text, j, stop, "`")
            if run == size:
                found.append((i, j + run))
                return j + run
            j += run
        else:
            j += 1
    return i + size


def _matching(text: str, i: int, stop: int, open_ch: str, close_ch: str) -> int:
    """Index of the bracket closing the one at ``i``, or -1."""
    depth, j = 0, i
    while j < stop:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "`":
            size = _run_length(text, j, stop, "`")
            close = text.find("`" * size, j + size, stop)
            j = close + size if close >= 0 else j + size
            continue
        if ch == open_ch:
            depth += 1
        elif ch == close_ch:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _link(text: str, i: int, stop: int, found: list[tuple[int, int]],
          pending: list[tuple[int, int]]) -> int:
    bracket = i + 1 if text[i] == "!" else i
    close = _matching(text, bracket, stop, "[", "]")
    if close < 0:
        return bracket + 1
    end = -1
    if text.startswith("(", close + 1):
        paren = _matching(text, close + 1, stop, "(", ")")
        end = paren + 1 if paren >= 0 else -1
    elif text.startswith("[", close + 1):
        ref = _matching(text, close + 1, stop, "[", "]")
        end = ref + 1 if ref >= 0 else -1
    if end < 0:
        return bracket + 1
    found.append((i, end))
    pending.append((bracket + 1, close))  # the link's text, scanned later
    return end


def _delimiter(text: str, i: int, stop: int, openers: list, found: list[tuple[int, int]]) -> int:
    ch = text[i]
    size = _run_length(text, i, stop, ch)
    before = text[i - 1] if i > 0 else " "
    after = text[i + size] if i + size < len(text) else " "
    left = not after.isspace()
    right = not before.isspace()
    if ch == "_" and before.isalnum() and after.isalnum():
        return i + size  # intraword underscore: never emphasis
    if right:
        for k in range(len(openers) - 1, -1, -1):
            if openers[k][0] == ch:
                found.append((openers[k][1], i + size))
                del openers[k:]
                return i + size
    if left:
        openers.append((ch, i, size))
    return i + size
