"""Locating inline Markdown constructs in a unit's text, for ``Unit.atomic``.

A light scanner (not a full CommonMark inline parser): code spans, links and images with
inline or reference destinations, autolinks and inline HTML tags, and emphasis delimiters
paired by a simplified flanking rule. Ranges nest (a link inside emphasis gives both).

The work grows with the text, whatever its shape: brackets are matched for the whole text in
one pass (``_Brackets``), a link's text is scanned from a list of pending ranges rather than by
recursion (500 nested links are fine), and a closing delimiter finds its opener in a list per
character rather than by searching all openers.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_AUTOLINK_OR_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|/?[A-Za-z][^<>]*)>")


def atomic_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every link, image, emphasis, code span and inline tag in ``text``."""
    found: list[tuple[int, int]] = []
    brackets, ticks = _Brackets(text), Backticks(text)
    pending = [(0, len(text))]  # ranges still to scan: the text, then each link's text
    while pending:
        start, stop = pending.pop()
        _scan(text, start, stop, found, (brackets, ticks), pending)
    return tuple(sorted(set(found)))


def code_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every code span in ``text``: text that no renderer reads as markup.

    An autolink or inline tag that starts first wins over a backtick inside it, as in
    CommonMark."""
    found: list[tuple[int, int]] = []
    ticks = Backticks(text)
    i, stop = 0, len(text)
    while i < stop:
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == "`":
            i = _code_span(text, i, stop, found, ticks)
        elif ch == "<" and (match := _AUTOLINK_OR_TAG.match(text, i)):
            i = match.end()
        else:
            i += 1
    return tuple(found)


def _scan(text: str, start: int, stop: int, found: list[tuple[int, int]],
          tables: tuple[_Brackets, Backticks], pending: list[tuple[int, int]]) -> None:
    """Scan ``text[start:stop]``; ``stop`` is the end of the text or a link's closing "]"."""
    brackets, ticks = tables
    openers = _Openers()
    i = start
    while i < stop:
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == "`":
            i = _code_span(text, i, stop, found, ticks)
        elif ch == "[" or (ch == "!" and text.startswith("[", i + 1)):
            i = _link(text, i, stop, found, brackets, pending)
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


def _code_span(text: str, i: int, stop: int, found: list[tuple[int, int]],
               ticks: Backticks) -> int:
    """A code span opened by the backticks at ``i``: it closes at the next run of as many."""
    size = _run_length(text, i, stop, "`")
    close = ticks.next_run(size, i + size)
    if 0 <= close < stop:
        found.append((i, close + size))
        return close + size
    return i + size


class Backticks:
    """Every maximal run of backticks, by length, so that a code span's closer is a look-up.

    Scanning ahead for it from each opener made a text of many unclosed runs of different
    lengths grow faster than the text. Runs never straddle a scan's end (a "]" or the end of
    the text), so a run found here is the one a scan up to that end would find.
    """

    def __init__(self, text: str):
        self.starts: dict[int, list[int]] = {}  # run length -> where the runs of it start
        for run in re.finditer(r"`+", text):
            self.starts.setdefault(run.end() - run.start(), []).append(run.start())

    def next_run(self, size: int, pos: int) -> int:
        """Where the first run of exactly ``size`` backticks at or after ``pos`` starts, or -1."""
        starts = self.starts.get(size, [])
        index = bisect_left(starts, pos)
        return starts[index] if index < len(starts) else -1


def _matching(text: str, i: int, stop: int, open_ch: str, close_ch: str) -> int:
    """Index of the bracket closing the one at ``i``, or -1, scanning from ``i``."""
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


