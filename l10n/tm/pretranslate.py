"""Pre-translation: fill the untranslated entries of the project's catalogues from the memory.

For each active, singular entry without a translation (a translated or fuzzy one is never
touched), the memory's best match decides:

- an identical source in the same context (same document and neighbouring entries, or the
  same msgctxt): the translation is taken as it is, translated (not fuzzy);
- any other identical source, a source that differs only in placeables (substituted, 99 %),
  or a fuzzy match at or above the threshold: the translation is taken fuzzy, with the
  memory's source as ``#| msgid`` when it differs, and a translator comment naming where it
  came from and its score (``# tm: 87% fuzzy match, po/fr/summit/overview.po``).

A translation that would not pass ``msgfmt --check`` as a translated entry (a format string
it does not satisfy, a leading or trailing newline the source lacks or has) is taken fuzzy.
Before looking up, the project's own catalogues are imported (only those changed since the
last import are read), so the memory always knows the project's latest translations.
All catalogues are written together (fsutil.write_all), after every one is computed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..catalog.po import format_po, read_po
from ..config import ProjectConfig
from ..util.fs import write_all
from ..util.workers import Progress, no_progress
from ..catalog.format_strings import satisfies_formats
from .imports import import_project, neighbours, project_catalogues
from .memory import Context, Memory
from .model import Match

KINDS = ("context", "exact", "placeable", "fuzzy")
COMMENT_PREFIX = "tm: "


@dataclass
class PretranslateResult:
    lang: str
    document: str
    path: Path
    counts: Counter = field(default_factory=Counter)  # per kind; "none" for no match
    written: bool = False


def _untranslated(entry: polib.POEntry) -> bool:
    return (not entry.obsolete and not entry.msgid_plural and not entry.msgstr
            and bool(entry.msgid))


def _fits(entry: polib.POEntry, target: str) -> bool:
    """Whether ``target`` as ``entry``'s translation passes msgfmt --check when not fuzzy."""
    if entry.msgid.startswith("\n") != target.startswith("\n") or \
            entry.msgid.endswith("\n") != target.endswith("\n"):
        return False
    return satisfies_formats(polib.POEntry(msgid=entry.msgid, msgstr=target,
                                           flags=list(entry.flags)))


def apply_match(entry: polib.POEntry, match: Match) -> str:
    """Fill ``entry`` from ``match``; returns the kind of match as applied."""
    entry.msgstr = match.target
    kind = match.kind
    if kind == "context":
        if _fits(entry, match.target):
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            return kind
        kind = "exact"  # msgfmt would refuse it as a translation: a translator decides
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    if match.unit.source != entry.msgid:
        entry.previous_msgid = match.unit.source
    origin = match.unit.origin or "the translation memory"
    note = f"{COMMENT_PREFIX}{match.score:g}% {kind} match, {origin}"
    entry.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note
    return kind


def pretranslate_catalogue(catalogue: polib.POFile, memory: Memory, *, source_lang: str,
                           lang: str, document: str, threshold: float) -> Counter:
    counts: Counter = Counter()
    for entry, previous, following in neighbours(catalogue):
        if not _untranslated(entry):
            continue
        context = Context(document, entry.msgctxt or "", previous, following)
        matches = memory.lookup(entry.msgid, source_lang, lang, threshold=threshold,
                                context=context, limit=1)
        if not matches:
            counts["none"] += 1
            continue
        counts[apply_match(entry, matches[0])] += 1
    return counts


def pretranslate(config: ProjectConfig, memory: Memory, langs: list[str], *,
                 threshold: float = 75.0, write: bool = True,
                 progress: Progress = no_progress) -> list[PretranslateResult]:
    """Pre-translate every existing catalogue of ``langs``; all are written or none.
    ``progress`` is told of each catalogue imported into the memory, then of each filled."""
    import_project(memory, config, progress)
    results, planned = [], []
    chosen = [(lang, document, path) for lang, document, path in project_catalogues(config)
              if lang in langs]
    with progress(len(chosen)) as tick:
        for lang, document, path in chosen:
            catalogue = read_po(path)
            result = PretranslateResult(lang, document, path)
            result.counts = pretranslate_catalogue(catalogue, memory,
                                                   source_lang=config.source_language, lang=lang,
                                                   document=document, threshold=threshold)
            results.append(result)
            if any(result.counts[kind] for kind in KINDS):
                planned.append((result, format_po(catalogue, path)))
            tick()
    if write and planned:
        written = write_all((result.path, text) for result, text in planned)
        for (result, _), done in zip(planned, written):
            result.written = done
    return results
