"""Line layout: blank lines, single newlines, list markers and bullets.

Boundaries that come from the shape of the text rather than from punctuation:

* A blank line (two or more newlines, whitespace between them allowed) or U+2029 always ends
  a sentence.
* A single newline is a soft wrap, read as a space, when the next line starts with a lower-case
  letter or with , ; : ) ] }, or when the line before it is at least WRAP_WIDTH characters
  long, counting from its last sentence end (wrapped prose). Otherwise (short lines: headings, address blocks, "Distr.: General",
  table-of-contents lines) it is a boundary. A next line that starts with a bullet or a list
  marker ("(a)", "2.", "b)") always starts a new sentence.
* Inside a line, a bullet (• ⁃ ▪ ...) after a space starts a new sentence, and so does each
  further item of an inline numbered or lettered list that starts a sentence
  ("1. The first item 2. The second item"). An item after , ; or : does not, so that UN-style
  inline enumerations ("the State party: (a) ...; (b) ...") stay one sentence.
"""

from __future__ import annotations

import re

WRAP_WIDTH = 60

_BLANK_RE = re.compile(r"\n[^\S\n]*\n\s*|\u2029\s*")
BULLETS = "•⁃▪◦‣●■"
# Both patterns open with a character class, not a look-behind, so that the regex engine skips
# straight to the places where they can match (a bullet; whitespace before a list marker).
_BULLET_RE = re.compile(rf"[{BULLETS}](?<=\s.)")
_LINE_START_MARKER_RE = re.compile(
    rf"[{BULLETS}]|\(?(?:\d{{1,3}}|[^\W\d_]|[ivxlc]{{1,6}}|[IVXLC]{{1,6}})(?:\.\)|\.|\))\s"
)
_SPACE_MARKER_RE = re.compile(r"\s(\d{1,3}|[A-Za-z]|[ivx]{2,5}|[IVX]{2,5})(\.\)|\.|\))(?=\s)")
_LAST_CLAUSE_RE = re.compile(r"[.!?…]\s")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def chunk_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) ranges of ``text`` that no sentence may cross (paragraphs, hard lines)."""
    if "\n" not in text and "\u2029" not in text:
        return [(0, len(text))]
    ranges: list[tuple[int, int]] = []
    start = 0
    for blank in _BLANK_RE.finditer(text):
        _split_lines(text, start, blank.start(), ranges)
        start = blank.end()
    _split_lines(text, start, len(text), ranges)
    return ranges


def _split_lines(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk_start = start
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            break
        following = text.find("\n", newline + 1, end)
        following = end if following < 0 else following
        if hard_break(text[line_start:newline].strip(), text[newline + 1:following].strip()):
            out.append((chunk_start, newline))
            chunk_start = newline + 1
        line_start = newline + 1
    out.append((chunk_start, end))


def hard_break(before: str, after: str) -> bool:
    """Whether a single newline between the lines ``before`` and ``after`` ends a sentence."""
    if not before or not after:
        return True
    if _LINE_START_MARKER_RE.match(after + " "):
        return True
    first = after[0]
    if first.islower() or first in ",;:)]}":
        return False
    return len(_LAST_CLAUSE_RE.split(before)[-1]) < WRAP_WIDTH


def _successors(value: str) -> set[str]:
    if value.isdigit():
        return {str(int(value) + 1)}
    found = set()
    if len(value) == 1:
        found.add(chr(ord(value) + 1))
    lower = value.lower()
    if lower in _ROMAN[:-1]:
        nxt = _ROMAN[_ROMAN.index(lower) + 1]
        found.add(nxt if value.islower() else nxt.upper())
    return found


def _char_before(text: str, pos: int) -> str:
    """The last non-space character before ``pos``, or "" at the start."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _starts_sentence(text: str, pos: int) -> bool:
    before = _char_before(text, pos)
    return not before or before in ".!?…"


def _continues_list(text: str, pos: int) -> bool:
    before = _char_before(text, pos)
    return bool(before) and before not in ",;:"


def _markers(text: str) -> list[tuple[int, str, str]]:
    """(position, value, style) of every list marker ("2.", "b)", "iv.") that starts the text or
    follows whitespace. The pattern takes the whitespace before the marker; one space put in
    front of the text gives a marker at the very start the same footing."""
    return [(m.start(1) - 1, m.group(1), m.group(2)) for m in _SPACE_MARKER_RE.finditer(" " + text)]


def list_cuts(text: str) -> list[int]:
    """Positions in one chunk where a bullet or a further inline list item starts a sentence.

    A marker that starts a sentence opens a chain: the next marker of the same style whose
    value follows ("b)" after "a)", "iv." after "iii."), and that one's successor, and so on.
    Each marker's successor is found once, scanning from the end with the nearest marker of
    each style and value at hand, and a chain stops where it meets one already taken (the
    rest of it is that chain's tail), so the work grows with the text, not with its square.
    """
    cuts = [m.start() for m in _BULLET_RE.finditer(text)]
    markers = _without_initials(text, _markers(text))
    if len(markers) > 1:
        following = _following_markers(text, markers)
        used: set[int] = set()
        for index, (pos, _, _) in enumerate(markers):
            if index in used or not _starts_sentence(text, pos):
                continue
            chain = [index]
            nxt = following[index]
            while nxt >= 0:
                chain.append(nxt)
                if nxt in used:
                    break
                nxt = following[nxt]
            if len(chain) > 1:
                used.update(chain)
                positions = [markers[number][0] for number in chain]
                cuts.extend(positions if positions[0] > 0 else positions[1:])
    return sorted(set(cuts))


def _without_initials(text: str, markers: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """The markers less those with another marker right beside them, nothing in between: an
    item holds something, so "Mr. A. B. Smith" and "C. D. Jones" hold initials, not lists."""
    beside = set()
    for number in range(len(markers) - 1):
        pos, value, style = markers[number]
        if not text[pos + len(value) + len(style):markers[number + 1][0]].strip():
            beside.update((number, number + 1))
    return [marker for number, marker in enumerate(markers) if number not in beside]


def _following_markers(text: str, markers: list[tuple[int, str, str]]) -> list[int]:
    """For each marker, the index of the first later one that continues its list, or -1."""
    following = [-1] * len(markers)
    nearest: dict[tuple[str, str], int] = {}  # (style, value) -> nearest later index
    for index in range(len(markers) - 1, -1, -1):
        pos, value, style = markers[index]
        found = [nearest[style, wanted] for wanted in _successors(value) if (style, wanted) in nearest]
        following[index] = min(found, default=-1)
        if _continues_list(text, pos):
            nearest[style, value] = index
    return following