class _Brackets:
    """Where each "[" and "(" closes, found in one pass over the text as ``_matching`` would
    find it from there: escapes and code spans skipped the same way, one stack per kind.

    ``_matching`` alone scans from each bracket to its closer, which made "[" * 40000, or
    links nested 500 deep, quadratic. A bracket this pass did not meet as one (a scanner that
    read a code span differently stopped inside what this pass skipped) is looked up the slow
    way, which stays correct.
    """

    def __init__(self, text: str):
        self.closes: dict[int, int] = {}  # opening bracket -> its closer, or -1
        stacks: dict[str, list[int]] = {"[": [], "(": []}
        openers = {"]": "[", ")": "("}
        unclosed: dict[int, int] = {}  # backtick run length -> a position it has no closer after
        j, n = 0, len(text)
        while j < n:
            ch = text[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "`":
                size = _run_length(text, j, n, "`")
                close = -1
                if unclosed.get(size, n) > j:
                    close = text.find("`" * size, j + size)
                    if close < 0:
                        unclosed[size] = j
                j = close + size if close >= 0 else j + size
                continue
            if ch in stacks:
                stacks[ch].append(j)
                self.closes[j] = -1
            elif ch in openers and stacks[openers[ch]]:
                self.closes[stacks[openers[ch]].pop()] = j
            j += 1

    def matching(self, text: str, i: int, stop: int, open_ch: str, close_ch: str) -> int:
        """``_matching(text, i, stop, open_ch, close_ch)``, from the table when it can."""
        close = self.closes.get(i)
        if close is None or text[i] != open_ch:
            return _matching(text, i, stop, open_ch, close_ch)
        return close if close < stop else -1


def _link(text: str, i: int, stop: int, found: list[tuple[int, int]], brackets: _Brackets,
          pending: list[tuple[int, int]]) -> int:
    bracket = i + 1 if text[i] == "!" else i
    close = brackets.matching(text, bracket, stop, "[", "]")
    if close < 0:
        return bracket + 1
    end = -1
    if text.startswith("(", close + 1):
        paren = brackets.matching(text, close + 1, stop, "(", ")")
        end = paren + 1 if paren >= 0 else -1
    elif text.startswith("[", close + 1):
        ref = brackets.matching(text, close + 1, stop, "[", "]")
        end = ref + 1 if ref >= 0 else -1
    if end < 0:
        return bracket + 1
    found.append((i, end))
    pending.append((bracket + 1, close))  # the link's text, scanned on its own
    return end


class _Openers:
    """Emphasis delimiters waiting for a closer, in order, with each character's places."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = []  # (character, position)
        self.places: dict[str, list[int]] = {"*": [], "_": []}

    def push(self, ch: str, pos: int) -> None:
        self.places[ch].append(len(self.stack))
        self.stack.append((ch, pos))

    def close(self, ch: str) -> int:
        """The position of the innermost opener of ``ch`` (dropping it and every opener after
        it), or -1 when there is none."""
        if not self.places[ch]:
            return -1
        depth = self.places[ch][-1]
        pos = self.stack[depth][1]
        while len(self.stack) > depth:
            self.places[self.stack.pop()[0]].pop()
        return pos


def _delimiter(text: str, i: int, stop: int, openers: _Openers,
               found: list[tuple[int, int]]) -> int:
    ch = text[i]
    size = _run_length(text, i, stop, ch)
    before = text[i - 1] if i > 0 else " "
    after = text[i + size] if i + size < len(text) else " "
    left = not after.isspace()
    right = not before.isspace()
    if ch == "_" and before.isalnum() and after.isalnum():
        return i + size  # intraword underscore: never emphasis
    if right:
        opened = openers.close(ch)
        if opened >= 0:
            found.append((opened, i + size))
            return i + size
    if left:
        openers.push(ch, i)
    return i + size


MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_LINK_RUN = re.compile(r"\]\(\s*<?[^)\s>]*")  # where MD_LINK's target ends, matched or not


def link_targets(text: str) -> list[str]:
    """``MD_LINK.findall(text)``, in linear time. A "](" whose target is not followed by ")"
    fails at the same point for every "](" inside that target (but one that ends it, whose
    own target starts after it), so the search goes on from there: tried from each one,
    "](" * 40000 took minutes."""
    found = []
    pos = 0
    while (start := text.find("](", pos)) >= 0:
        match = MD_LINK.match(text, start)
        if match is not None:
            found.append(match.group(1))
            pos = match.end()
        else:
            pos = max(_MD_LINK_RUN.match(text, start).end() - 2, start + 1)
    return found
