"""Pair quotation marks and brackets so that no sentence boundary falls inside them.

A full stop inside "(He previously worked as an engineer.)", « LL.AA.II.RR. » or
《摔跤吧！爸爸》 does not end the sentence around it. Curly quotes, guillemets and brackets pair
by kind. Straight quotes (" ' `` '' `) are told apart from apostrophes by what stands on
either side: a letter on both sides ("it's", "L'Hôpital") is an apostrophe; space before and a
letter after opens; a letter or punctuation before and space or punctuation after closes; a
mark with space on both sides (tokenised text: "he said , '' Stanley") closes when the same
kind is open and otherwise opens. Unmatched marks protect nothing, and a pair that spans more
than MAX_SPAN characters is not trusted either (a stray mark must not swallow a paragraph).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

MAX_SPAN = 600

_MARK_RE = re.compile(r"``|''|[\"'`‘’“”„«»‹›「」『』《》〈〉【】（）()\[\]{}]")
_OPENERS = {"“": "D", "„": "D", "‘": "S", "«": "G", "‹": "g", "「": "c1", "『": "c2",
            "《": "c3", "〈": "c4", "【": "c5", "（": "p2", "(": "p", "[": "b", "{": "c"}
_CLOSERS = {"”": "D", "’": "S", "»": "G", "›": "g", "」": "c1", "』": "c2", "》": "c3",
            "〉": "c4", "】": "c5", "）": "p2", ")": "p", "]": "b", "}": "c"}
_SYMMETRIC = {'"': "D", "''": "D", "``": "D", "'": "S", "`": "S"}
_OPEN_CONTEXT = set("([{“‘«„/")
_CLOSE_CONTEXT = set(",.;:!?)]}»”’…")
_NEXT_TOKEN_RE = re.compile(r"\s*(\.\.\.|…|\S)")
_CONTRACTION_RE = re.compile(r"(?:s|t|d|m|ll|re|ve)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Pairing:
    """Protected ranges plus the roles of straight quotes, for the boundary rules.

    ``spans`` holds (open, close) index pairs: a boundary at b is inside when open < b <= close.
    ``closers`` holds the start of every straight quote that closed a pair; ``loose`` the start
    of the paragraph's first straight quote when it opened and was never closed (likely the
    closer of a quotation that began before the text).
    """

    spans: tuple[tuple[int, int], ...] = ()
    closers: frozenset[int] = frozenset()
    loose: frozenset[int] = frozenset()
    # Derived from ``spans`` once, so that each question costs a look-up, not a pass over
    # every pair: a paragraph of 40,000 quotations asks once per candidate boundary.
    _closes: dict[int, int] = field(init=False, repr=False, compare=False)
    _cover: tuple[list[int], list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        closes: dict[int, int] = {}
        starts: list[int] = []
        ends: list[int] = []
        for start, end in self.spans:
            closes.setdefault(start, end)
        for start, end in sorted(self.spans):  # the union of the ranges (start, end]
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        object.__setattr__(self, "_closes", closes)
        object.__setattr__(self, "_cover", (starts, ends))

    def closing(self, opened: int) -> int:
        """Where the pair opened at ``opened`` closes, or -1."""
        return self._closes.get(opened, -1)

    def inside(self, pos: int) -> bool:
        """True when a boundary at ``pos`` would cut a protected pair."""
        starts, ends = self._cover
        index = bisect_left(starts, pos) - 1  # the last range opened before pos
        return index >= 0 and pos <= ends[index]


EMPTY = Pairing()


def _symmetric_role(text: str, i: int, j: int, kind: str, top: str | None) -> str | None:
    """'open', 'close' or None (an apostrophe) for the straight quote text[i:j]."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if kind == "S" and before.isalnum() and after.isalnum():
        return None
    left_open = before.isspace() or before in _OPEN_CONTEXT
    right_space = after.isspace()
    right_punct = after in _CLOSE_CONTEXT
    if kind == "S" and text[i] == "'" and left_open and _CONTRACTION_RE.match(text, j):
        return None
    if left_open and not right_space and not right_punct:
        return "open"
    if right_punct or (not left_open and right_space):
        return "close"
    if not left_open:  # letters on both sides of a double quote: pair with what is open
        return "close" if top == kind else "open"
    return _standalone_role(text, i, j, kind, top)


def _standalone_role(text: str, i: int, j: int, kind: str, top: str | None) -> str:
    """A quote with space on both sides (tokenised text): read the words around it."""
    following = _NEXT_TOKEN_RE.match(text, j)
    token = following.group(1) if following else ""
    if token in ("...", "…"):
        return "open"
    if not token or token in _CLOSE_CONTEXT or token in "([{\"'`":
        return "close"
    previous = i - 1
    while previous >= 0 and text[previous].isspace():
        previous -= 1
    if previous >= 0 and text[previous] in ".!?" and top == kind:
        return "close"
    return "close" if token.islower() else "open"


def pair_marks(text: str) -> Pairing:
    """Pair the quotation marks and brackets of one paragraph (see the module docstring)."""
    if _MARK_RE.search(text) is None:
        return EMPTY
    stack: list[tuple[str, int, bool]] = []  # (kind, position, straight quote?)
    depths: dict[str, list[int]] = {}  # kind -> its places in the stack, innermost last
    spans: list[tuple[int, int]] = []
    closers: set[int] = set()
    first_straight = -1
    for match in _MARK_RE.finditer(text):
        mark, i = match.group(), match.start()
        top = stack[-1][0] if stack else None
        if mark in _OPENERS:
            _push(stack, depths, _OPENERS[mark], i, False)
            continue
        if mark == "’":
            if i > 0 and text[i - 1].isalnum() and match.end() < len(text) \
                    and text[match.end()].isalnum():
                continue
            role, kind = "close", "S"
        elif mark in _CLOSERS:
            role, kind = "close", _CLOSERS[mark]
        else:
            kind = _SYMMETRIC[mark]
            role = _symmetric_role(text, i, match.end(), kind, top)
            if role is None:
                continue
            if first_straight < 0:
                first_straight = i
            if role == "open":
                _push(stack, depths, kind, i, True)
                continue
        if depths.get(kind):
            depth = depths[kind][-1]
            opened = stack[depth][1]
            _pop_to(stack, depths, depth)
            if i - opened <= MAX_SPAN:
                spans.append((opened, i))
            if mark in _SYMMETRIC:
                closers.add(i)
    loose = frozenset(pos for _, pos, straight in stack if straight and pos == first_straight)
    return Pairing(tuple(spans), frozenset(closers), loose)


def _push(stack: list[tuple[str, int, bool]], depths: dict[str, list[int]], kind: str, pos: int,
          straight: bool) -> None:
    depths.setdefault(kind, []).append(len(stack))
    stack.append((kind, pos, straight))


def _pop_to(stack: list[tuple[str, int, bool]], depths: dict[str, list[int]], depth: int) -> None:
    """Close the pair opened at ``stack[depth]`` and drop the marks opened inside it. Each mark
    is pushed and dropped once, so a closer never searches the whole stack for its opener
    ("(" * 40000 + "]" * 40000 was quadratic)."""
    while len(stack) > depth:
        depths[stack.pop()[0]].pop()
