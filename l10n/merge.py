"""Merging a catalogue with a newer template, as msgmerge does, without losing a translation.

For each template entry, in order of preference:
1. the same msgctxt and msgid among the old active entries: kept as it was (unchanged);
2. the same among the old obsolete entries: brought back with its translation (reused);
3. the same msgid under another msgctxt: its translation, marked fuzzy (fuzzy);
4. a similar msgid (similarity >= FUZZY_THRESHOLD), found through a character-trigram index
   rather than by comparing all pairs: its translation, marked fuzzy, with ``#| msgid`` (fuzzy);
5. otherwise a new, untranslated entry (new).
Old entries the template no longer has become obsolete (``#~``) when they carry a translation
or a translator's comment; nothing a translator wrote is dropped.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import polib

FUZZY_THRESHOLD = 70.0  # percent; msgmerge uses 60, which pre-fills too many wrong guesses
MAX_POSTINGS = 2000  # trigrams more common than this say little; skip them when ranking
CANDIDATES = 12


@dataclass
class MergeReport:
    new: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    reused: int = 0
    unchanged: int = 0
    details: list[tuple[str, str]] = field(default_factory=list)  # (kind, msgid)

    def add(self, kind: str, msgid: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.details.append((kind, msgid))

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("new", "fuzzy", "obsolete", "reused", "unchanged")}


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _trigrams(text: str) -> set[str]:
    folded = " ".join(text.lower().split())
    return {folded[i:i + 3] for i in range(max(1, len(folded) - 2))}


class FuzzyIndex:
    """Old translated entries indexed by character trigrams, for similar-msgid lookups."""

    def __init__(self, entries: list[polib.POEntry], threshold: float = FUZZY_THRESHOLD):
        from rapidfuzz.fuzz import ratio  # here, so that commands that never merge skip it

        self.ratio = ratio
        self.entries = entries
        self.threshold = threshold
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(entries):
            for gram in _trigrams(entry.msgid):
                self.postings[gram].append(number)

    def best(self, msgid: str) -> polib.POEntry | None:
        grams = _trigrams(msgid)
        votes: Counter[int] = Counter()
        for gram in grams:
            posting = self.postings.get(gram)
            if posting and len(posting) <= MAX_POSTINGS:
                votes.update(posting)
        best, best_score = None, self.threshold
        for number, _ in votes.most_common(CANDIDATES):
            candidate = self.entries[number]
            score = self.ratio(msgid, candidate.msgid)
            if score > best_score or (score == best_score and best is None):
                best, best_score = candidate, score
        return best


def _new_entry(template: polib.POEntry, nplurals: int) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=template.msgid,
        msgctxt=template.msgctxt,
        msgid_plural=template.msgid_plural,
        occurrences=list(template.occurrences),
        comment=template.comment,
        flags=[f for f in template.flags if f != "fuzzy"],
    )
    if template.msgid_plural:
        entry.msgstr_plural = {i: "" for i in range(nplurals)}
    return entry


def _carry(entry: polib.POEntry, old: polib.POEntry, nplurals: int) -> None:
    """Copy the translator's work (translation, comments, flags, fuzziness) from ``old``."""
    entry.tcomment = old.tcomment
    for flag in old.flags:  # "ignore-<check>" waivers and the like belong to the translator
        if flag != "fuzzy" and flag not in entry.flags:
            entry.flags.append(flag)
    if entry.msgid_plural:
        if old.msgid_plural:
            entry.msgstr_plural = {i: old.msgstr_plural.get(i, "") for i in range(nplurals)}
        else:
            entry.msgstr_plural = {i: (old.msgstr if i == 0 else "") for i in range(nplurals)}
    else:
        entry.msgstr = old.msgstr if not old.msgid_plural else old.msgstr_plural.get(0, "")
    if old.fuzzy and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid_plural = old.previous_msgid_plural


def _mark_fuzzy(entry: polib.POEntry, old: polib.POEntry) -> None:
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.previous_msgctxt = old.msgctxt
    entry.previous_msgid = old.msgid
    entry.previous_msgid_plural = old.msgid_plural or None


def merge_catalogue(
    old: polib.POFile, template: polib.POFile, *, nplurals: int = 2, fuzzy: bool = True,
    similarity: float = FUZZY_THRESHOLD,
) -> tuple[polib.POFile, MergeReport]:
    """Return the merged catalogue (``old``'s header, ``template``'s entries) and a report.

    ``similarity`` (percent) is how alike a reworded source must be to an old one for its
    translation to be offered as a fuzzy guess; msgmerge uses 60.
    """
    report = MergeReport()
    active = {_key(e): e for e in old if not e.obsolete}
    retired = {_key(e): e for e in old if e.obsolete}
    by_msgid: dict[str, polib.POEntry] = {}
    for entry in [*active.values(), *retired.values()]:
        if _has_translation(entry):
            by_msgid.setdefault(entry.msgid, entry)
    wanted = {_key(e) for e in template if e.msgid}
    leftovers = [e for k, e in active.items() if k not in wanted and _has_translation(e)]
    leftovers += [e for k, e in retired.items() if k not in wanted and _has_translation(e)]
    index = FuzzyIndex(leftovers, similarity) if fuzzy and leftovers else None

    merged = polib.POFile(wrapwidth=old.wrapwidth)
    merged.header = old.header
    merged.metadata = dict(old.metadata)
    merged.metadata_is_fuzzy = old.metadata_is_fuzzy
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    used: set[tuple[str | None, str]] = set()
    for item in template:
        if not item.msgid:
            continue
        entry = _new_entry(item, nplurals)
        key = _key(item)
        if key in active:
            _carry(entry, active[key], nplurals)
            report.add("unchanged", item.msgid)
        elif key in retired:
            _carry(entry, retired[key], nplurals)
            report.add("reused", item.msgid)
        elif item.msgid in by_msgid:
            source = by_msgid[item.msgid]
            _carry(entry, source, nplurals)
            _mark_fuzzy(entry, source)
            report.add("fuzzy", item.msgid)
        elif index and (source := index.best(item.msgid)) is not None:
            _carry(entry, source, nplurals)
            _mark_fuzzy(entry, source)
            report.add("fuzzy", item.msgid)
        else:
            report.add("new", item.msgid)
        used.add(key)
        merged.append(entry)
    for key, entry in [*active.items(), *retired.items()]:
        if key in used or not (_has_translation(entry) or entry.tcomment):
            continue
        gone = copy.copy(entry)
        gone.obsolete = True
        gone.occurrences = []
        gone.comment = ""
        merged.append(gone)
        if key in active:
            report.add("obsolete", entry.msgid)
    return merged, report
