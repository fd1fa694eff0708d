"""The interface every store of the memory implements (SQLite by default).

A backend keeps TMUnits and finds them again. It knows nothing of TMX, PO or scoring: callers
go through ``Memory`` (memory.py), which imports files, scores candidates and substitutes
placeables the same way whatever the backend. The PostgreSQL backend (pg_trgm,
postgres_store.py) implements the same methods; ``memory.open_memory`` picks one from the
memory's location (a file, or a postgresql:// URL).

Writes happen inside ``transaction()``: everything added in it is kept, or (an error, a
Ctrl-C) nothing is. Reads may happen inside or outside a transaction.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Iterable, Iterator, Protocol

from .model import TMUnit


class Backend(Protocol):
    """A translation memory store."""

    #: Index rows read by ``fuzzy`` since the backend was opened (posting entries and
    #: candidate rows): the work a lookup costs, for growth tests and benchmarks.
    examined: int

    def transaction(self) -> AbstractContextManager[None]:
        """All-or-nothing writes: commit when the block ends, roll back when it raises.
        Raises InputError naming the store when another process holds it locked."""

    def add(self, units: Iterable[TMUnit]) -> int:
        """Add units, inside a transaction; returns how many were new. A unit already held
        (same source, languages, target and context) is not added twice: its ``changed``
        becomes the later of the two dates, its ``origin`` the later one's."""

    def exact(self, source: str, source_lang: str, target_lang: str, *,
              context: tuple[str, str, str, str] | None = None,
              limit: int = 50) -> list[TMUnit]:
        """Up to ``limit`` units whose source is exactly ``source`` (one per context): first
        those in ``context`` (document, msgctxt, previous, next: the same non-empty msgctxt,
        or the same non-empty document and the same neighbours; see memory.Context), then
        the newest (latest ``changed``, then the latest added)."""

    #: Whether ``fuzzy(wide=True)`` can find more than ``fuzzy()`` (a budgeted search).
    widens: bool

    def fuzzy(self, source: str, source_lang: str, target_lang: str, *,
              limit: int = 20, wide: bool = False) -> list[TMUnit]:
        """Candidates for a fuzzy match, found through an index (never a scan of the memory):
        the units of up to ``limit`` sources that share the most character trigrams with
        ``source`` after ``text.normalise``, plus those whose ``text.skeleton`` equals its
        own (renumbered sentences). Unscored: ``Memory`` scores them. ``wide``: a second,
        larger (still bounded) search, for a text the first found no match for."""

    def same_skeleton(self, source: str, source_lang: str,
                      target_lang: str) -> tuple[list[TMUnit], bool]:
        """The units into ``target_lang`` of the sources whose ``text.skeleton`` equals
        ``source``'s (the only ones that can give a placeable match), in ``fuzzy``'s order,
        and whether they are all of them: False, with no units, when more sources share the
        skeleton than ``fuzzy`` adds to its candidates (then only ``fuzzy`` finds them)."""

    def iterate(self, source_lang: str | None = None,
                target_lang: str | None = None) -> Iterator[TMUnit]:
        """Every unit (one per context), in a deterministic order: source language, source
        text, context, target language, target."""

    def stats(self) -> dict[str, int]:
        """Counts: ``units`` (one per context), ``translations`` (distinct source, languages
        and target), ``sources``, and ``<sl>-><tl>`` per language pair (translations)."""

    def seen(self, origin: str) -> tuple[int, int] | None:
        """The (size, mtime_ns) recorded for a file already imported whole, or None."""

    def record(self, origin: str, size: int, mtime_ns: int) -> None:
        """Record that a file was imported whole (inside the transaction that imported it)."""

    #: Whether ``reopen`` gives a forked worker process a connection of its own (else a
    #: caller's lookups stay in the process that opened the store).
    reopens: bool

    def reopen(self) -> "Backend":
        """The same store through a connection of its own, for a forked worker process that
        only reads (a connection must not be used across a fork)."""

    def close(self) -> None:
        """Release the store."""
