"""The memory as callers use it: where it lives, lookups with scores, imports.

``Memory`` wraps a ``Backend`` (backend.py) and does what must be the same whatever the store:
it scores candidates (text.similarity), tells context matches from other exact ones, and
substitutes placeables (substitute.py).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..config import ProjectConfig
from ..errors import ConfigError
from .backend import Backend
from .model import Match, TMUnit
from .substitute import substitute
from .text import similarity, skeleton

PLACEABLE_SCORE = 99.0  # a match that differs only in placeables, once they are substituted
WIDER_WITHIN = 15.0  # a wider search when the best candidate scored this close to the threshold
_KIND_RANK = {"context": 0, "exact": 1, "placeable": 2, "fuzzy": 3}


@dataclass(frozen=True)
class Context:
    """Where a text to translate stands: its document, msgctxt and neighbouring sources."""

    document: str = ""
    msgctxt: str = ""
    previous: str = ""
    next: str = ""

    def matches(self, unit: TMUnit) -> bool:
        """A context match: the same document and the same neighbours, or the same msgctxt
        (gettext's own key for "the same message")."""
        if self.msgctxt and unit.msgctxt == self.msgctxt:
            return True
        return bool(self.document) and (unit.document, unit.previous, unit.next) == (
            self.document, self.previous, self.next)


URL_VARIABLE = "L10N_TM_URL"


def memory_path(config: ProjectConfig | None) -> Path | str:
    """Where the project's memory is: a PostgreSQL URL in $L10N_TM_URL or ``[tool.l10n] tm``
    (a shared memory, postgres_store.py); else the file ``[tool.l10n] tm`` names; else the
    cache folder (as for compiled glossaries: $L10N_CACHE_DIR, $XDG_CACHE_HOME/l10n or
    ~/.cache/l10n), under ``tm/<project folder name>-<digest of its path>.sqlite``."""
    url = os.environ.get(URL_VARIABLE)
    if url:
        from .postgres_store import is_url, masked

        if not is_url(url):
            raise ConfigError(f"{URL_VARIABLE} must be a postgresql:// URL, not "
                              f"{masked(url)!r}")
        return url
    if getattr(config, "tm_url", None):
        return config.tm_url
    configured = getattr(config, "tm_path", None)
    if configured is not None:
        return configured
    from ..util.cache import cache_root

    root = cache_root()
    if root is None:
        raise ConfigError("the translation memory lives in the cache folder, which "
                          "L10N_NO_CACHE turns off; name a file with [tool.l10n] tm = \"...\"",
                          path=config.config_file)
    digest = hashlib.sha256(str(config.root).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^\w.-]", "_", config.root.name) or "project"
    return root / "tm" / f"{name}-{digest}.sqlite"


def open_memory(config: ProjectConfig | None = None, *, path: str | Path | None = None,
                timeout: float = 10.0) -> "Memory":
    """The project's memory (or the one at ``path``: a file, or a postgresql:// URL), on the
    SQLite backend or, for a URL, the PostgreSQL one. ``timeout``: how long a write waits for
    another process's."""
    from .postgres_store import is_url

    location = path if path is not None else memory_path(config)
    if is_url(location):
        from .postgres_store import PostgresBackend

        backend = PostgresBackend(location, timeout=timeout)
        return Memory(backend, backend.shown)
    from .sqlite_store import SQLiteBackend

    location = Path(location)
    return Memory(SQLiteBackend(location, timeout=timeout), location)


class Memory:
    """A translation memory over a backend."""

    def __init__(self, backend: Backend, location: Path | str):
        self.backend = backend
        self.location = location

    def __enter__(self) -> "Memory":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    def lookup(self, source: str, source_lang: str, target_lang: str, *,
               threshold: float = 75.0, context: Context | None = None,
               limit: int = 5) -> list[Match]:
        """The best matches for ``source``, best first: context matches, exact ones, then
        placeable and fuzzy ones scoring at least ``threshold`` percent. One match per
        distinct translation."""
        return (self.lookup_exact(source, source_lang, target_lang, context=context,
                                  limit=limit)
                or self.lookup_fuzzy(source, source_lang, target_lang, threshold=threshold,
                                     limit=limit))

    def lookup_exact(self, source: str, source_lang: str, target_lang: str, *,
                     context: Context | None = None, limit: int = 5) -> list[Match]:
        """``lookup``'s first step: the context and exact matches (one indexed query). When
        there is none, ``lookup_fuzzy`` gives what ``lookup`` gives."""
        matches = []
        where = None if context is None else (context.document, context.msgctxt,
                                                  context.previous, context.next)
        for unit in self.backend.exact(source, source_lang, target_lang, context=where):
            kind = "context" if context is not None and context.matches(unit) else "exact"
            matches.append(Match(unit, 100.0, kind, unit.target))
        return _best(source, matches, limit)

    def lookup_fuzzy(self, source: str, source_lang: str, target_lang: str, *,
                     threshold: float = 75.0, limit: int = 5) -> list[Match]:
        """``lookup``'s second step, for a source without an exact match: the placeable and
        fuzzy matches. It depends on its arguments and the store only, so such lookups may
        run in any order and in any process (pretranslate.py's workers)."""
        return _best(source, self._fuzzy(source, source_lang, target_lang, threshold, limit),
                     limit)

    @property
    def reopens(self) -> bool:
        """Whether ``reopen`` can give a forked worker a connection of its own."""
        return self.backend.reopens

    def reopen(self) -> "Memory":
        """The same memory through a connection of its own, for a forked worker process that
        only reads (SQLite forbids using a connection across a fork)."""
        return Memory(self.backend.reopen(), self.location)

    def _fuzzy(self, source: str, source_lang: str, target_lang: str, threshold: float,
               limit: int) -> list[Match]:
        """Placeable and fuzzy matches. A placeable match outranks every fuzzy one, and only
        a source of the same skeleton can give one: when the memory holds all such sources
        below the backend's limit and they give ``limit`` distinct translations, the trigram
        index is not read (it could only add matches ranked below them)."""
        shape = skeleton(source)
        if shape:
            units, complete = self.backend.same_skeleton(source, source_lang, target_lang)
            placeable, _ = self._placeables(source, units, shape, source_lang, target_lang,
                                            limit)
            if complete and len({match.target for match in placeable}) >= limit:
                return placeable
        scores: dict[str, float] = {}
        matches = self._scored(source, self.backend.fuzzy(source, source_lang, target_lang),
                               shape, threshold, scores, source_lang, target_lang, limit)
        if not matches and self.backend.widens and \
                max(scores.values(), default=0.0) >= threshold - WIDER_WITHIN:
            # a second chance: the budgeted search read the postings of the rarest trigrams,
            # which a similar source may not share (a reworded start, a different name);
            # only for a text whose candidates came near the threshold (a sentence new to
            # the memory, whose best candidates score 40 to 55, would pay it for nothing)
            wider = self.backend.fuzzy(source, source_lang, target_lang, wide=True)
            matches = self._scored(source, wider, shape, threshold, scores, source_lang,
                                   target_lang, limit)
        return matches

    def _scored(self, source: str, units: list[TMUnit], shape: str, threshold: float,
                scores: dict[str, float], source_lang: str, target_lang: str,
                limit: int) -> list[Match]:
        """The placeable matches among ``units`` and, unless they give ``limit`` distinct
        translations (which outrank every fuzzy match), the fuzzy ones scoring ``threshold``
        or more (``scores``: similarities computed already, by source)."""
        placeable, failed = self._placeables(source, units, shape, source_lang, target_lang,
                                             limit)
        if len({match.target for match in placeable}) >= limit:
            return placeable
        matches = placeable
        for unit in units:
            if shape and skeleton(unit.source) == shape and id(unit) not in failed:
                continue  # a placeable match, taken above
            score = scores.get(unit.source)
            if score is None:
                score = scores[unit.source] = similarity(source, unit.source)
            if score >= threshold:
                matches.append(Match(unit, round(score, 1), "fuzzy", unit.target))
        return matches

    @staticmethod
    def _placeables(source: str, units: list[TMUnit], shape: str, source_lang: str,
                    target_lang: str, limit: int) -> tuple[list[Match], set[int]]:
        """The placeable matches among ``units`` (those of ``source``'s skeleton ``shape``
        whose translation takes the new placeables), and the ids of the units of that
        skeleton that give none. Substituting costs more than ranking, so the units are
        tried in the order ``_best`` ranks their matches (the newest, then the closest
        source), and no further once ``limit`` distinct translations are found: ``_best``
        gives what it gives for all of them. A source and translation tried once are not
        tried again (the same text in another context)."""
        if not shape:
            return [], set()
        shaped = [unit for unit in units if skeleton(unit.source) == shape]
        shaped.sort(key=lambda unit: (_newest(unit.changed),
                                      100.0 - similarity(source, unit.source)))
        matches: list[Match] = []
        targets: set[str] = set()
        tried: dict[tuple[str, str], str | None] = {}
        failed: set[int] = set()
        for unit in shaped:
            pair = (unit.source, unit.target)
            if pair in tried:
                target = tried[pair]
            else:
                target = tried[pair] = substitute(source, unit.source, unit.target,
                                                  source_lang=source_lang,
                                                  target_lang=target_lang)
            if target is None:
                failed.add(id(unit))
                continue
            matches.append(Match(unit, PLACEABLE_SCORE, "placeable", target))
            targets.add(target)
            if len(targets) >= limit:
                break  # the rest rank lower, and no fuzzy match outranks these
        return matches, failed

    def add(self, units) -> int:
        return self.backend.add(units)

    def stats(self) -> dict[str, int]:
        return self.backend.stats()


def _best(source: str, matches: list[Match], limit: int) -> list[Match]:
    """The ``limit`` best of ``matches`` for ``source``, one per distinct translation."""
    # stable: among equals, the backend's order (the newest first) stands; among
    # placeable matches of the same date, the closest source first (fewer substituted)
    matches.sort(key=lambda m: (_KIND_RANK[m.kind], -m.score, _newest(m.unit.changed),
                                _distance(source, m)))
    seen, best = set(), []
    for match in matches:
        if match.target not in seen:
            seen.add(match.target)
            best.append(match)
    return best[:limit]


def _distance(source: str, match: Match) -> float:
    """Sort key: how far a placeable match's source is from ``source`` (0 for the others)."""
    return 100.0 - similarity(source, match.unit.source) if match.kind == "placeable" else 0.0


def _newest(changed: str) -> tuple:
    """Sort key: later dates first ("" last)."""
    return tuple(-ord(c) for c in changed) if changed else (1,)
