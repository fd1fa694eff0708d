"""The records a TermIndex keeps and returns, and the small rules it applies to them.

``Match`` is what ``TermIndex.find`` returns; ``IndexEntry`` is one indexed written form of a term,
``Candidate`` a checked hit before resolution; ``WordMemo`` remembers each word's keys. Kept apart
from match.py, which holds the index and its search.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from ..model import Status, Term, TermType
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


class IndexEntry(NamedTuple):
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


class Candidate(NamedTuple):
    """A checked hit: units ``i`` to ``j`` of the text, characters ``start`` to ``end``."""

    i: int
    j: int
    start: int
    end: int
    entry: IndexEntry
    how: str
    top: bool  # word boundaries on both sides: may stand at top level
    surface: str  # the text's characters from ``start`` to ``end``


new_tuple = tuple.__new__  # NamedTuple construction without the keyword-handling wrapper


def rank(c: Candidate) -> tuple:
    """What the resolution sorts by: leftmost, longest, closest, best status, article kept,
    then concept, term and start for a stable order. Worked out only when there is something
    to resolve (most texts have side-by-side hits, see ``side_by_side``)."""
    entry = c.entry
    return (c.i, c.i - c.j, HOW_RANK[c.how], entry.status_rank, entry.article_dropped,
            entry.concept_id, entry.term_pos, c.start)


def in_text_order(c: Candidate) -> tuple[int, int, int]:
    return (c.i, c.i - c.j, c.start)


def side_by_side(cands: list[Candidate]) -> bool:
    """Whether candidates in text order may all stand at top level and none overlaps the next:
    then the resolution keeps every one of them, in that order, with nothing contained."""
    reached = -1
    for c in cands:
        if not c.top or c.i < reached:
            return False
        reached = c.j
    return True


def unit_options(planned: list[tuple]) -> list[tuple[str, ...]] | None:
    """Each unit's keys, primary first, then its other analyses that may stand anywhere (a
    homograph's lemmas); None when every unit has one analysis only (the usual case)."""
    if not any(unit[3] for unit in planned):
        return None
    return [tuple(dict.fromkeys((key,) + tuple(spec[0] for spec in specs if spec[4])))
            for _, _, key, specs in planned]


def key_paths(planned: list[tuple], options: list[tuple[str, ...]] | None) -> list[tuple[str, ...]]:
    """Every key sequence of a term (its units' primary keys, or a homograph's other key)."""
    if options is None:
        return [tuple([unit[2] for unit in planned])]  # one analysis per word: one path
    return list(itertools.islice(itertools.product(*options), MAX_KEY_PATHS))


class Cover:
    """Which other analyses of a text's words can only find again what the primary key finds.

    A Russian word form often has several lemmas; a term is indexed under every combination of
    its words' analyses (``key_paths``), and walks try a text's words under every analysis
    too. Another key ``a`` of a text word is *covered* by the word's primary key ``p`` when
    every term unit that accepts ``a`` also accepts ``p`` and no term with such a unit had its
    combinations cut at MAX_KEY_PATHS. Then a pattern a walk spells with ``a`` at some place
    is also indexed, for the same entry, with ``p`` there; replacing each covered key in turn
    leads to the text's own keys, a hit the automaton has reported already (same units, same
    start: a homograph's reading starts where its word does). So a word need not be walked
    for a covered analysis: the walk would only find duplicates (see ``_unit_flags``).
    """

    def __init__(self) -> None:
        self._with: dict[str, set[str]] = {}  # key -> the keys every unit accepting it accepts
        self._alone: set[str] = set()  # keys some unit accepts without another: never covered

    def note(self, planned: list[tuple], options: list[tuple[str, ...]] | None) -> None:
        """Take in one indexed form's units."""
        if options is None:
            self._alone.update([unit[2] for unit in planned])
            return
        whole = 1
        for keys in options:
            whole *= len(keys)
        for keys in options:
            if len(keys) == 1 or whole > MAX_KEY_PATHS:
                self._alone.update(keys)
                continue
            for key in keys:
                together = self._with.get(key)
                if together is None:
                    self._with[key] = set(keys)
                else:
                    together.intersection_update(keys)

    def done(self) -> dict[str, frozenset[str]]:
        """Key -> the primary keys that cover it."""
        return {key: frozenset(keys) for key, keys in self._with.items() if key not in self._alone}


def is_case_sensitive(term: Term, variant: str, concept_sensitive: bool = False) -> bool:
    """Whether a written form of a term is matched with its letter case: the term is marked
    case-sensitive, or is an abbreviation or acronym, or its concept is told apart by case
    (``case_separates``)."""
    acronym_types = (TermType.ABBREVIATION, TermType.ACRONYM)
    return (term.case_sensitive or concept_sensitive or term.type in acronym_types
            or is_acronym_like(variant))


def case_separates(sections) -> bool:
    """Whether a concept's own terms show that letter case tells it apart: in some language
    two of its terms differ only in case, one deprecated and the other not (fr "États Membres" preferred,
    "États membres" deprecated: the lower-case form names the members of another
    organization). Then every term of the concept is matched with its case, in the source
    too, so that English "member States" does not name the UN's Member States."""
    for section in sections:
        seen: dict[str, bool] = {}
        for term in section.terms:
            folded, wrong = term.text.casefold(), term.status is Status.DEPRECATED
            if seen.get(folded, wrong) is not wrong:
                return True
            seen.setdefault(folded, wrong)
    return False


def case_agrees(text_cased: str, term_cased: str) -> bool:
    """Every capital of the term is a capital in the text, over the common prefix ("DESA" vs
    "desa" fails, "SDGs" vs "SDG" passes, "member States" fails "Member States"); the text
    may capitalise more (a sentence's first word, a heading in capitals)."""
    return all(a.isupper() or not b.isupper() for a, b in zip(text_cased, term_cased))


class WordMemo(dict):
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
        self.multi: set[str] = set()  # words of other than one unit ("du" = de + le)

    def __missing__(self, word: str) -> str:
        return self._learn(word, self)
