"""The records a TermIndex keeps and returns, and the small rules it applies to them.

``Match`` is what ``TermIndex.find`` returns; ``_Entry`` is one indexed written form of a term,
``_Cand`` a checked hit before resolution; ``_WordMemo`` remembers each word's keys. Kept apart
from match.py, which holds the index and its search.
"""

from __future__ import annotations

import itertools
import operator
from typing import NamedTuple

from .model import Status, Term, TermType
from .normalise import is_acronym_like

SEP = "\x1f"
HOW_RANK = {"exact": 0, "normalised": 1, "inflected": 2}
STATUS_RANK = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}
MAX_KEY_PATHS = 64  # analyses combinations indexed per term (Russian homographs)


class Match(NamedTuple):
    """One occurrence of a glossary term in a text (immutable, so remembered finds share it)."""

    concept_id: str
    lang: str
    term: Term
    start: int
    end: int
    text: str
    how: str
    contained: tuple["Match", ...] = ()


class _Entry(NamedTuple):
    """One written form of a term, as indexed."""

    concept_id: str
    term_pos: int
    term: Term
    variant: str
    forms: tuple[str, ...]
    cased: tuple[str, ...] | None  # set when the form is case-sensitive
    lead: str  # characters before the first word ("《") or after the last ("." of "H.E.")
    trail: str
    article_dropped: bool
    status_rank: int


class _Cand(NamedTuple):
    """A checked hit: units ``i`` to ``j`` of the text, characters ``start`` to ``end``."""

    rank: tuple  # what the resolution sorts by: leftmost, longest, closest, best status...
    i: int
    j: int
    start: int
    end: int
    entry: _Entry
    how: str
    top: bool  # word boundaries on both sides: may stand at top level


_new = tuple.__new__  # NamedTuple construction without the keyword-handling wrapper
_RANK = operator.itemgetter(0)


def _in_text_order(c: _Cand) -> tuple[int, int, int]:
    return (c.i, c.i - c.j, c.start)


def _side_by_side(cands: list[_Cand]) -> bool:
    """Whether candidates in text order may all stand at top level and none overlaps the next:
    then the resolution keeps every one of them, in that order, with nothing contained."""
    reached = -1
    for c in cands:
        if not c.top or c.i < reached:
            return False
        reached = c.j
    return True


def _key_paths(planned: list[tuple]) -> list[tuple[str, ...]]:
    """Every key sequence of a term (its units' primary keys, or a homograph's other key)."""
    if not any(unit[3] for unit in planned):
        return [tuple([unit[2] for unit in planned])]  # one analysis per word: one path
    options = [tuple(dict.fromkeys((key,) + tuple(spec[0] for spec in specs if spec[4])))
               for _, _, key, specs in planned]
    return list(itertools.islice(itertools.product(*options), MAX_KEY_PATHS))


def _is_case_sensitive(term: Term, variant: str) -> bool:
    acronym_types = (TermType.ABBREVIATION, TermType.ACRONYM)
    return term.case_sensitive or term.type in acronym_types or is_acronym_like(variant)


def _case_agrees(text_cased: str, term_cased: str) -> bool:
    """Letter case agrees over the common prefix ("DESA" vs "desa" fails, "SDGs" vs "SDG" passes)."""
    return all(a.isupper() == b.isupper() for a, b in zip(text_cased, term_cased))


class _WordMemo(dict):
    """What an index knows of every word seen so far: word -> keyed fragment ("key" + SEP per
    unit), with the word's plan and flags beside it. A word not seen yet is learnt on lookup,
    so ``map(memo.__getitem__, words)`` stays in C for every word already known.

    An index starts a new memo when this one is full; a find that began with the old one goes
    on with it, so threads sharing an index never see a word half forgotten."""

    def __init__(self, learn):
        super().__init__()
        self._learn = learn
        self.plans: dict[str, tuple] = {}
        self.flags: dict[str, tuple[tuple[bool, bool, tuple[int, ...]], ...]] = {}
        self.alternating: set[str] = set()  # words whose text needs walks (see _walk_starts)

    def __missing__(self, word: str) -> str:
        return self._learn(word, self)
