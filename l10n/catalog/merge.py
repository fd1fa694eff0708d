"""Merging a catalogue with a newer template, as msgmerge does, without losing a translation.

For each template entry, in order of preference:
1. the same msgctxt and msgid among the old active entries: kept as it was (unchanged);
2. the same among the old obsolete entries: brought back with its translation (reused);
3. the same msgid under another msgctxt: its translation, marked fuzzy (fuzzy);
4. a similar msgid (similarity >= FUZZY_THRESHOLD), found through a character-trigram index
   rather than by comparing all pairs: its translation, marked fuzzy, with ``#| msgid`` (fuzzy);
5. otherwise a new, untranslated entry (new).
Old entries the template no longer has, and that no fuzzy guess used, become obsolete (``#~``)
when they carry a translation or a translator's comment; nothing a translator wrote is dropped.

As in msgmerge, a kept translation is marked fuzzy, with the old source as ``#|`` lines, when
what it was made for no longer holds (``_stale``): the entry turned plural or singular (every
plural form is filled from the old msgstr, or msgstr from msgstr[0]), its msgid_plural changed,
its ``range:`` is no longer within the old one, the template made it a format string that the
translation does not satisfy (or that is not checked here: C, Python and Python brace formats
are), or its plural forms contradict the header (the extra forms are dropped, with a warning). Format, range and wrap flags come from the template; the translator's
other flags (``ignore-<check>`` waivers) are kept. The template's own obsolete entries are not
messages of the template and are ignored (msgmerge resurrects some of them).
"""

from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import polib

from ..errors import located
from .format_strings import (DEFAULT_USE, PluralUse, format_kinds, has_translation, plural_use,
                             range_of, satisfies)

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
    warnings: list[str] = field(default_factory=list)  # "file:line: warning: ..." lines

    def add(self, kind: str, msgid: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.details.append((kind, msgid))

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("new", "fuzzy", "obsolete", "reused", "unchanged")}


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)



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


# Flags that say what the message is rather than what the translator did: the template's win.
_TEMPLATE_FLAG = re.compile(r"fuzzy|(?:no-|possible-)?[\w-]+-format|range:.*|(?:no-)?wrap")


def _stale(entry: polib.POEntry, old: polib.POEntry, plurals: PluralUse = DEFAULT_USE) -> bool:
    """Whether the translation carried from ``old`` no longer fits ``entry`` (msgmerge's rules).

    The entry turned plural or singular, or its msgid_plural changed; the old ``range:`` does not
    contain the new one (or the new one has none); or the template made it a format string of a
    language the old entry was not, and the translation does not pass msgfmt's check for it.
    """
    if bool(entry.msgid_plural) != bool(old.msgid_plural):
        return True
    if entry.msgid_plural and entry.msgid_plural != old.msgid_plural:
        return True
    before = range_of(old.flags)
    if before is not None:
        after = range_of(entry.flags)
        if after is None or after[0] < before[0] or after[1] > before[1]:
            return True
    added = format_kinds(entry.flags) - format_kinds(old.flags)
    return any(not satisfies(kind, entry, plurals) for kind in sorted(added))


def _carry(entry: polib.POEntry, old: polib.POEntry, nplurals: int,
           plurals: PluralUse = DEFAULT_USE) -> bool:
    """Copy the translator's work (translation, comments, flags, fuzziness) from ``old``.

    Returns True when the translation no longer fits the new entry (``_stale``), and marks the
    entry fuzzy for that reason (it is already when ``old`` was): plural forms are then filled from the old translation,
    every one from a singular msgstr, or msgstr from msgstr[0], as msgmerge fills them.
    """
    entry.tcomment = old.tcomment
    for flag in old.flags:  # "ignore-<check>" waivers and the like belong to the translator
        if not _TEMPLATE_FLAG.fullmatch(flag) and flag not in entry.flags:
            entry.flags.append(flag)
    if entry.msgid_plural:
        if old.msgid_plural:
            entry.msgstr_plural = {i: old.msgstr_plural.get(i, "") for i in range(nplurals)}
        else:
            entry.msgstr_plural = dict.fromkeys(range(nplurals), old.msgstr)
    else:
        entry.msgstr = old.msgstr if not old.msgid_plural else old.msgstr_plural.get(0, "")
    if old.fuzzy:
        entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid_plural = old.previous_msgid_plural
        return has_translation(old) and _stale(entry, old, plurals)
    if has_translation(old) and _stale(entry, old, plurals):
        _mark_fuzzy(entry, old)
        return True
    return False


