"""Consistency across the project (C-codes): one source, one translation; one translation, one source.

These are ProjectChecks: they see every entry of every catalogue checked in one run, grouped by
language. Findings go to each entry that departs from the most common choice (ties: the first
in file and line order), so a reviser sees where to look and what the rest of the project says.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable, Iterator

from ..model import Finding
from ..formats._textutil import shorten
from ..locales import base_lang
from .base import CheckContext, Entry, ProjectCheck, Severity
from .text import data


def _usable(entry: Entry) -> bool:
    return not entry.obsolete and not entry.fuzzy and bool(entry.msgstr) and not entry.msgid_plural


def _key(text: str) -> str:
    """Text compared loosely: case, whitespace runs and trailing punctuation do not count."""
    return _SPACES.sub(" ", text).strip().rstrip(".。:：").casefold()


_SPACES = re.compile(r"\s+")


def _majority(entries: list[Entry], value) -> str:
    counts = Counter(value(e) for e in entries)
    order = {value(e): index for index, e in reversed(list(enumerate(entries)))}
    return min(counts, key=lambda v: (-counts[v], order[v]))


def _groups(entries: Iterable[Entry], key) -> Iterator[list[Entry]]:
    """The usable entries of one language that share ``key(entry)``, two or more to a group,
    each group in file and line order.

    Shaped for memory on large projects: languages are grouped one at a time, and a first
    pass counts only the hashes of the keys, so the keys themselves (``key`` may build a new
    string per entry) are built and kept only for entries whose hash is not unique. A lone
    entry can never depart from the rest of its group.
    """
    by_lang: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if _usable(entry):
            by_lang[entry.lang].append(entry)
    for members in by_lang.values():
        hashes = [hash(key(e)) for e in members]
        counts = Counter(hashes)
        groups: dict[object, list[Entry]] = defaultdict(list)
        for entry, hashed in zip(members, hashes):
            if counts[hashed] > 1:
                groups[key(entry)].append(entry)
        for group in groups.values():
            if len(group) > 1:
                yield sorted(group, key=lambda e: (e.file, e.line))


class InconsistentTranslation(ProjectCheck):
    """The same source text is translated differently in the project.

    Anti-pattern: "Member States" as "会员国" in one file and "成员国" in another. Better: one
    translation per source text and context (use msgctxt when two meanings need two
    translations).
    """

    code = "C001"
    slug = "inconsistent-translation"
    severity = Severity.WARNING
    examples_fail = [  # one project
        ("zh", "Member States", "会员国"),
        ("zh", "Member States", "会员国"),
        ("zh", "Member States", "成员国"),
    ]
    examples_pass = [
        ("zh", "The World Summit for Social Development", "社会发展问题世界首脑会议"),
        ("zh", "World Summit for Social Development", "社会发展问题世界首脑会议"),
        ("zh", "Member States", "会员国"),
        ("zh", "Member States", "会员国"),
        ("es", "Summit", "Cumbre"),
        ("es", "Summit", "cumbre del Grupo", {"msgctxt": "group"}),
    ]

    def check_all(self, entries: list[Entry], context: CheckContext) -> Iterable[Finding]:
        for group in _groups(entries, lambda e: (e.msgctxt, e.msgid)):
            translations = {e.msgstr for e in group}
            if len(translations) < 2:
                continue
            usual = _majority(group, lambda e: e.msgstr)
            for entry in group:
                if entry.msgstr != usual:
                    where = next(e for e in group if e.msgstr == usual)
                    yield self.finding(
                        entry, f"translated elsewhere as {shorten(usual)!r} ({where.file}:"
                        f"{where.line}) and here as {shorten(entry.msgstr)!r}",
                        expected=(usual,), found=entry.msgstr)


class AmbiguousTranslation(ProjectCheck):
    """The same translation stands for different source texts.

    Anti-pattern: "社会发展问题世界首脑会议" for both "World Summit for Social Development" (1995)
    and "Second World Summit for Social Development" (2025). Better: a translation that keeps
    the difference; when two sources really mean the same thing, align the sources.
    """

    code = "C002"
    slug = "ambiguous-translation"
    severity = Severity.WARNING
    examples_fail = [  # one project
        ("zh", "World Summit for Social Development", "社会发展问题世界首脑会议"),
        ("zh", "Second World Summit for Social Development", "社会发展问题世界首脑会议"),
    ]
    examples_pass = [
        ("zh", "The World Summit for Social Development", "社会发展问题世界首脑会议"),
        ("zh", "World Summit for Social Development", "社会发展问题世界首脑会议"),
        ("zh", "Member States", "会员国"),
        ("zh", "member States", "会员国"),
        ("ru", "Summit", "Встреча"),
        ("ru", "summit", "встреча"),
        # one word for both in Russian (and French, Spanish, Arabic, Chinese)
        ("ru", "Statement by the President", "Заявление Председателя"),
        ("ru", "Statement by the Chair", "Заявление Председателя"),
    ]

    def check_all(self, entries: list[Entry], context: CheckContext) -> Iterable[Finding]:
        for group in _groups(entries, lambda e: _key(e.msgstr)):
            sources = {_key(e.msgid) for e in group}
            if len(sources) < 2:
                continue
            usual = _majority(group, lambda e: _key(e.msgid))
            for entry in group:
                if _key(entry.msgid) != usual and not _same_meaning(_key(entry.msgid), usual,
                                                                     entry.lang):
                    where = next(e for e in group if _key(e.msgid) == usual)
                    yield self.finding(
                        entry, f"the same translation is used for {shorten(where.msgid)!r} "
                        f"({where.file}:{where.line})", found=entry.msgstr)


def _same_meaning(one: str, other: str, lang: str = "") -> bool:
    """Sources that differ only by an article or a tense auxiliary ("The World Summit" and
    "World Summit"; "has welcomed" and "welcomed") may share a translation in languages
    without articles or with one past tense; so may sources that differ only in words the
    language writes alike ("President" and "Chair": Председатель, data/shared_renderings.json)."""
    shared = _shared_words(base_lang(lang)) if lang else {}

    def words(text: str) -> list[str]:
        return [shared.get(w, w) for w in re.findall(r"\w+", text.casefold())
                if w not in _LIGHT_WORDS]

    return words(one) == words(other)


@lru_cache(maxsize=None)
def _shared_words(lang: str) -> dict[str, str]:
    """Word -> the first word of its group, for the groups ``lang`` writes with one word."""
    return {word: group[0] for group in data("shared_renderings.json").get(lang, [])
            for word in group}


_LIGHT_WORDS = frozenset({"the", "a", "an", "has", "have", "had", "was", "were", "is", "are"})


CONSISTENCY_CHECKS = (InconsistentTranslation, AmbiguousTranslation)
