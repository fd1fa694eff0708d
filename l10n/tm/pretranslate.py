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

The lookups run in two steps. The exact ones (one indexed query each) run here, in order.
The others (placeable and fuzzy: the trigram index, scoring, substitution, about 1 ms each)
are gathered, one per distinct source and language, and when there are enough of them to
pay for it (``PER_WORKER`` a process) and ``jobs`` allows, run in forked worker processes
(util.workers.fork_map), each with its own connection to the memory (``Memory.reopen``;
SQLite forbids using one across a fork). Their results come back in order and are applied
here, so the catalogues written are the same whatever the number of processes. A store that
gives no connection of its own (PostgreSQL: the server does the search) stays in one process.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..catalog.po import format_po, read_po
from ..config import ProjectConfig
from ..util.fs import write_all
from ..util.workers import Progress, default_jobs, fork_map, fork_workers_for, no_progress
from ..catalog.format_strings import satisfies_formats
from .imports import import_project, neighbours, project_catalogues
from .memory import Context, Memory
from .model import Match

KINDS = ("context", "exact", "placeable", "fuzzy")
COMMENT_PREFIX = "tm: "
# Fuzzy lookups a worker process needs to pay for its start (forking, its own connection,
# its cold caches): about 1 ms each on the benchmark's memories, against some 25 ms a worker
# (measured: 100 lookups 0.127 s in one process, 0.100 s in two; 50 about even).
PER_WORKER = 50
TASK = 20  # fuzzy lookups sent to a worker at a time (the pool balances the rest)
BATCH = 10_000  # fuzzy lookups gathered at most before they run: bounds the catalogues held


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
                           lang: str, document: str, threshold: float,
                           jobs: int = 1) -> Counter:
    """Fill ``catalogue``'s untranslated entries from ``memory``; the counts per kind."""
    filling = _Filling(memory, source_lang, threshold, jobs)
    counts = filling.add(catalogue, lang, document)
    filling.run()
    return counts


class _Filling:
    """Catalogues being filled: their exact matches applied at once, their other lookups
    gathered (``add``), then run and applied (``run``), in this process or in workers."""

    def __init__(self, memory: Memory, source_lang: str, threshold: float, jobs: int):
        self.memory = memory
        self.source_lang = source_lang
        self.threshold = threshold
        self.jobs = jobs
        self.queries: dict[tuple[str, str], int] = {}  # (source, lang) -> index in waiting
        self.waiting: list[tuple[str, str]] = []
        self.entries: list[tuple[polib.POEntry, int, Counter]] = []  # entry, query, counts
        self.workers_used = 0  # worker processes of the last run (for tests and benchmarks)

    def add(self, catalogue: polib.POFile, lang: str, document: str) -> Counter:
        """Apply the exact matches of ``catalogue``'s untranslated entries; the others wait
        for ``run``, which adds to the counts returned."""
        counts: Counter = Counter()
        for entry, previous, following in neighbours(catalogue):
            if not _untranslated(entry):
                continue
            context = Context(document, entry.msgctxt or "", previous, following)
            matches = self.memory.lookup_exact(entry.msgid, self.source_lang, lang,
                                               context=context, limit=1)
            if matches:
                counts[apply_match(entry, matches[0])] += 1
                continue
            key = (entry.msgid, lang)
            index = self.queries.get(key)
            if index is None:
                index = self.queries[key] = len(self.waiting)
                self.waiting.append(key)
            self.entries.append((entry, index, counts))
        return counts

    def __len__(self) -> int:
        return len(self.waiting)

    def run(self) -> None:
        """Run the waiting lookups and apply their matches, in the order they were added."""
        found, self.workers_used = fuzzy_matches(self.memory, self.waiting, self.source_lang,
                                                 self.threshold, self.jobs)
        for entry, index, counts in self.entries:
            match = found[index]
            counts[apply_match(entry, match) if match is not None else "none"] += 1
        self.queries, self.waiting, self.entries = {}, [], []


def fuzzy_matches(memory: Memory, queries: list[tuple[str, str]], source_lang: str,
                  threshold: float, jobs: int) -> tuple[list[Match | None], int]:
    """The best placeable or fuzzy match (or None) of each (source, language) of ``queries``,
    in their order, and the worker processes used: forked workers when there are enough
    queries to pay (``PER_WORKER`` a worker) and ``jobs`` and the store allow (each worker
    reads through a connection of its own), else this process."""
    lookups = _Lookups(memory, source_lang, threshold)
    workers = fork_workers_for(len(queries), jobs, PER_WORKER) if memory.reopens else 0
    if workers:
        groups = [list(range(start, min(start + TASK, len(queries))))
                  for start in range(0, len(queries), TASK)]
        return fork_map(queries, lookups.one, groups, workers, share=True), workers
    return [lookups.one(query) for query in queries], 0


class _Lookups:
    """One fuzzy lookup at a time, in this process or in a forked worker, where the memory is
    read through a connection of the worker's own, opened at its first lookup."""

    def __init__(self, memory: Memory, source_lang: str, threshold: float):
        self.memory = memory
        self.source_lang = source_lang
        self.threshold = threshold
        self._parent = os.getpid()
        self._own: Memory | None = None

    def one(self, query: tuple[str, str]) -> Match | None:
        memory = self.memory
        if os.getpid() != self._parent:
            if self._own is None:
                self._own = memory.reopen()
            memory = self._own
        source, lang = query
        matches = memory.lookup_fuzzy(source, self.source_lang, lang, threshold=self.threshold,
                                      limit=1)
        return matches[0] if matches else None


def pretranslate(config: ProjectConfig, memory: Memory, langs: list[str], *,
                 threshold: float = 75.0, write: bool = True, jobs: int | None = None,
                 progress: Progress = no_progress) -> list[PretranslateResult]:
    """Pre-translate every existing catalogue of ``langs``; all are written or none.
    ``progress`` is told of each catalogue imported into the memory, then of each filled.
    ``jobs``: processes for the fuzzy lookups, at most (default: every core)."""
    import_project(memory, config, progress)
    results, planned = [], []
    chosen = [(lang, document, path) for lang, document, path in project_catalogues(config)
              if lang in langs]
    filling = _Filling(memory, config.source_language, threshold, jobs or default_jobs())
    held: list[tuple[PretranslateResult, polib.POFile]] = []
    with progress(len(chosen)) as tick:

        def finish() -> None:
            filling.run()
            for result, catalogue in held:
                if any(result.counts[kind] for kind in KINDS):
                    planned.append((result, format_po(catalogue, result.path)))
                tick()
            held.clear()

        for lang, document, path in chosen:
            catalogue = read_po(path)
            result = PretranslateResult(lang, document, path)
            result.counts = filling.add(catalogue, lang, document)
            results.append(result)
            held.append((result, catalogue))
            if len(filling) >= BATCH:
                finish()
        finish()
    if write and planned:
        written = write_all((result.path, text) for result, text in planned)
        for (result, _), done in zip(planned, written):
            result.written = done
    return results