def _mark_fuzzy(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Mark fuzzy, with what the translation was made for as ``#|`` lines: the old entry's own
    previous source when it was a fuzzy guess that had one (as msgmerge), else its source."""
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    if old.fuzzy and old.previous_msgid is not None:
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
        return
    entry.previous_msgctxt = old.msgctxt
    entry.previous_msgid = old.msgid
    entry.previous_msgid_plural = old.msgid_plural or None


def _plural_defect(entry: polib.POEntry, nplurals: int) -> str | None:
    """What is wrong with a translated plural entry's forms under the header's nplurals."""
    forms = entry.msgstr_plural
    if not entry.msgid_plural or not any(forms.values()) or sorted(forms) == list(range(nplurals)):
        return None
    beyond = [index for index in sorted(forms) if index >= nplurals and forms[index]]
    if beyond:
        return f"msgstr[{beyond[0]}] but the header says nplurals={nplurals}"
    return f"plural message has {len(forms)} forms but the header says nplurals={nplurals}"


def _repair_plurals(old: polib.POFile, nplurals: int,
                    report: MergeReport) -> tuple[list[polib.POEntry], set[int]]:
    """``old``'s entries, each plural one with exactly ``nplurals`` forms, and the ids of the
    entries repaired.

    A translated entry whose forms contradict the header (Django 4.2's French catalogue has
    msgstr[2] under nplurals=2) is reported as a warning at its line and comes out fuzzy, the
    extra forms dropped and the missing ones empty: msgfmt would refuse it as it was.
    """
    entries, repaired = [], set()
    for entry in old:
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(nplurals)):
            defect = _plural_defect(entry, nplurals)
            forms = entry.msgstr_plural
            entry = copy.copy(entry)
            entry.msgstr_plural = {i: forms.get(i, "") for i in range(nplurals)}
            if defect:
                report.warnings.append(located(f"{defect}: merged as fuzzy with {nplurals} forms",
                                               old.fpath or "catalogue", entry.linenum,
                                               severity="warning"))
                if not entry.fuzzy:
                    entry.flags = ["fuzzy", *entry.flags]
                    repaired.add(id(entry))
        entries.append(entry)
    return entries, repaired


def merge_catalogue(
    old: polib.POFile, template: polib.POFile, *, nplurals: int = 2, fuzzy: bool = True,
    similarity: float = FUZZY_THRESHOLD,
) -> tuple[polib.POFile, MergeReport]:
    """Return the merged catalogue (``old``'s header, ``template``'s entries) and a report.

    ``similarity`` (percent) is how alike a reworded source must be to an old one for its
    translation to be offered as a fuzzy guess; msgmerge uses 60. The template's obsolete
    entries are ignored; old plural entries with the wrong number of forms are repaired with a
    warning in ``report.warnings`` (``_repair_plurals``).
    """
    report = MergeReport()
    entries, repaired = _repair_plurals(old, nplurals, report)
    plurals = plural_use(old)
    active = {_key(e): e for e in entries if not e.obsolete}
    retired = {_key(e): e for e in entries if e.obsolete}
    by_msgid: dict[str, polib.POEntry] = {}
    for entry in [*active.values(), *retired.values()]:
        if has_translation(entry):
            by_msgid.setdefault(entry.msgid, entry)
    items = [e for e in template if e.msgid and not e.obsolete]
    wanted = {_key(e) for e in items}
    leftovers = [e for k, e in active.items() if k not in wanted and has_translation(e)]
    leftovers += [e for k, e in retired.items() if k not in wanted and has_translation(e)]
    index = FuzzyIndex(leftovers, similarity) if fuzzy and leftovers else None

    merged = polib.POFile(wrapwidth=old.wrapwidth)
    merged.header = old.header
    merged.metadata = dict(old.metadata)
    merged.metadata_is_fuzzy = old.metadata_is_fuzzy
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    used: set[tuple[str | None, str]] = set()  # old entries whose translation went somewhere
    for item in items:
        entry = _new_entry(item, nplurals)
        key = _key(item)
        if key in active or key in retired:
            source = active.get(key) or retired[key]
            stale = _carry(entry, source, nplurals, plurals) or id(source) in repaired
            report.add("fuzzy" if stale else "unchanged" if key in active else "reused",
                       item.msgid)
        elif (source := by_msgid.get(item.msgid)) is not None or (
                index and (source := index.best(item.msgid)) is not None):
            _carry(entry, source, nplurals, plurals)
            _mark_fuzzy(entry, source)
            used.add(_key(source))
            report.add("fuzzy", item.msgid)
        else:
            report.add("new", item.msgid)
        used.add(key)
        merged.append(entry)
    for key, entry in [*active.items(), *retired.items()]:
        if key in used or not (has_translation(entry) or entry.tcomment):
            continue
        gone = copy.copy(entry)
        gone.obsolete = True
        gone.occurrences = []
        gone.comment = ""
        merged.append(gone)
        if key in active:
            report.add("obsolete", entry.msgid)
    return merged, report
